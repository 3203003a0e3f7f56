"""`listenpost kpis`: the care team's KPIs from the tickets' true times (webapp.kpi_queries, the
same computation as the KPI page). Registered on the main group in webapp/cli.py."""

from __future__ import annotations

import json
from typing import Any

import click


def _num(value: float | None, unit: str, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}{unit}"


@click.command()
@click.option("--days", type=click.FloatRange(min=0, min_open=True), default=30,
              show_default=True, help="The period: the last N days.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def kpis(obj: Any, days: float, as_json: bool) -> None:
    """First response, resolution, first-contact resolution, closed per hour and SLA met."""
    from webapp.kpi_queries import measure, summary

    with obj.db.session() as s:
        k = summary(measure(s, days))
    if as_json:
        click.echo(json.dumps(k))
        return
    frt, res = k["first_response_minutes"], k["resolution_hours"]
    pct = {name: None if k[name] is None else k[name] * 100 for name in ("fcr", "sla_met")}
    click.echo(f"last {days:g} days")
    click.echo(f"first response: median {_num(frt['median'], ' min')}, "
               f"p90 {_num(frt['p90'], ' min')} ({frt['n']} tickets)")  # fmt: skip
    click.echo(f"resolution: median {_num(res['median'], ' h')}, p90 {_num(res['p90'], ' h')} "
               f"({res['n']} closed)")  # fmt: skip
    click.echo(f"first-contact resolution: {_num(pct['fcr'], '%')}")
    click.echo(f"closed per hour: {k['closed_per_hour']:.3f}")
    click.echo(f"SLA met: {_num(pct['sla_met'], '%')}")
