"""The spiders' side of crawl_state and crawl_run: a Scrapy extension (EXTENSIONS in
crawlers/settings.py names it by dotted path, so spiders never import pipelines).

When a spider opens, the extension makes sure the schema is there, starts a crawl_run row
(source ``forums:<spider name>[:<site>]``) and hands the spider each site's saved position
(``spider.state[site]``, from crawl_state ``forum:<site>``). While the spider runs it saves those
positions every ``LISTENPOST_STATE_SAVE_INTERVAL`` seconds, and once more when the spider closes,
for whatever reason: a spider only moves a position after the items of that unit of work went
through the item pipelines, so a saved position never covers an unstored item. On close it writes
the run's summary (fetched, new, duplicates, errors) into the crawl_run row and the crawler's
stats (``listenpost/*``), and closes the pipelines' shared context.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from twisted.internet import task

from crawlers.items import utcnow
from pipelines.chain import Cursor, PipelineContext
from pipelines.models import CrawlRun

logger = logging.getLogger(__name__)


class CrawlStateExtension:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.interval = crawler.settings.getfloat("LISTENPOST_STATE_SAVE_INTERVAL", 5.0)
        self.cursors: dict[str, Cursor] = {}
        self.run_id: int | None = None
        self.loop: task.LoopingCall | None = None
        self.fetched = 0

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlStateExtension:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(ext.item_seen, signal=signal)
        return ext

    def item_seen(self, *args: Any, **kwargs: Any) -> None:
        self.fetched += 1

    def spider_opened(self, spider: Any) -> None:
        ctx = PipelineContext.for_crawler(self.crawler)
        ctx.db.init()  # idempotent: `scrapy crawl` on a fresh home works too
        site = getattr(spider, "site", None)
        source = f"forums:{spider.name}" + (f":{site}" if site else "")
        with ctx.db.session() as s:
            run = CrawlRun(source=source, status="running")
            s.add(run)
            s.flush()
            self.run_id = run.id
        state = getattr(spider, "state", None)
        if state is None:
            return
        for forum_site in getattr(spider, "sites", []):
            cursor = Cursor(ctx.db, spider.state_source(forum_site))
            state[forum_site.name] = cursor.data
            self.cursors[forum_site.name] = cursor
        if self.interval > 0:
            self.loop = task.LoopingCall(self.save)
            self.loop.start(self.interval, now=False)

    def save(self) -> None:
        for cursor in self.cursors.values():
            cursor.save()

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        ctx = PipelineContext.for_crawler(self.crawler)
        stats = self.crawler.stats
        try:
            if hasattr(spider, "finalize_state"):
                spider.finalize_state(reason)
            self.save()
        finally:
            errors = int(stats.get_value("log_count/ERROR", 0))
            summary = {
                "fetched": self.fetched,
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
