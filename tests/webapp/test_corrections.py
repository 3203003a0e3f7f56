"""The queue lists only tickets that need a reply; an agent's "not a complaint" and "no reply
needed" take a ticket out of it at once, are audit-logged, survive a new crawl of the post and
are training data."""

from __future__ import annotations

from sqlalchemy import select

from pipelines.chain import PipelineContext
from pipelines.feedback import feedback_examples, role_examples
from pipelines.models.records import AuditLog, ComplaintFeedback, Mention, Ticket
from pipelines.store import Store
from tests.helpers import mention
from tests.webapp.support import login, post, seed, token_for
from webapp import triage


def _queue_ids(client, token: str) -> list[int]:  # noqa: ANN001
    resp = client.get("/api/queue", headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 200
    return [t["id"] for t in resp.get_json()["tickets"]]


def test_queue_lists_only_tickets_that_need_a_reply(any_db) -> None:  # noqa: ANN001
    ids = seed(any_db, n_tickets=3)
    a, b, c = ids["tickets"]
    with any_db.session() as s:
        # b: the brand answered its every post; c: closed with a post still unanswered
        for m in s.scalars(select(Mention).where(Mention.ticket_id == b)):
            m.needs_reply = False
        s.get(Ticket, c).status = "closed"
    with any_db.sessionmaker() as s:
        rows, total, counts = triage.queue(s, triage.QueueFilter(), "alice")
        assert [r.ticket.id for r in rows] == [a] and total == 1
        assert counts == {"open": 1, "active": 0, "pending": 0, "closed": 1}
        assert [r.ticket.id for r in triage.queue(s, triage.QueueFilter(status="open"), "x")[0]]\
            == [a]  # fmt: skip
        closed = triage.queue(s, triage.QueueFilter(status="closed"), "alice")[0]
        assert [r.ticket.id for r in closed] == [c]  # asked for: closed tickets are listed


def test_not_a_complaint_and_no_reply_needed_leave_the_queue_at_once(app, client, db) -> None:  # noqa: ANN001
    ids = seed(db, n_tickets=2)
    (t0, t1), ((_, yt0), (_, yt1)) = ids["tickets"], ids["mentions"]
    token = token_for(db, "api_agent", "agent")
    assert sorted(_queue_ids(client, token)) == sorted([t0, t1])
    login(client, db, "alice", "agent")

    post(client, f"/tickets/{t0}/not-complaint", {"mention_id": yt0, "role": "praise"},
         page=f"/tickets/{t0}")  # fmt: skip
    assert _queue_ids(client, token) == [t1]
    page = client.get(f"/tickets/{t1}").get_data(as_text=True)
    assert 'id="no-reply"' in page and "needs a reply" in page
    post(client, f"/tickets/{t1}/no-reply", page=f"/tickets/{t1}")
    assert _queue_ids(client, token) == []
    assert 'id="no-reply"' not in client.get(f"/tickets/{t1}").get_data(as_text=True)
    bad = post(client, f"/tickets/{t1}/not-complaint", {"mention_id": yt1, "role": "question"},
               page=f"/tickets/{t1}")  # fmt: skip
    assert "role must be one of other, praise, answer" in client.get(
        bad.headers["Location"]).get_data(as_text=True)  # fmt: skip

    with db.session() as s:
        m0, m1 = s.get(Mention, yt0), s.get(Mention, yt1)
        assert (m0.role, m0.is_complaint, m0.needs_reply, m0.status) == (
            "praise", False, False, None)  # fmt: skip
        assert (m1.role, m1.needs_reply) == ("complaint", False)  # still a complaint
        # nothing of either ticket is owed a reply: both wait on the customer
        assert [s.get(Ticket, t).status for t in (t0, t1)] == ["pending", "pending"]
        actions = [(a.actor, a.action, a.target_id, a.detail)
                   for a in s.scalars(select(AuditLog).order_by(AuditLog.id))]  # fmt: skip
        assert (
            "alice",
            "not_complaint",
            str(t0),
            {"mention_id": yt0, "role": "praise", "was": "complaint"},
        ) in actions
        assert ("alice", "no_reply", str(t1), {"mention_ids": [yt1]}) in actions
        labels = {(f.mention_id, f.label) for f in s.scalars(select(ComplaintFeedback))}
        assert labels == {(yt0, "not_complaint"), (yt1, "no_reply")}
        # training data: the complaint model learns "not a complaint", the role model the role
        text0 = m0.text
        assert feedback_examples(s) == [(text0, 0)]
        assert sorted(role_examples(s)) == sorted([(text0, "praise"), (m1.text, "complaint")])


def test_a_new_crawl_keeps_the_agents_correction(settings, db) -> None:  # noqa: ANN001
    ids = seed(db, n_tickets=1)
    yt = ids["mentions"][0][1]
    with db.session() as s:
        row = s.get(Mention, yt)
        ticket = s.get(Ticket, row.ticket_id)
        from webapp.corrections import not_a_complaint

        not_a_complaint(s, ticket, row, "alice", "other")
        s.commit()
        source_id, text = row.source_id, row.text
    # the same post fetched again, classified a complaint that needs a reply
    item = mention(source_id, text, platform="youtube", thread_id="video0", role="complaint",
                   is_complaint=True, needs_reply=True, status="open",
                   content_hash="h0c")  # fmt: skip
    ctx = PipelineContext(settings, db)
    try:
        Store(ctx).process_item(item)
    finally:
        ctx.close()
    with db.session() as s:
        row = s.get(Mention, yt)
        assert (row.role, row.is_complaint, row.needs_reply) == ("other", False, False)
