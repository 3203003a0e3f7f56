"""Which posts open tickets, what a ticket is about (its matter) and its true times, through the
real stages and the store (the classify stage is left out: each post carries the role and
needs_reply it would set), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from crawlers.settings import LISTENPOST_STAGES
from pipelines.chain import Chain
from pipelines.models import Mention, Ticket
from pipelines.models.db import Database
from pipelines.tickets import is_follow_up, matter_ids, tickets_view
from tests.helpers import mention
from webapp.cli import main
from webapp.kpi_queries import measure, summary

STAGES = [s for s in LISTENPOST_STAGES if not s.endswith("Classify")]
T0 = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
CHARGED = "Nubefon charged me twice for November, 34.90 taken twice from my account"


def post(sid: str, text: str, minutes: float, role: str = "complaint", **kw) -> object:  # noqa: ANN003
    brand = kw.get("by_brand", False)
    fields = {
        "platform": "reddit",
        "author": "NubefonSupport" if brand else "maria_q88",
        "thread_id": "t3_a",
        "kind": "comment",
        "role": None if brand else role,
        "is_complaint": None if brand else role == "complaint",
        "needs_reply": None if brand else role in ("complaint", "question"),
    }
    fields.update(kw)
    return mention(sid, text, created_at=T0 + timedelta(minutes=minutes), **fields)


def run(db: Database, *items: object) -> None:
    with Chain(db.settings, db, stages=STAGES) as chain:
        for item in items:
            chain.process(item)


def ticket_rows(db: Database) -> list[Ticket]:
    with db.session() as s:
        return list(s.scalars(select(Ticket).order_by(Ticket.id)))


def ids(db: Database) -> dict[str, int]:
    with db.session() as s:
        return dict(s.execute(select(Mention.source_id, Mention.id)).all())


def test_only_a_post_that_needs_a_reply_opens_a_ticket(any_db: Database) -> None:
    run(
        any_db,
        post("p1", "Factory reset fixed my NubeBox, thank you Nubefon!", 0, role="praise"),
        post(
            "p2",
            "Set the APN to nubenet, that fixed mine",
            5,
            role="answer",
            author="helper_h",
            thread_id="t3_b",
        ),
    )
    assert ticket_rows(any_db) == []
    run(any_db, post("c1", CHARGED, 10), post("c2", "DM sent, thanks", 40, role="other"))
    (ticket,) = ticket_rows(any_db)
    with any_db.session() as s:
        joined = dict(s.execute(select(Mention.source_id, Mention.ticket_id)).all())
    # a follow-up that needs no reply joins its customer's open ticket; the praise came first
    assert joined == {"p1": None, "p2": None, "c1": ticket.id, "c2": ticket.id}

    # a question (no grievance) needs a reply: it opens a ticket; another customer's copy of a
    # complaint nobody answered yet needs its own reply and opens its own ticket
    run(
        any_db,
        post(
            "q1",
            "How do I set the APN for Nubefon on Android?",
            0,
            role="question",
            author="quiet_kettle",
            thread_id="t3_q",
        ),
        post("d1", CHARGED, 20, author="pete_p", thread_id="t3_d", needs_reply=False),
    )
    with any_db.session() as s:
        joined = dict(s.execute(select(Mention.source_id, Mention.ticket_id)).all())
    assert joined["q1"] is not None and joined["d1"] not in (None, joined["c1"], joined["q1"])


def test_the_matter_is_the_problem_not_the_follow_ups(any_db: Database) -> None:
    # stored out of time order, in separate runs: the matter is the same
    run(any_db, post("c3", "any news?", 300, role="question"))
    run(
        any_db,
        post("c1", CHARGED, 0),
        post(
            "c2",
            "DM sent to Nubefon. Thanks, but this should not need a Reddit post.",
            60,
            role="complaint",
        ),
        post(
            "c4", "And now the refund of the NubeBox I returned on 2 November is missing too", 400
        ),
        post("c5", "Thanks, all sorted now!", 500, role="praise"),
    )
    (ticket,) = ticket_rows(any_db)
    m = ids(any_db)
    assert ticket.matter == [m["c1"], m["c4"]]
    with any_db.session() as s:
        (view,) = tickets_view(s)
    assert view["matter"] == [m["c1"], m["c4"]]


def test_a_ticket_its_customer_says_is_over_stays_owed_a_reply_at_half_priority(any_db) -> None:
    run(
        any_db,
        post("q1", "How do I set the APN for Nubefon on Android?", 0, role="question"),
        post(
            "a1",
            "Settings > Mobile network > APN, add 'nubefon.net'",
            5,
            role="answer",
            author="peer_pat",
        ),
        post(
            "q2",
            "How do I set the APN for Nubefon on Android?",
            0,
            role="question",
            author="other_ola",
            thread_id="t3_b",
        ),
    )
    run(any_db, post("s1", "That worked, data is up. Thanks!", 9, role="praise"))
    with any_db.session() as s:
        rows = {m.source_id: m for m in s.scalars(select(Mention))}
        settled, waiting = (s.get(Ticket, rows[k].ticket_id) for k in ("q1", "q2"))
        assert rows["q1"].needs_reply is True  # only a brand account answers for the brand
        assert settled.id != waiting.id and settled.status == waiting.status == "open"
        assert settled.priority == pytest.approx(waiting.priority / 2, abs=0.01)
        assert settled.priority > 0


def test_matter_rule() -> None:
    assert is_follow_up("Any news?") and is_follow_up("sigo esperando...")
    assert is_follow_up("DM sent. Thanks!") and is_follow_up("Te mandé un DM, gracias")
    assert is_follow_up("still down")  # too short to state a problem
    assert is_follow_up("Still not fixed. This is ridiculous")
    assert is_follow_up("he hecho lo del artículo y nada. sigue sin funcionar")
    assert not is_follow_up("Still no refund for the double charge on my November bill")
    assert not is_follow_up("Sigo sin poder entrar en la app de Nubefon desde la actualización")

    class Row:
        def __init__(self, i: int, role: str, text: str, dup: int | None = None) -> None:
            self.id, self.role, self.text, self.duplicate_of_id = i, role, text, dup
            self.created_at, self.by_brand, self.is_complaint = (
                T0 + timedelta(minutes=i),
                False,
                None,
            )

    rows = [
        Row(1, "praise", "Love the new app"),
        Row(2, "question", "How do I set the APN?"),
        Row(3, "complaint", "How do I set the APN?", dup=2),
        Row(4, "complaint", "The APN setting vanished again after the update today"),
    ]
    # the first complaint or question opens the matter; a re-post states it again
    assert matter_ids(rows) == [2, 3, 4]


def command(db: Database, cli, *args: str) -> object:  # noqa: ANN001
    """What `listenpost ARGS` prints as JSON: run as a command on SQLite; on PostgreSQL (where a
    command's connections would outlive the test) the functions the command prints."""
    if db.settings.database_url and "postgresql" in db.settings.database_url:
        with db.session() as s:
            if args[0] == "kpis":
                return summary(measure(s, float(args[2])))
            return tickets_view(s)
    out = cli.invoke(main, list(args))
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)


