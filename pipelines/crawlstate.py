"""The spiders' side of crawl_state and crawl_run, named by dotted path in crawlers/settings.py
(EXTENSIONS, SPIDER_MIDDLEWARES), so spiders never import pipelines.

When a spider opens, :class:`CrawlStateExtension` makes sure the schema is there, starts a
crawl_run row (source ``forums:<spider name>[:<site>]``) and hands the spider each site's saved
position (``spider.state[site]``, from crawl_state ``forum:<site>``). On close it saves the
positions a last time, writes the run's summary (fetched, new, duplicates, errors) into the
crawl_run row and the crawler's stats (``listenpost/*``), and closes the pipeline's context.

A saved position never covers an unstored item. A spider moves a position right after yielding
the items of a finished unit of work (a topic, a thread, an article), but those items are stored
later: Scrapy queues them, and the item pipeline (:mod:`pipelines.scrapy_chain`) stores them in
batches. So the order is made explicit by a :class:`Ledger`:

1. :class:`ItemLedgerMiddleware` numbers every item as it leaves the spider, before the spider
   can move a position past it;
2. every ``LISTENPOST_STATE_SAVE_INTERVAL`` seconds the extension takes a snapshot of the
   positions with the last number handed out (everything the snapshot covers was yielded before);
3. the pipeline marks items finished once the store committed them (or a stage dropped them);
4. a snapshot is written only when every item numbered up to it is finished: by the pipeline
   after each batch's commit, on its worker thread and before the next batch, or by the extension
   itself while no batch is running. An item that failed (a stage raised) stops every later
   snapshot from being saved, so the next run fetches it again.

A crawl shared with other crawlers in Redis (crawlers.shared) saves only what it changed since
its last save into the stored position (:func:`merge_positions`, the row locked on PostgreSQL),
so the topics one crawler finished are kept when another saves; its forum sites are not leased
(the shared queue hands each page to one crawler).
"""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import AsyncIterator, Callable, Iterable
from typing import Any

from scrapy import Request, signals
from sqlalchemy import select
from twisted.internet import task

from crawlers.items import utcnow
from pipelines.chain import Cursor, PipelineContext
from pipelines.models import CrawlRun, CrawlState
from pipelines.runs import start_run

logger = logging.getLogger(__name__)

Snapshot = tuple[int, dict[str, dict[str, Any]]]


class Ledger:
    """Numbers yielded items, knows which are finished, and saves only covered snapshots.

    ``enter``, ``finish``, ``offer`` and ``busy`` are used from the reactor thread;
    :meth:`save_covered` may run on the pipeline's worker thread (it takes a lock)."""

    def __init__(self) -> None:
        self.last = 0  # the number of the last item the spider yielded
        self.open: dict[int, tuple[int, Any]] = {}  # id(item) -> (number, item)
        self.failed: int | None = None  # the lowest number of an item that failed
        self.snapshots: list[Snapshot] = []
        self.saver: Callable[[dict[str, dict[str, Any]]], None] | None = None
        self.busy = False  # a batch is in the pipeline's worker thread
        self._lock = threading.Lock()

    @classmethod
    def for_crawler(cls, crawler: Any) -> Ledger:
        ledger = getattr(crawler, "_listenpost_ledger", None)
        if ledger is None:
            ledger = crawler._listenpost_ledger = cls()
        return ledger

    def enter(self, item: Any) -> None:
        self.last += 1
        self.open[id(item)] = (self.last, item)

    def finish(self, item: Any, ok: bool) -> None:
        entry = self.open.pop(id(item), None)
        if entry is not None and not ok:
            self.failed = entry[0] if self.failed is None else min(self.failed, entry[0])

    def covered(self) -> int:
        """Every item numbered up to this is finished and stored (or dropped)."""
        limit = min((n for n, _ in self.open.values()), default=self.last + 1) - 1
        if self.failed is not None:
            limit = min(limit, self.failed - 1)
        return limit

    def offer(self, positions: dict[str, dict[str, Any]]) -> None:
        """A deep copy of the positions now, covering the items yielded so far."""
        with self._lock:
            self.snapshots.append((self.last, copy.deepcopy(positions)))

    def save_covered(self, covered: int | None = None) -> bool:
        """Write the newest snapshot whose items are all finished; drop the older ones."""
        covered = self.covered() if covered is None else covered
        with self._lock:
            ready = [i for i, (n, _) in enumerate(self.snapshots) if n <= covered]
            if not ready or self.saver is None:
                return False
            _, positions = self.snapshots[ready[-1]]
            del self.snapshots[: ready[-1] + 1]
        self.saver(positions)
        return True


