"""Forecast and staffing for the KPIs page and ``/api/forecast``, ``/api/staffing``: reads the
stored posts (pipelines.volume computes, the same function as the CLI's) and lays out the charts.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from flask import abort
from sqlalchemy.orm import Session

from config import Settings
from crawlers.items import utcnow
from webapp import charts
from webapp.params import float_arg, int_arg

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def target_from(args: Mapping[str, Any], settings: Settings) -> Any:
    """The staffing target from request parameters, [staffing] settings for the missing ones."""
    from pipelines.staffing import StaffingError, Target

    conf = settings.staffing
    try:
        return Target(
            service_level=float_arg(args, "service_level", conf.service_level),
            within_minutes=float_arg(args, "within_minutes", conf.within_minutes),
            shrinkage=float_arg(args, "shrinkage", conf.shrinkage),
            max_occupancy=float_arg(args, "max_occupancy", conf.max_occupancy),
        )
    except StaffingError as exc:
        abort(400, str(exc))


def forecast_json(session: Session, settings: Settings, args: Mapping[str, Any]) -> Any:
    from pipelines.forecast import ForecastError
    from pipelines.volume import volume_forecast

    days = int_arg(args, "days", 7, 1, 28)
    by = args.get("by", "channel")
    if by not in ("channel", "team"):
        abort(400, "by must be channel or team")
    try:
        return volume_forecast(session, settings, days=days, by=by)
    except ForecastError as exc:
        abort(400, str(exc))


def staffing_json(session: Session, settings: Settings, args: Mapping[str, Any]) -> Any:
    from pipelines.forecast import ForecastError
    from pipelines.volume import staffing_plan

    days = int_arg(args, "days", 7, 1, 28)
    aht = float_arg(args, "aht_minutes", 0.0) or None
    if aht is not None and aht <= 0:
        abort(400, "aht_minutes must be above 0")
    try:
        return staffing_plan(session, settings, target_from(args, settings), days=days,
                             aht_minutes=aht)  # fmt: skip
    except ForecastError as exc:
        abort(400, str(exc))


def kpi_panel(session: Session, settings: Settings, now: datetime | None = None) -> dict[str, Any]:
    """This week's forecast against what came in so far (from today 00:00 UTC, seven days), the
    agents needed per hour as a chart and a day x hour table, and the forecast's recent error."""
    from pipelines.staffing import Target
    from pipelines.volume import staffing_plan, volume_forecast

    now = now or utcnow()
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    fc = volume_forecast(session, settings, days=7, by="channel", now=now, start=start)
    conf = settings.staffing
    target = Target(conf.service_level, conf.within_minutes, conf.shrinkage, conf.max_occupancy)
    plan = staffing_plan(session, settings, target, days=7, now=now, start=start)
    hours = fc["total"]["hours"]
    labels = [_label(start + timedelta(hours=i)) for i in range(len(hours))]
    actual = [h["actual"] for h in hours if h["actual"] is not None]
    lines = {"forecast": [h["expected"] for h in hours], "actual": actual}
    band = ([h["lo"] for h in hours], [h["hi"] for h in hours])
    volume_chart = charts.line_chart(labels, {k: v for k, v in lines.items() if v}, band=band)
    stacks = {t["team"]: [h["scheduled"] for h in t["hours"]] for t in plan["teams"]}
    grid = [[0] * 24 for _ in range(7)]
    for i, h in enumerate(plan["total"]):
        grid[i // 24][i % 24] = h["scheduled"]
    return {
        "forecast": fc,
        "plan": plan,
        "volume_chart": volume_chart,
        "agents_chart": charts.stacked_bars(labels, stacks) if stacks else None,
        "grid": [(_day(start + timedelta(days=d)), row) for d, row in enumerate(grid)],
        "expected_so_far": round(sum(h["expected"] for h in hours[: len(actual)]), 1),
        "actual_so_far": sum(actual),
    }


def _day(at: datetime) -> str:
    return f"{DAYS[at.weekday()]} {at.day:02d}"


def _label(at: datetime) -> str:
    return f"{_day(at)} {at.hour:02d}h"
