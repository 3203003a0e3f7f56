"""The forum spiders against the loopback forum, through the real item pipelines into SQLite.

Every crawl runs in a child process (``run_spiders(..., isolate=True)``, the same code as
``listenpost crawl forums``): Twisted's reactor runs once per process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from crawlers.exceptions import CrawlError
from crawlers.spiders.run import SPIDERS, run_spiders, spider_names
from demo.fake_forum import (
    GENERIC_SELECTORS,
    FakeDiscourse,
    FakeStackExchange,
    forum_world,
)
from demo.loopback import FakeService
from tests.crawlers.forum_support import (
    USER_AGENT,
    Rows,
    crawl,
    forum_settings,
    make_fake,
    se_settings,
    se_world,
    small_world,
    world_counts,
)

REPO = Path(__file__).resolve().parents[2]
COUNTS = world_counts(small_world())
SPIDER_PREFIX = {"discourse": "acme-community:", "generic": "html-forum:", "helpcenter": ""}


@pytest.mark.parametrize("spider", sorted(SPIDERS.values()))
def test_every_spider_crawls_then_imports_nothing_new(home: Path, spider: str) -> None:
    if spider == "stackexchange":
        fake: FakeService = FakeStackExchange(se_world(2))
        expected, posts, prefix = 2 + 4 + 2, 6, "su:"
    else:
        fake = make_fake()
        expected = COUNTS["posts"] + COUNTS["accepted"]
        posts, prefix = COUNTS["posts"], SPIDER_PREFIX.get(spider, "")
        if spider == "helpcenter":
            expected = posts = COUNTS["articles"]
    with fake:
        if spider == "stackexchange":
            settings = se_settings(home, fake, user_agent=USER_AGENT)
        else:
            settings = forum_settings(home, fake)
        first = crawl(settings, [spider])
        second = crawl(settings, [spider])
        assert any(r.path == "/robots.txt" for r in fake.requests)  # ROBOTSTXT_OBEY
        assert {r.headers.get("user-agent") for r in fake.requests} == {USER_AGENT}
    assert first["new"] == expected
    assert first["errors"] == 0
    assert second["new"] == 0
    assert second["errors"] == 0
    with Rows(settings) as rows:
        runs = rows.runs()
        assert [(r.source, r.status, r.new) for r in runs] == [
            (f"forums:{spider}", "ok", expected),
            (f"forums:{spider}", "ok", 0),
        ]
        assert runs[0].fetched == first["fetched"] and runs[0].finished_at is not None
        if spider != "helpcenter":
            assert len(rows.mentions(prefix)) == posts == rows.count()


def test_spider_names_follow_the_configured_kinds(home: Path) -> None:
    with make_fake() as fake:
        settings = forum_settings(home, fake)
        assert spider_names(settings) == ["discourse", "generic", "helpcenter"]
        only = forum_settings(home, fake, sites=[{"name": "x", "kind": "sitemap", "url": fake.url}])
        assert spider_names(only) == ["helpcenter"]
        with pytest.raises(ValueError, match="unknown spiders"):
            spider_names(settings, ["nope"])


def test_discourse_posts_map_field_by_field(home: Path) -> None:
    world = small_world()
    with make_fake(world) as fake:
        settings = forum_settings(home, fake)
        crawl(settings, ["discourse"])
        base = fake.url
    with Rows(settings) as rows:
        got = rows.mentions("acme-community:")
        docs = rows.docs()
    question, answer, thanks = (got[f"acme-community:{i}"] for i in (100, 101, 102))
    assert question.platform == "forum"
    assert question.kind == "post"
    assert question.thread_id == "acme-community:t10"
    assert question.parent_id is None
    assert question.title == "Router keeps dropping Wi-Fi"
    assert question.text == "My Acme router drops Wi-Fi every hour."
    assert question.author == "dana"
    assert question.by_brand is False
    assert question.url == f"{base}/t/router-keeps-dropping/10/1"
    assert question.created_at == datetime(2026, 10, 5, 10, 1, tzinfo=UTC)
    assert question.replies == 1
    assert answer.kind == "answer"
    assert answer.by_brand is True
    assert answer.parent_id == "acme-community:100"
    assert answer.title is None
    assert answer.text == "Update the firmware to 2.4 & reboot; that fixes the drops."
    assert answer.score == 7
    assert thanks.kind == "comment"
    assert thanks.parent_id == "acme-community:101"
    # the long topic: 20 posts in the topic JSON, 5 through /t/11/posts.json
    long_topic = [m for m in got.values() if m.thread_id == "acme-community:t11"]
    assert len(long_topic) == 25
    assert sorted(m.source_id for m in long_topic)[-1] == "acme-community:225"
    doc = docs["third_party:acme-community:101"]
    assert doc.title == "Router keeps dropping Wi-Fi"
    assert doc.body == answer.text
    assert doc.url == answer.url
    assert doc.author == "AcmeSupport"
    assert doc.score == 7
    assert doc.platform == "forum"
    assert doc.fetched_at is not None


def test_generic_forum_maps_posts_and_accepted_answer(home: Path) -> None:
    with make_fake() as fake:
        settings = forum_settings(home, fake)
        crawl(settings, ["generic"])
        base = fake.url
    with Rows(settings) as rows:
        got = rows.mentions("html-forum:")
        docs = rows.docs()
    question, answer = got["html-forum:100"], got["html-forum:101"]
    assert (question.kind, question.title, question.thread_id) == (
        "post", "Router keeps dropping Wi-Fi", "html-forum:t10",
    )  # fmt: skip
    assert question.url == f"{base}/forum/thread/10"
    assert question.created_at == datetime(2026, 10, 5, 10, 1, tzinfo=UTC)
    assert (answer.kind, answer.parent_id, answer.by_brand, answer.score) == (
        "answer", "html-forum:100", True, 7,
    )  # fmt: skip
    assert got["html-forum:102"].kind == "comment"
    # the long thread spans three HTML pages; every post once
    assert len([m for m in got.values() if m.thread_id == "html-forum:t11"]) == 25
    assert docs["third_party:html-forum:101"].author == "AcmeSupport"


def test_help_centre_articles_become_kb_docs(home: Path) -> None:
    with make_fake() as fake:
        settings = forum_settings(home, fake)
        crawl(settings, ["helpcenter"])
        base = fake.url
    with Rows(settings) as rows:
        docs = rows.docs()
    doc = docs["kb:acme-help:/help/articles/reset-router"]
    assert doc.title == "Reset your router"
    assert doc.body == "Hold the reset button for 10 seconds.\n\nWait for the light."
    assert doc.url == f"{base}/help/articles/reset-router"
    assert doc.lang == "en"
    assert doc.platform == "web"
    assert "kb:acme-help:/help/articles/refunds" in docs


def test_third_party_how_to_site_is_third_party(home: Path) -> None:
    with make_fake() as fake:
        sites = [
            {"name": "howto", "kind": "sitemap", "url": fake.url, "third_party": True},
        ]
        settings = forum_settings(home, fake, sites=sites)
        result = crawl(settings)
    assert result["new"] == COUNTS["articles"]
    with Rows(settings) as rows:
        assert {k.split(":")[0] for k in rows.docs()} == {"third_party"}


def test_changed_topics_only_are_fetched_again(home: Path) -> None:
    with make_fake() as fake:
        settings = forum_settings(home, fake)
        crawl(settings, ["discourse", "generic"])
        fake.requests.clear()
        new_post = {
            "id": 226,
            "post_number": 26,
            "username": "AcmeSupport",
            "cooked": "<p>We refunded the second charge.</p>",
            "created_at": "2026-10-06T09:00:00.000Z",
            "reply_to_post_number": 1,
        }
        fake.add_post(11, new_post)
        result = crawl(settings, ["discourse", "generic"])
        paths = [r.path for r in fake.requests]
    assert result["new"] == 2  # the new post, once per site
    assert result["errors"] == 0
    # unchanged topics were not fetched again; the changed one was read whole (its first 20
    # posts in the topic JSON, the rest by id), so edits in it are seen too
    assert "/t/router-keeps-dropping/10.json" not in paths
    assert "/t/app-login/12.json" not in paths
    assert "/forum/thread/10" not in paths
    posts_requests = [r for r in fake.requests if r.path == "/t/11/posts.json"]
    assert [r.query["post_ids[]"] for r in posts_requests] == [[str(i) for i in range(221, 227)]]
    with Rows(settings) as rows:
        new = rows.mentions()["acme-community:226"]
        assert (new.kind, new.by_brand, new.parent_id) == ("comment", True, "acme-community:201")
        assert rows.mentions()["html-forum:226"].text == "We refunded the second charge."
        state = rows.state("forum:acme-community")
        assert state["complete"] is True
        assert state["topics"]["11"][:2] == [26, 26]  # posts_count, highest_post_number


def test_help_centre_skips_articles_whose_lastmod_did_not_change(home: Path) -> None:
    with make_fake() as fake:
        settings = forum_settings(home, fake)
        crawl(settings, ["helpcenter"])
        fake.world["help"]["articles"][1]["updated_at"] = "2026-11-01"
        fake.world["help"]["articles"][1]["body"] = "<p>Refunds take 3 days now.</p>"
        fake.requests.clear()
        result = crawl(settings, ["helpcenter"])
        paths = [r.path for r in fake.requests]
    assert "/help/articles/reset-router" not in paths
    assert "/help/articles/refunds" in paths
    assert result["updated"] == 1 and result["new"] == 0
    with Rows(settings) as rows:
        assert rows.docs()["kb:acme-help:/help/articles/refunds"].body == "Refunds take 3 days now."


class CountingForum(FakeDiscourse):
    """Counts the requests being answered at the same moment (each takes 20 ms)."""

    def __init__(self, *a: Any, **kw: Any) -> None:
        super().__init__(*a, **kw)
        self.inflight = self.most = 0
        self.gate = threading.Lock()

    def route(self, req: Any) -> Any:
        with self.gate:
            self.inflight += 1
            self.most = max(self.most, self.inflight)
        try:
            time.sleep(0.02)
            return super().route(req)
        finally:
            with self.gate:
                self.inflight -= 1


@pytest.mark.parametrize("per_domain", [2, 4])
def test_no_more_requests_in_flight_to_a_site_than_its_limit(home: Path, per_domain: int) -> None:
    """CONCURRENT_REQUESTS_PER_DOMAIN holds without a download delay too (Scrapy 2.19 alone let
    CONCURRENT_REQUESTS through: crawlers.middlewares.SlotLimitDownloader)."""
    world = forum_world(40, 3)
    counts = world_counts(world)
    with make_fake(world, CountingForum, per_page=20, thread_page_size=3) as fake:
        site = {"name": "html-forum", "kind": "generic", "url": f"{fake.url}/forum/",
                "selectors": GENERIC_SELECTORS}  # fmt: skip
        settings = forum_settings(home, fake, sites=[site])
        result = crawl(
            settings, ["generic"], CONCURRENT_REQUESTS=32, CONCURRENT_REQUESTS_PER_DOMAIN=per_domain
        )
    assert result["new"] == counts["posts"] + counts["accepted"] and result["errors"] == 0
    assert fake.most == per_domain  # the limit was reached, never passed


def test_scrapy_crawl_command_reads_the_listenpost_config(home: Path, tmp_path: Path) -> None:
    with make_fake() as fake:
        settings = forum_settings(home, fake)
        config = tmp_path / "listenpost.toml"
        config.write_text(
            f'[forums]\nuser_agent = "{USER_AGENT}"\n'
            f'[[forums.sites]]\nname = "acme-community"\nkind = "discourse"\nurl = "{fake.url}"\n'
            f'[[forums.sites]]\nname = "other"\nkind = "discourse"\nurl = "http://127.0.0.1:9"\n',
            encoding="utf-8",
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("LISTENPOST_")}
        env.update(LISTENPOST_CONFIG=str(config), LISTENPOST_HOME=str(home))
        args = ["-a", "site=acme-community", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=INFO"]
        proc = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "scrapy", "crawl", "discourse", *args],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert {r.headers.get("user-agent") for r in fake.requests} == {USER_AGENT}
    with Rows(settings) as rows:
        assert len(rows.mentions("acme-community:")) == COUNTS["posts"]
        assert [r.source for r in rows.runs()] == ["forums:discourse:acme-community"]


def test_configuration_mistakes_stop_the_run_with_a_crawl_error(home: Path) -> None:
    with make_fake() as fake:
        sites = [{"name": "bad", "kind": "generic", "url": fake.url, "selectors": {"post": "p"}}]
        settings = forum_settings(home, fake, sites=sites)
        with pytest.raises(CrawlError, match="selectors thread_link, body are required"):
            crawl(settings, ["generic"])
        with pytest.raises(CrawlError, match="no \\[\\[forums.sites\\]\\] of kind 'generic'"):
            run_spiders(settings, ["generic"], site="nope", isolate=True)
        assert fake.requests == []


def test_post_text_and_titles_stay_out_of_the_logs(home: Path) -> None:
    with make_fake() as fake:
        settings = forum_settings(home, fake)
        crawl(settings, ["discourse"])  # the second run drops every post as a duplicate
        payload = json.dumps(
            {
                "settings": settings.model_dump(mode="json"),
                "names": ["discourse"],
                "overrides": {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False},
            }
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("LISTENPOST_")}
        fake.add_post(
            10,
            {
                "id": 103,
                "post_number": 4,
                "username": "zoe",
                "cooked": "<p>Secret plan: my card ends 4242</p>",
                "created_at": "2026-10-07T10:00:00Z",
            },
        )
        proc = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "crawlers.spiders.run", "--stdin", "--log-level", "DEBUG"],
            input=payload, capture_output=True, text=True, timeout=120, check=False, env=env,
        )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Scraped from" in proc.stderr and "Mention forum:acme-community:103" in proc.stderr
    assert "Dropped Mention forum:acme-community:100" in proc.stderr
    for secret in ("4242", "Secret plan", "Router keeps dropping", "My Acme router"):
        assert secret not in proc.stderr


def test_scrapy_logs_at_the_level_asked_for(home: Path) -> None:
    """Scrapy's own logging config sets its loggers to DEBUG; a crawl at WARNING shows none of
    its INFO or DEBUG lines (`listenpost crawl forums` without -v, the demo)."""
    with make_fake() as fake:
        settings = forum_settings(home, fake)
        payload = json.dumps(
            {
                "settings": settings.model_dump(mode="json"),
                "names": ["discourse"],
                "overrides": {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False},
            }
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("LISTENPOST_")}
        proc = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "crawlers.spiders.run", "--stdin", "--log-level", "WARNING"],
            input=payload, capture_output=True, text=True, timeout=120, check=False, env=env,
        )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout.splitlines()[-1])["new"] > 0
    noisy = [line for line in proc.stderr.splitlines() if " INFO " in line or " DEBUG " in line]
    assert noisy == []
