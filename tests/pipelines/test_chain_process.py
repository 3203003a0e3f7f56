"""The chain's worker process (pipelines.scrapy_chain.ChainProcess): the same outcomes as the
chain in this process, errors that come back as errors, and no worker left behind when the
crawl process is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from sqlalchemy import func, select

from config import Settings
from pipelines.chain import Chain
from pipelines.models import Mention as MentionRow
from pipelines.models.db import Database
from pipelines.scrapy_chain import ChainProcess, ChainWorkerError
from tests.helpers import mention

COLLECT = [
    "pipelines.normalize.Normalize",
    "pipelines.language.Language",
    "pipelines.dedup.Dedup",
    "pipelines.store.Store",
]
ROOT = Path(__file__).resolve().parents[2]


def batch() -> list:
    return [
        mention("p1", "My Acme router drops the connection every evening since the update"),
        mention(
            "p2", "Mi router Acme se desconecta cada noche desde la actualización", author="ana"
        ),
        mention("p3", "Thanks, the firmware fixed it", author="bo"),
    ]


def test_the_worker_stores_what_the_chain_here_stores(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    worker = ChainProcess(settings, COLLECT, "WARNING")
    try:
        first = worker.process_batch(batch())
        again = worker.process_batch(batch())
    finally:
        worker.close()
    assert [r.source_id for r in first] == ["p1", "p2", "p3"]
    assert [r.lang for r in first] == ["en", "es", "en"]
    assert all(isinstance(r, DropItem) for r in again)  # stored unchanged: duplicates
    assert worker.counts["new"] == 3 and worker.counts["duplicates"] == 3
    assert worker.counts["fetched"] == 6
    assert set(worker.seconds) == {"Normalize", "Language", "Dedup", "Store"}

    here = Settings(**{**settings.model_dump(), "home": str(tmp_path / "here")})
    Database(here).init()
    with Chain(here, stages=COLLECT) as chain:
        local = chain.process_batch(batch())
    with Database(settings).session() as s, Database(here).session() as t:
        stored = s.execute(select(MentionRow.source_id, MentionRow.lang)).all()
        expected = t.execute(select(MentionRow.source_id, MentionRow.lang)).all()
    assert sorted(stored) == sorted(expected)
    assert [r.lang for r in local] == [r.lang for r in first]


def test_a_stage_error_comes_back_as_that_items_error(settings: Settings, db: Database) -> None:
    worker = ChainProcess(
        settings, [*COLLECT[:3], "tests.pipelines.test_chain_process.Picky"], "ERROR"
    )
    try:
        results = worker.process_batch([mention("ok1", "fine text here"), mention("bad", "boom")])
    finally:
        worker.close()
    assert results[0].source_id == "ok1"
    assert isinstance(results[1], Exception) and "no bad items" in str(results[1])


class Picky:
    """A last stage that refuses one item (imported by the worker by its dotted path)."""

    def __init__(self, ctx) -> None:  # noqa: ANN001
        self.ctx = ctx

    def process_batch(self, items: list) -> list:
        return [ValueError("no bad items") if i.source_id == "bad" else i for i in items]


def test_a_dead_worker_fails_the_batch_with_a_clear_error(settings: Settings, db: Database) -> None:
    worker = ChainProcess(settings, COLLECT, "WARNING")
    worker.process_batch([mention("a1", "first")])
    os.kill(worker._proc.pid, signal.SIGKILL)
    worker._proc.wait(timeout=10)
    with pytest.raises(ChainWorkerError, match="worker process ended"):
        worker.process_batch([mention("a2", "second")])
    worker.close()


class Slow:
    """A stage that takes 30 s over a batch (imported by the worker by its dotted path)."""

    def __init__(self, ctx) -> None:  # noqa: ANN001
        self.ctx = ctx

    def process_batch(self, items: list) -> list:
        time.sleep(30)
        return items


@pytest.mark.skipif(sys.platform != "linux", reason="parent-death signal is Linux only")
def test_killing_the_crawl_process_kills_its_busy_worker(settings: Settings, db: Database) -> None:
    """A kill -9 of the crawl while the worker is in a batch must not leave the worker to
    commit that batch on its own (the next run may already be storing the same items)."""
    stages = [*COLLECT[:3], "tests.pipelines.test_chain_process.Slow", COLLECT[3]]
    script = textwrap.dedent(
        f"""
        import os, signal, sys, threading, time
        sys.path.insert(0, {str(ROOT)!r})
        from config import load_settings
        from pipelines.scrapy_chain import ChainProcess
        from tests.helpers import mention
        worker = ChainProcess(load_settings(home={str(settings.home)!r}), {stages!r}, "WARNING")
        print(worker._proc.pid, flush=True)
        threading.Thread(target=worker.process_batch, args=([mention("k1", "killed")],)).start()
        time.sleep(3)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == -signal.SIGKILL
    child = int(proc.stdout.split()[0])
    for _ in range(50):
        if not _alive(child):
            break
        time.sleep(0.1)
    assert not _alive(child)
    with Database(settings).session() as s:
        assert s.scalar(select(func.count(MentionRow.id))) == 0


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits to be read


def test_the_worker_counts_match_the_database(settings: Settings, db: Database) -> None:
    worker = ChainProcess(settings, COLLECT, "WARNING")
    try:
        worker.process_batch(
            [mention(f"n{i}", f"distinct post number {i} about routers") for i in range(40)]
        )
    finally:
        worker.close()
    with db.session() as s:
        assert s.scalar(select(func.count(MentionRow.id))) == worker.counts["new"] == 40


class DieOnce:
    """A stage whose process dies on its first batch of a home, like a worker killed by the
    kernel's out-of-memory killer (imported by the worker by its dotted path)."""

    def __init__(self, ctx) -> None:  # noqa: ANN001
        self.marker = Path(ctx.settings.home) / "died-once"

    def process_batch(self, items: list) -> list:
        if not self.marker.exists():
            self.marker.write_text("x")
            os._exit(3)
        return items


def test_a_dead_worker_stops_the_crawl_and_the_next_run_completes(home: Path) -> None:
    from tests.crawlers.forum_support import (
        Rows,
        crawl,
        forum_settings,
        make_fake,
        small_world,
        world_counts,
    )

    world = small_world()
    expected = world_counts(world)["posts"] + world_counts(world)["accepted"]
    stages = [*COLLECT[:3], "tests.pipelines.test_chain_process.DieOnce", COLLECT[3]]
    with make_fake(world) as fake:
        settings = forum_settings(home, fake)
        first = crawl(settings, ["discourse"], LISTENPOST_STAGES=stages)
        with Rows(settings) as rows:
            assert rows.runs()[-1].status == "interrupted"
            assert rows.count() == 0
        second = crawl(settings, ["discourse"], LISTENPOST_STAGES=stages)
        third = crawl(settings, ["discourse"], LISTENPOST_STAGES=stages)
    assert first["new"] == 0 and first["errors"] >= 1
    assert second["new"] == expected and second["errors"] == 0
    assert third["new"] == 0
    with Rows(settings) as rows:
        assert [r.status for r in rows.runs()] == ["interrupted", "ok", "ok"]
