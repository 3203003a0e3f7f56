"""The cluster end to end on the machine's real broker and PostgreSQL: crawler processes enqueue
what they collect from the loopback fake Reddit, YouTube and forum, `listenpost worker` processes
store it; a worker killed mid-batch and a crawler killed mid-crawl lose and double nothing, and
two YouTube crawlers at once split the searches and spend no quota unit twice."""

from __future__ import annotations

import time
import uuid
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from config import load_settings
from demo.loopback import Fault
from demo.run import DEMO_KEY, load_world
from pipelines.models import CrawlState, Customer, Persona, Ticket, YouTubeQuota
from pipelines.models import Mention as MentionRow
from pipelines.models.db import Database
from tests.cluster.support import (
    Proc,
    broker_url,
    delete_keys,
    delete_queues,
    wait_drained,
    wait_for,
    write_config,
)

pytestmark = [pytest.mark.cluster, pytest.mark.redis]
LEASE = 20.0  # seconds a crawler holds its source without renewing

COLLECT = [
    "pipelines.normalize.Normalize",
    "pipelines.language.Language",
    "pipelines.dedup.Dedup",
    "pipelines.store.Store",
]


def _fakes(stack: ExitStack, world: dict[str, Any]) -> dict[str, Any]:
    from demo.fake_forum import FakeDiscourse
    from demo.fake_reddit import FakeReddit
    from demo.fake_youtube import FakeYouTube

    return {
        "reddit": stack.enter_context(FakeReddit(world, credentials=(DEMO_KEY, DEMO_KEY))),
        "youtube": stack.enter_context(FakeYouTube(world, api_key=DEMO_KEY)),
        "forum": stack.enter_context(FakeDiscourse(world)),
    }


def _config(world: dict[str, Any], fakes: dict[str, Any], home: Path) -> dict[str, Any]:
    brand = world["brand"]
    return {
        "home": str(home),
        "brand": {"name": brand["name"], "queries": brand["queries"]},
        "reddit": {
            "client_id": DEMO_KEY,
            "client_secret": DEMO_KEY,
            "oauth_url": fakes["reddit"].url,
            "reddit_url": fakes["reddit"].url,
            "searches": [{"query": q} for q in brand["queries"]],
            "retries": 0,
        },
        "youtube": {
            "api_key": DEMO_KEY,
            "api_endpoint": fakes["youtube"].url,
            "searches": [{"query": q} for q in brand["queries"]],
        },
        "forums": {
            "sites": [{"name": "community", "kind": "discourse", "url": fakes["forum"].url}]
        },
    }


def _reference(world: dict[str, Any], tmp_path: Path) -> set[tuple[str, str]]:
    """What one machine stores from the same world (the collect stages)."""
    from crawlers.api import reddit, youtube
    from crawlers.spiders.run import run_spiders
    from pipelines.chain import Chain, run_source

    with ExitStack() as stack:
        fakes = _fakes(stack, world)
        settings = load_settings(**_config(world, fakes, tmp_path / "one"))
        db = Database(settings)
        db.init()
        try:
            for name, module in (("reddit", reddit), ("youtube", youtube)):
                with Chain(settings, db, stages=COLLECT) as chain:
                    run_source(chain, name, lambda c, s, m=module: m.crawl(settings, c, s))
            run_spiders(settings, overrides={"LISTENPOST_STAGES": COLLECT}, isolate=True)
            with db.session() as s:
                stored = set(s.execute(select(MentionRow.platform, MentionRow.source_id)).all())
        finally:
            db.dispose()
        return stored


