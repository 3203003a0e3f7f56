"""The gaps page and ``GET /api/gaps`` show the report a job stored (`listenpost index`), with
its age, and never compute one in the request: the embedding path raises in these tests."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import delete

from pipelines.chain import Chain
from pipelines.models import GapReport, KnowledgeDoc, Mention
from tests.indexer.world import KB, MENTIONS
from tests.webapp.support import login, token_for
from webapp.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture
def indexed(db, cli):  # noqa: ANN001, ANN201
    with Chain(db.settings, db) as chain:
        for item in KB + MENTIONS:
            chain.process(item)
    result = cli.invoke(main, ["index", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _no_computing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("a web request embedded posts or read an index")

    monkeypatch.setattr("indexer.gaps.prepare", refuse)
    monkeypatch.setattr("indexer.embedder.load_embedder", refuse)
    monkeypatch.setattr("indexer.build.load_embedder", refuse)


def test_the_page_shows_the_stored_report_without_computing(client, db, indexed, monkeypatch):  # noqa: ANN001, ANN201
    assert indexed["gaps"]["computed"] is True and indexed["gaps"]["gaps"] >= 1
    _no_computing(monkeypatch)
    login(client, db, "kim", "knowledge")
    html = client.get("/gaps/").get_data(as_text=True)
    assert "How do I activate the eSIM on my new phone?" in html
    assert "2 in the last 15 days, 1 in the 15 days before" in html
    assert "Answered by the community, not by us" in html
    assert "How I activated the eSIM on my new phone" in html
    assert "min ago" in html or "just now" in html
    assert html.count("<h3>Answered by the community") == 1  # under the gap, no trailing card
    assert "Router Wi-Fi drops every hour" not in html  # a third-party answer of no gap

    bearer = {"Authorization": f"Bearer {token_for(db, 'k2', 'knowledge')}"}
    api = client.get("/api/gaps", headers=bearer)
    assert api.status_code == 200
    body = api.get_json()
    assert body["computed_at"] and body["changed_since"] is False
    [gap] = [c for c in body["clusters"] if "eSIM" in c["label"]]
    assert gap["growth_text"] == "2 in the last 15 days, 1 in the 15 days before"
    assert sorted(gap["source_ids"]) == ["m-esim-1", "m-esim-2", "m-esim-3"]
    assert [a["title"] for a in gap["answers"]] == ["How I activated the eSIM on my new phone"]
    assert gap["answers"][0]["url"].startswith("https://")


def test_changes_and_deletions_show_without_computing(client, db, indexed, monkeypatch):  # noqa: ANN001, ANN201
    _no_computing(monkeypatch)
    login(client, db, "kim", "knowledge")
    with db.session() as s:  # the label's post and the answer's document are deleted
        s.execute(delete(Mention).where(Mention.source_id == "m-esim-1"))
        s.execute(delete(KnowledgeDoc).where(KnowledgeDoc.source_id == "rd-esim"))
    html = client.get("/gaps/").get_data(as_text=True)
    assert "How do I activate the eSIM on my new phone?" not in html
    assert "Posts or articles changed since" in html
    assert "How I activated the eSIM" not in html
    with db.session() as s:
        s.execute(delete(GapReport))
    html = client.get("/gaps/").get_data(as_text=True)
    assert "No gap report yet" in html
