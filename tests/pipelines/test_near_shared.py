"""The near-duplicate index a cluster's workers share in Redis (pipelines.near_shared)."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from config import load_settings
from pipelines.chain import PipelineContext
from pipelines.dedup import Dedup, NearIndex, near_index, signature
from pipelines.models import Mention as MentionRow
from pipelines.models.db import Database
from pipelines.near_shared import SharedNearIndex
from pipelines.normalize import Normalize
from pipelines.store import Store
from tests.helpers import mention

pytestmark = pytest.mark.redis

LONG = "My router keeps dropping the connection every evening and support never calls back"
T0 = datetime(2026, 11, 1, 12, 0)


def _prefix() -> str:
    return f"lp-test-{uuid.uuid4().hex[:10]}"


def _cluster_db(pg_url: str, redis_url: str, home: Path) -> tuple[str, Any, Database]:
    """A fresh queue prefix, cluster settings on PostgreSQL and Redis, and the initialised
    database."""
    prefix = _prefix()
    settings = load_settings(
        home=str(home), database_url=pg_url, cluster={"redis_url": redis_url, "queue": prefix}
    )
    db = Database(settings)
    db.init()
    return prefix, settings, db


def test_lookups_equal_the_in_process_index(redis_url: str) -> None:
    rng = random.Random(5)  # noqa: S311 - generated test data
    shared = SharedNearIndex(redis_url, _prefix(), 0.8, 2)
    local = NearIndex(0.8, 2)
    t0 = T0.timestamp()
    templates = [[rng.choice("abcdefghij") for _ in range(25)] for _ in range(8)]
    found = 0
    try:
        for i in range(300):
            words = list(rng.choice(templates))
            for _ in range(rng.randint(0, 5)):
                words[rng.randrange(len(words))] = rng.choice("abcdefghijk")
            sig = signature(words)
            at = t0 + 60.0 * rng.randint(0, 6000)
            expected = local.match(sig, at)
            assert shared.match(sig, at) == expected
            found += expected is not None
            key = ("forum", str(i % 100))  # keys come again: the first one stays
            local.add(key, sig, at)
            shared.add(key, sig, at)
    finally:
        shared.clear()
    assert found > 50


@pytest.mark.postgres
def test_two_workers_group_near_copies_of_each_others_posts(
    pg_url: str, redis_url: str, home: Path
) -> None:
    prefix, settings, db = _cluster_db(pg_url, redis_url, home)
    workers = [PipelineContext(settings, db) for _ in range(2)]
    chains = [[Normalize(ctx), Dedup(ctx), Store(ctx)] for ctx in workers]

    def run(worker: int, item: object) -> None:
        for stage in chains[worker]:
            item = stage.process_item(item)

    try:
        assert isinstance(near_index(settings), SharedNearIndex)
        # both workers' indexes are in use before the first copy is stored
        run(0, mention("w0", "Roaming charges in Spain were billed twice on my invoice, why"))
        run(1, mention("w1", "The app logs me out whenever I open the billing page on my phone"))
        run(0, mention("a", LONG, author="ana", created_at=T0))
        run(1, mention("b", LONG + " again!", author="ana2", created_at=T0 + timedelta(hours=1)))
        run(0, mention("c", "Again: " + LONG, author="ana3", created_at=T0 + timedelta(hours=2)))
        with db.session() as s:
            rows = {r.source_id: r for r in s.scalars(select(MentionRow))}
        assert rows["a"].duplicate_of_id is None
        assert rows["b"].duplicate_of_id == rows["a"].id  # worker 1 found worker 0's post
        assert rows["c"].duplicate_of_id == rows["a"].id
        assert rows["w1"].duplicate_of_id is None
    finally:
        for ctx in workers:
            ctx.close()
        SharedNearIndex(redis_url, prefix, 0.8, 7).clear()
        db.dispose()


@pytest.mark.postgres
def test_the_first_worker_fills_the_shared_index_from_the_database(
    pg_url: str, redis_url: str, home: Path
) -> None:
    prefix, settings, db = _cluster_db(pg_url, redis_url, home)
    one_machine = load_settings(home=str(home), database_url=pg_url)
    ctx = PipelineContext(one_machine, db)  # stored before the cluster's Redis had anything
    item = mention("a", LONG, created_at=T0)
    try:
        for stage in (Normalize(ctx), Dedup(ctx), Store(ctx)):
            item = stage.process_item(item)
    finally:
        ctx.close()
    shared = SharedNearIndex(redis_url, prefix, 0.8, 7)
    try:
        with db.session() as s:
            shared.warm(s, T0 + timedelta(days=1))
        sig = signature(LONG.casefold().split() + ["again"])
        assert shared.match(sig, T0 + timedelta(days=1)) == ("reddit", "a")
        assert shared.match(sig, T0 + timedelta(days=8)) is None  # outside the window
    finally:
        shared.clear()
        db.dispose()


def test_a_cluster_without_redis_looks_near_duplicates_up_per_worker(
    home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = load_settings(
        home=str(home),
        database_url="postgresql+psycopg://u@h/db",
        cluster={"broker_url": "amqp://guest:guest@h:5672//"},
    )
    with caplog.at_level("WARNING", logger="pipelines.dedup"):
        assert isinstance(near_index(settings), NearIndex)
    assert "set [cluster] redis_url to share one index" in caplog.text
    one_machine = load_settings(home=str(home))
    caplog.clear()
    assert isinstance(near_index(one_machine), NearIndex)
    assert not caplog.text


def test_an_unreachable_redis_fails_with_one_line_naming_the_index() -> None:
    from pipelines.near_shared import NearIndexError

    index = SharedNearIndex("redis://:secret@127.0.0.1:9/0", _prefix(), 0.8, 7)
    with pytest.raises(NearIndexError) as err:
        index.match(signature(LONG.split()), T0)
    message = str(err.value)
    assert message.startswith("near-duplicate index in Redis at redis://:**@127.0.0.1:9/0: ")
    assert "secret" not in message and "\n" not in message
