"""`listenpost crawl reddit|youtube|forums`, `listenpost watch` and `listenpost sources`: collecting
from the configured sources, once or on their intervals, and the record of the runs.
Registered in webapp/cli.py."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import click

from webapp.cli_common import ERROR_PREFIX, INTERRUPTED, Obj, format_counts, pass_obj, summary


def _crawl_api(obj: Obj, source: str, crawl: Callable[..., Iterator[Any]], as_json: bool) -> None:
    from pipelines.chain import Chain, run_source
    from webapp.process import until_stopped

    settings = obj.settings
    with until_stopped(INTERRUPTED), Chain(settings, obj.db) as chain:
        click.get_current_context().meta[ERROR_PREFIX] = f"{source}: "
        stats = run_source(chain, source, lambda c, s: crawl(settings, c, s))
        click.get_current_context().meta.pop(ERROR_PREFIX)
    if stats.skipped:
        click.echo(f"{stats.skipped}; skipped", err=True)
    summary(stats, as_json)


@click.group()
def crawl() -> None:
    """Collect mentions and help content from one kind of source."""


@crawl.command("reddit")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_obj
def crawl_reddit(obj: Obj, as_json: bool) -> None:
    """Search Reddit for the brand queries and fetch whole threads (PRAW)."""
    from crawlers.api import reddit

    _crawl_api(obj, "reddit", reddit.crawl, as_json)


@crawl.command("youtube")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_obj
def crawl_youtube(obj: Obj, as_json: bool) -> None:
    """Search YouTube for the brand queries and fetch comment threads (Data API v3)."""
    from crawlers.api import youtube

    _crawl_api(obj, "youtube", youtube.crawl, as_json)


@crawl.command("forums")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_obj
def crawl_forums(obj: Obj, as_json: bool) -> None:
    """Crawl the configured forums and help sites (Scrapy spiders)."""
    from crawlers.spiders.run import run_spiders

    obj.db  # noqa: B018 - schema first
    if not obj.settings.forums.sites:
        raise click.ClickException("no forums configured: add [[forums.sites]] to your config")
    from webapp.process import until_stopped

    ctx = click.get_current_context()
    with until_stopped(INTERRUPTED):
        ctx.meta[ERROR_PREFIX] = "forums: "
        result = run_spiders(obj.settings, overrides=scrapy_log_level())
        ctx.meta.pop(ERROR_PREFIX)
    click.echo(json.dumps(result) if as_json else format_counts(result))


def scrapy_log_level() -> dict[str, str]:
    """Scrapy logs at the CLI's level (-v for INFO, -vv for DEBUG), not at its own DEBUG."""
    return {"LOG_LEVEL": logging.getLevelName(logging.getLogger().getEffectiveLevel())}


@click.command()
@click.option("--once", is_flag=True, help="Run every source once and stop.")
@click.option(
    "--timeout", type=float, default=3600, show_default=True, help="Seconds one run may take."
)
@pass_obj
def watch(obj: Obj, once: bool, timeout: float) -> None:
    """Run every configured source on its own interval until interrupted; the outbox's queued
    replies go out every few seconds meanwhile."""
    from pipelines.watch import Watcher, configured_sources, run_in_child, summary_line
    from webapp.outbox import OutboxWorker

    sources = configured_sources(obj.settings)
    if not sources:
        raise click.ClickException(
            "nothing to watch: configure Reddit credentials, a YouTube api_key or [[forums.sites]]"
        )
    obj.db  # noqa: B018 - schema first, once, before the children
    from webapp.process import check_stop, sleep, until_stopped

    def run(name: str) -> tuple[bool, str]:
        check_stop()
        return run_in_child(name, obj.config_file, timeout)

    watcher = Watcher(sources, run, sleep=sleep)

    def report(name: str, ok: bool, summary: str) -> None:
        click.echo(f"{name}: {'ok' if ok else 'failed'}: {summary_line(summary)}")
        # SLA age grows with time: recompute open tickets' priorities after every run.
        from pipelines.triage import refresh

        with obj.db.session() as s:
            refresh(s, obj.settings)
        # suggested answers for posts that joined open tickets (none before `listenpost index`)
        from indexer.gap_store import refresh as refresh_gaps
        from webapp.suggestions import store_pending

        store_pending(obj.settings, obj.db)
        refresh_gaps(obj.settings, obj.db)  # the gaps page's report, when posts changed

    click.echo("watching " + ", ".join(f"{s.name} every {s.interval:.0f} s" for s in sources))
    outbox = OutboxWorker(obj.settings, obj.db)
    with until_stopped():
        if once:
            for name, ok, summary in watcher.tick():
                report(name, ok, summary)
            outbox.run_once()
        else:
            with outbox:
                watcher.forever(report)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--runs", type=click.IntRange(min=1), default=10, show_default=True, help="Runs listed."
)
@pass_obj
def sources(obj: Obj, as_json: bool, runs: int) -> None:
    """List the latest crawl runs with what each fetched, added and failed."""
    from sqlalchemy import select

    from pipelines.models import CrawlRun
    from pipelines.runs import mark_interrupted

    with obj.db.session() as s:
        mark_interrupted(s)
        rows = s.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(runs)).all()
        data = [
            {
                "source": r.source,
                "started_at": r.started_at.isoformat(),
                "finished_at": r.finished_at.isoformat() if r.finished_at else None,
                "status": r.status,
                "fetched": r.fetched,
                "new": r.new,
                "duplicates": r.duplicates,
                "errors": r.errors,
                "quota_used": r.quota_used,
                "message": r.message,
            }
            for r in rows
        ]
    if as_json:
        click.echo(json.dumps(data))
        return
    if not data:
        click.echo("no crawl runs yet")
    for r in data:
        click.echo(
            f"{r['started_at'][:19]} {r['source']:<24} {r['status']:<11} fetched {r['fetched']}, "
            f"new {r['new']}, duplicates {r['duplicates']}, errors {r['errors']}, "
            f"quota {r['quota_used']}" + (f" ({r['message']})" if r["message"] else "")
        )
