"""YouTube in a cluster: each search, the tracked videos and each brand channel are units leased
on their own, so crawlers on several hosts split the source; they share one cursor (each save
folds in the others' units, a unit taken starts from what its last holder saved) and one quota
count, so no search runs twice and no unit is spent twice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawlers.api import youtube
from demo.fake_youtube import FakeYouTube
from pipelines.chain import Chain, Cursor, RunStats
from pipelines.models.db import Database
from tests.crawlers.youtube_world import (
    BRAND,
    KEY,
    NOW,
    expected_ids,
    mention_rows,
    small_world,
    units_spent,
    yt_settings,
)

QUERIES = ["acme", "x200"]


@pytest.fixture
def world() -> dict[str, Any]:
    return small_world()


@pytest.fixture
def fake(world: dict[str, Any]) -> Iterator[FakeYouTube]:
    with FakeYouTube(world, api_key=KEY) as server:
        yield server  # type: ignore[misc]


def _host(db: Database, units: set[str]) -> Cursor:
    """The shared "youtube" cursor as a crawler on another host holds it: ``units`` only."""
    cursor = Cursor(db, "youtube")
    cursor.claim = lambda unit: unit in units
    return cursor


def _crawl(settings: Any, db: Database, cursor: Cursor) -> RunStats:
    with Chain(settings, db) as chain:
        for item in youtube.crawl(settings, cursor, chain.stats, now=lambda: NOW, backoff=0.0):
            chain.process(item)
        return chain.stats


def _searched(fake: FakeYouTube) -> list[str]:
    return [r.query["q"][0] for r in fake.requests if r.path.endswith("/search")]


def test_hosts_split_the_units_and_keep_each_others_saves(
    any_settings: Any, home: Path, world: dict[str, Any], fake: FakeYouTube
) -> None:
    searches = [{"query": q} for q in QUERIES]
    settings = yt_settings(home, fake.url, world, searches=searches)
    settings = settings.model_copy(update={"database_url": any_settings.database_url})
    db = Database(settings)
    db.init()
    try:
        # host b reads the cursor first, then waits; host a searches meanwhile
        b = _host(db, {"videos", f"channel:{BRAND}"})
        a = _host(db, {"search:acme", "search:x200"})
        first = _crawl(settings, db, a)
        assert _searched(fake) == QUERIES
        tracked = Cursor(db, "youtube").data["video_ids"]
        assert tracked  # what a's search found, for the holder of "videos"
        assert not [r for r in fake.requests if r.path.endswith("/commentThreads")]

        second = _crawl(settings, db, b)
        assert _searched(fake) == QUERIES  # each query searched once
        saved = Cursor(db, "youtube").data
        assert set(saved["searches"]) == set(QUERIES)  # a's search kept by b's saves
        assert saved["searches"]["acme"]["searched_at"]
        assert saved["video_ids"][: len(tracked)] == tracked  # b started from a's videos
        assert set(mention_rows(db)) == expected_ids(world, "acme") | expected_ids(world, "x200")
        # one count of the units, equal to what the API served, split between the hosts
        assert units_spent(db) == fake.units_used == first.quota_used + second.quota_used
    finally:
        db.dispose()


def test_a_host_holding_the_videos_keeps_the_videos_others_found(any_db: Database) -> None:
    a = _host(any_db, {"videos"})
    a.data = {"video_ids": ["v1", "v2"], "videos": {"v1": {"n": 1}, "v2": {"n": 2}}}
    a.merge = lambda stored: _merge(a, stored, {"videos"})
    a.save()
    b = _host(any_db, {"search:q"})
    b.data = {
        "searches": {"q": {"after": "t"}},
        "video_ids": ["v1", "v2", "v3"],
        "videos": {"v1": {"n": 0}, "v2": {"n": 0}, "v3": {"n": 3}},
        "video_pos": 0,
    }
    b.merge = lambda stored: _merge(b, stored, {"search:q"})
    a.data["video_pos"] = 1
    b.save()  # b found v3; its old view of v1 and v2 does not win over a's
    saved = Cursor(any_db, "youtube").data
    assert saved["video_ids"] == ["v1", "v2", "v3"] and saved["video_pos"] == 0
    assert saved["videos"] == {"v1": {"n": 1}, "v2": {"n": 2}, "v3": {"n": 3}}
    a.data["videos"]["v1"] = {"n": 10}
    a.data["video_ids"].append("v4")
    a.data["videos"]["v4"] = {"n": 4}
    a.save()
    saved = Cursor(any_db, "youtube").data
    assert saved["video_ids"] == ["v1", "v2", "v4", "v3"] and saved["video_pos"] == 1
    assert saved["videos"]["v1"] == {"n": 10} and saved["videos"]["v3"] == {"n": 3}
    assert saved["searches"] == {"q": {"after": "t"}}


def _merge(cursor: Cursor, stored: dict[str, Any], units: set[str]) -> dict[str, Any]:
    """The crawler's merge (youtube._Run.merge) over a hand-made cursor."""
    run = youtube._Run.__new__(youtube._Run)
    run.data, run.claimed = cursor.data, units
    for key in ("searches", "channels", "videos", "video_ids"):
        run.data.setdefault(key, [] if key == "video_ids" else {})
    return run.merge(stored)
