"""Knowledge documents chunked for retrieval: the split, the chunk table kept in step, and a long
article found by what its last paragraph says."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from crawlers.items import HelpDoc
from indexer.build import check_indexes, update_indexes
from indexer.chunks import CHUNK_CHARS, split, sync_chunks
from indexer.knowledge import KnowledgeBase
from pipelines.chain import Chain
from pipelines.models import KnowledgeChunk, KnowledgeDoc
from pipelines.models.db import Database

FILLER = (
    "Nubefon plans include calls, texts and data in every country of the European Union. "
    "Your monthly allowance renews on the day your contract started. "
)


def _words(text: str) -> list[str]:
    return text.split()


def test_a_short_document_is_one_chunk_with_its_title() -> None:
    assert split("Wi-Fi drops", "Restart the router.") == ["Wi-Fi drops\nRestart the router."]
    assert split(None, "Only a body.") == ["Only a body."]
    assert split("Only a title", "") == ["Only a title"]


def test_a_long_document_splits_at_paragraphs_and_sentences_keeping_every_word() -> None:
    paragraphs = [FILLER * 3, "Short tip.", FILLER * 12, "x" * 2500]
    body = "\n\n".join(paragraphs)
    chunks = split("Roaming", body)
    assert len(chunks) > 4
    assert all(c.startswith("Roaming\n") and len(c) <= CHUNK_CHARS for c in chunks)
    rebuilt = [w for c in chunks for w in _words(c.removeprefix("Roaming\n"))]
    assert "".join(rebuilt) == "".join(_words(body))  # nothing lost, nothing reordered
    assert any(c.endswith("Short tip.") or "\nShort tip." in c for c in chunks)


def _doc(source_id: str, body: str, title: str = "Roaming") -> HelpDoc:
    return HelpDoc(source="kb", source_id=source_id, lang="en", title=title, body=body)


def test_chunks_follow_the_documents(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(_doc("kb-long", "\n\n".join([FILLER * 8] * 3)))
        chain.process(_doc("kb-short", "Restart the router.", title="Wi-Fi"))
    first = sync_chunks(any_db)
    assert first["documents"] == 2 and first["chunks"] >= 4
    assert sync_chunks(any_db) == {"documents": 0, "chunks": 0, "dropped": 0}
    with any_db.session() as s:
        long_id = s.scalar(select(KnowledgeDoc.id).where(KnowledgeDoc.source_id == "kb-long"))
        s.execute(update(KnowledgeDoc).where(KnowledgeDoc.id == long_id)
                  .values(body="Now short.", content_hash="changed"))  # fmt: skip
    assert sync_chunks(any_db)["documents"] == 1
    with any_db.session() as s:
        texts = s.scalars(select(KnowledgeChunk.text).where(KnowledgeChunk.doc_id == long_id))
        assert list(texts) == ["Roaming\nNow short."]
        s.delete(s.get(KnowledgeDoc, long_id))
    with any_db.session() as s:
        assert s.scalars(select(KnowledgeChunk.doc_id)).all() == [
            s.scalar(select(KnowledgeDoc.id).where(KnowledgeDoc.source_id == "kb-short"))
        ]


@pytest.mark.slow
def test_a_long_article_is_found_by_its_last_paragraph(db: Database) -> None:
    """Embedded whole, the article would be cut off long before its eSIM paragraph, and the
    article about compatible phones would come first."""
    esim = ("To activate an eSIM, open Settings, then Mobile data, then Add eSIM, and scan the "
            "QR code from your welcome e-mail.")  # fmt: skip
    with Chain(db.settings, db) as chain:
        chain.process(_doc("kb-guide", "\n\n".join([FILLER * 6] * 4 + [esim]), "Getting started"))
        chain.process(
            _doc(
                "kb-phones",
                "Most phones sold in the last five years work on our "
                "network, including phones with eSIM support. The list of compatible "
                "models is in our shop.",
                title="Which phones work with Nubefon",
            )
        )
    result = update_indexes(db.settings, db, collections=("knowledge",))
    assert result["knowledge"]["count"] > 2  # chunks, not documents
    kb = KnowledgeBase(db.settings, db, refresh=False)
    [hits] = kb.search(["How do I activate the eSIM on my new phone?"], k=2, lang="en")
    assert hits[0].doc.source_id == "kb-guide"
    report = check_indexes(db.settings, db)
    assert report["knowledge"]["only_in_database"] == [] and report["knowledge"]["changed"] == []
    assert report["knowledge"]["unchunked_documents"] == []
    with db.session() as s:
        s.execute(update(KnowledgeDoc).where(KnowledgeDoc.source_id == "kb-phones")
                  .values(body="Every phone works.", content_hash="changed"))  # fmt: skip
    report = check_indexes(db.settings, db, repair=True)
    assert len(report["knowledge"]["unchunked_documents"]) == 1
    assert check_indexes(db.settings, db)["knowledge"]["unchunked_documents"] == []