def test_true_times_from_the_posts(any_db: Database, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    # imported history: the customer wrote at T0, the brand answered 90 minutes later (stored in
    # a later run), the customer's follow-up came after that
    run(any_db, post("c1", CHARGED, 0), post("c2", "Any update? Still charged twice.", 200))
    (ticket,) = ticket_rows(any_db)
    assert ticket.first_post_at == T0
    assert ticket.sla_due_at == T0 + timedelta(minutes=60)
    assert ticket.first_response_at is None
    assert ticket.created_at > T0 + timedelta(days=1)  # stored now, not when the customer wrote
    run(any_db, post("b1", "Sorry about that, please DM us", 90, by_brand=True))
    (ticket,) = ticket_rows(any_db)
    assert ticket.first_response_at == T0 + timedelta(minutes=90)

    # a brand post in the thread before the customer wrote there is no response to it
    run(
        any_db,
        post("x0", "Welcome to our community thread", -30, by_brand=True, thread_id="t3_z"),
        post(
            "x1",
            "My NubeBox router restarts every night at 3am, please help",
            10,
            author="pete_p",
            thread_id="t3_z",
        ),
    )
    other = next(t for t in ticket_rows(any_db) if t.id != ticket.id)
    assert other.first_post_at == T0 + timedelta(minutes=10) and other.first_response_at is None

    with any_db.session() as s:
        closing = s.get(Ticket, ticket.id)
        closing.status, closing.closed_at = "closed", T0 + timedelta(hours=6)
    monkeypatch.setenv("LISTENPOST_DATABASE_URL", any_db.settings.database_url or "")
    monkeypatch.setenv("LISTENPOST_HOME", str(any_db.settings.home))
    import webapp.kpi_queries as kq

    now = T0 + timedelta(days=2)
    monkeypatch.setattr(kq, "utcnow", lambda: now)
    k = command(any_db, cli, "kpis", "--days", "7", "--json")
    assert set(k) == {
        "first_response_minutes",
        "resolution_hours",
        "fcr",
        "closed_per_hour",
        "sla_met",
    }
    assert k["first_response_minutes"] == {"median": 90.0, "p90": 90.0, "n": 1}
    assert k["resolution_hours"] == {"median": 6.0, "p90": 6.0, "n": 1}
    assert k["fcr"] == 1.0  # one brand response, then closed
    assert k["sla_met"] == 0.0  # answered after 90 minutes, due after 60; the other is overdue
    assert k["closed_per_hour"] == round(1 / (7 * 24), 4)

    # imported history: a complaint the brand answered in its thread (so it needs no reply now;
    # the answer stored first, the file out of order) still is a ticket, answered from the
    # start and resolved by that answer without an agent; another person who wrote the same
    # words elsewhere is not answered by it and opens a ticket of their own
    answer = "Sorry! Hold reset for 10 seconds and set it up again"
    run(any_db, post("h2", answer, 50, by_brand=True, thread_id="t3_h"))
    run(
        any_db,
        post("h1", "My NubeBox lost its wifi settings after the update, all devices offline", 20,
             author="ana_h", thread_id="t3_h", needs_reply=False),
        post("n1", "My NubeBox lost its wifi settings after the update, all devices offline", 25,
             author="bo_n", thread_id="t3_n", needs_reply=False),
    )  # fmt: skip
    assert ids(any_db)["h1"] in {m for t in ticket_rows(any_db) for m in t.matter or []}
    with any_db.session() as s:
        h1, n1 = (s.scalar(select(Mention).where(Mention.source_id == sid)) for sid in ("h1", "n1"))
        assert n1.duplicate_of_id == h1.id and n1.needs_reply is True
        assert n1.ticket_id is not None and n1.ticket_id != h1.ticket_id
    k = command(any_db, cli, "kpis", "--days", "7", "--json")
    assert k["first_response_minutes"] == {"median": 30.0, "p90": 90.0, "n": 2}
    assert k["resolution_hours"] == {"median": 0.5, "p90": 6.0, "n": 2}
    assert k["fcr"] == 1.0 and k["closed_per_hour"] == round(2 / (7 * 24), 4)

    tickets = command(any_db, cli, "tickets", "--json")
    row = next(t for t in tickets if t["id"] == ticket.id)
    assert {
        "id",
        "customer_id",
        "status",
        "channels",
        "posts",
        "priority",
        "topic",
        "team",
        "matter",
        "first_post_at",
        "first_response_at",
        "sla_due_at",
    } <= set(row)
    assert row["matter"] == [ids(any_db)["c1"]]
    assert datetime.fromisoformat(row["first_post_at"]) == T0
    assert datetime.fromisoformat(row["first_response_at"]) == T0 + timedelta(minutes=90)
    assert datetime.fromisoformat(row["sla_due_at"]) == T0 + timedelta(minutes=60)
    assert row["first_post_at"].endswith("+00:00")


def test_a_copy_that_names_the_writers_other_account_is_answered_with_it(any_db: Database) -> None:
    """A customer writes on Reddit, then pastes the post under a video naming the Reddit
    account as theirs: the copy joins the Reddit post's ticket and group, and the brand's answer
    on Reddit answers it too. Another person who pastes the same words and names no account of
    theirs is another voice, owed their own reply."""
    leave = "Every time I call they transfer me to retention. I just want to leave"
    run(
        any_db,
        post("r1", leave, 0, author="lanternNoah99", thread_id="t3_c"),
        post("y1", f"Nubefon won't let me cancel. {leave}. I'm u/lanternNoah99 on reddit, full "
             "story is in my post there", 60, platform="youtube", author="Noah Gallagher",
             thread_id="v1", parent_id="v1"),
        post("o1", f"{leave}. Same for me", 62, platform="youtube", author="Kim Ortega",
             thread_id="v1", parent_id="v1"),
        post("b1", "Sorry! Here is how to cancel: https://help.nubefon.example/cancel", 66,
             by_brand=True, thread_id="t3_c", parent_id="r1"),
    )  # fmt: skip
    with any_db.session() as s:
        rows = {m.source_id: m for m in s.scalars(select(Mention))}
        assert rows["y1"].duplicate_of_id == rows["r1"].id
        assert rows["y1"].ticket_id == rows["r1"].ticket_id is not None
        assert rows["y1"].needs_reply is False and rows["r1"].needs_reply is False
        assert rows["o1"].needs_reply is True and rows["o1"].ticket_id != rows["r1"].ticket_id
