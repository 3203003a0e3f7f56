"""Source leases (pipelines.cluster.lease): one holder at a time, taken over once expired, lost
by a holder whose lease was taken over; a cluster crawl skips a source another crawler holds;
Reddit's units (each search and watched subreddit) leased one by one."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from config import load_settings
from pipelines.chain import Chain, run_source
from pipelines.cluster.lease import Lease, UnitLeases, unit_lease_name
from pipelines.models import CrawlRun
from pipelines.models.db import Database


def _other(db: Database, source: str, seconds: float, name: str) -> Lease:
    lease = Lease(db, source, seconds)
    lease.holder = name  # another crawler process
    return lease


def test_one_holder_at_a_time_and_an_expired_lease_is_taken_over(any_db: Database) -> None:
    mine = Lease(any_db, "reddit", 60)
    theirs = _other(any_db, "reddit", 60, "host-b:42")
    assert mine.take()
    assert mine.take()  # its own: taken again (a renewal)
    assert not theirs.take()
    assert theirs.describe_other().startswith(f"reddit is leased to {mine.holder} until ")
    mine.release()
    assert theirs.take()
    assert not mine.take()
    assert Lease(any_db, "youtube", 60).take()  # another source is free

    short = _other(any_db, "forum:x", 0.2, "host-c:7")
    assert short.take()
    time.sleep(0.3)
    taker = Lease(any_db, "forum:x", 60)
    assert taker.take()  # the dead holder's lease expired
    assert not short.renew() and short.lost


def test_renewing_keeps_the_lease_past_its_length(any_db: Database) -> None:
    lease = Lease(any_db, "reddit", 0.6)
    assert lease.take()
    lease.keep()
    try:
        time.sleep(1.5)
        assert not _other(any_db, "reddit", 60, "host-b:42").take()
        assert not lease.lost
    finally:
        lease.release()
    assert _other(any_db, "reddit", 60, "host-b:42").take()


@pytest.mark.postgres
def test_a_cluster_crawl_skips_a_source_another_crawler_holds(pg_url: str, home: Path) -> None:
    settings = load_settings(
        home=str(home),
        database_url=pg_url,
        cluster={"broker_url": "amqp://guest:guest@127.0.0.1:9//"},
    )
    db = Database(settings)
    db.init()
    produced: list[str] = []

    def produce(cursor: object, stats: object) -> Iterator[object]:
        produced.append("ran")
        yield from ()

    try:
        assert _other(db, "import:crm", 60, "host-b:42").take()
        with Chain(settings, db, stages=[]) as chain:
            stats = run_source(chain, "import:crm", produce)
        assert produced == []
        assert stats.skipped is not None and "leased to host-b:42" in stats.skipped
        with db.session() as s:
            assert s.query(CrawlRun).count() == 0
    finally:
        db.dispose()


def test_units_are_leased_one_by_one(any_db: Database) -> None:
    theirs = _other(any_db, "reddit:search:all:nubefon", 60, "host-b:42")
    assert theirs.take()
    mine = UnitLeases(any_db, "reddit", 60)
    try:
        assert mine.claim("known") and mine.claim("search:all:NubeBox")
        assert mine.claim("known")  # already this process's
        assert not mine.claim("search:all:nubefon")
        assert mine.skipped[0].startswith("reddit:search:all:nubefon is leased to host-b:42 ")
        # another host finds the units this one holds taken, and the rest free
        other = _other(any_db, "reddit:known", 60, "host-c:7")
        assert not other.take()
        assert _other(any_db, "reddit:new:nubefon", 60, "host-c:7").take()
        assert not mine.lost
    finally:
        mine.release()
    assert _other(any_db, "reddit:known", 60, "host-c:7").take()  # released with the run


def test_a_long_unit_name_fits_the_table() -> None:
    long = unit_lease_name("reddit", "search:all:" + "x" * 400)
    assert len(long) <= 255 and long.startswith("reddit:search:all:xxx")
    assert long != unit_lease_name("reddit", "search:all:" + "x" * 399)
