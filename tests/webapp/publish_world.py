"""A small world for the publisher tests: the threads the seeded tickets point at (see
tests/webapp/support.seed), served by the real loopback fakes."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from config import Settings, load_settings

BRAND = {"name": "Nubefon", "queries": ["nubefon"],
         "accounts": {"reddit": ["NubefonSupport"], "youtube": ["UCbrand"]}}  # fmt: skip


def world(n: int = 2) -> dict[str, Any]:
    now = time.time()
    return {
        "brand": BRAND,
        "reddit": {
            "submissions": [
                {"id": f"root{i}", "subreddit": "nubefon", "author": f"maria_q{i}",
                 "title": "Nubefon billed me twice", "selftext": "charged twice",
                 "created_utc": now - 3 * 3600, "score": 1}
                for i in range(n)
            ],
            "comments": [],
        },
        "youtube": {
            "channels": [{"id": "UCbrand", "title": "Nubefon"},
                         {"id": "UCmaria", "title": "Maria"}],
            "videos": [
                {"id": f"video{i}", "channel_id": "UCbrand", "title": "Nubefon setup",
                 "description": "", "published_at": "2026-11-01T10:00:00Z", "view_count": 10,
                 "like_count": 1}
                for i in range(n)
            ],
            "comments": [
                {"id": f"Ugcomment{i}", "video_id": f"video{i}", "parent_id": None,
                 "author_channel_id": "UCmaria", "author_display_name": "Maria",
                 "text": "Still double billed", "published_at": "2026-11-20T10:00:00Z",
                 "like_count": 0}
                for i in range(n)
            ],
        },
    }  # fmt: skip


def publish_settings(home: Path, reddit_url: str, youtube_url: str, **extra: Any) -> Settings:
    return load_settings(
        home=str(home),
        brand=BRAND,
        reddit={"client_id": "cid", "client_secret": "secret", "username": "NubefonSupport",
                "password": "pw", "oauth_url": reddit_url, "reddit_url": reddit_url,
                "retries": 0, "timeout": 5},
        youtube={"api_key": "test-key", "oauth_token": "ya29.test", "api_endpoint": youtube_url},
        **extra,
    )  # fmt: skip
