"""Suggested answers computed outside the web request: `listenpost index` (and every watch run)
stores them for each open ticket's newest customer post; the ticket page shows them at once,
the fragment and the API serve them; they are computed again when the knowledge index changes,
the post changes or a new post joins the ticket, and a request that finds none computes and
stores them."""

from __future__ import annotations

import json
import time
from datetime import timedelta

from sqlalchemy import select

from crawlers.items import utcnow
from indexer.build import update_indexes
from indexer.suggest import suggest as indexer_suggest
from pipelines.models.records import KnowledgeDoc, Mention, StoredSuggestion
from tests.webapp.support import login, seed, token_for
from webapp import suggestions
from webapp.cli import main

API_KEYS = {"doc_id", "source", "platform", "title", "body", "url", "author", "lang", "score",
            "draft", "needs_human"}  # fmt: skip


def _rows(db) -> dict[int, StoredSuggestion]:  # noqa: ANN001
    with db.session() as s:
        return {r.mention_id: r for r in s.scalars(select(StoredSuggestion))}


def _wait_for_kb(settings, db) -> None:  # noqa: ANN001
    deadline = time.monotonic() + 120
    while suggestions._knowledge_base(settings, db) is None:
        assert time.monotonic() < deadline, "the knowledge base did not load"
        time.sleep(0.2)


def test_stored_suggestions_computed_served_and_refreshed(client, db, settings, cli) -> None:  # noqa: ANN001
    ids = seed(db)
    tid = ids["tickets"][0]
    root_id, yt_id = ids["mentions"][0]
    assert suggestions.store_pending(settings, db)["stored"] == 0  # no knowledge index yet

    out = cli.invoke(main, ["index", "--json"])
    assert out.exit_code == 0, out.output
    counts = json.loads(out.output)["suggestions"]
    # the newest customer post of each open ticket (the YouTube comments), each embedded once
    assert counts == {"targets": 2, "current": 0, "stored": 2, "embedded": 0, "reused": 2}
    rows = _rows(db)
    assert set(rows) == {yt for _, yt in ids["mentions"]}
    # the same ranking and drafts as the indexer computes live
    live = indexer_suggest(settings, db, mention_id=yt_id, k=suggestions.K)
    assert [(h["doc_id"], h["draft"]) for h in rows[yt_id].hits] == [
        (h["doc_id"], h["draft"]) for h in live["suggestions"]
    ]
    assert rows[yt_id].needs_human == live["needs_human"]
    again = suggestions.store_pending(settings, db)
    assert (again["stored"], again["current"]) == (0, 2)

    # served: mark the stored draft, then the page, the fragment and the API show the mark
    with db.session() as s:
        row = s.get(StoredSuggestion, yt_id)
        row.hits = [dict(h, draft="stored draft") for h in row.hits]
    login(client, db, "alice", "agent")
    page = client.get(f"/tickets/{tid}").get_data(as_text=True)
    assert "Loading suggestions" not in page and "use-suggestion" in page  # inline, no 2nd request
    page = client.get(f"/tickets/{tid}?suggestion=0").get_data(as_text=True)
    assert "stored draft" in page.split('id="reply-text"')[1].split("</textarea>")[0]
    frag = client.get(f"/tickets/{tid}/suggestions?to={yt_id}").get_data(as_text=True)
    assert "own KB" in frag and "use-suggestion" in frag
    headers = {"Authorization": "Bearer " + token_for(db, "api-agent", "agent")}
    api = client.get(f"/api/tickets/{tid}/suggest", headers=headers).get_json()
    assert api["mention_id"] == yt_id and api["suggestions"]
    assert all(set(s) == API_KEYS and s["draft"] == "stored draft" for s in api["suggestions"])

    # a post the store has not seen (not the newest): the request computes it and stores it
    _wait_for_kb(settings, db)
    assert root_id not in _rows(db)
    page = client.get(f"/tickets/{tid}?to={root_id}").get_data(as_text=True)
    assert "Loading suggestions" in page
    api = client.get(f"/api/tickets/{tid}/suggest?mention_id={root_id}", headers=headers)
    assert all(set(s) == API_KEYS for s in api.get_json()["suggestions"])
    assert root_id in _rows(db)
    assert "Loading suggestions" not in client.get(f"/tickets/{tid}?to={root_id}").get_data(
        as_text=True
    )

    # a new post joins the ticket: the next run stores its suggestions
    with db.session() as s:
        new = Mention(platform="reddit", source_id="t1_new0", kind="comment", thread_id="t3_root0",
                      parent_id="t3_root0", author="maria_q0", text="Still charged twice",
                      lang="en", created_at=utcnow() + timedelta(minutes=1), content_hash="new0",
                      ticket_id=tid, is_complaint=True)  # fmt: skip
        s.add(new)
        s.flush()
        new_id = new.id
    counts = suggestions.store_pending(settings, db)
    assert (counts["stored"], counts["embedded"], counts["current"]) == (1, 1, 1)
    assert new_id in _rows(db)
    api = client.get(f"/api/tickets/{tid}/suggest", headers=headers).get_json()
    assert api["mention_id"] == new_id
    assert "stored draft" not in {s["draft"] for s in api["suggestions"]}

    # an edited post is stale
    with db.session() as s:
        s.get(Mention, new_id).text = "Charged twice again for the router plan"
    assert suggestions.store_pending(settings, db)["stored"] == 1

    # the knowledge index changes: every stored suggestion is stale, the next run replaces them
    with db.session() as s:
        s.add(KnowledgeDoc(source="kb", source_id="kb-2", title="Refund of a double charge",
                           body="Double charges on the router plan are refunded automatically.",
                           url="https://help.nubefon.example/refund", lang="en",
                           content_hash="k3"))  # fmt: skip
    update_indexes(settings, db, collections=("knowledge",))
    assert suggestions.stored(settings, db.sessionmaker(), _mention(db, yt_id)) is None
    counts = suggestions.store_pending(settings, db)
    assert (counts["stored"], counts["current"]) == (2, 0)
    rows = _rows(db)
    targets = {new_id, ids["mentions"][1][1]}
    assert {rows[m].kb_version for m in targets} == {suggestions.kb_version(settings)}
    assert rows[yt_id].kb_version != suggestions.kb_version(settings)  # no longer a target


def _mention(db, mention_id: int) -> Mention:  # noqa: ANN001
    with db.session() as s:
        return s.get(Mention, mention_id)
