"""`listenpost demo`: serve the bundled world from loopback fake servers in the real API shapes,
collect it with the real crawlers and pipeline, import the bundled KB, build the index, serve.

The demo keeps its data in <home>/demo, apart from a real installation's data.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import click

from config import Settings, load_settings

logger = logging.getLogger(__name__)

HERE = Path(__file__).parent
WORLD = HERE / "world.json"
KB = HERE / "kb.jsonl"
CUSTOMERS = HERE / "customers.csv"


def load_world(path: Path = WORLD) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def demo_settings(
    config_file: str | None, world: dict[str, Any], urls: dict[str, str], home: Path | None = None
) -> Settings:
    """The user's settings (file and environment) with the demo's own values for what keeps it
    apart from a real installation: its home (<home>/demo) and SQLite database there, one
    machine (no broker, no shared Redis), the world's brand, and Reddit, YouTube and forum
    clients that reach only the loopback servers. The demo's values win over LISTENPOST_*
    variables too (which otherwise beat everything), so a shell set up for a real installation
    cannot send the demo's world into its database or the demo's replies to its accounts."""
    base = load_settings(config_file)
    brand = world["brand"]
    own: dict[str, Any] = {
        "home": Path(home or (base.home / "demo")),
        "database_url": "",
        "brand": brand,
        "reddit": {
            "client_id": DEMO_KEY,
            "client_secret": DEMO_KEY,
            "username": brand["accounts"]["reddit"][0],  # replies are published as the brand
            "password": DEMO_KEY,
            "oauth_url": urls["reddit"],
            "reddit_url": urls["reddit"],
            "searches": [{"query": q} for q in brand["queries"]],
            "help_subreddits": ["techsupport"],
        },
        "youtube": {
            "api_key": DEMO_KEY,
            "oauth_token": DEMO_KEY,
            "api_endpoint": urls["youtube"],
            "channel_id": brand["accounts"]["youtube"][0],
            "searches": [{"query": q} for q in brand["queries"]],
        },
        "forums": {
            "sites": [
                {"name": "nubefon-community", "kind": "discourse", "url": urls["forum"]},
            ]
        },
        "cluster": {"broker_url": "", "redis_url": ""},
    }
    update: dict[str, Any] = {}
    for key, value in own.items():
        section = getattr(base, key)
        if isinstance(value, dict):  # a section: the demo's keys over the user's, validated
            value = type(section).model_validate({**section.model_dump(), **value})
        update[key] = value
    return base.model_copy(update=update)


DEMO_KEY = "demo"  # the demo's Reddit client id/secret and YouTube API key


def start_fakes(stack: ExitStack, world: dict[str, Any]) -> dict[str, str]:
    from demo.fake_forum import FakeDiscourse
    from demo.fake_reddit import FakeReddit
    from demo.fake_youtube import FakeYouTube

    return {
        "reddit": stack.enter_context(FakeReddit(world, credentials=(DEMO_KEY, DEMO_KEY))).url,
        "youtube": stack.enter_context(FakeYouTube(world, api_key=DEMO_KEY)).url,
        "forum": stack.enter_context(FakeDiscourse(world)).url,
    }


def load_demo(settings: Settings, echo: Any = click.echo) -> dict[str, Any]:
    """Crawl every demo source, import the KB and build the index; returns what each step did."""
    from crawlers.api import reddit, youtube
    from crawlers.importers import kb_from_record, read_jsonl
    from crawlers.items import utcnow
    from crawlers.spiders.run import run_spiders
    from demo.history import load_history
    from indexer.build import update_indexes
    from pipelines.chain import Chain, run_source
    from pipelines.models.db import Database
    from webapp.process import check_stop

    db = Database(settings)
    db.init()
    done: dict[str, Any] = {}
    try:
        done["customers"] = import_demo_customers(settings, db)
        echo(f"imported customers: {done['customers']['customers']} new")
        done["history"] = load_history(settings, db, utcnow())
        echo(f"imported five weeks of answered posts: {done['history']['posts']} new")
        for name, module in (("reddit", reddit), ("youtube", youtube)):
            with Chain(settings, db) as chain:
                stats = run_source(chain, name, lambda c, s, m=module: m.crawl(settings, c, s))
            done[name] = stats.as_dict()
            echo(f"crawled {name}: {stats.new} new")
            check_stop()
        done["forums"] = run_spiders(settings, overrides={"LOG_LEVEL": "WARNING"})
        echo(f"crawled forums: {done['forums']['new']} new")
        check_stop()
        with Chain(settings, db) as chain:
            stats = run_source(
                chain,
                "kb:demo",
                lambda c, s: (item for _, item in read_jsonl(KB, kb_from_record)),
            )
        done["kb"] = stats.as_dict()
        echo(f"imported KB: {stats.new} new")
        check_stop()
        done["index"] = update_indexes(settings, db)
        echo("index built")
        from webapp.suggestions import store_pending

        done["suggestions"] = store_pending(settings, db)  # the ticket pages' suggestions
        echo(f"suggestions stored for {done['suggestions']['stored']} posts")
        from indexer.gap_store import refresh as refresh_gaps

        done["gaps"] = refresh_gaps(settings, db)  # the gaps report, as `listenpost index` does
        echo(f"gaps report stored: {done['gaps']['gaps']} knowledge gaps")
    finally:
        db.dispose()
    return done


def import_demo_customers(settings: Settings, db: Any) -> dict[str, int]:
    """The demo's CRM export (customers.csv), imported before the crawl so that its customers'
    posts land on them and show their names."""
    from pipelines.identity import import_customers

    with db.session() as s:
        stats = import_customers(s, settings, CUSTOMERS.read_text(encoding="utf-8"), "demo")
    return {"customers": stats.customers, "personas": stats.personas, "links": stats.links}


TRIAGE_EVERY = 60.0  # seconds between two priority refreshes while the demo serves


def background(stack: ExitStack, settings: Settings, db: Any, triage_every: float = TRIAGE_EVERY
               ) -> None:  # fmt: skip
    """What runs beside the demo's web server until ``stack`` closes: the outbox worker (replies
    reach the fakes within seconds) and, as `listenpost watch` does after every crawl, the
    triage refresh, so that the SLA part of each open ticket's priority keeps up with the clock
    and the queue's order with it."""
    from pipelines.triage import refresh
    from webapp.outbox import OutboxWorker, Periodic

    def refresh_priorities() -> None:
        with db.session() as s:
            refresh(s, settings)

    stack.enter_context(OutboxWorker(settings, db))
    stack.enter_context(Periodic("triage", refresh_priorities, triage_every))


