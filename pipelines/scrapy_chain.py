"""The chain as Scrapy's one item pipeline: items in batches, the stages on a worker thread.

Why. With every stage a Scrapy item pipeline, each item went through the stages alone, in the
reactor thread: one commit per item, one model call per item and stage, and while a stage ran
nothing was downloaded or parsed. A profile of ``bench/crawl.py`` (1,000 thread pages, every
stage; README, "Crawl speed") put 61% of the crawl in the sentence model (once in classify, once
again in tickets for the same text), 10% in scikit-learn's per-call overhead, 7% in dedup (mostly
its near-duplicate scan) and most of the rest in per-item SQL; the reactor downloaded nothing
meanwhile.

How.

- :meth:`ChainPipeline.process_item` (a coroutine) queues the item and waits for its outcome.
- One drain loop takes what is queued, at most ``LISTENPOST_BATCH_SIZE`` items, and runs
  :meth:`pipelines.chain.Chain.process_batch` on one worker thread, so the reactor keeps
  downloading and parsing while the stages work (the model engine and the database drivers
  release the GIL). Items that arrive meanwhile form the next batch: batches grow with the
  backlog and stay small when items come slowly, with no timer to tune. Each stage sees the
  whole batch (one bulk lookup, one model call), and the store commits once per batch.
- After a batch, in this order: the ledger marks its items finished (reactor thread); the newest
  snapshot of the spider's positions whose items are all stored is saved on the worker thread,
  before the next batch (:mod:`pipelines.crawlstate`); then each item's outcome goes back to
  Scrapy (stored, dropped, or the error it failed with). Commit first, cursor after, and one
  thread writes.

One worker thread, not a pool: stages keep per-run caches and one database session, and the
store must see the items in the order they came.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from scrapy.exceptions import DropItem
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred, inlineCallbacks
from twisted.internet.threads import deferToThreadPool
from twisted.python.threadpool import ThreadPool

from pipelines.chain import Chain, PipelineContext
from pipelines.crawlstate import Ledger

logger = logging.getLogger(__name__)


class ChainPipeline:
    last_seconds: ClassVar[dict[str, float]] = {}
    """Seconds per stage of the last run that closed in this process (bench/crawl.py)."""

    def __init__(self, crawler: Any) -> None:
        self.ctx = PipelineContext.for_crawler(crawler)
        stages = crawler.settings.getlist("LISTENPOST_STAGES")
        self.chain = Chain(self.ctx.settings, ctx=self.ctx, stages=stages)
        self.batch_size = max(1, crawler.settings.getint("LISTENPOST_BATCH_SIZE", 256))
        self.ledger = Ledger.for_crawler(crawler)
        self.queue: list[tuple[Any, Deferred[Any]]] = []
        self.draining = False
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
                    except Exception as exc:  # noqa: BLE001 - process_batch reports per item
                        results = [exc] * len(items)
                    self.batches += 1
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
        self.pool.stop()
        ChainPipeline.last_seconds = {**self.chain.seconds, "batches": float(self.batches)}
        logger.info(
            "chain: %d items in %d batches; seconds per stage %s",
            self.ctx.stats.fetched,
            self.batches,
            {k: round(v, 2) for k, v in self.chain.seconds.items()},
        )
