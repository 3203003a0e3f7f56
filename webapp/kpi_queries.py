"""The care team's KPIs, from the tickets' true times (the posts' created_at, not when they were
collected), shared by the KPI page, ``GET /api/kpis`` and `listenpost kpis`. No Flask here.

Over the last ``days`` days (``now - days`` up to ``now``):

- first response (minutes): ``first_response_at - first_post_at`` of the tickets whose first
  post is in the period and that have a first brand response (a brand post later in the thread,
  or a reply sent from the outbox; pipelines.tickets.first_response);
- resolution (hours): ``closed_at - first_post_at`` of the tickets closed in the period;
- first-contact resolution: of the tickets closed in the period that got a brand response, the
  fraction closed after exactly one (brand posts in their threads after their first post there,
  plus sent replies not collected back as a brand post);
- closed per hour: tickets closed in the period / its hours;
- SLA met: of the tickets whose first post is in the period and whose SLA is decided (answered,
  or past due), the fraction first answered by ``sla_due_at``;
- volume by hour of week: customer posts of tickets, by weekday and hour (UTC).

Medians and p90 are nearest-rank percentiles (:func:`percentile`).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from crawlers.items import as_utc, utcnow
from pipelines.models.records import Mention, Reply, Ticket


def percentile(values: list[float], p: float) -> float | None:
    """The p-th percentile by nearest rank (the smallest value with at least p% of the values
    at or below it); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(p / 100 * len(ordered)))) - 1]


def _spread(values: list[float]) -> dict[str, Any]:
    def r(v: float | None) -> float | None:
        return None if v is None else round(v, 2)

    return {"median": r(percentile(values, 50)), "p90": r(percentile(values, 90)),
            "n": len(values)}  # fmt: skip


def brand_responses(session: Session, ticket_ids: list[int]) -> dict[int, int]:
    """Per ticket, how many brand responses it got: brand posts later in the thread of one of its
    posts, plus sent replies whose remote id was not collected back as one of those posts."""
    if not ticket_ids:
        return {}
    earliest: dict[int, dict[tuple[str, str], datetime]] = {}
    for tid, platform, thread, at in session.execute(
        select(Mention.ticket_id, Mention.platform, Mention.thread_id, func.min(Mention.created_at))
        .where(Mention.ticket_id.in_(ticket_ids), Mention.thread_id.is_not(None))
        .group_by(Mention.ticket_id, Mention.platform, Mention.thread_id)
    ):
        earliest.setdefault(tid, {})[(platform, thread)] = as_utc(at)
    threads = {key for per in earliest.values() for key in per}
    brand: dict[tuple[str, str], list[tuple[datetime, str]]] = {}
    keys = sorted(threads)
    for start in range(0, len(keys), 200):
        conds = [
            and_(Mention.platform == p, Mention.thread_id == t)
            for p, t in keys[start : start + 200]
        ]
        for platform, thread, at, source_id in session.execute(
            select(
                Mention.platform, Mention.thread_id, Mention.created_at, Mention.source_id
            ).where(Mention.by_brand.is_(True), or_(*conds))
        ):
            brand.setdefault((platform, thread), []).append((as_utc(at), source_id))
    counts: dict[int, int] = {}
    seen: dict[int, set[str]] = {}
    for tid, per in earliest.items():
        ids = {
            _bare(sid) for key, at in per.items() for when, sid in brand.get(key, []) if when > at
        }
        counts[tid] = len(ids)
        seen[tid] = ids
    for tid, remote_id in session.execute(
        select(Reply.ticket_id, Reply.remote_id).where(
            Reply.ticket_id.in_(ticket_ids), Reply.status == "sent"
        )
    ):
        if remote_id is None or _bare(remote_id) not in seen.get(tid, set()):
            counts[tid] = counts.get(tid, 0) + 1
    return counts


def _bare(source_id: str) -> str:
    """A post's id without Reddit's kind prefix (a sent reply's remote id has none)."""
    return source_id[3:] if source_id[:3] in ("t1_", "t3_") else source_id


def measure(session: Session, days: float, now: datetime | None = None) -> dict[str, Any]:
    """The KPIs of the last ``days`` days: first_response_minutes and resolution_hours
    ({median, p90, n}), fcr, closed_per_hour and sla_met (fractions 0-1; None without data),
    plus what the page shows besides (tickets, closed, sla_n, closed_per_hour_24h, grid)."""
    now = as_utc(now or utcnow())
    since = now - timedelta(days=days)
    rows = list(
        session.execute(
            select(Ticket.id, Ticket.first_post_at, Ticket.first_response_at, Ticket.closed_at,
                   Ticket.sla_due_at)
            .where(or_(and_(Ticket.first_post_at >= since, Ticket.first_post_at <= now),
                       and_(Ticket.closed_at >= since, Ticket.closed_at <= now)))
        )
    )  # fmt: skip
    started = [r for r in rows if r.first_post_at is not None and since <= r.first_post_at <= now]
    frt = [(r.first_response_at - r.first_post_at).total_seconds() / 60
           for r in started if r.first_response_at is not None]  # fmt: skip
    closed = [r for r in rows if r.closed_at is not None and since <= r.closed_at <= now]
    resolution = [(r.closed_at - r.first_post_at).total_seconds() / 3600
                  for r in closed if r.first_post_at is not None]  # fmt: skip
    responses = brand_responses(session, [r.id for r in closed])
    answered = [responses[r.id] for r in closed if responses.get(r.id)]
    decided = [r for r in started if r.sla_due_at is not None
               and (r.first_response_at is not None or r.sla_due_at < now)]  # fmt: skip
    met = [r.first_response_at is not None and r.first_response_at <= r.sla_due_at
           for r in decided]  # fmt: skip
    grid = [[0] * 24 for _ in range(7)]
    for (t,) in session.execute(
        select(Mention.created_at).where(
            Mention.ticket_id.is_not(None), Mention.by_brand.is_(False),
            Mention.created_at >= since, Mention.created_at <= now,
        )
    ):  # fmt: skip
        t = as_utc(t)
        grid[t.weekday()][t.hour] += 1
    return {
        "days": days,
        "first_response_minutes": _spread(frt),
        "resolution_hours": _spread(resolution),
        "fcr": round(sum(n == 1 for n in answered) / len(answered), 4) if answered else None,
        "closed_per_hour": round(len(closed) / (days * 24), 4),
        "sla_met": round(sum(met) / len(met), 4) if met else None,
        "tickets": len(started),
        "closed": len(closed),
        "sla_n": len(met),
        "closed_per_hour_24h": sum(r.closed_at >= now - timedelta(hours=24) for r in closed) / 24,
        "grid": grid,
    }


CLI_KEYS = ("first_response_minutes", "resolution_hours", "fcr", "closed_per_hour", "sla_met")


def summary(figures: dict[str, Any]) -> dict[str, Any]:
    """What `listenpost kpis --json` prints."""
    return {key: figures[key] for key in CLI_KEYS}
