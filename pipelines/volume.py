"""Forecast and staffing from the stored history: the database side of :mod:`pipelines.forecast`
and :mod:`pipelines.staffing`, shared by the ``forecast`` and ``staffing`` commands, the KPIs
page and ``/api/forecast``, ``/api/staffing`` (the same JSON everywhere).

The volume is the posts that needed a reply when they arrived: customers' complaints and
questions (not the brand's posts, not help content, not duplicates), counted in the hour they
were written, per channel (platform) or per team.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from config import Settings
from crawlers.items import utcnow
from pipelines.forecast import MIN_WEEKS, WEEK, Forecast, ForecastError, floor_hour, forecast
from pipelines.forecast import backtest as run_backtest
from pipelines.models import AuditLog, Mention, Reply, Ticket
from pipelines.staffing import Target, agents_needed, scheduled

HISTORY_WEEKS = 13  # hours of history read: the model's context plus its own error estimate
GROUPS = ("channel", "team")


def _iso(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")


def needs_reply_posts() -> Any:
    """The filter of posts that needed a reply when they arrived."""
    return and_(
        Mention.content_type == "mention",
        Mention.by_brand.is_(False),
        Mention.duplicate_of_id.is_(None),
        or_(
            Mention.role.in_(("complaint", "question")),
            and_(Mention.role.is_(None), Mention.is_complaint.is_(True)),
        ),
    )


def history(
    session: Session, settings: Settings, by: str, start: datetime, end: datetime
) -> dict[str, list[datetime]]:
    """Post times per channel or team between ``start`` and ``end``."""
    if by not in GROUPS:
        raise ForecastError(f"--by must be one of {', '.join(GROUPS)}, not {by!r}")
    key = Mention.platform if by == "channel" else Mention.team
    rows = session.execute(
        select(key, Mention.created_at).where(
            needs_reply_posts(), Mention.created_at >= start, Mention.created_at < end
        )
    )
    out: dict[str, list[datetime]] = defaultdict(list)
    default = settings.triage.default_team if by == "team" else "other"
    for group, at in rows:
        out[group or default].append(at)
    return out


def _series_json(start: datetime, f: Forecast, actual: np.ndarray | None) -> list[dict[str, Any]]:
    hours = []
    for i in range(len(f.mean)):
        at = start + timedelta(hours=i)
        hours.append({
            "at": _iso(at),
            "expected": round(float(f.mean[i]), 3),
            "lo": round(float(f.lo[i]), 3),
            "hi": round(float(f.hi[i]), 3),
            "actual": None if actual is None or i >= len(actual) else int(actual[i]),
        })  # fmt: skip
    return hours


def volume_forecast(
    session: Session,
    settings: Settings,
    days: int = 7,
    by: str = "channel",
    now: datetime | None = None,
    start: datetime | None = None,
) -> dict[str, Any]:
    """Expected posts needing a reply per hour for ``days`` days from ``start`` (default: the
    current hour), per channel or team, with an 80% interval; hours of the window already past
    carry their ``actual`` count."""
    from pipelines.forecast import hourly

    if not 1 <= days <= 28:
        raise ForecastError("--days must be between 1 and 28")
    now = now or utcnow()
    start = floor_hour(start or now)
    horizon = days * 24
    since = start - timedelta(hours=WEEK * HISTORY_WEEKS)
    until = min(floor_hour(now) + timedelta(hours=1), start + timedelta(hours=horizon))
    posts = history(session, settings, by, since, until)
    first = min((min(v) for v in posts.values() if v), default=None)
    # the history starts at the first stored post: empty weeks before it are no data
    h_start = max(since, floor_hour(first)) if first is not None and first < start else start
    weeks = int((start - h_start).total_seconds() // 3600) // WEEK
    series = []
    total_hist = np.zeros(int((start - h_start).total_seconds() // 3600))
    total_actual = np.zeros(max(0, int((until - start).total_seconds() // 3600)))
    for key in sorted(posts):
        hist = hourly(posts[key], h_start, start)
        actual = hourly(posts[key], start, until)
        total_hist += hist
        total_actual += actual
        f = forecast(hist, horizon)
        series.append({
            "key": key,
            "expected_total": round(float(f.mean.sum()), 1),
            "hours": _series_json(start, f, actual if len(actual) else None),
        })  # fmt: skip
    total = forecast(total_hist, horizon)
    note = None
    if weeks < MIN_WEEKS:
        note = (
            f"only {weeks} week(s) of history: at least {MIN_WEEKS} are needed for a forecast; "
            "showing the volume by hour of the week instead"
        )
    return {
        "by": by,
        "days": days,
        "start": _iso(start),
        "generated_at": _iso(now),
        "method": total.method,
        "history_weeks": weeks,
        "note": note,
        "recent_error": recent_error(total_hist),
        "total": {
            "expected_total": round(float(total.mean.sum()), 1),
            "hours": _series_json(start, total, total_actual if len(total_actual) else None),
        },
        "series": series,
    }


def recent_error(hist: np.ndarray) -> dict[str, Any] | None:
    """The forecast's own error on the last two weeks it could have forecast (one-week horizon),
    beside seasonal naive's; None with too little history."""
    try:
        r = run_backtest(hist, horizon=WEEK, folds=2)
    except ForecastError:
        return None
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()}


