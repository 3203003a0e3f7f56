"""The one pipeline chain.

The stages and their order are ``LISTENPOST_STAGES`` in crawlers/settings.py. The API crawlers
and the importers run them item by item through :class:`Chain`; Scrapy runs them in batches
through one item pipeline (:mod:`pipelines.scrapy_chain`). Every stage is a plain class with
``process_item(item)`` that returns the item or raises ``DropItem("why")``; a stage that gains
from seeing many items at once (one bulk SELECT, one model call) also overrides
:meth:`Stage.process_batch`. All stages of one chain share one :class:`PipelineContext`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from config import Settings, load_settings
from crawlers import settings as scrapy_settings
from crawlers.items import Item, utcnow
from pipelines.models import CrawlRun, CrawlState
from pipelines.models.db import Database
from pipelines.quota import QuotaLedger

logger = logging.getLogger(__name__)


@dataclass
class RunStats:
    """What one run did; written to crawl_run and printed by the CLI."""

    fetched: int = 0
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    dropped: int = 0
    errors: int = 0
    quota_used: int = 0
    bad_lines: list[str] = field(default_factory=list)
    skipped: str | None = None  # why the run did not start (a cluster: another crawler's lease)
    enqueued: bool = False  # a cluster: the items went to the workers' queue, not the chain

    def as_dict(self) -> dict[str, int]:
        return {
            "fetched": self.fetched,
            "new": self.new,
            "updated": self.updated,
            "duplicates": self.duplicates,
            "dropped": self.dropped,
            "errors": self.errors,
            "quota_used": self.quota_used,
        }


class PipelineContext:
    """What the stages of one chain share: settings, the database, one session, the run's stats."""

    def __init__(self, settings: Settings, db: Database | None = None) -> None:
        self.settings = settings
        self.db = db or Database(settings)
        self._owns_db = db is None
        self.session: Session = self.db.sessionmaker()
        self.stats = RunStats()
        self._embedder: Any = None

    @classmethod
    def for_crawler(cls, crawler: Any) -> PipelineContext:
        """One context per Scrapy crawler, shared by all its pipelines."""
        ctx = getattr(crawler, "_listenpost_ctx", None)
        if ctx is None:
            settings = crawler.settings.get("LISTENPOST_SETTINGS") or load_settings()
            ctx = cls(settings, crawler.settings.get("LISTENPOST_DB"))
            crawler._listenpost_ctx = ctx
        return ctx

    @property
    def embedder(self) -> Any:
        """The configured sentence embedder (indexer.embedder), loaded on first use."""
        if self._embedder is None:
            from scrapy.utils.misc import load_object

            factory = load_object(scrapy_settings.LISTENPOST_EMBEDDER)
            self._embedder = factory(self.settings.index.model)
        return self._embedder

    def close(self) -> None:
        self.session.close()
        if self._owns_db:
            self.db.dispose()


class Stage:
    """Base of every pipeline stage."""

    def __init__(self, ctx: PipelineContext) -> None:
        self.ctx = ctx

    def process_item(self, item: Item, spider: Any = None) -> Item:
        raise NotImplementedError

    def process_batch(self, items: list[Item]) -> list[Item | Exception]:
        """Each item's outcome, in order: the item, the ``DropItem`` that dropped it, or the
        error it failed with. By default :meth:`process_item` one item at a time."""
        out: list[Item | Exception] = []
        for item in items:
            try:
                out.append(self.process_item(item))
            except Exception as exc:  # noqa: BLE001 - one item's failure, reported with it
                out.append(exc)
        return out


def stage_classes(paths: Iterable[str] | None = None) -> list[type[Stage]]:
    """The stage classes in chain order (default: ``LISTENPOST_STAGES``)."""
    from scrapy.utils.misc import load_object

    return [load_object(p) for p in (paths or scrapy_settings.LISTENPOST_STAGES)]


