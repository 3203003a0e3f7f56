"""The YouTube crawler's search economy against FakeYouTube: a query is searched at most every
``[youtube] search_interval_minutes`` (search.list costs 100 units), later passes ask only for
videos published since the last one, and the cheap comment calls still run on every run."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from crawlers.api import youtube
from crawlers.exceptions import QuotaExhausted
from demo.fake_youtube import FakeYouTube
from pipelines.chain import Cursor
from pipelines.models import CrawlRun
from tests.crawlers.youtube_world import (
    KEY,
    NOW,
    comment,
    crawl,
    cursor_data,
    make_db,
    mention_rows,
    small_world,
    units_spent,
    yt_settings,
)


def _video(vid: str, title: str, at: str) -> dict[str, Any]:
    return {"id": vid, "channel_id": "UCreviewer00000000000000", "title": title,
            "description": "", "published_at": at, "view_count": 1, "like_count": 0}  # fmt: skip


@pytest.fixture
def world() -> dict[str, Any]:
    w = small_world()  # plus a video published five minutes before the first run
    w["youtube"]["videos"].append(
        _video("vidFresh001", "Acme X200 first look", "2026-11-23T17:55:00Z")
    )
    return w


@pytest.fixture
def fake(world: dict[str, Any]):  # noqa: ANN201
    with FakeYouTube(world, api_key=KEY) as server:
        yield server


def _searches(fake: FakeYouTube) -> list[dict[str, list[str]]]:
    return [r.query for r in fake.requests if r.path.endswith("/search")]


def _run_quota(db: Any) -> list[int]:
    """quota_used of every crawl_run row, oldest first (what `listenpost sources` lists)."""
    with db.session() as s:
        rows = s.scalars(select(CrawlRun).where(CrawlRun.source == "youtube").order_by(CrawlRun.id))
        return [r.quota_used for r in rows]


def test_run_within_the_interval_spends_no_search_units_and_finds_new_comments(
    tmp_path: Path, world: dict[str, Any], fake: FakeYouTube
) -> None:
    settings = yt_settings(tmp_path, fake.url, world)
    assert settings.youtube.search_interval_minutes == 60  # the default
    db = make_db(settings)
    first, err = crawl(settings, db)
    assert err is None and first.quota_used >= 100 and len(_searches(fake)) == 1
    units_before = fake.units_used
    world["youtube"]["comments"].append(
        comment("UgLate1", "vidReview01", "still dropping after the update", "2026-11-23T18:10:00Z")
    )
    fake.requests.clear()
    second, err = crawl(settings, db, now=NOW + timedelta(minutes=30))
    assert err is None
    assert _searches(fake) == []  # no search.list: not one of its 100 units
    assert "UgLate1" in mention_rows(db) and second.new == 1
    # the comment came through videos.list (commentCount moved) and commentThreads.list
    threads = [r.query for r in fake.requests if r.path.endswith("/commentThreads")]
    assert {"vidReview01"} <= {q["videoId"][0] for q in threads if "videoId" in q}
    assert 0 < second.quota_used < 100
    assert second.quota_used == fake.units_used - units_before  # what Google counted
    # every run's units are recorded (crawl_run.quota_used, listed by `listenpost sources`)
    assert _run_quota(db) == [first.quota_used, second.quota_used]
    assert units_spent(db) == first.quota_used + second.quota_used
    db.dispose()


def test_after_the_interval_the_search_asks_only_for_new_videos(
    tmp_path: Path, world: dict[str, Any], fake: FakeYouTube
) -> None:
    settings = yt_settings(tmp_path, fake.url, world)
    db = make_db(settings)
    crawl(settings, db)
    first = _searches(fake)
    assert [q.get("publishedAfter") for q in first] == [None]  # the first pass: everything
    assert first[0]["order"] == ["date"]
    world["youtube"]["videos"].append(
        _video("vidNew00001", "Acme X200 after the update", "2026-11-23T19:30:00Z")
    )
    fake.requests.clear()
    stats, err = crawl(settings, db, now=NOW + timedelta(hours=2))
    assert err is None
    # publishedAfter: the first pass's start (18:00; the newest video it saw is 17:55, earlier)
    # less the hour of overlap
    assert [q["publishedAfter"] for q in _searches(fake)] == [["2026-11-23T16:55:00Z"]]
    rows = mention_rows(db)
    assert "vidNew00001" in rows and stats.new == 1
    # the search page held only the videos of the overlap and after (newest first), not the
    # older ones again: the videos.list call that completes it names just those two
    video_calls = [r.query["id"][0] for r in fake.requests if r.path.endswith("/videos")]
    assert video_calls[0] == "vidNew00001,vidFresh001"
    assert stats.quota_used >= 100
    fake.requests.clear()
    crawl(settings, db, now=NOW + timedelta(hours=4))
    # the second pass started at 20:00, the newest video seen is 19:30
    assert [q["publishedAfter"] for q in _searches(fake)] == [["2026-11-23T18:30:00Z"]]
    db.dispose()


def test_interval_zero_searches_on_every_run(
    tmp_path: Path, world: dict[str, Any], fake: FakeYouTube
) -> None:
    settings = yt_settings(tmp_path, fake.url, world, search_interval_minutes=0)
    db = make_db(settings)
    crawl(settings, db)
    fake.requests.clear()
    stats, err = crawl(settings, db, now=NOW + timedelta(minutes=1))
    assert err is None and stats.new == 0
    assert len(_searches(fake)) == 1 and stats.quota_used >= 100
    db.dispose()


def test_search_pass_stopped_by_the_budget_resumes_at_its_page_token(
    tmp_path: Path, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pass stopped between pages goes on at its page token on the next run; only a finished
    pass counts as searched, from the time it started."""
    monkeypatch.setattr(youtube, "SEARCH_PAGE", 2)
    with FakeYouTube(world, api_key=KEY) as fake:
        settings = yt_settings(tmp_path, fake.url, world, daily_quota=110)
        db = make_db(settings)
        # page 1 (100 units + 1 for its videos.list), then page 2 does not fit the budget
        _, err = crawl(settings, db)
        assert isinstance(err, QuotaExhausted)
        state = cursor_data(db)["searches"]["acme"]
        assert state["token"] and "searched_at" not in state
        fake.requests.clear()
        more = yt_settings(tmp_path, fake.url, world, daily_quota=1000)
        stats, err = crawl(more, db, now=NOW + timedelta(minutes=10))
        assert err is None
        searches = _searches(fake)
        assert len(searches) == 1 and "pageToken" in searches[0]  # 4 videos, 2 a page
        state = cursor_data(db)["searches"]["acme"]
        assert state["searched_at"] == "2026-11-23T18:00:00Z" and not state["token"]
        assert state["after"] == "2026-11-23T16:55:00Z"
        fake.requests.clear()
        crawl(more, db, now=NOW + timedelta(minutes=20))
        assert _searches(fake) == []
        db.dispose()


def test_units_a_cursor_counted_for_today_go_to_the_shared_count(
    tmp_path: Path, world: dict[str, Any], fake: FakeYouTube
) -> None:
    settings = yt_settings(tmp_path, fake.url, world, daily_quota=400)
    db = make_db(settings)
    cursor = Cursor(db, "youtube")
    cursor.data["quota"] = {"day": "2026-11-23", "units": 250}  # today, Pacific
    cursor.save()
    stats, err = crawl(settings, db)
    assert err is None and stats.quota_used > 100
    assert units_spent(db) == 250 + stats.quota_used <= 400
    assert "quota" not in cursor_data(db)
    db.dispose()
