"""The queue and the ticket workflow on SQLite and PostgreSQL: order, filters, counts, paging,
claims with conflict detection (two agents at once: one wins), reassignment, status, notes,
"not a complaint" feedback."""

from __future__ import annotations

import html
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from crawlers.items import utcnow
from pipelines.models.records import ComplaintFeedback, Customer, Mention, Ticket
from tests.webapp.support import login, post, seed, store_suggestions
from webapp import triage


def test_queue_order_filters_counts_and_paging(any_db) -> None:  # noqa: ANN001
    ids = seed(any_db, n_tickets=3)
    with any_db.session() as s:
        s.get(Ticket, ids["tickets"][2]).reassigned = True
        s.get(Ticket, ids["tickets"][1]).status = "pending"
        s.add(Ticket(status="closed", priority=5.0))
    with any_db.sessionmaker() as s:
        rows, total, counts = triage.queue(s, triage.QueueFilter(), "alice")
        # reassigned first, then by priority
        assert [r.ticket.id for r in rows] == [
            ids["tickets"][2],
            ids["tickets"][0],
            ids["tickets"][1],
        ]
        assert total == 3 and counts == {"open": 2, "active": 0, "pending": 1, "closed": 1}
        assert rows[1].channels == ["reddit", "youtube"] and rows[1].langs == ["en", "es"]
        assert rows[1].customer == "Maria 0" and rows[1].first.title.startswith("Nubefon billed")
        assert len(rows[1].mention_ids) == 2
        only = triage.queue(s, triage.QueueFilter(status="pending"), "alice")[0]
        assert [r.ticket.id for r in only] == [ids["tickets"][1]]
        assert triage.queue(s, triage.QueueFilter(channel="forum"), "alice")[1] == 0
        assert triage.queue(s, triage.QueueFilter(lang="es"), "alice")[1] == 3
        page2, total2, _ = triage.queue(s, triage.QueueFilter(), "alice", page=2, page_size=2)
        assert total2 == 3 and [r.ticket.id for r in page2] == [ids["tickets"][1]]
        triage.claim(s, ids["tickets"][0], "alice")
        s.commit()
        mine = triage.queue(s, triage.QueueFilter(mine=True), "alice")[0]
        assert [r.ticket.id for r in mine] == [ids["tickets"][0]]
        unassigned = triage.queue(s, triage.QueueFilter(assignee="-"), "alice")[1]
        assert unassigned == 2


def test_an_answered_pending_ticket_is_listed_by_status_not_in_the_queue(any_db) -> None:  # noqa: ANN001
    ids = seed(any_db, n_tickets=2)
    answered = ids["tickets"][1]
    with any_db.session() as s:
        s.get(Ticket, answered).status = "pending"
        for m in s.scalars(select(Mention).where(Mention.ticket_id == answered)):
            m.needs_reply = False  # the brand answered every post
    with any_db.sessionmaker() as s:
        rows, total, counts = triage.queue(s, triage.QueueFilter(), "alice")
        assert [r.ticket.id for r in rows] == [ids["tickets"][0]] and total == 1
        assert counts == {"open": 1, "active": 0, "pending": 1, "closed": 0}
        waiting, n, _ = triage.queue(s, triage.QueueFilter(status="pending"), "alice")
        assert [r.ticket.id for r in waiting] == [answered] and n == 1