def test_kills_lose_and_double_nothing(tmp_path: Path, pg_url: str, redis_url: str) -> None:
    broker = broker_url()
    world = load_world()
    expected = _reference(world, tmp_path)
    queue = f"listenpost-test-{uuid.uuid4().hex[:10]}"
    procs: list[Proc] = []
    with ExitStack() as stack:
        fakes = _fakes(stack, world)
        data = _config(world, fakes, tmp_path / "home")
        data["database_url"] = pg_url
        data["cluster"] = {
            "broker_url": broker,
            "queue": queue,
            "batch_size": 4,
            "lease_seconds": LEASE,
            "redis_url": redis_url,  # near-duplicates and the forum crawl shared
        }
        config = write_config(tmp_path / "cluster.toml", data)
        settings = load_settings(config)
        from pipelines.cluster.app import configure, jobs_queue

        app = configure(settings)
        queues = [queue, jobs_queue(settings)]
        stack.callback(app.close)
        stack.callback(delete_queues, app, queues)
        stack.callback(delete_keys, redis_url, queue)
        db = Database(settings)
        db.init()
        stack.callback(db.dispose)

        def start(name: str, *args: str) -> Proc:
            proc = Proc(config, tmp_path / f"{name}.log", *args)
            procs.append(proc)
            return proc

        try:
            workers = [start(f"worker{i}", "worker", "--concurrency", "1") for i in range(3)]
            # crawler A is killed while it waits for a thread's comments, then runs again
            fakes["reddit"].inject(Fault(path="/comments/", delay=60))
            crawler_a = start("crawl-a1", "crawl", "reddit", "--json")
            # two YouTube crawlers at once split its units (each search, the tracked videos)
            # and share one quota count: the first one's first search is slow to answer, so the
            # second, started meanwhile, finds that search leased and takes the next units
            fakes["youtube"].inject(Fault(path="/youtube/v3/search", delay=15))
            youtube_crawls = [start("crawl-b1", "crawl", "youtube", "--json")]
            wait_for(
                lambda: any(r.path.endswith("/search") for r in fakes["youtube"].requests),
                60,
                "YouTube crawler 1 to search",
            )
            youtube_crawls.append(start("crawl-b2", "crawl", "youtube", "--json"))
            wait_for(
                lambda: any(r.path.startswith("/comments/") for r in fakes["reddit"].requests),
                60,
                "crawler A to fetch a thread",
            )
            crawler_a.kill()
            killed_at = time.monotonic()
            # the dead crawler's leases on Reddit's units are held until they expire...
            held = start("crawl-a2", "crawl", "reddit", "--json")
            # a worker dies in its first batch (it is loading the models then)
            victim = workers[0]
            wait_for(
                lambda: " received" in victim.text(), 90, "worker 1 to take a batch", step=0.05
            )
            victim.kill()
            workers.append(start("worker0b", "worker", "--concurrency", "1"))
            assert held.wait(90) == 0
            # (its units: re-checking known threads, and the search it was walking)
            assert "reddit:known is leased to" in held.text() and "; skipped" in held.text()
            # ...then taken over
            time.sleep(max(0.0, killed_at + LEASE + 0.5 - time.monotonic()))
            again = start("crawl-a3", "crawl", "reddit", "--json")
            assert again.wait(90) == 0 and "skipped" not in again.text()
            assert start("crawl-a4", "crawl", "forums", "--json").wait(90) == 0
            assert all(proc.wait(90) == 0 for proc in youtube_crawls)
            first_query = world["brand"]["queries"][0]
            assert f"youtube:search:{first_query} is leased to" in youtube_crawls[1].text()
            assert all('"quota_used": 0' not in proc.text() for proc in youtube_crawls)
            # the videos one found after the other had walked the tracked videos: next run
            assert start("crawl-b3", "crawl", "youtube", "--json").wait(90) == 0
            wait_drained(app, queues, 120)
        finally:
            for proc in procs:
                proc.stop()

        with db.session() as s:
            rows = s.execute(select(MentionRow.platform, MentionRow.source_id)).all()
            cursors = dict(s.execute(select(CrawlState.source, CrawlState.cursor)).all())
            quota = s.scalar(select(func.sum(YouTubeQuota.units)))
            personas = s.scalar(select(func.count()).select_from(Persona))
            customers = s.scalar(select(func.count()).select_from(Customer))
            owners = s.execute(
                select(Persona.platform, Persona.handle, func.count()).group_by(
                    Persona.platform, Persona.handle
                )
            ).all()
            tickets = s.scalars(select(Ticket)).all()
    assert "Task listenpost.chain_batch" in victim.text()
    assert " succeeded " not in victim.text()  # it died holding its batch
    assert len(rows) == len(set(rows))
    assert set(rows) == expected  # every post, the killed batch's included, stored once
    assert all(count == 1 for *_, count in owners)  # one customer per person
    assert 0 < customers <= personas
    matters = [m for t in tickets for m in (t.matter or [])]
    assert len(matters) == len(set(matters))  # a post states one ticket's matter
    assert {"reddit", "youtube"} <= set(cursors) and all(cursors[k] for k in ("reddit", "youtube"))
    assert any(k.startswith("forum") or "community" in k for k in cursors)
    # no quota unit spent twice: the shared count is what the API served, and each query was
    # searched once (100 units a page) by one of the crawlers
    assert quota == fakes["youtube"].units_used > 0
    passes = [
        r.query["q"][0]
        for r in fakes["youtube"].requests
        if r.path.endswith("/search") and not r.query.get("pageToken")
    ]
    passes.remove(world["brand"]["queries"][0])  # the request the fault held, sent again
    assert sorted(passes) == sorted(world["brand"]["queries"])
