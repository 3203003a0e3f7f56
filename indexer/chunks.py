"""Knowledge documents split into chunks for retrieval.

An embedding model reads a few hundred words at most (E5 512 tokens, MiniLM 256): a long article
or answer embedded whole is cut off, and what its later paragraphs say is never found. Each
document is split at paragraph, then sentence, boundaries into chunks of at most ``CHUNK_CHARS``
characters, each carrying the document's title; the knowledge indexes hold one vector per chunk
(ids: ``knowledge_chunk.id``) and a document scores as its best chunk (indexer.knowledge).
Short documents are one chunk, the same text as the document.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import delete, select

from pipelines.models import KnowledgeChunk, KnowledgeDoc
from pipelines.models.db import Database
from pipelines.normalize import content_hash

CHUNK_CHARS = 1000  # about 200 words: within MiniLM's 256 tokens, well within E5's 512
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)")
_SENTENCE = re.compile(r"(?<=[.!?¿¡:;])\s+")


def _pieces(text: str, size: int) -> list[str]:
    """Paragraphs, with any longer than ``size`` cut into sentences (and a sentence longer than
    ``size`` cut at spaces)."""
    out: list[str] = []
    for para in _PARAGRAPH.split(text):
        para = " ".join(para.split())
        if not para:
            continue
        if len(para) <= size:
            out.append(para)
            continue
        for sentence in _SENTENCE.split(para):
            while len(sentence) > size:
                cut = sentence.rfind(" ", 0, size)
                cut = cut if cut > size // 2 else size
                out.append(sentence[:cut].strip())
                sentence = sentence[cut:].strip()
            if sentence:
                out.append(sentence)
    return out


def split(title: str | None, body: str | None, size: int = CHUNK_CHARS) -> list[str]:
    """The chunks of one document, in order, each starting with the title."""
    title = " ".join((title or "").split())
    head = f"{title}\n" if title else ""
    room = max(200, size - len(head))
    chunks: list[str] = []
    current = ""
    for piece in _pieces(body or "", room):
        if current and len(current) + 1 + len(piece) > room:
            chunks.append(current)
            current = piece
        else:
            current = f"{current}\n{piece}" if current else piece
    if current or not chunks:
        chunks.append(current)
    return [f"{head}{c}".strip() for c in chunks]


def sync_chunks(db: Database) -> dict[str, int]:
    """Bring ``knowledge_chunk`` in step with ``knowledge_doc``: split new and changed documents
    (by content hash), drop the chunks of documents that are gone."""
    with db.session() as s:
        docs, split_as = _versions(s)
        gone = [d for d in split_as if d not in docs]
        todo = [d for d, h in docs.items() if split_as.get(d) != h]
        stale = [d for d in todo if d in split_as]
        for ids in _batches(gone + stale):
            s.execute(delete(KnowledgeChunk).where(KnowledgeChunk.doc_id.in_(ids)))
        added = 0
        for ids in _batches(todo):
            rows = s.execute(
                select(KnowledgeDoc.id, KnowledgeDoc.title, KnowledgeDoc.body,
                       KnowledgeDoc.content_hash).where(KnowledgeDoc.id.in_(ids))
            )  # fmt: skip
            for doc_id, title, body, digest in rows:
                for n, text in enumerate(split(title, body)):
                    s.add(KnowledgeChunk(doc_id=doc_id, ordinal=n, text=text, doc_hash=digest,
                                         content_hash=content_hash(text)))  # fmt: skip
                    added += 1
        return {"documents": len(todo), "chunks": added, "dropped": len(gone)}


def stale_documents(db: Database) -> list[int]:
    """Ids of knowledge documents not split yet in their current version."""
    with db.session() as s:
        docs, split_as = _versions(s)
    return sorted(d for d, h in docs.items() if split_as.get(d) != h)


def _versions(s: Any) -> tuple[dict[int, str], dict[int, str]]:
    """Each document's content hash, and the hash each split document had when it was split."""
    docs = dict(s.execute(select(KnowledgeDoc.id, KnowledgeDoc.content_hash)).all())
    split_as = dict(s.execute(select(KnowledgeChunk.doc_id, KnowledgeChunk.doc_hash)).all())
    return docs, split_as


def _batches(ids: list[Any], size: int = 500) -> list[list[Any]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]
