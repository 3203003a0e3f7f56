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

Medians and p90 are nearest-rank percentiles (:func:`percentile`), minutes to 2 decimals and
hours to 3.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crawlers.items import as_utc, utcnow
from pipelines.conversation import said_in
from pipelines.models.records import Mention, Reply, Ticket
from pipelines.status import owes_reply

LOOKBACK = timedelta(days=90)
"""How long before a period a ticket resolved in it may have started."""


def percentile(values: list[float], p: float) -> float | None:
    """The p-th percentile by nearest rank (the smallest value with at least p% of the values
    at or below it); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(p / 100 * len(ordered)))) - 1]


def _spread(values: list[float], digits: int = 2) -> dict[str, Any]:
    """Median, p90 and count, rounded to ``digits`` decimals (minutes to 2: under a second;
    hours to 3: a few seconds)."""

    def r(v: float | None) -> float | None:
        return None if v is None else round(v, digits)

    return {"median": r(percentile(values, 50)), "p90": r(percentile(values, 90)),
            "n": len(values)}  # fmt: skip


def brand_responses(session: Session, ticket_ids: list[int]) -> dict[int, list[datetime]]:
    """Per ticket, the times of its brand responses, oldest first: brand posts that answer one
    of its posts (pipelines.conversation.answers), plus sent replies whose remote id was not
    collected back as one of those posts."""
    if not ticket_ids:
        return {}
    posts: list[Any] = []
    for start in range(0, len(ticket_ids), 500):
        posts += session.execute(
            select(Mention.ticket_id, Mention.platform, Mention.thread_id, Mention.parent_id,
                   Mention.source_id, Mention.created_at)
            .where(Mention.ticket_id.in_(ticket_ids[start : start + 500]),
                   Mention.thread_id.is_not(None), Mention.by_brand.is_(False))
        ).all()  # fmt: skip
    said = said_in(session, {(p.platform, p.thread_id) for p in posts}, sent=False)
    found: dict[int, dict[str, datetime]] = {tid: {} for tid in {p.ticket_id for p in posts}}
    for p in posts:
        mine = found[p.ticket_id]
        for s in said.answering(p):
            key = _bare(s.source_id or "")
            mine[key] = min(s.at, mine.get(key, s.at))
    for start in range(0, len(ticket_ids), 500):
        for rid, tid, remote_id, sent_at, created_at in session.execute(
            select(
                Reply.id, Reply.ticket_id, Reply.remote_id, Reply.sent_at, Reply.created_at
            ).where(  # fmt: skip
                Reply.ticket_id.in_(ticket_ids[start : start + 500]), Reply.status == "sent"
            )
        ):
            mine = found.setdefault(tid, {})
            key = _bare(remote_id) if remote_id else f"reply:{rid}"
            if key not in mine:
                mine[key] = as_utc(sent_at or created_at)
    return {tid: sorted(times.values()) for tid, times in found.items()}


def resolved(session: Session, since: datetime, now: datetime) -> dict[int, datetime]:
    """Tickets resolved up to ``now`` with their resolution time: closed by an agent at
    ``closed_at``; else, once none of its posts needs a reply, at the first brand response after
    its last customer post that is not praise or a copy of one of its posts (imported history
    and crawled threads resolve without an agent's click). Only tickets whose first post is at
    most LOOKBACK before ``since`` are looked at."""
    rows = list(
        session.execute(
            select(Ticket.id, Ticket.status, Ticket.closed_at).where(
                Ticket.first_post_at >= since - LOOKBACK, Ticket.first_post_at <= now
            )
        )
    )
    out = {r.id: as_utc(r.closed_at) for r in rows if r.status == "closed" and r.closed_at}
    others = [r.id for r in rows if r.id not in out]
    posts: list[Any] = []
    for start in range(0, len(others), 500):
        posts += session.execute(
            select(Mention.id, Mention.ticket_id, Mention.created_at, Mention.role,
                   Mention.duplicate_of_id, Mention.needs_reply, Mention.status, Mention.by_brand)
            .where(Mention.ticket_id.in_(others[start : start + 500]),
                   Mention.by_brand.is_(False))
        ).all()  # fmt: skip
    ticket_of = {p.id: p.ticket_id for p in posts}
    last: dict[int, datetime] = {}
    waiting: set[int] = set()
    for p in posts:
        if owes_reply(p):
            waiting.add(p.ticket_id)
        # a copy of a post of the same ticket says nothing new; the same words as a post of
        # another ticket (another person's) are this ticket's own post
        if p.role != "praise" and ticket_of.get(p.duplicate_of_id) != p.ticket_id:
            at = as_utc(p.created_at)
            last[p.ticket_id] = max(at, last.get(p.ticket_id, at))
    candidates = [t for t in others if t not in waiting and t in last]
    for tid, times in brand_responses(session, candidates).items():
        after = [t for t in times if t > last[tid] and t <= now]
        if after:
            out[tid] = after[0]
    return out


def _bare(source_id: str) -> str:
    """A post's id without Reddit's kind prefix (a sent reply's remote id has none)."""
    return source_id[3:] if source_id[:3] in ("t1_", "t3_") else source_id


def measure(session: Session, days: float, now: datetime | None = None) -> dict[str, Any]:
    """The KPIs of the last ``days`` days: first_response_minutes and resolution_hours
    ({median, p90, n}), fcr, closed_per_hour and sla_met (fractions 0-1; None without data),
    plus what the page shows besides (tickets, closed, sla_n, closed_per_hour_24h, grid)."""
    now = as_utc(now or utcnow())
    since = now - timedelta(days=days)
    started = list(
        session.execute(
            select(Ticket.id, Ticket.first_post_at, Ticket.first_response_at, Ticket.sla_due_at)
            .where(Ticket.first_post_at >= since, Ticket.first_post_at <= now)
        )
    )  # fmt: skip
    frt = [(r.first_response_at - r.first_post_at).total_seconds() / 60
           for r in started if r.first_response_at is not None]  # fmt: skip
    done = {tid: at for tid, at in resolved(session, since, now).items() if since <= at <= now}
    firsts: dict[int, datetime] = {}
    ids = list(done)
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        for tid, at in session.execute(
            select(Ticket.id, Ticket.first_post_at).where(Ticket.id.in_(part))
        ):
            firsts[tid] = at
    resolution = [(at - as_utc(firsts[tid])).total_seconds() / 3600
                  for tid, at in done.items() if firsts.get(tid) is not None]  # fmt: skip
    responses = brand_responses(session, list(done))
    answered = [sum(t <= done[tid] for t in responses[tid]) for tid in done if responses.get(tid)]
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
        "resolution_hours": _spread(resolution, 3),
        "fcr": round(sum(n == 1 for n in answered) / len(answered), 4) if answered else None,
        "closed_per_hour": round(len(done) / (days * 24), 4),
        "sla_met": round(sum(met) / len(met), 4) if met else None,
        "tickets": len(started),
        "closed": len(done),
        "sla_n": len(met),
        "closed_per_hour_24h": sum(at >= now - timedelta(hours=24) for at in done.values()) / 24,
        "grid": grid,
    }


CLI_KEYS = ("first_response_minutes", "resolution_hours", "fcr", "closed_per_hour", "sla_met")


def summary(figures: dict[str, Any]) -> dict[str, Any]:
    """What `listenpost kpis --json` prints."""
    return {key: figures[key] for key in CLI_KEYS}
