"""KPIs: first response time (median, p90), resolution time, first-contact resolution, tickets
closed per hour, SLA met %, and volume by hour of week for staffing."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from flask import Blueprint, render_template, request
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from crawlers.items import utcnow
from pipelines.models.records import Mention, Reply, Ticket
from webapp import charts, get_session
from webapp.auth import requires
from webapp.params import int_arg

bp = Blueprint("kpis", __name__, url_prefix="/kpis")


def percentile(values: list[float], p: float) -> float | None:
    """The p-th percentile by nearest rank (the smallest value with at least p% of the values
    at or below it); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(p / 100 * len(ordered)))) - 1]


def compute(session: Session, days: int, now: datetime | None = None) -> dict[str, Any]:
    now = now or utcnow()
    since = now - timedelta(days=days)
    tickets = list(
        session.execute(
            select(
                Ticket.id,
                Ticket.created_at,
                Ticket.first_response_at,
                Ticket.closed_at,
                Ticket.sla_due_at,
                Ticket.status,
            ).where(or_(Ticket.created_at >= since, Ticket.closed_at >= since))  # fmt: skip
        )
    )
    frt = [(r.first_response_at - r.created_at).total_seconds() / 60
           for r in tickets if r.first_response_at and r.created_at >= since]  # fmt: skip
    closed = [r for r in tickets if r.closed_at and r.closed_at >= since]
    resolution = [(r.closed_at - r.created_at).total_seconds() / 3600 for r in closed]
    sent = dict(
        session.execute(
            select(Reply.ticket_id, func.count(Reply.id))
            .where(Reply.status == "sent", Reply.ticket_id.in_([r.id for r in closed] or [-1]))
            .group_by(Reply.ticket_id)
        ).all()
    )
    fcr = [sent.get(r.id, 0) == 1 for r in closed]
    with_sla = [r for r in tickets if r.sla_due_at and r.created_at >= since]
    met = [bool(r.first_response_at and r.first_response_at <= r.sla_due_at) for r in with_sla
           if r.first_response_at or r.sla_due_at < now]  # fmt: skip
    last_day = [r for r in closed if r.closed_at >= now - timedelta(hours=24)]
    grid = [[0] * 24 for _ in range(7)]
    for (t,) in session.execute(
        select(Mention.created_at).where(
            Mention.ticket_id.is_not(None), Mention.by_brand.is_(False), Mention.created_at >= since
        )
    ):
        grid[t.weekday()][t.hour] += 1
    return {
        "days": days,
        "tickets": len([r for r in tickets if r.created_at >= since]),
        "frt_median": percentile(frt, 50),
        "frt_p90": percentile(frt, 90),
        "frt_n": len(frt),
        "resolution_median": percentile(resolution, 50),
        "resolution_p90": percentile(resolution, 90),
        "closed": len(closed),
        "fcr": (sum(fcr) / len(fcr) * 100) if fcr else None,
        "closed_per_hour": len(closed) / (days * 24),
        "closed_per_hour_24h": len(last_day) / 24,
        "sla_met": (sum(met) / len(met) * 100) if met else None,
        "sla_n": len(met),
        "grid": grid,
    }


@bp.get("/")
@requires("kpis")
def index() -> Any:
    days = int_arg(request.args, "days", 30, 1, 365)
    k = compute(get_session(), days)
    return render_template("kpis/index.html", k=k, hourmap=charts.heatmap(k["grid"]))