class Chain:
    """Runs items through every stage in order."""

    def __init__(
        self,
        settings: Settings,
        db: Database | None = None,
        *,
        ctx: PipelineContext | None = None,
        stages: Iterable[str] | None = None,
    ) -> None:
        self.ctx = ctx or PipelineContext(settings, db)
        self.stages = [cls(self.ctx) for cls in stage_classes(stages)]
        self.seconds = {type(stage).__name__: 0.0 for stage in self.stages}

    @property
    def stats(self) -> RunStats:
        return self.ctx.stats

    def process(self, item: Item) -> Item | None:
        """Push one item through and commit it; None when a stage dropped it (counted in
        stats); a stage's error is raised."""
        from scrapy.exceptions import DropItem

        (result,) = self.process_batch([item])
        if isinstance(result, DropItem):
            return None
        if isinstance(result, Exception):
            raise result
        return result

    def process_batch(self, items: list[Item]) -> list[Item | Exception]:
        """Push a batch through, stage by stage (the store commits it); each item's outcome in
        order: the item, its ``DropItem`` or its error. ``seconds`` adds up each stage's CPU time
        (this thread's: what the stage costs, not how long it waited for a CPU)."""
        from scrapy.exceptions import DropItem

        self.ctx.stats.fetched += len(items)
        out: list[Item | Exception] = list(items)
        live = list(range(len(items)))
        for stage in self.stages:
            if not live:
                break
            started = time.thread_time()
            try:
                results = stage.process_batch([out[i] for i in live])  # type: ignore[misc]
            except Exception as exc:  # noqa: BLE001 - the whole batch failed in this stage
                results = [exc] * len(live)
            self.seconds[type(stage).__name__] += time.thread_time() - started
            for i, result in zip(live, results, strict=True):
                out[i] = result
                if isinstance(result, DropItem):
                    logger.debug("dropped %s: %s", items[i].source_id, result)
            live = [i for i in live if not isinstance(out[i], Exception)]
        return out

    def close(self) -> None:
        self.ctx.close()

    def __enter__(self) -> Chain:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Cursor:
    """A source's saved position (crawl_state). Crawlers read and change ``data`` and call
    :meth:`save` once everything they yielded before is stored; a run that dies between saves
    repeats that stretch on the next run, and dedup keeps it from adding anything twice.

    In a cluster whose crawlers lease a source by unit, ``claim(unit)`` says whether this
    process may crawl that unit, and a crawler that shares the cursor with other hosts sets
    ``merge``: each save then folds the stored row (other hosts' saves) into this run's data
    and writes the result, the row locked meanwhile."""

    def __init__(self, db: Database, source: str) -> None:
        self.db = db
        self.source = source
        self.before_save: Callable[[], None] | None = None  # makes what came before durable
        self.claim: Callable[[str], bool] | None = None
        self.merge: Callable[[dict[str, Any]], dict[str, Any]] | None = None
        self.quota = QuotaLedger(db)  # API units spent per key and day, shared by every host
        with db.session() as s:
            row = s.scalar(select(CrawlState).where(CrawlState.source == source))
            self.data: dict[str, Any] = dict(row.cursor) if row else {}

    def stored(self) -> dict[str, Any]:
        """The row as saved now (other hosts' saves included), leaving ``data`` alone."""
        with self.db.session() as s:
            row = s.scalar(select(CrawlState).where(CrawlState.source == self.source))
            return dict(row.cursor) if row else {}

    def save(self, data: dict[str, Any] | None = None) -> None:
        """Write ``data`` (default: the live ``self.data``)."""
        data = dict(self.data if data is None else data)
        if self.before_save is not None:
            self.before_save()
        if self.merge is not None:
            self._save_merged()
            return
        with self.db.session() as s:
            row = s.scalar(select(CrawlState).where(CrawlState.source == self.source))
            if row is None:
                s.add(CrawlState(source=self.source, cursor=data))
            else:
                row.cursor = data

    def _save_merged(self) -> None:
        from sqlalchemy.dialects.postgresql import insert as pg_insert
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        with self.db.session() as s:
            insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
            row_values = {"source": self.source, "cursor": {}}
            s.execute(insert(CrawlState).values(**row_values).on_conflict_do_nothing())
            query = select(CrawlState).where(CrawlState.source == self.source)
            row = s.scalar(query.with_for_update())
            row.cursor = dict(self.merge(dict(row.cursor or {})))  # type: ignore[misc, union-attr]


ItemFactory = Callable[[Cursor, RunStats], Iterable[Item]]


def run_source(chain: Chain, source: str, produce: ItemFactory) -> RunStats:
    """Run one source: feed what ``produce`` yields through the chain, record a crawl_run row
    (fetched, new, duplicates, errors, quota used) whatever happens, and re-raise failures.

    With ``[cluster] broker_url`` set the items are enqueued for the workers instead
    (:func:`pipelines.cluster.producer.sink_for`), each batch before the cursor's next save;
    ``fetched`` then counts what was enqueued and the workers count the rest. The source is
    leased to this process for the run (:mod:`pipelines.cluster.lease`); when another crawler
    holds it the run does not start and ``stats.skipped`` says why. A source whose crawler works
    in units (``pipelines.cluster.lease.BY_UNIT``: Reddit's and YouTube's searches, ...) is
    leased unit by unit instead, through ``cursor.claim``: the units another crawler holds are
    skipped, the others crawled."""
    db = chain.ctx.db
    from pipelines.runs import start_run

    lease: Any = None
    cluster = bool(chain.ctx.settings.cluster.broker_url)
    by_unit = False
    if cluster:
        from pipelines.cluster.lease import BY_UNIT, Lease, UnitLeases

        by_unit = source in BY_UNIT
    if by_unit:
        lease = UnitLeases(db, source, chain.ctx.settings.cluster.lease_seconds)
    elif cluster:
        lease = Lease(db, source, chain.ctx.settings.cluster.lease_seconds)
        if not lease.take():
            chain.stats.skipped = lease.describe_other()
            logger.warning("%s; skipped", chain.stats.skipped)
            return chain.stats
        lease.keep()

    with db.session() as s:
        run_id = start_run(s, source).id
    cursor = Cursor(db, source)
    if by_unit:
        cursor.claim = lease.claim
    stats = chain.stats
    status, message = "ok", None
    buffer = None
    if chain.ctx.settings.cluster.broker_url:
        from pipelines.cluster.producer import Buffer, sink_for

        buffer = Buffer(sink_for(chain.ctx.settings), lease)  # type: ignore[arg-type]
        cursor.before_save = buffer.flush
        stats.enqueued = True
    try:
        for item in produce(cursor, stats):
            if buffer is None:
                chain.process(item)
            else:
                stats.fetched += 1
                buffer.add(item)
        if buffer is not None:
            buffer.flush()
    except KeyboardInterrupt:
        status, message = "interrupted", "interrupted by the user"
        raise
    except Exception as exc:
        stats.errors += 1
        status, message = "failed", f"{type(exc).__name__}: {exc}"
        raise
    finally:
        if buffer is not None:
            buffer.enqueuer.close()
        if lease is not None:
            lease.release()
        with db.session() as s:
            row = s.get(CrawlRun, run_id)
            if row is not None:
                row.status = status
                row.message = message
                row.finished_at = utcnow()
                row.fetched = stats.fetched
                row.new = stats.new
                row.duplicates = stats.duplicates
                row.errors = stats.errors
                row.quota_used = stats.quota_used
    return stats
