"""`listenpost forecast [evaluate]` and `listenpost staffing`: volume ahead and agents needed.

Registered on the main group in webapp/cli.py. The JSON is the same as ``/api/forecast`` and
``/api/staffing`` (pipelines.volume builds it for both). User mistakes are one-line messages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows)


def _json_or_note(result: dict[str, Any], as_json: bool) -> bool:
    """Print the JSON and say so (True), or print the fallback note, if any, to stderr."""
    if as_json:
        click.echo(json.dumps(result))
        return True
    if result["note"]:
        click.echo(f"note: {result['note']}", err=True)
    return False


def _hour(at: str) -> str:
    return at[5:16].replace("T", " ")  # MM-DD HH:MM


@click.group(invoke_without_command=True)
@click.option("--days", type=click.IntRange(1, 28), default=7, show_default=True)
@click.option("--by", type=click.Choice(["channel", "team"]), default="channel", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def forecast(ctx: click.Context, days: int, by: str, as_json: bool) -> None:
    """Expected posts that need a reply, per hour, for the next days (80% interval)."""
    if ctx.invoked_subcommand is not None:
        return
    from pipelines.volume import volume_forecast

    obj = ctx.obj
    with obj.db.session() as session:
        result = volume_forecast(session, obj.settings, days=days, by=by)
    if _json_or_note(result, as_json):
        return
    keys = [s["key"] for s in result["series"]]
    rows = [["hour (UTC)", "expected", "80% interval", *keys]]
    for i, h in enumerate(result["total"]["hours"]):
        per = [f"{s['hours'][i]['expected']:.1f}" for s in result["series"]]
        rows.append([_hour(h["at"]), f"{h['expected']:.1f}", f"{h['lo']:.1f}-{h['hi']:.1f}", *per])
    click.echo(_table(rows))
    err = result["recent_error"]
    tail = (
        f"; last two weeks WAPE {err['wape']:.2f} (seasonal naive {err['baseline_wape']:.2f})"
        if err
        else ""
    )
    click.echo(
        f"{result['total']['expected_total']:.0f} posts expected in {days} days "
        f"({result['method']}, {result['history_weeks']} weeks of history{tail})"
    )


@forecast.command("evaluate")
@click.option("--data", "data", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV of timestamp,count (any interval; a header line is allowed).")  # fmt: skip
@click.option("--horizon", type=click.IntRange(1, 24 * 28), default=168, show_default=True,
              help="Hours forecast from each origin.")  # fmt: skip
@click.option("--folds", type=click.IntRange(1, 100), default=5, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def evaluate(data: Path, horizon: int, folds: int, as_json: bool) -> None:
    """Backtest the forecast on a series with rolling origins, against seasonal naive."""
    from pipelines.forecast import backtest, read_counts

    result = backtest(read_counts(data), horizon=horizon, folds=folds)
    if as_json:
        click.echo(json.dumps(result))
        return
    click.echo(
        f"wape {result['wape']:.4f}  mase {result['mase']:.4f}  "
        f"baseline_wape {result['baseline_wape']:.4f} (seasonal naive, one week)  "
        f"coverage {result['coverage']:.3f} (80% interval)  "
        f"n_hours {result['n_hours']}  folds {result['folds']}"
    )


@click.command()
@click.option("--days", type=click.IntRange(1, 28), default=7, show_default=True)
@click.option("--service-level", type=float, default=None,
              help="Share answered within --within-minutes [staffing] service_level.")  # fmt: skip
@click.option("--within-minutes", type=float, default=None, help="[staffing] within_minutes.")
@click.option("--aht-minutes", type=float, default=None,
              help="Handle time; default: measured per team (claim to reply sent).")  # fmt: skip
@click.option("--shrinkage", type=float, default=None, help="[staffing] shrinkage.")
@click.option("--max-occupancy", type=float, default=None, help="[staffing] max_occupancy.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def staffing(
    obj: Any,
    days: int,
    service_level: float | None,
    within_minutes: float | None,
    aht_minutes: float | None,
    shrinkage: float | None,
    max_occupancy: float | None,
    as_json: bool,
) -> None:
    """Agents needed per hour and team (Erlang C on the forecast, occupancy cap, shrinkage)."""
    from pipelines.staffing import StaffingError, Target
    from pipelines.volume import staffing_plan

    conf = obj.settings.staffing
    target = Target(
        service_level=conf.service_level if service_level is None else service_level,
        within_minutes=conf.within_minutes if within_minutes is None else within_minutes,
        shrinkage=conf.shrinkage if shrinkage is None else shrinkage,
        max_occupancy=conf.max_occupancy if max_occupancy is None else max_occupancy,
    )
    if aht_minutes is not None and aht_minutes <= 0:
        raise StaffingError("--aht-minutes must be above 0")
    with obj.db.session() as session:
        result = staffing_plan(session, obj.settings, target, days=days, aht_minutes=aht_minutes)
    if _json_or_note(result, as_json):
        return
    teams = result["teams"]
    rows = [["hour (UTC)", "total", *[t["team"] for t in teams]]]
    for i, h in enumerate(result["total"]):
        rows.append([_hour(h["at"]), str(h["scheduled"]),
                     *[str(t["hours"][i]["scheduled"]) for t in teams]])  # fmt: skip
    click.echo(_table(rows))
    for t in teams:
        click.echo(f"{t['team']}: handle time {t['aht_minutes']} min ({t['aht_source']}), "
                   f"peak {t['peak_scheduled']} agents")  # fmt: skip
    now = result["now"]
    shift = f", {now['on_shift']} on shift" if now["on_shift"] is not None else ""
    click.echo(
        f"now: {now['needed']} agents needed{shift} (scheduled, after {result['shrinkage']:.0%} "
        f"shrinkage; {result['service_level']:.0%} within {result['within_minutes']:g} min)"
    )
