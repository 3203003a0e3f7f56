"""The `listenpost` command. User mistakes become one-line click.ClickException messages; a
:class:`config.ListenpostError` from any layer is caught once, by the main group."""

from __future__ import annotations

import json
import logging
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from config import ListenpostError, Settings, load_settings
from config.errors import one_line
from webapp.cli_classifier import classifier
from webapp.cli_cluster import beat, worker
from webapp.cli_forecast import forecast, staffing
from webapp.cli_import import exit_if_skipped, import_, kb
from webapp.cli_serve import demo, serve
from webapp.cli_tickets import kpis, suggest
from webapp.process import stop_on_signals

logger = logging.getLogger("listenpost")


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

            if not _creates(click.get_current_context()):
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


def _creates(ctx: click.Context) -> bool:
    names: list[str] = []
    while ctx.parent is not None:
        names.insert(0, ctx.command.name or "")
        ctx = ctx.parent
    return any(tuple(names[: len(path)]) == path for path in CREATES)


pass_obj = click.make_pass_decorator(Obj)

ERROR_PREFIX = "listenpost.error_prefix"  # ctx.meta key: what an error message starts with


class Group(click.Group):
    """The main group: a :class:`ListenpostError` raised by any command is printed as one line,
    ``Error: MESSAGE``, on stderr, with exit status 1 (docs/configuration.md, "Exit status")."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ListenpostError as exc:
            prefix = ctx.meta.get(ERROR_PREFIX, "")
            raise click.ClickException(prefix + one_line(exc)) from None


def _progress(items: Iterator[Any], quiet: bool, label: str) -> Iterator[Any]:
    """A progress display on a terminal; nothing when quiet or not a terminal."""
    if quiet or not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=label, unit=" items", file=sys.stderr)


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


# -- import (the commands: webapp/cli_import.py) ----------------------------------------------


def _summary(stats: Any, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(stats.as_dict()))
    else:
        click.echo(
            f"{stats.new} new, {stats.updated} updated, {stats.duplicates} duplicates, "
            f"{stats.errors} errors"
        )


# -- crawl -------------------------------------------------------------------------------------


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
    _summary(stats, as_json)


INTERRUPTED = 130  # exit status of a crawl stopped by a signal (128 + SIGINT, as shells report)


@main.group()
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
    click.echo(json.dumps(result) if as_json else _format_counts(result))


def scrapy_log_level() -> dict[str, str]:
    """Scrapy logs at the CLI's level (-v for INFO, -vv for DEBUG), not at its own DEBUG."""
    return {"LOG_LEVEL": logging.getLevelName(logging.getLogger().getEffectiveLevel())}


def _format_counts(result: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v}" for k, v in result.items())


@main.command()
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

    obj.db  # noqa: B018 - schema first, once, before the children
    sources = configured_sources(obj.settings)
    if not sources:
        raise click.ClickException(
            "nothing to watch: configure Reddit credentials, a YouTube api_key or [[forums.sites]]"
        )
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


@main.command()
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


# -- index -------------------------------------------------------------------------------------


