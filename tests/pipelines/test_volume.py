"""Forecast and staffing from stored posts (SQLite and PostgreSQL): which posts count, the
grouping by channel and team, handle time from claims and sent replies, the CLI's JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from pipelines.models import AuditLog, Mention, Reply, Ticket
from pipelines.staffing import Target
from pipelines.volume import handle_minutes, staffing_plan, volume_forecast

NOW = datetime(2026, 11, 30, 12, 30, tzinfo=UTC)  # a Monday


def _post(i: int, at: datetime, platform: str = "reddit", **kw: object) -> Mention:
    fields = {"platform": platform, "source_id": f"p{i}", "author": f"u{i % 7}", "text": "x",
              "created_at": at, "content_hash": f"h{i}", "role": "complaint",
              "team": "billing"}  # fmt: skip
    fields.update(kw)
    return Mention(**fields)


def _three_weeks(session) -> None:  # noqa: ANN001
    i = 0
    start = NOW.replace(hour=0, minute=0) - timedelta(weeks=3)
    for h in range(3 * 168):
        at = start + timedelta(hours=h)
        n = 3 if 9 <= at.hour < 17 else 0  # three posts an hour in office hours, every day
        for _ in range(n):
            i += 1
            session.add(_post(i, at + timedelta(minutes=i % 50), "reddit" if i % 3 else "youtube"))
    # posts that never needed a reply: praise, the brand, help content, a duplicate
    at = start + timedelta(days=1, hours=3)
    session.add_all([
        _post(90001, at, role="praise"),
        _post(90002, at, by_brand=True),
        _post(90003, at, content_type="help"),
        _post(90004, at, role="question", duplicate_of_id=None, team=None),
    ])  # fmt: skip
    session.commit()


def test_forecast_by_channel_and_team(any_db, any_settings) -> None:  # noqa: ANN001
    with any_db.session() as s:
        _three_weeks(s)
        by_channel = volume_forecast(s, any_settings, days=2, by="channel", now=NOW)
        by_team = volume_forecast(s, any_settings, days=1, by="team", now=NOW)
    assert by_channel["method"] == "weekly-median" and by_channel["note"] is None
    assert by_channel["history_weeks"] == 3
    assert [s["key"] for s in by_channel["series"]] == ["reddit", "youtube"]
    hours = by_channel["total"]["hours"]
    assert len(hours) == 48 and hours[0]["at"] == "2026-11-30T12:00:00Z"
    assert hours[0]["expected"] == 3.0 and hours[8]["expected"] == 0.0  # 12:00 busy, 20:00 quiet
    # the question with no team counts for the default team; praise, brand, help do not count
    assert {s["key"] for s in by_team["series"]} == {"billing", any_settings.triage.default_team}


def test_too_little_history_says_so(any_db, any_settings) -> None:  # noqa: ANN001
    with any_db.session() as s:
        s.add(_post(1, NOW - timedelta(days=3)))
        s.commit()
        result = volume_forecast(s, any_settings, days=1, now=NOW)
    assert result["method"] == "hour-of-week profile"
    assert "at least 2" in result["note"]


def test_handle_time_is_claim_to_reply_sent(any_db, any_settings) -> None:  # noqa: ANN001
    with any_db.session() as s:
        _three_weeks(s)
        mention_id = s.query(Mention.id).first()[0]
        for k in range(6):
            t = Ticket(status="closed", team="billing")
            s.add(t)
            s.flush()
            claimed = NOW - timedelta(days=2, hours=k)
            s.add(AuditLog(actor="ana", action="claim", target_type="ticket",
                           target_id=str(t.id), at=claimed))  # fmt: skip
            s.add(Reply(mention_id=mention_id, ticket_id=t.id, channel="reddit", text="hi",
                        status="sent", idempotency_key=f"k{k}",
                        sent_at=claimed + timedelta(minutes=4 + 2 * k)))  # fmt: skip
        s.commit()
        handle = handle_minutes(s, NOW - timedelta(days=28))
        plan = staffing_plan(s, any_settings, Target(), days=1, now=NOW)
    assert handle["team"]["billing"] == (9.0, 6)  # median of 4, 6, 8, 10, 12, 14
    billing = next(t for t in plan["teams"] if t["team"] == "billing")
    assert billing["aht_minutes"] == 9.0 and "6 tickets" in billing["aht_source"]
    busy = billing["hours"][0]  # 12:00: about three posts of 9 minutes
    assert busy["agents"] >= 1 and busy["scheduled"] >= busy["agents"]
    assert plan["now"]["at"] == "2026-11-30T12:00:00Z"
    assert plan["now"]["needed"] == plan["total"][0]["scheduled"]


def test_cli_forecast_and_staffing_json(cli, settings) -> None:  # noqa: ANN001
    from pipelines.models.db import Database
    from webapp.cli import main

    db = Database(settings)
    db.init()
    with db.session() as s:
        _three_weeks(s)
    db.dispose()
    out = cli.invoke(main, ["forecast", "--days", "1", "--by", "team", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["by"] == "team" and data["days"] == 1 and len(data["total"]["hours"]) == 24
    out = cli.invoke(main, ["staffing", "--days", "1", "--aht-minutes", "6", "--service-level",
                            "0.9", "--within-minutes", "30", "--json"])  # fmt: skip
    assert out.exit_code == 0, out.output
    plan = json.loads(out.output)
    assert plan["service_level"] == 0.9 and plan["within_minutes"] == 30
    assert all(t["aht_minutes"] == 6 and t["aht_source"] == "given" for t in plan["teams"])
    bad = cli.invoke(main, ["staffing", "--shrinkage", "1.5"])
    assert bad.exit_code != 0 and "shrinkage must be" in bad.output
