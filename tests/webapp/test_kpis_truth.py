"""The KPIs' definitions against the triage scenario's true KPIs (bench/data/triage/README.md):
with the scenario's true tickets, roles and needs_reply stored, the ticket times written by the
tickets stage (pipelines.tickets.update_facts) and `listenpost kpis` (webapp.kpi_queries) give
every figure of truth.json exactly (within its rounding, as bench/triage.py scores it)."""

from __future__ import annotations

import sys
from pathlib import Path

from pipelines.models.db import Database

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from true_kpis import true_ticket_kpis  # noqa: E402


def test_true_tickets_give_the_true_kpis(db: Database) -> None:
    scored = true_ticket_kpis(db)
    assert scored["exact"] == scored["fields"] == 9, scored["detail"]


def test_a_matter_held_as_one_ticket_across_unlinked_accounts_changes_the_kpis(
    db: Database,
) -> None:
    """The matters of the people nothing links, held as one ticket each instead of one per
    account: one of them no longer resolves early on one account, and the resolution figures
    move (the scoring sees the difference)."""
    scored = true_ticket_kpis(db, merged=True)
    assert scored["detail"]["resolution_hours.n"]["error"] == -1.0


def test_another_persons_same_words_are_a_tickets_own_post_a_copy_is_not(db: Database) -> None:
    from datetime import timedelta

    from crawlers.items import utcnow
    from pipelines.models.records import Mention, Ticket
    from webapp.kpi_queries import resolved

    now = utcnow()
    t0 = now - timedelta(days=2)

    def post(s, sid, thread, minutes, ticket=None, dup=None, brand=False, role="complaint"):  # noqa: ANN001, ANN202
        m = Mention(platform="reddit", source_id=sid, kind="comment", thread_id=thread,
                    author="brand" if brand else f"user_{thread}", text=f"text of {sid}",
                    created_at=t0 + timedelta(minutes=minutes), content_hash=sid,
                    ticket_id=ticket, duplicate_of_id=dup, by_brand=brand,
                    role="other" if brand else role, needs_reply=False,
                    status=None if brand else "answered")  # fmt: skip
        s.add(m)
        s.flush()
        return m

    with db.session() as s:
        a, b, c = (Ticket(status="pending", first_post_at=t0) for _ in range(3))
        s.add_all([a, b, c])
        s.flush()
        first = post(s, "a1", "ta", 0, a.id)
        post(s, "ra", "ta", 10, brand=True)
        post(s, "b1", "tb", 30, b.id, dup=first.id)  # another person, the same words
        post(s, "rb", "tb", 45, brand=True)
        c1 = post(s, "c1", "tc", 0, c.id)
        post(s, "rc", "tc", 20, brand=True)
        post(s, "c2", "tc2", 60, c.id, dup=c1.id)  # the customer's own copy elsewhere
        ids = (a.id, b.id, c.id)
    with db.sessionmaker() as s:
        done = resolved(s, now - timedelta(days=30), now)
    assert done[ids[0]] == t0 + timedelta(minutes=10)
    assert done[ids[1]] == t0 + timedelta(minutes=45)  # resolved by its own thread's reply
    assert done[ids[2]] == t0 + timedelta(minutes=20)  # the copy after it changes nothing