@contextmanager
def closing_db(db: Any) -> Iterator[Any]:
    try:
        yield db
    finally:
        db.dispose()


def run_demo(config_file: str | None, host: str, port: int, serve: bool = True) -> None:
    """Load the demo and serve it. The port is taken first: a port in use stops the demo before
    anything is started or loaded."""
    from crawlers.items import utcnow
    from demo.clock import place_world
    from webapp import create_app
    from webapp.cli_serve import run_server
    from webapp.process import bound_port, listen

    with ExitStack() as stack:
        sock = stack.enter_context(listen(host, port)) if serve else None
        world = place_world(load_world(), utcnow())  # its times relative to this moment
        urls = start_fakes(stack, world)
        settings = demo_settings(config_file, world, urls)
        click.echo(f"demo data in {settings.home.resolve()}")
        load_demo(settings)
        if sock is None:
            return
        app = create_app(settings=settings)
        from webapp.accounts import ensure_demo_users

        for name, password, role in ensure_demo_users(settings):
            click.echo(f"demo login ({role}): {name} / {password}")
        from pipelines.models.db import Database

        db = stack.enter_context(closing_db(Database(settings)))
        background(stack, settings, db)
        url = f"http://{host}:{bound_port(sock)}/"
        run_server(
            app, sockets=[sock], ready=lambda: click.echo(f"listenpost demo is serving at {url}")
        )
