"""The knowledge index's version in the database (indexer.version): the indexer publishes it
when it writes the files, and a web process on a host without the index files shows the stored
suggestions of that version (and only those), where it would otherwise show every ticket's
suggestions as pending."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from config import load_settings
from indexer.suggest import context_of
from indexer.version import kb_version, published
from pipelines.models.db import Database
from pipelines.models.records import IndexVersion, KnowledgeDoc, Mention, StoredSuggestion
from tests.webapp.support import seed, store_suggestions, token_for
from webapp import create_app, suggestions


def _web_host(settings: Any, tmp_path: Path) -> Any:
    """A web process on another host: the same database, a data directory of its own (no
    index files in it)."""
    other = load_settings(home=str(tmp_path / "web-host"), database_url=settings.db_url)
    assert kb_version(other) is None and not Path(other.index_dir).exists()
    return create_app(settings=other, test_config={"TESTING": True}).test_client()


def _suggest(client: Any, token: str, ticket_id: int) -> dict[str, Any]:
    resp = client.get(
        f"/api/tickets/{ticket_id}/suggest", headers={"Authorization": f"Bearer {token}"}
    )
    assert resp.status_code == 200
    return resp.get_json()


def test_stored_suggestions_of_the_published_version_show_without_index_files(
    settings: Any, db: Database, tmp_path: Path
) -> None:
    ids = seed(db)
    tid = ids["tickets"][0]
    token = token_for(db, "ana", "agent")
    client = _web_host(settings, tmp_path)
    assert _suggest(client, token, tid)["pending"]  # nothing indexed anywhere yet

    with db.session() as s:  # what the jobs stored, under the version the indexer published
        s.add(IndexVersion(name="knowledge", version="v1", host="indexer-host"))
        doc = s.scalar(select(KnowledgeDoc.id).where(KnowledgeDoc.source_id == "kb-1"))
        for post in s.scalars(select(Mention).where(Mention.ticket_id.is_not(None))):
            key = suggestions.mention_key(post, context_of(s, post))
            hits = [{"doc_id": doc, "score": 0.9, "similarity": 0.9}]
            s.add(StoredSuggestion(mention_id=post.id, kb_version="v1", mention_key=key,
                                   hits=hits))
    found = _suggest(client, token, tid)
    assert not found["pending"]
    assert [x["title"] for x in found["suggestions"]] == ["Charged twice for your plan"]

    with db.session() as s:  # the indexer published another version: those rows are stale
        s.get(IndexVersion, "knowledge").version = "v2"
    assert _suggest(client, token, tid)["pending"]


@pytest.mark.slow
def test_the_indexer_publishes_the_version_its_files_have(
    settings: Any, db: Database, tmp_path: Path
) -> None:
    ids = seed(db)
    tid = ids["tickets"][0]
    token = token_for(db, "ana", "agent")
    store_suggestions(settings, db)  # `listenpost index`: files written, suggestions stored
    with db.session() as s:
        row = published(s)
        assert row is not None and row.version == kb_version(settings)
    on_indexer = create_app(settings=settings, test_config={"TESTING": True}).test_client()
    here = _suggest(on_indexer, token, tid)
    elsewhere = _suggest(_web_host(settings, tmp_path), token, tid)
    assert not elsewhere["pending"] and elsewhere["suggestions"]
    assert elsewhere == here  # the same suggestions on a host without the files
