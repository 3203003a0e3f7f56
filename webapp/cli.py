"""The `listenpost` command. User mistakes become one-line click.ClickException messages; a
:class:`config.ListenpostError` from any layer is caught once, by the main group."""

from __future__ import annotations

import logging
import threading

import click

from webapp.cli_accounts import publish, token, user
from webapp.cli_classifier import classifier
from webapp.cli_cluster import beat, worker
from webapp.cli_common import Group, Obj, pass_obj
from webapp.cli_crawl import crawl, sources, watch
from webapp.cli_forecast import forecast, staffing
from webapp.cli_identity import customers, forget, tickets
from webapp.cli_import import import_, kb
from webapp.cli_index import eval_group, gaps, index
from webapp.cli_serve import demo, serve
from webapp.cli_tickets import kpis, mentions, suggest, triage_group
from webapp.process import stop_on_signals


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    envvar="LISTENPOST_CONFIG",
    help="User TOML file overriding config/listenpost.toml (env: LISTENPOST_CONFIG).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def main(ctx: click.Context, config_file: str | None, verbose: int) -> None:
    """listenpost: public brand mentions and third-party help for social customer care."""
    from config.files import private_umask

    private_umask()  # data files 0600, directories 0700 (config/files.py)
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    root = logging.getLogger()
    if not root.handlers:
        # the handler holds the level: Scrapy sets its own loggers to DEBUG
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        handler.setLevel(level)
        root.addHandler(handler)
        root.setLevel(level)
    if threading.current_thread() is threading.main_thread():
        stop_on_signals()
    ctx.obj = Obj(config_file)


@main.command()
@pass_obj
def init(obj: Obj) -> None:
    """Create the data directory and bring the database schema up to date."""
    from config.files import tighten

    tighten(obj.settings.home)  # files 0600, directories 0700, also those made before
    obj.db  # noqa: B018 - opening runs the migrations
    click.echo(f"listenpost is ready in {obj.settings.home.resolve()}")


for command in (classifier, crawl, watch, sources, index, eval_group, gaps, mentions, triage_group,
                user, token, publish, customers, tickets, forget, kpis, forecast, staffing,
                suggest, import_, kb, serve, demo, worker, beat):  # fmt: skip
    main.add_command(command)

if __name__ == "__main__":  # pragma: no cover
    main()
