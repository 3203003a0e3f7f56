"""Forum crawls shared by several crawler processes and hosts: Scrapy's request queue and duplicate
filter in Redis (scrapy-redis), when the cluster has a Redis (``[cluster] redis_url``, or the
broker when it is Redis).

Every crawler of a spider (``listenpost crawl forums`` on each host) joins the same *round*: the
first one to start opens it, the others join it while it has live members. A round has one
request queue (scrapy-redis's priority queue: a request is popped by exactly one crawler) and one
duplicate filter (a request seen by any crawler of the round is not scheduled again), so every
page is fetched once, by whichever crawler pops it. Scrapy 2.19 reads a spider's async
``start()`` after the scheduler has opened (joined the round), and its requests go through the
round's filter like any other: the second crawler's start request is dropped, and it works from
what the first one queued.

A thread's next page (a request with ``meta["listenpost_follow"]``: a Discourse topic's further
posts, a generic forum thread's next page) stays with the crawler that read the thread's first
page, in a queue of its own: the crawler that saves the thread as finished is the one that
stored all of its posts, and a reply's parent is found among the posts before it. A crawler
takes a request off the queue only while it holds fewer than its share (the per-domain
limit on each of its sites), so the others find work in the queue. A crawler that runs out of
requests waits (``DontCloseSpider``) while another member is busy or
the queue holds requests: a busy crawler may still push what its pages link to, and a crawler
killed mid-crawl leaves its queued requests to the ones still running. Members renew themselves
every ``LISTENPOST_SHARED_BEAT`` seconds; one that did not for ``LISTENPOST_SHARED_TTL`` seconds
(killed, or its host lost) no longer counts. The last member to close deletes the round (its
queue and filter): the next crawl starts a new one. What a killed crawler was fetching is not
fetched again in that round; its crawl-state positions (the source of truth, saved only behind
stored items) did not move past it, so the next round fetches it.

Keys, under ``[cluster] queue``: ``Q:crawl:SPIDER:round`` (the round's id),
``Q:crawl:SPIDER:members`` and ``...:busy`` (sorted sets of ``host:pid`` by expiry time),
``Q:crawl:SPIDER:ROUND:requests`` and ``...:seen``.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import os
import socket
import uuid
from typing import Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.utils.misc import load_object
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from config import Settings
from crawlers.exceptions import CrawlError

logger = logging.getLogger(__name__)

SHARED_BEAT = 2.0  # seconds between a member's renewals
SHARED_TTL = 30.0  # a member not renewed this long is gone
ROUND_TTL = 7 * 24 * 3600  # a round left by crashed crawlers is deleted by Redis after this


def shared_settings(settings: Settings) -> dict[str, Any]:
    """The Scrapy settings of a shared crawl; empty on one machine."""
    url = settings.cluster.shared_redis
    if not url:
        return {}
    return {
        "SCHEDULER": "crawlers.shared.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "REDIS_URL": url,
        "LISTENPOST_SHARED_PREFIX": f"{settings.cluster.queue}:crawl",
    }


def check_redis(settings: Settings) -> None:
    """Stop a shared crawl before it starts when its Redis does not answer (one line)."""
    import redis

    url = settings.cluster.shared_redis
    client = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as exc:
        from kombu.utils.url import maybe_sanitize_url

        where = maybe_sanitize_url(url)
        raise CrawlError(f"cannot reach Redis at {where} for the shared crawl: {exc}") from None
    finally:
        client.close()


# Join the round (or open a new one when it has no live member): KEYS members, round;
# ARGV holder, a new round id, ttl. Returns the round's id.
_JOIN = """
local now = tonumber(redis.call('TIME')[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local round = redis.call('GET', KEYS[2])
if redis.call('ZCARD', KEYS[1]) == 0 or not round then
  round = ARGV[2]
  redis.call('SET', KEYS[2], round)
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
return round
"""

# Renew: KEYS members, busy, requests, seen, round; ARGV holder, ttl, busy (0/1), round ttl.
_BEAT = """
local now = tonumber(redis.call('TIME')[1])
local until_ = now + tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], until_, ARGV[1])
if ARGV[3] == '1' then redis.call('ZADD', KEYS[2], until_, ARGV[1])
else redis.call('ZREM', KEYS[2], ARGV[1]) end
for i = 1, 2 do redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now) end
for i = 1, 5 do redis.call('EXPIRE', KEYS[i], ARGV[4]) end
return 1
"""

# Whether the round still has work for a crawler with none: another busy member, or requests.
# KEYS busy, requests; ARGV holder.
_WAIT = """
local now = tonumber(redis.call('TIME')[1])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2])
"""

# Leave; the last live member deletes the round. KEYS members, busy, round, requests, seen;
# ARGV holder, round id. Returns 1 when the round was deleted.
_LEAVE = """
local now = tonumber(redis.call('TIME')[1])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
if redis.call('GET', KEYS[3]) == ARGV[2] then redis.call('DEL', KEYS[3]) end
redis.call('DEL', KEYS[4], KEYS[5])
return 1
"""


class SharedScheduler(Scheduler):
    """scrapy-redis's scheduler on the round's queue and filter, waiting for the round's other
    members before closing (see the module docstring)."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> SharedScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        settings = crawler.settings
        scheduler.prefix = settings.get("LISTENPOST_SHARED_PREFIX", "listenpost:crawl")
        scheduler.beat = settings.getfloat("LISTENPOST_SHARED_BEAT", SHARED_BEAT)
        scheduler.ttl = settings.getfloat("LISTENPOST_SHARED_TTL", SHARED_TTL)
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    def open(self, spider: Any) -> None:
        server = self.server
        self.holder = f"{socket.gethostname()}:{os.getpid()}"
        base = f"{self.prefix}:{spider.name}"
        self.keys = {
            "members": f"{base}:members",
            "busy": f"{base}:busy",
            "round": f"{base}:round",
        }
        join = server.register_script(_JOIN)
        ttl = max(int(self.ttl), 1)
        self.round = join(
            keys=[self.keys["members"], self.keys["round"]],
            args=[self.holder, uuid.uuid4().hex[:12], ttl],
        )
        self.round = self.round.decode() if isinstance(self.round, bytes) else str(self.round)
        self.keys["requests"] = f"{base}:{self.round}:requests"
        self.queue_key = self.keys["requests"]
        self.keys["seen"] = f"{base}:{self.round}:seen"
        self.df = RFPDupeFilter(server, key=self.keys["seen"])
        self._beat_script = server.register_script(_BEAT)
        self._wait = server.register_script(_WAIT)
        self._leave = server.register_script(_LEAVE)
        self.busy = True
        self.local: list[tuple[int, int, Any]] = []  # this crawler's follow-up pages
        self.order = itertools.count()
        # as many requests in hand as the per-domain limit allows on each of its sites
        per_domain = self.crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN", 8)
        self.hold = max(1, per_domain * max(1, len(getattr(spider, "sites", []))))
        self.spider = spider
        self.queue = load_object(self.queue_cls)(
            server=server,
            spider=spider,
            key=self.queue_key.replace("%", "%%"),  # scrapy-redis fills in %(spider)s
            serializer=self.serializer,
        )
        logger.info(
            "%s: crawling round %s shared in Redis (%d requests queued)",
            spider.name,
            self.round,
            len(self.queue),
        )
        self._renew()
        self.loop = task.LoopingCall(self._renew)
        self.loop.start(self.beat, now=False)

    def _renew(self) -> None:
        keys = self.keys
        try:
            self._beat_script(
                keys=[keys["members"], keys["busy"], keys["requests"], keys["seen"], keys["round"]],
                args=[self.holder, max(int(self.ttl), 1), int(self.busy), ROUND_TTL],
            )
        except Exception:  # Redis unreachable for a moment: the next beat tries again
            logger.exception("renewing this crawler's place in the shared crawl failed")

    def enqueue_request(self, request: Any) -> bool:
        """Into the round's queue unless the round has seen it; a thread's next page
        (``meta["listenpost_follow"]``) into this crawler's own queue. A start request is
        checked against the round even when it may repeat (``dont_filter``): each crawler
        makes the same ones."""
        meta = request.meta
        start = meta.get("is_start_request") and not meta.get("retry_times")
        if (start or not request.dont_filter) and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if meta.get("listenpost_follow"):
            heapq.heappush(self.local, (-request.priority, next(self.order), request))
        else:
            self.queue.push(request)
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def has_pending_requests(self) -> bool:
        return bool(self.local) or len(self.queue) > 0

    def next_request(self) -> Any:
        """The next request of the round, unless this crawler holds its share already: the
        engine would take up to CONCURRENT_REQUESTS off the queue at once, leaving nothing to
        the others."""
        if len(self.crawler.engine.downloader.active) >= self.hold:
            return None
        request = heapq.heappop(self.local)[2] if self.local else self.queue.pop()
        if request is None:
            return None
        self.stats.inc_value("scheduler/dequeued/redis")
        if not self.busy:
            self.busy = True
            self._renew()  # at once: a waiting member must not close while this one works
        return request

    def spider_idle(self, spider: Any) -> None:
        """Out of requests: wait while the round has work left (another busy member, queued
        requests)."""
        self.busy = False
        left = self._wait(keys=[self.keys["busy"], self.keys["requests"]], args=[self.holder])
        if left:
            raise DontCloseSpider

    def close(self, reason: str) -> None:  # the round's queue and filter outlive this crawler
        if getattr(self, "loop", None) is not None and self.loop.running:
            self.loop.stop()
        keys = self.keys
        deleted = self._leave(
            keys=[keys["members"], keys["busy"], keys["round"], keys["requests"], keys["seen"]],
            args=[self.holder, self.round],
        )
        if deleted:
            logger.info("%s: shared crawl round %s finished", self.spider.name, self.round)
