"""Small YouTube worlds (the demo world format) written for these tests, and a helper
that runs the real crawler through the real chain."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from config import Settings, load_settings
from crawlers.api import youtube
from crawlers.api.youtube_client import key_id
from pipelines.chain import Chain, Cursor, RunStats, run_source
from pipelines.models import KnowledgeDoc
from pipelines.models import Mention as MentionRow
from pipelines.models.db import Database
from pipelines.quota import QuotaLedger

KEY = "test-key"
BRAND = "UCacmeSupport000000000000"
NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


def _t(day: int, hour: int = 12, minute: int = 0) -> str:
    return f"2026-11-{day:02d}T{hour:02d}:{minute:02d}:00Z"


def comment(
    cid: str,
    video: str,
    text: str,
    at: str,
    *,
    parent: str | None = None,
    author: str = "UCcustomer0000000000001",
    name: str = "Carla",
    likes: int = 0,
) -> dict[str, Any]:
    return {
        "id": cid,
        "video_id": video,
        "parent_id": parent,
        "author_channel_id": author,
        "author_display_name": name,
        "text": text,
        "published_at": at,
        "like_count": likes,
    }


def small_world() -> dict[str, Any]:
    """Three videos about Acme (one tutorial by a stranger, one review, one by the brand), one
    off-topic video; a thread with 7 replies (more than the API carries inline)."""
    reply_texts = [f"same here, reply {i}" for i in range(6)]
    comments = [
        comment(
            "UgRev1", "vidReview01", "My Acme X200 drops wifi every hour", _t(10), likes=4
        ),  # fmt: skip
        *[
            comment(
                f"UgRev1.r{i}",
                "vidReview01",
                text,
                _t(10, 13 + i),
                parent="UgRev1",
                author=f"UCother{i:017d}",
                name=f"Person {i}",
            )  # fmt: skip
            for i, text in enumerate(reply_texts)
        ],
        comment(
            "UgRev1.brand",
            "vidReview01",
            "Sorry! Please DM us your serial number",
            _t(11),
            parent="UgRev1",
            author=BRAND,
            name="Acme Support",
        ),  # fmt: skip
        comment(
            "UgRev2",
            "vidReview01",
            "Love mine <3 & works fine",
            _t(12),
            name="Dan",
            author="UCcustomer0000000000002",
        ),  # fmt: skip
        comment(
            "UgTut1",
            "vidTutorial1",
            "¡Gracias! Me funcionó el reinicio",
            _t(9),
            name="Lucía",
            author="UCcustomer0000000000003",
        ),  # fmt: skip
        comment(
            "UgBrand1",
            "vidBrand0001",
            "When does it ship to Spain?",
            _t(8),
            name="Eva",
            author="UCcustomer0000000000004",
        ),  # fmt: skip
        comment(
            "UgBrand1.r0",
            "vidBrand0001",
            "Next month!",
            _t(8, 15),
            parent="UgBrand1",
            author=BRAND,
            name="Acme Support",
        ),  # fmt: skip
        comment("UgOff1", "vidOffTopic1", "yum", _t(7), name="Finn"),
    ]
    return {
        "brand": {"name": "Acme", "queries": ["acme"], "accounts": {"youtube": [BRAND]}},
        "youtube": {
            "channels": [
                {"id": BRAND, "title": "Acme Support"},
                {"id": "UCtechTipsES0000000000000", "title": "Trucos Tech"},
                {"id": "UCreviewer00000000000000", "title": "Gadget Reviews"},
                {"id": "UCcooking000000000000000", "title": "Cooking"},
            ],
            "videos": [
                {
                    "id": "vidTutorial1",
                    "channel_id": "UCtechTipsES0000000000000",
                    "title": "Cómo arreglar el wifi del router Acme X200",
                    "description": "Guía paso a paso: reinicia el router Acme & actualiza.",
                    "published_at": _t(5),
                    "view_count": 1500,
                    "like_count": 120,
                },
                {
                    "id": "vidReview01",
                    "channel_id": "UCreviewer00000000000000",
                    "title": "Acme X200 review: fast but flaky",
                    "description": "Two weeks with the Acme X200.",
                    "published_at": _t(6),
                    "view_count": 900,
                    "like_count": 33,
                },
                {
                    "id": "vidBrand0001",
                    "channel_id": BRAND,
                    "title": "Introducing Acme X200",
                    "description": "Our new router. How to set it up: see the manual.",
                    "published_at": _t(4),
                    "view_count": 5000,
                    "like_count": 300,
                },
                {
                    "id": "vidOffTopic1",
                    "channel_id": "UCcooking000000000000000",
                    "title": "Pasta in ten minutes",
                    "description": "No routers here.",
                    "published_at": _t(7),
                    "view_count": 10,
                    "like_count": 1,
                },
            ],  # fmt: skip
            "comments": comments,
        },
    }


def big_world(videos: int = 12, long_thread_video_threads: int = 25) -> dict[str, Any]:
    """With small pages (the ``small_pages`` fixture): several search pages and a video with
    several pages of threads."""
    world = small_world()
    yt = world["youtube"]
    base = datetime(2026, 10, 1, tzinfo=UTC)
    for i in range(videos):
        vid = f"vidBulk{i:04d}"
        at = (base + timedelta(hours=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        yt["videos"].append(
            {
                "id": vid,
                "channel_id": "UCreviewer00000000000000",
                "title": f"Acme unboxing part {i}",
                "description": "unboxing",
                "published_at": at,
                "view_count": i,
                "like_count": i % 7,
            }  # fmt: skip
        )
        yt["comments"].append(comment(f"UgBulk{i:04d}", vid, f"first! {i}", at))
    for j in range(long_thread_video_threads):
        at = (base + timedelta(days=30, minutes=j)).strftime("%Y-%m-%dT%H:%M:%SZ")
        yt["comments"].append(comment(f"UgLong{j:04d}", "vidBulk0000", f"comment {j}", at))
    return world


def yt_settings(home: Path, fake_url: str, world: dict[str, Any], **youtube_kw: Any) -> Settings:
    yt = {"api_key": KEY, "api_endpoint": fake_url, **youtube_kw}
    return load_settings(home=str(home), brand=world["brand"], youtube=yt)


def make_db(settings: Settings) -> Database:
    db = Database(settings)
    db.init()
    return db


def crawl(
    settings: Settings, db: Database, *, now: datetime = NOW
) -> tuple[RunStats, Exception | None]:
    """One `listenpost crawl youtube` run; returns its stats and the error it stopped on."""
    with Chain(settings, db) as chain:
        try:
            stats = run_source(
                chain,
                "youtube",
                lambda c, s: youtube.crawl(settings, c, s, now=lambda: now, backoff=0.0),
            )
        except Exception as exc:  # noqa: BLE001 - the tests look at it
            return chain.stats, exc
        return stats, None


def mention_rows(db: Database) -> dict[str, MentionRow]:
    with db.session() as s:
        rows = s.scalars(select(MentionRow).where(MentionRow.platform == "youtube")).all()
        return {r.source_id: r for r in rows}


def doc_rows(db: Database) -> dict[str, KnowledgeDoc]:
    with db.session() as s:
        return {d.source_id: d for d in s.scalars(select(KnowledgeDoc)).all()}


def cursor_data(db: Database) -> dict[str, Any]:
    return Cursor(db, "youtube").data


def units_spent(db: Database, day: str = "2026-11-23") -> int:
    """The units the quota table counts for the test key on ``day`` (Pacific)."""
    return QuotaLedger(db).spent(key_id(KEY), day)


def expected_ids(world: dict[str, Any], query: str = "acme") -> set[str]:
    """What a complete crawl must store: every video matching the query, every comment on them
    and on the brand's own videos."""
    yt = world["youtube"]
    brand = set(world["brand"]["accounts"]["youtube"])
    found = {
        v["id"] for v in yt["videos"] if query in f"{v['title']} {v['description']}".casefold()
    }  # videos come from search only; the brand channel adds comments
    on_brand = {v["id"] for v in yt["videos"] if v["channel_id"] in brand}
    comments = {c["id"] for c in yt["comments"] if c["video_id"] in found | on_brand}
    return found | comments
