"""Forum crawls shared in Redis (crawlers.shared): two crawler processes against one loopback
forum fetch every page once between them, store every post once, and a killed crawler's queued
requests are crawled by the other; the crawl-state positions of both are kept."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import redis

from config import load_settings
from demo.fake_forum import FakeDiscourse, forum_world
from pipelines.models.db import Database
from tests.crawlers.forum_support import FAST, USER_AGENT, Rows

pytestmark = [pytest.mark.redis, pytest.mark.postgres]

ROOT = Path(__file__).resolve().parents[2]
TOPICS = 40
STORED = TOPICS * 3 + TOPICS // 3  # posts, and every third topic's accepted answer as help
COLLECT = [
    "pipelines.normalize.Normalize",
    "pipelines.language.Language",
    "pipelines.dedup.Dedup",
    "pipelines.store.Store",
]
# 2 requests in a crawler's hand at a time, 0.1 s apart
SLOW = {
    **FAST,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
    "DOWNLOAD_DELAY": 0.1,
    "DOWNLOAD_DELAY_JITTER": 0,
    "DOWNLOAD_TIMEOUT": 120,  # topic pages wait at the gate while the other crawler starts
    "LISTENPOST_STAGES": COLLECT,
    "LISTENPOST_SHARED_BEAT": 0.5,
    "LISTENPOST_SHARED_TTL": 3,
}


class Crawler:
    """``python -m crawlers.spiders.run`` (what ``listenpost crawl forums`` runs in a child
    process) on the settings, in its own session."""

    def __init__(self, settings: Any, log: Path, **overrides: Any) -> None:
        payload = json.dumps(
            {
                "settings": settings.model_dump(mode="json"),
                "names": ["discourse"],
                "overrides": {**SLOW, **overrides},
            }
        )
        self.log = log.open("wb")
        self.proc = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "crawlers.spiders.run", "--stdin"],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            start_new_session=True,
        )
        assert self.proc.stdin is not None
        self.proc.stdin.write(payload.encode())
        self.proc.stdin.close()
        self.proc.stdin = None

    def summary(self, timeout: float = 180) -> dict[str, Any]:
        out, _ = self.proc.communicate(timeout=timeout)
        self.log.close()
        assert self.proc.returncode == 0, out
        return json.loads(out.decode().strip().splitlines()[-1])

    def kill(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        assert self.proc.stdout is not None
        self.proc.stdout.close()
        self.log.close()


class GatedForum(FakeDiscourse):
    """The fake forum holding every topic page until :attr:`gate` opens: the test opens it once
    both crawlers hold topic requests, so both take part whatever their start-up times."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gate = threading.Event()
        self.waiting = 0

    def route(self, req: Any) -> Any:
        if req.path.startswith("/t/") and not self.gate.is_set():
            with self.lock:
                self.waiting += 1
            self.gate.wait(120)
        return super().route(req)


def _pages(fake: FakeDiscourse) -> Counter[str]:
    """Requests per page (with its query), robots.txt left out (each crawler asks for it)."""
    with fake.lock:
        return Counter(
            r.path + ("?" + json.dumps(r.query, sort_keys=True) if r.query else "")
            for r in fake.requests
            if r.path != "/robots.txt"
        )


