"""The chain as Scrapy's one item pipeline: items in batches, the stages in a worker process.

Why. Run item by item as Scrapy item pipelines in the reactor thread, each item would go through
the stages alone: one commit per item, one model call per item and stage, and nothing downloaded
or parsed while a stage runs. A profile of ``bench/crawl.py`` (1,000 thread pages, every stage;
docs/performance.md, "Crawl speed") puts most of a crawl's CPU in the sentence model, then
scikit-learn's per-call overhead, dedup and per-item SQL. Batches remove the per-item costs; a
worker process, not a thread, keeps the stages and Scrapy from sharing one interpreter lock, so
each gets a core.

How.

- :meth:`ChainPipeline.process_item` (a coroutine) queues the item and waits for its outcome.
- One drain loop takes what is queued, at most ``LISTENPOST_BATCH_SIZE`` items, and hands it to
  the chain. Items that arrive meanwhile form the next batch: batches grow with the backlog and
  stay small when items come slowly, with no timer to tune. Each stage sees the whole batch (one
  bulk lookup, one model call), and the store commits once per batch.
- The chain (the same :class:`pipelines.chain.Chain`, the same stages in the same order) runs in
  a child process (:class:`ChainProcess`), so Scrapy and the stages each get a core; a worker
  thread of this process waits for each batch, so the reactor keeps downloading and parsing.
- After a batch, in this order: the ledger marks its items finished (reactor thread); the newest
  snapshot of the spider's positions whose items are all stored is saved on the worker thread,
  before the next batch (:mod:`pipelines.crawlstate`); then each item's outcome goes back to
  Scrapy (stored, dropped, or the error it failed with). Commit first, cursor after.

One chain, one writer of items, not a pool: stages keep per-run caches and one database session,
and the store must see the items in the order they came. The child ignores Ctrl-C and SIGTERM
(Scrapy's graceful stop still sends it the items in flight) and ends when its socket closes, at
the spider's close; on Linux it is killed with the crawl process (a kill -9), so the batch it was
storing is rolled back and, its positions unsaved, fetched again by the next run.
"""

from __future__ import annotations

import ctypes
import logging
import os
import pickle
import signal
import socket
import subprocess
import sys
from multiprocessing.connection import Connection
from typing import Any, ClassVar

from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet.defer import Deferred, inlineCallbacks
from twisted.internet.threads import deferToThreadPool
from twisted.python.threadpool import ThreadPool

from config import Settings
from config.errors import ListenpostError
from pipelines.chain import Chain, PipelineContext, RunStats
from pipelines.cluster.producer import BrokerError, sink_for
from pipelines.crawlstate import Ledger

logger = logging.getLogger(__name__)

_COUNTS = ("fetched", "new", "updated", "duplicates", "dropped")


class ChainWorkerError(ListenpostError, RuntimeError):
    """The chain's worker process is gone; the items of the batch were not stored."""


class ChainProcess:
    """The chain in a child process: a fresh interpreter (``python -c``, with this process's
    import path), so no lock, thread or model state of this process is inherited, and nothing
    of the caller's main module is re-run (multiprocessing's "spawn" would). Batches and their
    outcomes go over a socket pair as pickles. :meth:`process_batch` blocks: call it from a
    worker thread."""

    def __init__(self, settings: Settings, stages: list[str], log_level: str) -> None:
        parent_end, child_end = socket.socketpair()
        fd = child_end.fileno()
        code = (
            f"import sys; sys.path[:0] = {sys.path!r}; "
            f"from pipelines.scrapy_chain import serve; serve({fd}, {os.getpid()})"
        )
        # The worker embeds whole batches: the sentence model's OpenMP threads pay off there (one
        # thread per core unless the user chose; a 256-post batch of classify on two idle cores:
        # 20.1 ms a post on one thread, 10.3 on two), and waiting threads sleep, not spin.
        env = {**os.environ, "OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY", "PASSIVE")}
        env.setdefault("OMP_NUM_THREADS", str(os.cpu_count() or 1))
        self._proc = subprocess.Popen(  # noqa: S603 - this interpreter, our own module
            [sys.executable, "-c", code], pass_fds=(fd,), env=env
        )
        child_end.close()
        self._conn = Connection(parent_end.detach())
        self._conn.send((settings, stages, log_level))
        self.counts: dict[str, int] = {}
        self.seconds: dict[str, float] = {}

    def process_batch(self, items: list[Any]) -> list[Any]:
        try:
            self._conn.send(items)
            results, self.counts, self.seconds = self._conn.recv()
        except (EOFError, OSError) as exc:
            code = self._proc.poll()
            raise ChainWorkerError(f"the chain's worker process ended (exit code {code})") from exc
        return results

    def close(self) -> None:
        self._conn.close()  # the child's recv() ends: it closes its chain and exits
        try:
            self._proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            logger.warning("the chain's worker process did not end; terminating it")
            self._proc.terminate()
            self._proc.wait(timeout=10)


def _portable(result: Any) -> Any:
    """A stage's error as it pickles (some drivers' errors do not): else its type and text."""
    if not isinstance(result, Exception) or isinstance(result, DropItem):
        return result
    try:
        pickle.dumps(result)
    except Exception:  # noqa: BLE001 - anything unpicklable becomes its message
        return RuntimeError(f"{type(result).__name__}: {result}")
    return result


