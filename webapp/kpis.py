"""The KPI page: first response time (median, p90), resolution time, first-contact resolution,
tickets closed per hour, SLA met %, and volume by hour of week for staffing. The figures are
webapp.kpi_queries' (the same as `listenpost kpis`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, current_app, render_template, request
from sqlalchemy.orm import Session

from webapp import charts, forecasting, get_session
from webapp.auth import requires
from webapp.kpi_queries import measure, percentile
from webapp.params import int_arg

__all__ = ["bp", "compute", "percentile"]

bp = Blueprint("kpis", __name__, url_prefix="/kpis")


def _pct(value: float | None) -> float | None:
    return None if value is None else value * 100


def compute(session: Session, days: int, now: datetime | None = None) -> dict[str, Any]:
    """The page's and ``GET /api/kpis``' figures (fcr and sla_met in percent)."""
    k = measure(session, days, now)
    frt, resolution = k["first_response_minutes"], k["resolution_hours"]
    return {
        "days": days,
        "tickets": k["tickets"],
        "frt_median": frt["median"],
        "frt_p90": frt["p90"],
        "frt_n": frt["n"],
        "resolution_median": resolution["median"],
        "resolution_p90": resolution["p90"],
        "closed": k["closed"],
        "fcr": _pct(k["fcr"]),
        "closed_per_hour": k["closed_per_hour"],
        "closed_per_hour_24h": k["closed_per_hour_24h"],
        "sla_met": _pct(k["sla_met"]),
        "sla_n": k["sla_n"],
        "grid": k["grid"],
    }


@bp.get("/")
@requires("kpis")
def index() -> Any:
    days = int_arg(request.args, "days", 30, 1, 365)
    k = compute(get_session(), days)
    panel = forecasting.kpi_panel(get_session(), current_app.config["LISTENPOST_SETTINGS"])
    return render_template("kpis/index.html", k=k, hourmap=charts.heatmap(k["grid"]), fc=panel)