@main.group(invoke_without_command=True)
@click.option("--rebuild", is_flag=True, help="Re-embed everything from scratch.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def index(ctx: click.Context, rebuild: bool, as_json: bool) -> None:
    """Embed new or changed mentions and knowledge into the FAISS indexes."""
    if ctx.invoked_subcommand is not None:
        return
    obj = ctx.find_object(Obj)
    from indexer.build import update_indexes
    from indexer.gap_store import refresh as refresh_gaps
    from webapp.suggestions import store_pending

    result = update_indexes(obj.settings, obj.db, rebuild=rebuild, progress=not as_json)
    # the ticket pages' suggested answers and gaps report, computed here, not in a request
    result["suggestions"] = store_pending(obj.settings, obj.db)
    result["gaps"] = refresh_gaps(obj.settings, obj.db)
    click.echo(json.dumps(result) if as_json else _format_counts(result))


@index.command("check")
@click.option("--repair", is_flag=True, help="Embed what is missing, drop what is gone.")
@click.option("--sample", type=click.IntRange(min=1), default=200, show_default=True,
              help="Stored vectors used as queries to measure recall@10.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_obj
def index_check(obj: Obj, repair: bool, sample: int, as_json: bool) -> None:
    """Recall@10 of the approximate index against exact search, and ids in only one of database
    and index."""
    from indexer.build import check_indexes

    result = check_indexes(obj.settings, obj.db, sample=sample, repair=repair)
    if as_json:
        click.echo(json.dumps(result))
        return
    for name, r in result.items():
        if name in ("model", "repaired"):
            continue
        recall = "n/a" if r["recall@10"] is None else f"{r['recall@10']:.3f}"
        click.echo(
            f"{name}: {r['kind']} index, {r['count']} vectors, recall@10 {recall} "
            f"(sample {r['sample']}), only in database {len(r['only_in_database'])}, "
            f"only in index {len(r['only_in_index'])}, changed {len(r['changed'])}"
            + (
                f", documents not chunked yet {len(r['unchunked_documents'])}"
                if "unchunked_documents" in r
                else ""
            )
        )
    if repair:
        click.echo("repaired: " + _format_counts(result["repaired"]))


# -- suggestions, retrieval evaluation, knowledge gaps -------------------------------------------


@main.group("eval")
def eval_group() -> None:
    """Measure the project's components on public evaluation sets."""


@eval_group.command("retrieval")
@click.option("--queries", "queries_path", required=True, type=click.Path(path_type=Path))
@click.option("--corpus", "corpus_path", required=True, type=click.Path(path_type=Path))
@click.option("--qrels", "qrels_path", required=True, type=click.Path(path_type=Path))
@click.option("--baseline", type=click.Choice(["tfidf", "bm25"]), default=None,
              help="Also score this baseline in the same run.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_obj
def eval_retrieval(
    obj: Obj,
    queries_path: Path,
    corpus_path: Path,
    qrels_path: Path,
    baseline: str | None,
    as_json: bool,
) -> None:
    """MRR@10, recall@10 and nDCG@10 of the project's retrieval over a BEIR-format set."""
    from indexer.evaluation import run_eval

    result = run_eval(obj.settings, queries_path, corpus_path, qrels_path, baseline=baseline)
    if as_json:
        click.echo(json.dumps(result))
        return
    rows = [("retrieval", result)] + ([("baseline " + baseline, result["baseline"])]
                                      if baseline else [])  # fmt: skip
    for name, r in rows:
        click.echo(f"{name}: n {r['n']}, MRR@10 {r['mrr@10']:.3f}, recall@10 "
                   f"{r['recall@10']:.3f}, nDCG@10 {r['ndcg@10']:.3f}")  # fmt: skip


@main.command()
@click.option("--since", type=click.FloatRange(min=0, min_open=True), default=30,
              show_default=True, help="Days of mentions to look at.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_obj
def gaps(obj: Obj, since: float, as_json: bool) -> None:
    """Public questions and complaints that no own KB article answers, clustered and ranked."""
    from indexer.gap_store import as_text, report

    result = report(obj.settings, obj.db, since_days=since)
    click.echo(json.dumps(result, ensure_ascii=False) if as_json else as_text(result))


# -- mentions ----------------------------------------------------------------------------------


def mention_json(row: Any) -> dict[str, Any]:
    from pipelines.status import effective_status

    return {
        "id": row.id,
        "source_id": row.source_id,
        "platform": row.platform,
        "kind": row.kind,
        "author": row.author,
        "title": row.title,
        "text": row.text,
        "url": row.url,
        "lang": row.lang,
        "created_at": row.created_at.isoformat(),
        "thread_id": row.thread_id,
        "parent_id": row.parent_id,
        "by_brand": row.by_brand,
        "content_type": row.content_type,
        "score": row.score,
        "replies": row.replies,
        "views": row.views,
        "customer_id": row.persona.customer_id if row.persona_id else None,
        "ticket_id": row.ticket_id,
        "role": row.role,  # complaint, question, praise, answer, other (None: help content)
        "needs_reply": row.needs_reply,  # the brand owes it a public reply now
        "is_complaint": row.is_complaint,
        "complaint_score": row.complaint_score,
        "sentiment": row.sentiment,
        "status": effective_status(row),
        "priority": row.priority,
        "topic": row.topic,
        "team": row.team,
        "duplicate_of": row.duplicate_of_id,  # the first-seen mention's id
    }


@main.group("triage")
def triage_group() -> None:
    """Priority of the open tickets."""


@triage_group.command("refresh")
@pass_obj
def triage_refresh(obj: Obj) -> None:
    """Recompute the priority of every ticket not closed (its SLA part grows with time)."""
    from pipelines.triage import refresh

    with obj.db.session() as s:
        n = refresh(s, obj.settings)
    click.echo(f"{n} tickets")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N, newest first.")
@pass_obj
def mentions(obj: Obj, as_json: bool, limit: int | None) -> None:
    """List stored mentions, newest first."""
    from sqlalchemy import select

    from pipelines.models import Mention

    with obj.db.session() as s:
        q = select(Mention).order_by(Mention.created_at.desc(), Mention.id.desc())
        if limit:
            q = q.limit(limit)
        rows = [mention_json(m) for m in s.scalars(q)]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for m in rows:
        snippet = " ".join((m["title"] or m["text"]).split())[:80]
        when, who = m["created_at"][:16], m["author"][:20]
        click.echo(f"{m['id']:>6} {when} {m['platform']:<8} {who:<20} {snippet}")


# -- accounts, tokens, outbox ---------------------------------------------------------------------


@main.group()
def user() -> None:
    """Web app accounts (roles: agent, knowledge, marketing, admin)."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["agent", "knowledge", "marketing", "admin"]),
              required=True)  # fmt: skip
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@pass_obj
def user_add(obj: Obj, name: str, role: str, password_stdin: bool) -> None:
    """Create the user NAME (or reset its role and password)."""
    from webapp.accounts import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with obj.db.session() as s:
        create_user(s, name, role, password)
    click.echo(f"user {name} ({role}) saved")


@main.group()
def token() -> None:
    """API tokens (send them as Authorization: Bearer TOKEN)."""


@token.command("create")
@click.argument("name")
@pass_obj
def token_create(obj: Obj, name: str) -> None:
    """Print a new API token for the user NAME (shown once; only its hash is stored)."""
    from webapp.accounts import create_token

    with obj.db.session() as s:
        value = create_token(s, name)
    click.echo(value)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_obj
def publish(obj: Obj, as_json: bool) -> None:
    """Send the queued replies of the outbox to their channels (failed ones again too)."""
    from webapp.publisher import publish_pending

    done = publish_pending(obj.settings, obj.db, retry_failed=True)
    click.echo(json.dumps(done) if as_json else _format_counts(done))


# -- customers, tickets, forgetting (pipelines/identity, tickets.py, forget.py) -------------------


def _agent() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "cli"


_agent_option = click.option("--agent", default=_agent, help="Who acts (audit log); default $USER.")


def _identity_action(obj: Obj, action: Callable[[Any], Any]) -> Any:
    with obj.db.session() as s:
        return action(s)


@main.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.pass_context
def customers(ctx: click.Context, as_json: bool) -> None:
    """List customers with their personas and link evidence; subcommands change them."""
    if ctx.invoked_subcommand is not None:
        return
    from pipelines.identity import customers_view

    obj = ctx.find_object(Obj)
    with obj.db.session() as s:
        rows = customers_view(s)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for c in rows:
        label = f" {c['name']}" if c["name"] else ""
        crm = f" (CRM {c['external_id']})" if c["external_id"] else ""
        click.echo(f"customer {c['id']}{label}{crm}")
        for p in c["personas"]:
            click.echo(f"  persona {p['id']} {p['platform']}:{p['handle']}")
        for link in c["links"]:
            a, b = link["personas"]
            click.echo(f"  link {link['id']} {a}-{b} {link['evidence']} "
                       f"{link['confidence']:.2f} {link['status']}")  # fmt: skip


@customers.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@_agent_option
@pass_obj
def customers_import(obj: Obj, file: Path, as_json: bool, agent: str) -> None:
    """Import a CRM export: customer_id,name,email,reddit,youtube,forum (';' between handles)."""
    from crawlers.importers import read_crm_text
    from pipelines.identity import import_customers

    text = read_crm_text(file)
    stats = _identity_action(obj, lambda s: import_customers(s, obj.settings, text, agent))
    summary = {"customers": stats.customers, "personas": stats.personas, "links": stats.links,
               "joined": stats.joined, "proposed": stats.proposed}  # fmt: skip
    for line in stats.skipped:
        click.echo(f"skipped {line}", err=True)
    click.echo(json.dumps(summary) if as_json else _format_counts(summary))
    exit_if_skipped(stats.bad)


@customers.command("merge")
@click.argument("a", type=int)
@click.argument("b", type=int)
@_agent_option
@pass_obj
def customers_merge(obj: Obj, a: int, b: int, agent: str) -> None:
    """Merge customers A and B into one."""
    from pipelines.identity import merge_customers

    keep = _identity_action(obj, lambda s: merge_customers(s, obj.settings, a, b, agent).id)
    click.echo(f"merged into customer {keep}")


@customers.command("split")
@click.argument("persona")
@_agent_option
@pass_obj
def customers_split(obj: Obj, persona: str, agent: str) -> None:
    """Take PERSONA (an id or PLATFORM:HANDLE) out of its customer into a new one."""
    from pipelines.identity import parse_persona_ref, split_persona

    new = _identity_action(
        obj, lambda s: split_persona(s, parse_persona_ref(s, persona).id, agent).id
    )
    click.echo(f"persona {persona} is now customer {new}")


@customers.command("confirm")
@click.argument("link_id", type=int)
@_agent_option
@pass_obj
def customers_confirm(obj: Obj, link_id: int, agent: str) -> None:
    """Confirm a proposed link: its two personas become one customer."""
    from pipelines.identity import confirm_link

    _identity_action(obj, lambda s: confirm_link(s, obj.settings, link_id, agent))
    click.echo(f"link {link_id} confirmed")


@customers.command("reject")
@click.argument("link_id", type=int)
@_agent_option
@pass_obj
def customers_reject(obj: Obj, link_id: int, agent: str) -> None:
    """Reject a proposed link; it never joins its personas."""
    from pipelines.identity import reject_link

    _identity_action(obj, lambda s: reject_link(s, link_id, agent))
    click.echo(f"link {link_id} rejected")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--status", default=None, help="Only tickets with this status.")
@pass_obj
def tickets(obj: Obj, as_json: bool, status: str | None) -> None:
    """List tickets with their posts from every channel in time order."""
    from pipelines.tickets import tickets_view

    with obj.db.session() as s:
        rows = tickets_view(s, status)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for t in rows:
        click.echo(f"ticket {t['id']} customer {t['customer_id']} {t['status']} "
                   f"({', '.join(t['channels'])})")  # fmt: skip
        for p in t["posts"]:
            click.echo(f"  {p['created_at'][:16]} {p['channel']:<8} mention {p['mention_id']}")


@main.command()
@click.option("--customer", "customer_id", type=int, default=None, help="Forget this customer.")
@click.option("--persona", default=None, help="Forget this persona (PLATFORM:HANDLE or id).")
@click.option("--expired", is_flag=True, help="Forget mentions past [identity] retention_days.")
@click.option(
    "--lift",
    default=None,
    metavar="PLATFORM:HANDLE",
    help="Let a forgotten account (or crm:ID) be collected again: remove its tombstone.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@_agent_option
@pass_obj
def forget(obj: Obj, customer_id: int | None, persona: str | None, expired: bool,
           lift: str | None, as_json: bool, agent: str) -> None:  # fmt: skip
    """Delete a customer or persona with their posts, replies, links and index vectors."""
    from indexer.forget import run_forget
    from pipelines.forget import forget_customer, forget_expired, forget_persona, lift_tombstone

    given = (customer_id, persona, expired, lift)
    if sum(x is not None and x is not False for x in given) != 1:
        raise click.ClickException("give exactly one of --customer, --persona, --expired, --lift")
    if lift is not None:
        with obj.db.session() as s:
            lift_tombstone(s, obj.settings, lift, agent)
        click.echo(json.dumps({"tombstones_lifted": 1}) if as_json else "tombstone lifted")
        return
    if customer_id is not None:
        cid = customer_id
        action: Callable[[Any], Any] = lambda s: forget_customer(s, obj.settings, cid, agent)  # noqa: E731
    elif persona is not None:
        ref = persona
        action = lambda s: forget_persona(s, obj.settings, ref, agent)  # noqa: E731
    else:
        action = lambda s: forget_expired(s, obj.settings, agent)  # noqa: E731
    out = run_forget(obj.db, obj.settings, action)
    click.echo(json.dumps(out.counts) if as_json else "forgotten: " + _format_counts(out.counts))


main.add_command(classifier)
main.add_command(kpis)
main.add_command(forecast)
main.add_command(staffing)
main.add_command(suggest)
main.add_command(import_)
main.add_command(kb)
main.add_command(serve)
main.add_command(demo)
main.add_command(worker)
main.add_command(beat)

if __name__ == "__main__":  # pragma: no cover
    main()