def test_two_agents_claim_at_once_one_wins(any_db) -> None:  # noqa: ANN001
    ids = seed(any_db, n_tickets=1)
    tid = ids["tickets"][0]
    barrier = threading.Barrier(2)
    results: dict[str, str] = {}

    def agent(name: str) -> None:
        with any_db.sessionmaker() as s:
            barrier.wait()
            try:
                triage.claim(s, tid, name)
                s.commit()
                results[name] = "won"
            except triage.Conflict as exc:
                results[name] = f"held by {exc.holder}"

    threads = [threading.Thread(target=agent, args=(n,)) for n in ("alice", "bob")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [n for n, r in results.items() if r == "won"]
    assert len(winners) == 1
    loser = ({"alice", "bob"} - set(winners)).pop()
    assert results[loser] == f"held by {winners[0]}"
    with any_db.session() as s:
        t = s.get(Ticket, tid)
        assert (t.assignee, t.status) == (winners[0], "active")


def test_assign_detects_a_stale_form_and_flags_reassignment(any_db) -> None:  # noqa: ANN001
    ids = seed(any_db, n_tickets=1)
    tid = ids["tickets"][0]
    with any_db.sessionmaker() as s:
        triage.claim(s, tid, "alice")
        s.commit()
        t = triage.assign(s, tid, "bob", "alice", actor="lead")
        s.commit()
        assert (t.assignee, t.reassigned) == ("bob", True)
        with pytest.raises(triage.Conflict) as err:
            triage.assign(s, tid, "carol", "alice", actor="lead")  # the form still said alice
        assert err.value.holder == "bob"


def test_sla_countdown() -> None:
    now = utcnow()
    t = Ticket(status="open", sla_due_at=now + timedelta(minutes=90))
    assert triage.sla_state(t, now) == {
        "breached": False, "due": False, "minutes": 90, "label": "1h 30m left",
    }  # fmt: skip
    t.sla_due_at = now + timedelta(minutes=10, seconds=30)
    assert triage.sla_state(t, now) == {
        "breached": False, "due": True, "minutes": 10, "label": "10m left",
    }  # fmt: skip
    t.sla_due_at = now - timedelta(minutes=5)
    assert not triage.sla_state(t, now)["due"]
    assert triage.sla_state(t, now)["label"] == "breached 5m ago"
    assert triage.sla_state(t, now)["breached"]


def test_the_queue_marks_breached_and_due_countdowns(client, db) -> None:  # noqa: ANN001
    ids = seed(db, n_tickets=3)
    now = utcnow()
    with db.session() as s:
        for tid, due in zip(ids["tickets"], (-30, 10, 120), strict=True):
            t = s.get(Ticket, tid)
            t.sla_due_at, t.first_response_at = now + timedelta(minutes=due), None
    login(client, db, "alice", "agent")
    page = client.get("/").get_data(as_text=True)
    marks = {}
    for tid in ids["tickets"]:
        row = page.split(f'data-ticket="{tid}"')[1].split("</tr>")[0]
        marks[tid] = row.split('<span class="sla')[1].split('"')[0]
    assert list(marks.values()) == [" breached", " due", ""]


@pytest.mark.slow
def test_ticket_page_workflow(client, db, settings) -> None:  # noqa: ANN001
    ids = seed(db)
    tid = ids["tickets"][0]
    root_id, yt_id = ids["mentions"][0]
    login(client, db, "alice", "agent")
    page = client.get(f"/tickets/{tid}").get_data(as_text=True)
    # the newest customer post (YouTube) is the default target; no knowledge index yet: the
    # suggestions are pending, nothing stands in for them
    assert "Reply on YouTube" in page
    assert "being prepared" in page and "use-suggestion" not in page
    assert store_suggestions(settings, db)["stored"] == 2  # what `listenpost index` does
    page = client.get(f"/tickets/{tid}?to={root_id}").get_data(as_text=True)
    for expected in ("Nubefon billed me twice 0", "brand reply", "We are looking into it",
                     "All posts of this customer", "same_handle", "use-suggestion",
                     "Reply on Reddit", "Claim", "left"):  # fmt: skip
        assert expected in page, expected
    # the stored suggestions are on the page, and the fragment serves the same
    frag = client.get(f"/tickets/{tid}/suggestions?to={root_id}").get_data(as_text=True)
    assert "own KB" in frag and "third-party" in frag and "use-suggestion" in frag
    assert client.get(f"/tickets/{tid}/suggestions?to=999999").status_code == 404
    # a suggestion fills the composer: the indexer's draft for Reddit, markdown, the
    # third-party answer attributed
    composers = []
    for i in range(2):
        page = client.get(f"/tickets/{tid}?to={root_id}&suggestion={i}").get_data(as_text=True)
        composers.append(html.unescape(page.split('id="reply-text"')[1].split("</textarea>")[0]))
    [composer] = [c for c in composers if "this community answer covers it" in c]
    assert "Hi u/maria_q0, this community answer covers it:\n\n> Call billing" in composer
    assert ("Source: [Twice charged router plan fix](https://www.reddit.com/r/techsupport/1) "
            "(answer by helpful\\_hal)") in composer  # fmt: skip
    assert post(client, f"/tickets/{tid}/claim", page=f"/tickets/{tid}").status_code == 302
    post(client, f"/tickets/{tid}/notes", {"text": "called her"}, page=f"/tickets/{tid}")
    post(client, f"/tickets/{tid}/status", {"status": "pending"}, page=f"/tickets/{tid}")
    post(client, f"/tickets/{tid}/not-complaint", {"mention_id": root_id}, page=f"/tickets/{tid}")
    page = client.get(f"/tickets/{tid}").get_data(as_text=True)
    assert "called her" in page and "marked not a complaint" in page
    with db.session() as s:
        t = s.get(Ticket, tid)
        assert (t.assignee, t.status) == ("alice", "pending")
        fb = s.scalars(select(ComplaintFeedback)).all()
        assert [(f.mention_id, f.label, f.agent) for f in fb] == [
            (root_id, "not_complaint", "alice")
        ]
    # a second agent sees who holds it
    other = client.application.test_client()
    login(other, db, "bob", "agent")
    post(other, f"/tickets/{tid}/claim", page=f"/tickets/{tid}")
    page = other.get(f"/tickets/{tid}").get_data(as_text=True)
    assert "already held by alice" in page


def test_identity_card_confirm_and_split(client, db) -> None:  # noqa: ANN001
    from pipelines.models.records import Persona, PersonaLink

    ids = seed(db, n_tickets=1)
    tid = ids["tickets"][0]
    login(client, db, "alice", "agent")
    post(client, f"/tickets/{tid}/links/1/confirm", page=f"/tickets/{tid}")
    with db.session() as s:
        assert s.get(PersonaLink, 1).status == "confirmed"
        yt = s.scalar(select(Persona).where(Persona.platform == "youtube"))
        old = yt.customer_id
    post(client, f"/tickets/{tid}/personas/{yt.id}/split", page=f"/tickets/{tid}")
    with db.session() as s:
        assert s.get(Persona, yt.id).customer_id != old
    # a customer with no name on record reads as their handle on the card, not as an id
    with db.session() as s:
        customer = s.get(Customer, s.get(Ticket, tid).customer_id)
        customer.name = None
        handles = [p.handle for p in s.scalars(select(Persona).where(
            Persona.customer_id == customer.id).order_by(Persona.id))]  # fmt: skip
        cid = customer.id
    card = client.get(f"/tickets/{tid}").get_data(as_text=True).split('class="card identity"')[1]
    card = card.split("</section>")[0]
    assert f"<b>{html.escape(handles[0])}</b>" in card and "no name on record" in card
    assert f"customer {cid}" not in card


def test_filter_menus_are_recomputed_by_one_request(db, monkeypatch) -> None:  # noqa: ANN001
    seed(db, n_tickets=2)
    monkeypatch.setattr(triage, "_facets", {})
    with db.sessionmaker() as s:
        fresh = triage.facets(s)  # nothing stored yet: computed here
        assert fresh["langs"] == ["en", "es"] and fresh["teams"]
        key = str(s.get_bind().url)
        old = {"teams": ["old"], "langs": ["xx"]}
        triage._facets[key] = (0.0, 0, old)  # expired
        with triage._facets_compute:  # another request is recomputing them: the old values
            assert triage.facets(s) is old
        assert triage.facets(s) == fresh  # expired and nobody recomputing: this request does
        assert triage._facets[key][2] == fresh
