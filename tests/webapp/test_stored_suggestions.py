"""Suggested answers for a ticket's matter, computed outside web requests: `listenpost index`
(and every watch run) stores them for each open ticket's matter posts; the ticket page, its
fragment, the API and `listenpost suggest --ticket` all show the one ranking (best score first),
drafted for the post answered; what is not stored yet shows as pending, never embedded in a
request."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from crawlers.items import utcnow
from indexer.build import update_indexes
from indexer.suggest import suggest as indexer_suggest
from pipelines.models.records import KnowledgeDoc, StoredSuggestion, Ticket
from tests.webapp.support import login, seed, token_for
from webapp import suggestions
from webapp.cli import main

API_KEYS = {"doc_id", "source", "platform", "title", "body", "url", "author", "lang", "score",
            "similarity", "draft", "needs_human"}  # fmt: skip


def _rows(db) -> dict[int, StoredSuggestion]:  # noqa: ANN001
    with db.session() as s:
        return {r.mention_id: r for r in s.scalars(select(StoredSuggestion))}


def _json(result) -> dict:  # noqa: ANN001
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ticket_suggestions_are_for_its_matter(client, db, settings, cli) -> None:  # noqa: ANN001
    ids = seed(db)
    tid = ids["tickets"][0]
    root_id, yt_id = ids["mentions"][0]  # the problem, then "Still double billed, no answer"
    with db.session() as s:
        s.add(KnowledgeDoc(source="kb", source_id="kb-9", title="Answer a YouTube comment",
                           body="Still no answer on YouTube? Comments are answered within a day.",
                           url="https://help.nubefon.example/yt", lang="en",
                           content_hash="k9"))  # fmt: skip
    assert suggestions.store_pending(settings, db)["stored"] == 0  # no knowledge index yet

    counts = _json(cli.invoke(main, ["index", "--json"]))["suggestions"]
    # the matter of each open ticket (its first post), not its newest post
    assert (counts["targets"], counts["stored"]) == (2, 2)
    assert set(_rows(db)) == {root for root, _ in ids["mentions"]}

    # the ranking is the matter's, best score first, the same as for the post itself
    live = indexer_suggest(settings, db, mention_id=root_id, k=suggestions.K)
    scores = [h["score"] for h in live["suggestions"]]
    assert scores == sorted(scores, reverse=True)
    by_mention = _json(cli.invoke(main, ["suggest", str(root_id), "--json"]))
    by_ticket = _json(cli.invoke(main, ["suggest", "--ticket", str(tid), "--json"]))
    assert by_ticket.pop("ticket_id") == tid and by_ticket.pop("matter") == [root_id]
    assert by_ticket == by_mention == live

    # the page, the fragment and the API show that ranking, drafted for the post answered
    login(client, db, "alice", "agent")
    headers = {"Authorization": "Bearer " + token_for(db, "api-agent", "agent")}
    api = client.get(f"/api/tickets/{tid}/suggest", headers=headers).get_json()
    assert (api["mention_id"], api["matter"], api["pending"]) == (yt_id, [root_id], False)
    assert [s["doc_id"] for s in api["suggestions"]] == [h["doc_id"] for h in live["suggestions"]]
    assert all(set(s) == API_KEYS for s in api["suggestions"])
    assert api["suggestions"][0]["draft"].startswith("Hi @Maria Q 0")  # YouTube, to the comment
    page = client.get(f"/tickets/{tid}?suggestion=0").get_data(as_text=True)
    assert "Hi @Maria Q 0" in page.split('id="reply-text"')[1].split("</textarea>")[0]
    frag = client.get(f"/tickets/{tid}/suggestions?to={root_id}").get_data(as_text=True)
    assert "use-suggestion" in frag

    # a matter of two posts: a document scores its mean over them (the post's lowest listed
    # score where the post did not list it)
    with db.session() as s:
        s.get(Ticket, tid).matter = [root_id, yt_id]
    pending = client.get(f"/api/tickets/{tid}/suggest", headers=headers).get_json()
    assert pending["pending"] and pending["suggestions"] == []  # the request embedded nothing
    assert yt_id not in _rows(db)
    both = _json(cli.invoke(main, ["suggest", "--ticket", str(tid), "--json"]))
    assert both["matter"] == [root_id, yt_id] and yt_id in _rows(db)
    other = indexer_suggest(settings, db, mention_id=yt_id, k=suggestions.K)
    per_post = [{h["doc_id"]: h["score"] for h in found["suggestions"]} for found in (live, other)]
    mean = {d: round(sum(p.get(d, min(p.values())) for p in per_post) / 2, 4)
            for d in set(per_post[0]) | set(per_post[1])}  # fmt: skip
    assert [(h["doc_id"], h["score"]) for h in both["suggestions"]] == sorted(
        mean.items(), key=lambda x: (-x[1], x[0])
    )[: suggestions.K]

    # the knowledge index changes: pages show the suggestions as pending until the job runs
    with db.session() as s:
        s.add(KnowledgeDoc(source="kb", source_id="kb-2", title="Refund of a double charge",
                           body="Double charges on the router plan are refunded automatically.",
                           url="https://help.nubefon.example/refund", lang="en",
                           content_hash="k3"))  # fmt: skip
    update_indexes(settings, db, collections=("knowledge",))
    with db.session() as s:
        before = s.scalar(select(func.count()).select_from(StoredSuggestion))
    page = client.get(f"/tickets/{tid}").get_data(as_text=True)
    assert "being prepared" in page and "use-suggestion" not in page
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(StoredSuggestion)) == before
    counts = suggestions.store_pending(settings, db)
    assert (counts["targets"], counts["stored"]) == (3, 3)
    assert "use-suggestion" in client.get(f"/tickets/{tid}").get_data(as_text=True)


def test_a_short_reply_in_anothers_thread_is_about_that_thread(client, db, settings, cli) -> None:  # noqa: ANN001
    from pipelines.models.records import Mention

    ids = seed(db)
    root_id, _ = ids["mentions"][0]
    with db.session() as s:
        t = Ticket(status="open")
        s.add(t)
        s.flush()
        me_too = Mention(platform="reddit", source_id="t1_same", kind="comment",
                         thread_id="t3_root0", parent_id="t3_root0", author="pepe_z",
                         text="Same here in Zaragoza", lang="en", created_at=utcnow(),
                         content_hash="same", ticket_id=t.id, is_complaint=True)  # fmt: skip
        s.add(me_too)
        s.flush()
        t.matter = [me_too.id]
        tid, me_too_id = t.id, me_too.id
    counts = _json(cli.invoke(main, ["index", "--json"]))["suggestions"]
    assert counts["targets"] == 3  # the three matters; the reply is searched with what it answers
    found = _json(cli.invoke(main, ["suggest", "--ticket", str(tid), "--json"]))
    assert (found["mention_id"], found["matter"]) == (me_too_id, [me_too_id])
    thread = indexer_suggest(settings, db, mention_id=root_id, k=suggestions.K)
    assert found["suggestions"][0]["doc_id"] == thread["suggestions"][0]["doc_id"]
    assert found["suggestions"][0]["draft"].startswith("Hi u/pepe_z")  # drafted for the reply
