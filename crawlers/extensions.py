"""Scrapy extensions of listenpost's own that are not about crawl state (that is
pipelines.crawlstate), named in crawlers/settings.py EXTENSIONS."""

from __future__ import annotations

import gc
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured


class CrawlHeap:
    """Scrapy extension: the cyclic garbage collector during a crawl
    (``LISTENPOST_GC_THRESHOLD``; 0 leaves it alone).

    A crawl keeps thousands of asyncio tasks alive: Scrapy starts ``CONCURRENT_ITEMS`` worker
    tasks per response, and hundreds of responses wait for their items' batch (bench/crawl.py: ~15K
    tasks, ~200K tracked objects). With the default first threshold (700 allocations) a full
    collection ran every ~200 pages and scanned them all with everything imported before: ~1 ms of
    the reactor's ~2.5 ms per page. When the engine starts, what is alive is collected and moved
    to the permanent generation (``gc.freeze``: modules, settings, the crawler, all living as long
    as the crawl anyway) and the first threshold raised to ``threshold`` if lower; both are
    undone when the engine stops. A higher threshold costs memory: a parsed page (its response
    and selector refer to each other) is freed only by a collection."""

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold
        self.saved: tuple[int, int, int] | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlHeap:
        threshold = crawler.settings.getint("LISTENPOST_GC_THRESHOLD", 0)
        if threshold <= 0:
            raise NotConfigured("LISTENPOST_GC_THRESHOLD is 0")
        heap = cls(threshold)
        crawler.signals.connect(heap.engine_started, signal=signals.engine_started)
        crawler.signals.connect(heap.engine_stopped, signal=signals.engine_stopped)
        return heap

    def engine_started(self) -> None:
        self.saved = gc.get_threshold()
        gc.collect()
        gc.freeze()
        gc.set_threshold(max(self.threshold, self.saved[0]), *self.saved[1:])

    def engine_stopped(self) -> None:
        if self.saved is not None:
            gc.set_threshold(*self.saved)
            gc.unfreeze()
            self.saved = None
