"""Reddit in a cluster: each search and watched subreddit is leased on its own, so crawlers on
several hosts split the work; they share one cursor, each save folding in the others' units;
a dead host's unit is taken over once its lease expires, and no thread is fetched twice."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from config import load_settings
from crawlers.api import reddit
from crawlers.api.reddit import RedditCrawler
from crawlers.items import utcnow
from demo.fake_reddit import FakeReddit
from pipelines.chain import Chain, Cursor, RunStats, run_source
from pipelines.cluster.lease import Lease
from pipelines.models import SourceLease
from pipelines.models.db import Database
from tests.crawlers.reddit_world import BRAND, cursor_of, make_settings, make_world


def _host(settings: Any, db: Database, units: set[str]) -> RedditCrawler:
    """A crawler on another host: it holds ``units`` of the shared "reddit" cursor."""
    cursor = Cursor(db, "reddit")
    cursor.claim = lambda unit: unit in units
    return RedditCrawler(settings, cursor, RunStats())


def _thread(last: float, comments: int) -> dict[str, float]:
    return {"created": 1.0, "last": last, "num_comments": comments}


def test_hosts_sharing_the_cursor_keep_each_others_units(any_db: Database, home: Path) -> None:
    settings = make_settings(home, "http://127.0.0.1:9", watch=["acme"])
    a = _host(settings, any_db, {"known", "search:all:acme"})
    b = _host(settings, any_db, {"new:acme"})
    assert a.claim("known") and a.claim("search:all:acme") and b.claim("new:acme")
    assert not b.claim("known") and "known" not in b.claimed

    a.listings["search:all:acme"] = {"newest_utc": 100.0}
    a.threads["t3_a"] = _thread(100.0, 1)
    a.cursor.save()
    b.listings["new:acme"] = {"newest_utc": 200.0}
    b.threads["t3_b"] = _thread(200.0, 2)
    b.threads["t3_a"] = _thread(150.0, 3)  # b fetched it again with a new comment
    b.cursor.save()
    a.listings["search:all:acme"] = {"newest_utc": 110.0}
    a.cursor.save()

    saved = Cursor(any_db, "reddit").data
    assert saved["listings"] == {
        "search:all:acme": {"newest_utc": 110.0},
        "new:acme": {"newest_utc": 200.0},
    }
    assert saved["threads"] == {"t3_a": _thread(150.0, 3), "t3_b": _thread(200.0, 2)}
    assert "t3_b" in a.threads  # a walking its listing now skips b's thread

    a.threads["t3_b"] = {"created": -1e9, "last": -1e9, "num_comments": 2}  # long quiet
    a.prune()
    a.cursor.save()
    assert "t3_b" not in Cursor(any_db, "reddit").data["threads"]  # pruned by known's holder


@pytest.fixture
def fake() -> Iterator[FakeReddit]:
    with FakeReddit(make_world()) as server:
        yield server  # type: ignore[misc]


@pytest.mark.cluster
def test_a_unit_another_host_holds_is_skipped_then_taken_over(
    pg_url: str, home: Path, fake: FakeReddit
) -> None:
    from pipelines.cluster.app import configure, jobs_queue
    from tests.cluster.support import broker_url, delete_queues

    queue = f"listenpost-test-{uuid.uuid4().hex[:10]}"
    settings = load_settings(
        home=str(home),
        database_url=pg_url,
        brand=BRAND,
        reddit=make_settings(home, fake.url, watch=["acme"]).reddit.model_dump(),
        cluster={"broker_url": broker_url(), "queue": queue, "batch_size": 8},
    )
    db = Database(settings)
    db.init()
    app = configure(settings)

    def crawl() -> RunStats:
        with Chain(settings, db, stages=["pipelines.normalize.Normalize"]) as chain:
            return run_source(chain, "reddit", lambda c, s: reddit.crawl(settings, c, s))

    def listings_read() -> list[str]:
        return [r.path for r in fake.requests if r.path.startswith("/r/")]

    try:
        theirs = Lease(db, "reddit:search:all:acme", 600)
        theirs.holder = "host-b:42"  # crawling the search on another host
        assert theirs.take()
        first = crawl()
        assert first.skipped is None and first.fetched > 0
        assert [p.rstrip("/") for p in listings_read()] == ["/r/acme/new"]  # search: host b
        assert set(cursor_of(db)["listings"]) == {"new:acme"}

        with db.session() as s:  # host b died: its lease ran out
            s.execute(
                update(SourceLease)
                .where(SourceLease.source == "reddit:search:all:acme")
                .values(expires_at=utcnow() - timedelta(seconds=1))
            )
        crawl()
        assert "/r/all/search" in [p.rstrip("/") for p in listings_read()]  # taken over
        assert set(cursor_of(db)["listings"]) == {"new:acme", "search:all:acme"}
        threads = [r.path for r in fake.requests if r.path.startswith("/comments/")]
        assert threads and len(threads) == len(set(threads))  # no thread fetched twice
    finally:
        delete_queues(app, [queue, jobs_queue(settings)])
        db.dispose()
