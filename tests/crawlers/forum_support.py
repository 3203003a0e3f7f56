"""Shared by the forum spider tests: a small literal world, settings for the fake forum, a crawl
helper (each crawl runs in its own process: Twisted's reactor runs once per process) and a few
queries."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from config import Settings, load_settings
from crawlers.spiders.run import run_spiders
from demo.fake_forum import GENERIC_SELECTORS, FakeDiscourse, FakeStackExchange
from pipelines.models import CrawlRun, CrawlState, KnowledgeDoc, Mention
from pipelines.models.db import Database

# Fast and still real: no politeness delay against 127.0.0.1, short timeouts and backoff.
FAST = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "RETRY_TIMES": 2,
    "DOWNLOAD_TIMEOUT": 10,  # pipeline stages may hold the reactor while loading models
    "LISTENPOST_BACKOFF": 0.05,
    "LISTENPOST_STATE_SAVE_INTERVAL": 0.2,
    "LOG_LEVEL": "INFO",
}
USER_AGENT = "listenpost-test/1.0 (+care@example.com)"


def _post(pid: int, number: int, user: str, text: str, minute: int, **kw: Any) -> dict[str, Any]:
    return {
        "id": pid,
        "post_number": number,
        "username": user,
        "cooked": f"<p>{text}</p>",
        "created_at": f"2026-10-05T10:{minute:02d}:00.000Z",
        **kw,
    }


def small_world() -> dict[str, Any]:
    """Three topics: a solved one (accepted answer by the brand), a long one (25 posts: the
    rest after the first 20 come from posts.json) and a single post; two help articles.
    Authors rarely repeat: a repeat author's post is compared with their open ticket by the
    tickets stage (sentence vectors), which is slow and not what these tests are about."""
    long_posts = [
        _post(200 + n, n, f"member{n}", f"Still broken for me, try {n}", n, like_count=n % 3)
        for n in range(1, 26)
    ]
    return {
        "brand": {"name": "Acme", "accounts": {"forum": ["AcmeSupport"]}},
        "forum": {
            "categories": [{"id": 1, "name": "Support", "slug": "support"}],
            "topics": [
                {
                    "id": 10,
                    "slug": "router-keeps-dropping",
                    "title": "Router keeps dropping Wi-Fi",
                    "category_id": 1,
                    "created_at": "2026-10-01T08:00:00.000Z",
                    "accepted_answer_post": 2,
                    "posts": [
                        _post(100, 1, "dana", "My Acme router drops Wi-Fi every hour.", 1),
                        _post(
                            101,
                            2,
                            "AcmeSupport",
                            "Update the firmware to 2.4 &amp; reboot; that fixes the drops.",
                            2,
                            like_count=7,
                            reply_to_post_number=1,
                        ),  # fmt: skip
                        _post(102, 3, "dana", "That worked, thanks!", 3, reply_to_post_number=2),
                    ],
                },
                {
                    "id": 11,
                    "slug": "billing-twice",
                    "title": "Charged twice this month",
                    "category_id": 1,
                    "created_at": "2026-10-02T08:00:00.000Z",
                    "posts": long_posts,
                },
                {
                    "id": 12,
                    "slug": "app-login",
                    "title": "Cannot log in to the app",
                    "category_id": 1,
                    "created_at": "2026-10-03T08:00:00.000Z",
                    "posts": [_post(300, 1, "eli", "The app says my password is wrong.", 30)],
                },
            ],
        },
        "help": {
            "articles": [
                {
                    "slug": "reset-router",
                    "title": "Reset your router",
                    "body": (
                        "<p>Hold the reset button for 10 seconds.</p><p>Wait for the light.</p>"
                    ),
                    "updated_at": "2026-09-01",
                    "category": "Devices",
                },
                {
                    "slug": "refunds",
                    "title": "Refunds for double charges",
                    "body": "<p>Double charges are refunded within 5 days.</p>",
                    "updated_at": "2026-09-02",
                },
            ]
        },
    }


def world_counts(world: dict[str, Any]) -> dict[str, int]:
    topics = world["forum"]["topics"]
    return {
        "posts": sum(len(t["posts"]) for t in topics),
        "accepted": sum(1 for t in topics if t.get("accepted_answer_post")),
        "articles": len(world.get("help", {}).get("articles", [])),
    }


def make_fake(
    world: dict[str, Any] | None = None, fake_class: type[FakeDiscourse] = FakeDiscourse, **kw: Any
) -> FakeDiscourse:
    kw.setdefault("per_page", 2)  # three topics: two listing pages
    kw.setdefault("thread_page_size", 10)  # the long topic: three HTML pages
    return fake_class(copy.deepcopy(world or small_world()), **kw)


def sites_for(fake: FakeDiscourse, help_third_party: bool = False) -> list[dict[str, Any]]:
    return [
        {"name": "acme-community", "kind": "discourse", "url": fake.url},
        {
            "name": "html-forum",
            "kind": "generic",
            "url": f"{fake.url}/forum/",
            "selectors": GENERIC_SELECTORS,
        },
        {
            "name": "acme-help",
            "kind": "sitemap",
            "url": f"{fake.url}/help/sitemap.xml",
            "third_party": help_third_party,
        },
    ]


def forum_settings(home: Path, fake: FakeDiscourse, **kw: Any) -> Settings:
    sites = kw.pop("sites", None) or sites_for(fake)
    settings = load_settings(
        home=str(home),
        forums={"sites": sites, "user_agent": USER_AGENT},
        brand={"name": "Acme", "accounts": {"forum": ["AcmeSupport"]}},
        **kw,
    )
    Database(settings).init()
    return settings


def crawl(settings: Settings, names: list[str] | None = None, **overrides: Any) -> dict[str, Any]:
    return run_spiders(settings, names, overrides={**FAST, **overrides}, isolate=True)


class Rows:
    """Read what the crawls stored."""

    def __init__(self, settings: Settings) -> None:
        self.db = Database(settings)

    def __enter__(self) -> Rows:
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.dispose()

    def mentions(self, prefix: str = "") -> dict[str, Mention]:
        with self.db.session() as s:
            rows = s.scalars(select(Mention).where(Mention.source_id.startswith(prefix))).all()
            return {r.source_id: r for r in rows}

    def docs(self) -> dict[str, KnowledgeDoc]:
        with self.db.session() as s:
            return {f"{r.source}:{r.source_id}": r for r in s.scalars(select(KnowledgeDoc))}

    def runs(self) -> list[CrawlRun]:
        with self.db.session() as s:
            return list(s.scalars(select(CrawlRun).order_by(CrawlRun.id)))

    def state(self, source: str) -> dict[str, Any]:
        with self.db.session() as s:
            row = s.scalar(select(CrawlState).where(CrawlState.source == source))
            return dict(row.cursor) if row else {}

    def count(self) -> int:
        with self.db.session() as s:
            return int(s.scalar(select(func.count()).select_from(Mention)) or 0)


T0 = 1_790_000_000


def se_world(questions: int = 3) -> dict[str, Any]:
    qs, answers = [], []
    for n in range(1, questions + 1):
        qs.append(
            {
                "question_id": n * 10,
                "title": f"Router &amp; modem question {n}",
                "body": f"<p>My router {n} drops Wi-Fi.</p>",
                "link": f"https://superuser.com/questions/{n * 10}/q",
                "owner": {"user_id": 100 + n, "display_name": f"asker{n}"},
                "creation_date": T0 + n,
                "last_activity_date": T0 + 100 * n,
                "score": n,
                "answer_count": 2,
                "view_count": 50 + n,
                "accepted_answer_id": n * 10 + 1,
            }
        )
        for k in (1, 2):
            answers.append(
                {
                    "answer_id": n * 10 + k,
                    "question_id": n * 10,
                    "body": f"<p>Answer {k}: reset the router {n}.</p>",
                    "owner": {"user_id": 200 + k, "display_name": f"helper{k}"},
                    "creation_date": T0 + n + k,
                    "score": 3 - k,
                    "is_accepted": k == 1,
                }
            )
    return {"stackexchange": {"questions": qs, "answers": answers}}


def se_settings(home: Path, fake: FakeStackExchange, **forums: Any) -> Any:
    url = f"{fake.url}/2.3/questions?site=superuser&tagged=router"
    settings = load_settings(
        home=str(home),
        forums={"sites": [{"name": "su", "kind": "stackexchange", "url": url}], **forums},
        brand={"accounts": {"forum": ["helper1"]}},
    )
    Database(settings).init()
    return settings