def _wait(check: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _setup(tmp_path: Path, pg_url: str, redis_url: str, fake: FakeDiscourse) -> tuple[Any, str]:
    prefix = f"lp-test-{uuid.uuid4().hex[:10]}"
    settings = load_settings(
        home=str(tmp_path / "home"),
        database_url=pg_url,
        forums={
            "sites": [{"name": "community", "kind": "discourse", "url": fake.url}],
            "user_agent": USER_AGENT,
        },
        cluster={"redis_url": redis_url, "queue": prefix},
    )
    db = Database(settings)
    db.init()
    db.dispose()
    return settings, prefix


def _cleanup(redis_url: str, prefix: str) -> list[str]:
    """Delete the test's keys; the names of those left of the crawl's rounds."""
    client = redis.Redis.from_url(redis_url)
    left = [
        k.decode()
        for k in client.scan_iter(f"{prefix}:crawl:*", count=1000)
        if not k.endswith((b":members", b":busy"))
    ]
    for name in client.scan_iter(f"{prefix}:*", count=1000):
        client.delete(name)
    return left


def test_two_crawlers_fetch_every_page_once_and_store_every_post_once(
    tmp_path: Path, pg_url: str, redis_url: str
) -> None:
    with GatedForum(forum_world(TOPICS, 3), per_page=10) as fake:
        settings, prefix = _setup(tmp_path, pg_url, redis_url, fake)
        try:
            a = Crawler(settings, tmp_path / "a.log")
            b = Crawler(settings, tmp_path / "b.log")
            # each holds 2 topic requests (its share); the rest wait in Redis
            _wait(lambda: fake.waiting == 4, 120, "both crawlers at the gate")
            fake.gate.set()
            first, second = a.summary(), b.summary()
            pages = _pages(fake)
        finally:
            left = _cleanup(redis_url, prefix)
    assert first["pages"] > 0 and second["pages"] > 0  # both crawled
    assert len(pages) == TOPICS + TOPICS // 10  # every topic and listing page...
    assert set(pages.values()) == {1}, pages.most_common(3)  # ...fetched once
    assert first["new"] + second["new"] == STORED  # every post stored by one of them
    with Rows(settings) as rows:
        assert len(rows.mentions("community:")) == TOPICS * 3
        # each crawler saved the topics it finished; neither wrote over the other's
        assert len(rows.state("forum:community")["topics"]) == TOPICS
    assert left == []  # the last crawler to finish deleted the round


def test_a_topics_further_pages_stay_with_the_crawler_that_read_its_first_page(
    tmp_path: Path, pg_url: str, redis_url: str
) -> None:
    topics = 12  # of 25 posts: the first 20 in the topic's page, 5 from posts.json
    with GatedForum(forum_world(topics, 25), per_page=10) as fake:
        settings, prefix = _setup(tmp_path, pg_url, redis_url, fake)
        try:
            a = Crawler(settings, tmp_path / "a.log", USER_AGENT="crawler-a")
            b = Crawler(settings, tmp_path / "b.log", USER_AGENT="crawler-b")
            _wait(lambda: fake.waiting == 4, 120, "both crawlers at the gate")
            fake.gate.set()
            first, second = a.summary(), b.summary()
            with fake.lock:
                by = {r.path: r.headers.get("user-agent") for r in fake.requests}
        finally:
            _cleanup(redis_url, prefix)
    assert first["pages"] > 0 and second["pages"] > 0
    for topic in range(1, topics + 1):
        page = by[f"/t/router-problem-{topic}/{topic}.json"]
        assert by[f"/t/{topic}/posts.json"] == page, topic
    with Rows(settings) as rows:
        assert len(rows.mentions("community:")) == topics * 25
        assert len(rows.state("forum:community")["topics"]) == topics


def test_a_killed_crawlers_queued_requests_are_crawled_by_the_other(
    tmp_path: Path, pg_url: str, redis_url: str
) -> None:
    with GatedForum(forum_world(TOPICS, 3), per_page=10) as fake:
        settings, prefix = _setup(tmp_path, pg_url, redis_url, fake)
        try:
            a = Crawler(settings, tmp_path / "a.log")
            _wait(lambda: fake.waiting == 2, 120, "the first crawler at the gate")
            b = Crawler(settings, tmp_path / "b.log")
            _wait(lambda: fake.waiting == 4, 120, "the second crawler at the gate")
            a.kill()  # with 2 topic requests in hand and the rest queued in Redis
            queued = sum(_pages(fake).values())
            fake.gate.set()
            second = b.summary()
            after_kill = _pages(fake)
            assert second["pages"] > 0
            # the second crawler's own start request was filtered: what it fetched, the first
            # one had queued (or the pages those linked to)
            assert sum(after_kill.values()) > queued
            assert max(after_kill.values()) == 1  # nothing fetched twice in the round
            with Rows(settings) as rows:
                stored = len(rows.mentions("community:")) + len(rows.docs())
            # the pages the killed crawler was fetching wait for the next crawl: a new round,
            # from the saved positions
            third = Crawler(settings, tmp_path / "c.log").summary()
        finally:
            _cleanup(redis_url, prefix)
    with Rows(settings) as rows:
        assert len(rows.mentions("community:")) == TOPICS * 3
        assert len(rows.state("forum:community")["topics"]) == TOPICS
    assert stored + third["new"] == STORED  # each post stored once


@pytest.mark.postgres
def test_a_shared_crawl_takes_no_forum_site_lease(pg_url: str, home: Path) -> None:
    """Another crawler holding a site's lease makes a cluster crawl skip the site, unless the
    crawls share their requests in Redis: then both crawl it."""
    from types import SimpleNamespace

    from scrapy.settings import Settings as ScrapySettings

    from crawlers.spiders.base import ForumSpider
    from pipelines.cluster.lease import Lease
    from pipelines.crawlstate import CrawlStateExtension

    kept = {}
    for redis_url in ("", "redis://127.0.0.1:6379/0"):
        settings = load_settings(
            home=str(home),
            database_url=pg_url,
            forums={"sites": [{"name": "community", "kind": "discourse", "url": "http://x"}]},
            cluster={"broker_url": "amqp://guest:guest@127.0.0.1:9//", "redis_url": redis_url},
        )
        db = Database(settings)
        db.init()
        other = Lease(db, "forum:community", 60)
        other.holder = "host-b:42"
        assert other.take()
        conf = ScrapySettings({"LISTENPOST_SETTINGS": settings, "LISTENPOST_DB": db})
        conf.set("LISTENPOST_STATE_SAVE_INTERVAL", 0)
        ext = CrawlStateExtension(SimpleNamespace(settings=conf))
        spider = SimpleNamespace(
            name="discourse",
            sites=list(settings.forums.sites),
            state={},
            state_source=ForumSpider.state_source,
        )
        try:
            ext.spider_opened(spider)
            kept[redis_url] = [s.name for s in spider.sites]
        finally:
            for lease in ext.leases:
                lease.release()
            other.release()
            ext.crawler._listenpost_ctx.close()
            db.dispose()
    assert kept == {"": [], "redis://127.0.0.1:6379/0": ["community"]}


def test_an_unreachable_redis_stops_the_crawl_with_one_line(home: Path) -> None:
    from crawlers.exceptions import CrawlError
    from crawlers.spiders.run import run_spiders

    settings = load_settings(
        home=str(home),
        database_url="postgresql+psycopg://u@h/db",
        forums={"sites": [{"name": "community", "kind": "discourse", "url": "http://x"}]},
        cluster={"redis_url": "redis://:secret@127.0.0.1:9/0"},
    )
    with pytest.raises(CrawlError) as err:
        run_spiders(settings)
    message = str(err.value)
    assert message.startswith("cannot reach Redis at redis://:**@127.0.0.1:9/0 for the shared")
    assert "secret" not in message and "\n" not in message


def test_a_start_request_is_checked_against_the_round_even_when_it_may_repeat(
    redis_url: str,
) -> None:
    """The Stack Exchange spider's pages may repeat (``dont_filter``): each crawler makes the
    same first one, and only one of them goes into the round's queue."""
    import itertools
    from types import SimpleNamespace

    from scrapy import Request
    from scrapy_redis.dupefilter import RFPDupeFilter
    from scrapy_redis.queue import PriorityQueue

    from crawlers.shared import SharedScheduler

    client = redis.Redis.from_url(redis_url)
    prefix = f"lp-test-{uuid.uuid4().hex[:10]}"
    spider = SimpleNamespace(name="stackexchange")
    scheduler = SharedScheduler(server=client)
    scheduler.spider = spider
    scheduler.df = RFPDupeFilter(client, key=f"{prefix}:seen")
    scheduler.queue = PriorityQueue(client, spider, f"{prefix}:requests")
    scheduler.local, scheduler.order = [], itertools.count()
    scheduler.stats = SimpleNamespace(inc_value=lambda *a, **k: None)

    def request(**meta: Any) -> Request:
        return Request("http://x/2.3/questions?page=1", dont_filter=True, meta=meta)

    try:
        assert scheduler.enqueue_request(request(is_start_request=True))
        assert not scheduler.enqueue_request(request(is_start_request=True))  # another crawler's
        assert scheduler.enqueue_request(request(is_start_request=True, retry_times=1))  # a retry
        assert scheduler.enqueue_request(request())  # a later page may repeat
        assert len(scheduler.queue) == 3  # the first start request, the retry, the page
    finally:
        client.delete(f"{prefix}:seen", f"{prefix}:requests")
        client.close()
