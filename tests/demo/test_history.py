"""The demo's past: a care team's week of answered posts, relative to now, with the agents' work
behind each answer (so the KPIs page's forecast and staffing have history)."""

from __future__ import annotations

import statistics
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from config import load_settings
from demo.clock import LEAD, SPAN
from demo.history import load_history, rate, records
from pipelines.models import AuditLog, Mention, Reply, Ticket
from pipelines.models.db import Database
from webapp.kpi_queries import measure

NOW = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)  # a Wednesday
BRAND = {"name": "Nubefon", "accounts": {"reddit": ["NubefonSupport"],
         "youtube": ["UCnubefonOfficial000000"], "forum": ["nubefon_team"]}}  # fmt: skip


def test_the_week_has_a_care_teams_shape() -> None:
    monday = datetime(2026, 11, 30, tzinfo=UTC)
    assert rate(monday.replace(hour=11)) > 4 * rate(monday.replace(hour=3))
    assert rate(monday.replace(hour=11)) > rate((monday + timedelta(days=5)).replace(hour=11))


def test_records_are_relative_to_now_and_answered(tmp_path) -> None:  # noqa: ANN001
    settings = load_settings(home=str(tmp_path), brand=BRAND)
    recs = list(records(settings, NOW, weeks=2))
    assert recs == list(records(settings, NOW, weeks=2))  # seeded
    posts = [r for r in recs if not r.get("by_brand")]
    answers = {r["parent_id"]: r for r in recs if r.get("by_brand")}
    assert len(posts) > 40 and {r["lang"] for r in posts} == {"en", "es"}
    for p in posts:
        at = datetime.fromisoformat(p["created_at"])
        assert NOW - timedelta(weeks=2, hours=1) <= at < NOW - SPAN - LEAD
        a = answers[p["id"]]
        assert a["thread_id"] == p["thread_id"] and a["created_at"] > p["created_at"]
        assert a["author"] == BRAND["accounts"][p["platform"]][0]
    follow_ups = [p for p in posts if p.get("parent_id")]  # written back under an answer
    assert 0 < len(follow_ups) < len(posts) / 3
    for p in follow_ups:
        answered = next(r for r in recs if r["id"] == p["parent_id"])
        assert answered["by_brand"] and answered["thread_id"] == p["thread_id"]
        assert answered["created_at"] < p["created_at"] < answers[p["id"]]["created_at"]


@pytest.mark.slow
def test_history_is_imported_with_the_agents_work(tmp_path) -> None:  # noqa: ANN001
    settings = load_settings(home=str(tmp_path), brand=BRAND)
    db = Database(settings)
    db.init()
    try:
        done = load_history(settings, db, NOW, weeks=1)
        with db.session() as s:
            stored = s.scalar(select(func.count()).select_from(Mention))
            claims = s.scalar(select(func.count()).where(AuditLog.action == "claim"))
            sent = list(s.scalars(select(Reply).where(Reply.status == "sent")))
            answers = s.scalar(select(func.count()).where(Mention.by_brand.is_(True)))
            figures = measure(s, 8, now=NOW)
            tickets = {t.id: t for t in s.scalars(select(Ticket))}
        assert stored == done["posts"] > 20
        assert done["handled"] == claims > 0
        assert len(sent) == answers > claims  # every answer sent; some tickets got two
        assert all(r.sent_at <= NOW and r.created_at <= r.sent_at for r in sent)
        assert all(r.sent_at <= tickets[r.ticket_id].closed_at for r in sent)
        assert 0.5 < figures["fcr"] < 1  # the customers who wrote back needed a second answer
        # the KPIs are the records' own: first answer minus post, one answer or two, within the
        # hour the settings give every platform
        recs = list(records(settings, NOW, weeks=1))
        at = {r["id"]: datetime.fromisoformat(r["created_at"]) for r in recs}
        opened = [r["id"] for r in recs if not r.get("by_brand") and not r.get("parent_id")]
        waits = sorted((at[f"{i}-a"] - at[i]).total_seconds() / 60 for i in opened)
        assert figures["first_response_minutes"]["n"] == len(waits) == len(opened)
        assert figures["first_response_minutes"]["median"] == statistics.median(waits)
        assert figures["fcr"] == round(sum(f"{i}-f" not in at for i in opened) / len(opened), 4)
        assert figures["sla_met"] == round(sum(w <= 60 for w in waits) / len(waits), 4)
        assert figures["resolution_hours"]["n"] == len(opened)
    finally:
        db.dispose()
