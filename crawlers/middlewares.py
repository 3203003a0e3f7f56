"""Scrapy downloader middlewares, and the downloader that holds the per-domain limit.

:class:`RetryAfterMiddleware` backs off on 429 Too Many Requests (and on 503 that carries a
Retry-After header): it waits what Retry-After says (seconds or an HTTP date), or an exponential
backoff without one, then retries through Scrapy's own ``get_retry_request`` (same retry count
and stats as RetryMiddleware). A Retry-After longer than ``LISTENPOST_MAX_RETRY_AFTER`` seconds
is not waited for: the request fails and the next run picks the work up. It also holds back a
request whose ``meta["listenpost_wait"]`` asks for a pause (the Stack Exchange API's ``backoff``).

:class:`SlotLimitDownloader` (``DOWNLOADER`` in crawlers/settings.py) is Scrapy's downloader with
``CONCURRENT_REQUESTS_PER_DOMAIN`` (``_PER_IP``, ``DOWNLOAD_SLOTS``) actually held when there is
no download delay; see its docstring.
"""

from __future__ import annotations

import logging
from collections import deque
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.core.downloader import Downloader, Slot
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.http import Request, Response
from scrapy.utils.defer import deferred_to_future
from twisted.internet import task

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None if absent."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class RetryAfterMiddleware:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.backoff = settings.getfloat("LISTENPOST_BACKOFF", 1.0)
        self.max_wait = settings.getfloat("LISTENPOST_MAX_RETRY_AFTER", 120.0)
        self.max_retries = settings.getint("RETRY_TIMES")

    @classmethod
    def from_crawler(cls, crawler: Any) -> RetryAfterMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        """Wait ``meta["listenpost_wait"]`` seconds before sending (an API's ``backoff``)."""
        wait = float(request.meta.get("listenpost_wait") or 0)
        if wait > 0:
            from twisted.internet import reactor

            await deferred_to_future(task.deferLater(reactor, wait, lambda: None))

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        header = response.headers.get(b"Retry-After")
        if response.status != 429 and not (response.status == 503 and header):
            return response
        if request.meta.get("dont_retry"):
            return response
        wait = retry_after_seconds(header)
        if wait is None:
            wait = self.backoff * 2 ** request.meta.get("retry_times", 0)
        if wait > self.max_wait:
            logger.error(
                "%s asks to wait %.0f s (more than %.0f): giving up %s",
                response.status, wait, self.max_wait, request.url,
            )  # fmt: skip
            request.meta["dont_retry"] = True
            return response
        retry = get_retry_request(
            request,
            spider=self.crawler.spider,
            reason=f"{response.status} retry-after {wait:.2f}s",
            max_retry_times=self.max_retries,
        )
        if retry is None:
            request.meta["dont_retry"] = True  # RetryMiddleware must not retry it once more
            return response
        if wait > 0:
            from twisted.internet import reactor

            await deferred_to_future(task.deferLater(reactor, wait, lambda: None))
        return retry


class SlotLimitDownloader(Downloader):
    """Scrapy's downloader; a download counts against its slot's concurrency from the moment
    it is taken off the slot's queue.

    Scrapy (2.19, asyncio reactor) takes requests off a slot's queue while
    ``slot.free_transfer_slots()`` is positive, but starts each download as a task, and the request
    joins ``slot.transferring`` only once that task runs: without a download delay one call takes
    the whole queue, so up to ``CONCURRENT_REQUESTS`` requests were in flight to one domain (32
    with the 8 per domain configured here; bench/crawl.py saw 32 connections in use for its 16).
    Besides the politeness limit, that defeated keep-alive: Twisted's connection pool keeps
    ``CONCURRENT_REQUESTS_PER_DOMAIN`` idle connections per host, so the connections above it
    were closed after one response and opened again (76 TCP connections for 307 pages).

    (The symptom is Scrapy's open issue #6982, "one slot takes all CONCURRENT_REQUESTS".)
    Here the requests beyond the free transfer slots are held back while Scrapy's own
    ``_process_queue`` runs (its delay and AutoThrottle logic unchanged), and those it took are
    put in ``slot.transferring`` at once (``_download`` adds them again and removes them when done).
    """

    def _process_queue(self, slot: Slot) -> None:
        queue = slot.queue
        free = max(slot.free_transfer_slots(), 0)
        held: deque[Any] = deque()
        while len(queue) > free:
            held.appendleft(queue.pop())
        head = list(queue)
        try:
            super()._process_queue(slot)
        finally:
            for request, _ in head[: len(head) - len(queue)]:  # taken from the left
                slot.transferring.add(request)
            queue.extend(held)