def _die_with(parent: int) -> None:
    """Linux: be killed the moment the crawl process dies (a kill -9 of the crawl): a batch in
    the middle of its transaction is then rolled back, as it was when the stages ran inside the
    crawl process, instead of committing while the next run starts."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the closed socket still ends the loop
        return
    if os.getppid() != parent:  # it died before prctl took effect
        os._exit(1)


def serve(fd: int, parent: int) -> None:
    """The child (:class:`ChainProcess`): reads its settings, then runs batches until the socket
    closes; answers each with (outcomes, counts, seconds)."""
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    conn = Connection(fd)
    settings, stages, log_level = conn.recv()
    logging.basicConfig(level=log_level, format="%(asctime)s [%(name)s] %(levelname)s: %(message)s")
    chain = Chain(settings, stages=stages)
    try:
        while True:
            try:
                items = conn.recv()
            except (EOFError, OSError):
                return
            results = [_portable(r) for r in chain.process_batch(items)]
            stats = chain.stats
            counts = {key: getattr(stats, key) for key in _COUNTS}
            try:
                conn.send((results, counts, dict(chain.seconds)))
            except OSError:  # the crawl process is gone
                return
    finally:
        chain.close()


class ChainPipeline:
    last_seconds: ClassVar[dict[str, float]] = {}
    """Seconds per stage of the last run that closed in this process (bench/crawl.py)."""

    def __init__(self, crawler: Any) -> None:
        self.ctx = PipelineContext.for_crawler(crawler)
        self.crawler = crawler
        stages = crawler.settings.getlist("LISTENPOST_STAGES")
        level = crawler.settings.get("LOG_LEVEL") or "INFO"
        # [cluster] broker_url set: batches go to the workers' queue instead of a child process
        self.chain: Any = sink_for(self.ctx.settings) or ChainProcess(
            self.ctx.settings, stages, level
        )
        self.batch_size = max(1, crawler.settings.getint("LISTENPOST_BATCH_SIZE", 256))
        self.ledger = Ledger.for_crawler(crawler)
        self.queue: list[tuple[Any, Deferred[Any]]] = []
        self.draining = False
        self.stopping = False
        self.batches = 0
        self.pool = ThreadPool(1, 1, name="listenpost-chain")
        self.pool.start()

    @classmethod
    def from_crawler(cls, crawler: Any) -> ChainPipeline:
        return cls(crawler)

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        done: Deferred[Any] = Deferred()
        self.queue.append((item, done))
        if not self.draining:
            from twisted.internet import reactor

            self.draining = True
            # on the next reactor turn: the rest of this response's items join the batch
            reactor.callLater(0, self._drain)  # type: ignore[attr-defined]
        result = await maybe_deferred_to_future(done)
        if isinstance(result, Exception):
            raise result
        return result

    def _in_thread(self, f: Any, *args: Any) -> Deferred[Any]:
        from twisted.internet import reactor

        return deferToThreadPool(reactor, self.pool, f, *args)

    def _save_positions(self, covered: int) -> None:
        try:
            self.ledger.save_covered(covered)
        except Exception:  # the next save (or the next run) tries again
            logger.exception("saving the crawl positions failed")

    def _count(self) -> None:
        """The run's counts (the extension writes them into crawl_run) from the chain's."""
        stats: RunStats = self.ctx.stats
        for key, value in self.chain.counts.items():
            setattr(stats, key, value)

    def _stop(self, exc: Exception) -> None:
        """Nothing can be stored any more: close the spider (not awaited here: closing waits
        for the items in flight, which wait for this drain loop); its unstored items keep the
        positions from moving, so the next run fetches them again."""
        if self.stopping:
            return
        self.stopping = True
        logger.error("%s: stopping the crawl; the next run resumes it", exc)
        engine = getattr(self.crawler, "engine", None)
        if engine is not None:
            deferred_from_coro(engine.close_spider_async(reason="chain_worker_ended"))

    @inlineCallbacks
    def _drain(self) -> Any:
        try:
            while self.queue:
                batch = self.queue[: self.batch_size]
                del self.queue[: self.batch_size]
                items = [item for item, _ in batch]
                self.ledger.busy = True
                try:
                    try:
                        results = yield self._in_thread(self.chain.process_batch, items)
                    except (ChainWorkerError, BrokerError) as exc:
                        results = [exc] * len(items)
                        self._stop(exc)
                    except Exception as exc:  # noqa: BLE001 - process_batch reports per item
                        logger.error("a batch of %d items failed: %s", len(items), exc)
                        results = [exc] * len(items)
                    self.batches += 1
                    self._count()
                    for item, result in zip(items, results, strict=True):
                        ok = isinstance(result, DropItem) or not isinstance(result, Exception)
                        self.ledger.finish(item, ok)
                    yield self._in_thread(self._save_positions, self.ledger.covered())
                finally:
                    self.ledger.busy = False
                for (_, done), result in zip(batch, results, strict=True):
                    done.callback(result)
        finally:
            self.draining = False

    def close_spider(self, spider: Any = None) -> None:
        """Scrapy calls this once no item is pending: the queue is empty."""
        self.chain.close()
        self.pool.stop()
        ChainPipeline.last_seconds = {**self.chain.seconds, "batches": float(self.batches)}
        logger.info(
            "chain: %d items in %d batches; seconds per stage %s",
            self.ctx.stats.fetched,
            self.batches,
            {k: round(v, 2) for k, v in self.chain.seconds.items()},
        )