class ItemLedgerMiddleware:
    """Spider middleware nearest the engine: numbers each item the spider yields."""

    def __init__(self, crawler: Any) -> None:
        self.ledger = Ledger.for_crawler(crawler)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ItemLedgerMiddleware:
        return cls(crawler)

    def process_spider_output(self, response: Any, result: Iterable[Any]) -> Iterable[Any]:
        enter = self.ledger.enter
        for out in result:
            if out is not None and not isinstance(out, Request):
                enter(out)
            yield out

    async def process_spider_output_async(
        self, response: Any, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        enter = self.ledger.enter
        async for out in result:
            if out is not None and not isinstance(out, Request):
                enter(out)
            yield out


def merge_positions(
    stored: dict[str, Any], written: dict[str, Any], data: dict[str, Any]
) -> dict[str, Any]:
    """``stored`` with what changed from ``written`` to ``data``: a value that differs, and in a
    dict value (a site's topics or threads) each entry that differs; what another crawler wrote
    and this one did not change stays."""
    out = dict(stored)
    for key, value in data.items():
        before = written.get(key)
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            base = before if isinstance(before, dict) else {}
            out[key] = {
                **out[key],
                **{k: v for k, v in value.items() if k not in base or base[k] != v},
            }
        elif key not in written or before != value:
            out[key] = value
    return out


class CrawlStateExtension:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.interval = crawler.settings.getfloat("LISTENPOST_STATE_SAVE_INTERVAL", 5.0)
        self.cursors: dict[str, Cursor] = {}
        self.ledger = Ledger.for_crawler(crawler)
        self.ledger.saver = self._write
        self.run_id: int | None = None
        self.loop: task.LoopingCall | None = None
        self.leases: list[Any] = []
        self.shared = False  # the crawl shares its requests with other crawlers
        self.written: dict[str, dict[str, Any]] = {}  # each site's position as last written

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlStateExtension:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any) -> None:
        ctx = PipelineContext.for_crawler(self.crawler)
        ctx.db.init()  # idempotent: `scrapy crawl` on a fresh home works too
        site = getattr(spider, "site", None)
        source = f"forums:{spider.name}" + (f":{site}" if site else "")
        with ctx.db.session() as s:
            self.run_id = start_run(s, source).id
        state = getattr(spider, "state", None)
        if state is None:
            return
        self.shared = bool(ctx.settings.cluster.shared_redis)
        if ctx.settings.cluster.broker_url and hasattr(spider, "sites") and not self.shared:
            spider.sites = self._leased(ctx, spider)
        for forum_site in getattr(spider, "sites", []):
            cursor = Cursor(ctx.db, spider.state_source(forum_site))
            state[forum_site.name] = cursor.data
            self.cursors[forum_site.name] = cursor
            self.written[forum_site.name] = copy.deepcopy(cursor.data)
        if self.interval > 0:
            self.loop = task.LoopingCall(self.tick)
            self.loop.start(self.interval, now=False)

    def _leased(self, ctx: PipelineContext, spider: Any) -> list[Any]:
        """A cluster: the sites whose lease this crawler took (pipelines.cluster.lease); the
        others are being crawled by another crawler and are left to it."""
        from pipelines.cluster.lease import Lease

        kept = []
        for forum_site in spider.sites:
            seconds = ctx.settings.cluster.lease_seconds
            lease = Lease(ctx.db, spider.state_source(forum_site), seconds)
            if lease.take():
                lease.keep()
                self.leases.append(lease)
                kept.append(forum_site)
            else:
                logger.warning("%s; skipped", lease.describe_other())
        return kept

    def _positions(self) -> dict[str, dict[str, Any]]:
        return {name: cursor.data for name, cursor in self.cursors.items()}

    def _write(self, positions: dict[str, dict[str, Any]]) -> None:
        for name, data in positions.items():
            if self.shared:
                self._write_shared(name, data)
            else:
                self.cursors[name].save(data)

    def _write_shared(self, name: str, data: dict[str, Any]) -> None:
        """A crawl shared with other crawlers (crawlers.shared) writes only what it changed
        since its last write into the stored position, which theirs change too."""
        cursor = self.cursors[name]
        with cursor.db.session() as s:
            query = select(CrawlState).where(CrawlState.source == cursor.source)
            if s.get_bind().dialect.name == "postgresql":
                query = query.with_for_update()
            row = s.scalar(query)
            merged = merge_positions(dict(row.cursor) if row else {}, self.written[name], data)
            if row is None:
                s.add(CrawlState(source=cursor.source, cursor=merged))
            else:
                row.cursor = merged
        self.written[name] = copy.deepcopy(data)

    def tick(self) -> None:
        """Offer a snapshot; save what is covered unless a batch is being stored right now
        (then the pipeline saves it after that batch's commit, on its own thread)."""
        self.ledger.offer(self._positions())
        if not self.ledger.busy:
            self.ledger.save_covered()

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        ctx = PipelineContext.for_crawler(self.crawler)
        stats = self.crawler.stats
        try:
            # the item pipeline is closed by now: every item is finished
            if hasattr(spider, "finalize_state"):
                spider.finalize_state(reason)
            self.ledger.offer(self._positions())
            if not self.ledger.save_covered() and self.ledger.failed is not None:
                logger.warning("an item failed: positions saved only up to before it")
        finally:
            for lease in self.leases:
                lease.release()
            errors = int(stats.get_value("log_count/ERROR", 0))
            summary = {
                # every item the spider yielded was numbered by the ledger (no signal per item:
                # Scrapy starts a task per receiver and item)
                "fetched": self.ledger.last,
                "new": ctx.stats.new,
                "updated": ctx.stats.updated,
                "duplicates": ctx.stats.duplicates,
                "dropped": ctx.stats.dropped,
                "errors": errors,
                "pages": int(stats.get_value("response_received_count", 0)),
            }
            for key, value in summary.items():
                stats.set_value(f"listenpost/{key}", value)
            if self.run_id is not None:
                with ctx.db.session() as s:
                    row = s.get(CrawlRun, self.run_id)
                    if row is not None:
                        row.status = "ok" if reason == "finished" and not errors else (
                            "interrupted" if reason != "finished" else "errors"
                        )  # fmt: skip
                        row.message = None if reason == "finished" else f"closed: {reason}"
                        row.finished_at = utcnow()
                        row.fetched = summary["fetched"]
                        row.new = summary["new"]
                        row.duplicates = summary["duplicates"]
                        row.errors = errors
            ctx.close()