def handle_minutes(session: Session, since: datetime) -> dict[str, Any]:
    """Median minutes from an agent's claim to the first reply sent on that ticket, per team and
    per channel, with how many tickets each median rests on."""
    claims: dict[int, datetime] = {}
    for target, at in session.execute(
        select(AuditLog.target_id, AuditLog.at).where(
            AuditLog.action == "claim", AuditLog.target_type == "ticket", AuditLog.at >= since
        )
    ):
        try:
            tid = int(target)
        except (TypeError, ValueError):
            continue
        claims.setdefault(tid, at)
    per_team: dict[str, list[float]] = defaultdict(list)
    per_channel: dict[str, list[float]] = defaultdict(list)
    if claims:
        rows = session.execute(
            select(Reply.ticket_id, Reply.channel, Reply.sent_at, Ticket.team)
            .join(Ticket, Ticket.id == Reply.ticket_id)
            .where(Reply.status == "sent", Reply.ticket_id.in_(list(claims)))
            .order_by(Reply.sent_at)
        )
        seen: set[int] = set()
        for tid, channel, sent_at, team in rows:
            if tid in seen or sent_at is None or sent_at < claims[tid]:
                continue
            seen.add(tid)
            minutes = (sent_at - claims[tid]).total_seconds() / 60
            if 0 < minutes <= 8 * 60:  # a claim left overnight is not handling time
                per_team[team or ""].append(minutes)
                per_channel[channel].append(minutes)
    every = [m for v in per_team.values() for m in v]
    return {
        "team": {k: (statistics.median(v), len(v)) for k, v in per_team.items()},
        "channel": {k: (statistics.median(v), len(v)) for k, v in per_channel.items()},
        "all": (statistics.median(every), len(every)) if every else None,
    }


def staffing_plan(
    session: Session,
    settings: Settings,
    target: Target,
    days: int = 7,
    aht_minutes: float | None = None,
    now: datetime | None = None,
    start: datetime | None = None,
) -> dict[str, Any]:
    """Agents needed per hour and team (Erlang C on the team forecast)."""
    now = now or utcnow()
    fc = volume_forecast(session, settings, days=days, by="team", now=now, start=start)
    handle = handle_minutes(session, now - timedelta(days=28))
    conf = settings.staffing
    teams = []
    totals: dict[str, list[int]] = {}
    for s in fc["series"]:
        if aht_minutes is not None:
            aht, source = aht_minutes, "given"
        elif s["key"] in handle["team"] and handle["team"][s["key"]][1] >= conf.min_handled:
            aht, n = handle["team"][s["key"]]
            source = f"measured: median of {n} tickets, claim to reply sent"
        elif handle["all"] and handle["all"][1] >= conf.min_handled:
            aht, n = handle["all"]
            source = f"measured on every team: median of {n} tickets"
        else:
            aht, source = conf.aht_minutes, "[staffing] aht_minutes (too few handled tickets)"
        hours = []
        for h in s["hours"]:
            agents = agents_needed(h["expected"], aht, target)
            hours.append({"at": h["at"], "expected": h["expected"], "agents": agents,
                          "scheduled": scheduled(agents, target)})  # fmt: skip
            t = totals.setdefault(h["at"], [0, 0])
            t[0] += agents
            t[1] += hours[-1]["scheduled"]
        teams.append({
            "team": s["key"],
            "aht_minutes": round(aht, 2),
            "aht_source": source,
            "peak_scheduled": max((h["scheduled"] for h in hours), default=0),
            "hours": hours,
        })  # fmt: skip
    current = _iso(floor_hour(now))
    on_shift = sum(conf.on_shift.values()) if conf.on_shift else None
    return {
        "days": days,
        "start": fc["start"],
        "service_level": target.service_level,
        "within_minutes": target.within_minutes,
        "shrinkage": target.shrinkage,
        "max_occupancy": target.max_occupancy,
        "method": fc["method"],
        "note": fc["note"],
        "teams": teams,
        "total": [{"at": at, "agents": a, "scheduled": s} for at, (a, s) in sorted(totals.items())],
        "now": {
            "at": current,
            "needed": totals.get(current, [0, 0])[1],
            "on_shift": on_shift,
        },
    }
