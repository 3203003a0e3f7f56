"""What the `listenpost` commands share: the per-invocation state (settings and database, both
opened lazily), the main group's error handling, and the output helpers (summaries, counts,
progress). The commands live in the webapp/cli_*.py modules; webapp/cli.py assembles them."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

import click

from config import ListenpostError, Settings, load_settings
from config.errors import one_line

INTERRUPTED = 130  # exit status of a crawl stopped by a signal (128 + SIGINT, as shells report)
ERROR_PREFIX = "listenpost.error_prefix"  # ctx.meta key: what an error message starts with


class Obj:
    """Per-invocation state: the settings (loaded lazily, so --help needs nothing) and the db."""

    def __init__(self, config_file: str | None) -> None:
        self.config_file = config_file
        self._settings: Settings | None = None
        self._db: Any = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.config_file)
        return self._settings

    @property
    def db(self) -> Any:
        """The database, with the schema brought up to date. Only the commands that may create
        it (``CREATES``) do; the others stop with one line until `listenpost init` ran."""
        if self._db is None:
            from config.files import secure_home
            from pipelines.models.db import Database, missing_database

            if not creates(click.get_current_context()):
                where = missing_database(self.settings)
                if where is not None:
                    raise click.ClickException(
                        f"no database at {where}: run 'listenpost init' first"
                    )
            secure_home(self.settings.home)
            self._db = Database(self.settings)
            click.get_current_context().call_on_close(self._db.dispose)  # pooled connections
            try:
                self._db.init()
            except Exception as exc:  # unreachable server, bad URL, locked file
                raise click.ClickException(f"cannot open the database: {one_line(exc)}") from None
        return self._db


# commands that create the database when there is none (the others need `listenpost init`)
CREATES = {("init",), ("demo",), ("import",), ("kb", "import"), ("customers", "import"),
           ("crawl",), ("watch",)}  # fmt: skip


def creates(ctx: click.Context) -> bool:
    names: list[str] = []
    while ctx.parent is not None:
        names.insert(0, ctx.command.name or "")
        ctx = ctx.parent
    return any(tuple(names[: len(path)]) == path for path in CREATES)


pass_obj = click.make_pass_decorator(Obj)


class Group(click.Group):
    """The main group: a :class:`ListenpostError` raised by any command is printed as one line,
    ``Error: MESSAGE``, on stderr, with exit status 1 (docs/configuration.md, "Exit status")."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ListenpostError as exc:
            prefix = ctx.meta.get(ERROR_PREFIX, "")
            raise click.ClickException(prefix + one_line(exc)) from None


def progress(items: Iterator[Any], quiet: bool, label: str) -> Iterator[Any]:
    """A progress display on a terminal; nothing when quiet or not a terminal."""
    if quiet or not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=label, unit=" items", file=sys.stderr)


def summary(stats: Any, as_json: bool) -> None:
    """A run's counts: one line, or JSON. In a cluster the workers store what a run enqueued, so
    its line says how many items went to them."""
    if as_json:
        click.echo(json.dumps(stats.as_dict()))
    elif stats.enqueued:
        click.echo(f"{stats.fetched} enqueued for the pipeline workers, {stats.errors} errors")
    else:
        click.echo(
            f"{stats.new} new, {stats.updated} updated, {stats.duplicates} duplicates, "
            f"{stats.errors} errors"
        )


def format_counts(result: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v}" for k, v in result.items())


def _agent() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "cli"


agent_option = click.option("--agent", default=_agent, help="Who acts (audit log); default $USER.")
