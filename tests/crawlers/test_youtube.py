"""The YouTube crawler: mapping on project-written API JSON, and whole crawls through the real
google-api-python-client against FakeYouTube, the real chain and a temporary SQLite."""

from __future__ import annotations

import copy
import json
import logging
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from config import ConfigError
from crawlers.api import youtube, youtube_client
from crawlers.exceptions import QuotaExhausted, SourceAuthError, SourceUnavailable
from demo.fake_youtube import FakeYouTube
from demo.loopback import Fault
from pipelines.chain import Chain, Cursor, run_source
from tests.crawlers.youtube_world import (
    BRAND,
    KEY,
    NOW,
    big_world,
    comment,
    crawl,
    cursor_data,
    doc_rows,
    expected_ids,
    make_db,
    mention_rows,
    small_world,
    units_spent,
    yt_settings,
)

# -- mapping, field by field, on JSON written for the project in the API's shapes ---------------

SEARCH_ITEM = {
    "kind": "youtube#searchResult",
    "etag": "e1",
    "id": {"kind": "youtube#video", "videoId": "abcDEF12345"},
    "snippet": {
        "publishedAt": "2026-11-05T09:30:00Z",
        "channelId": "UCstranger0000000000000",
        "title": "Acme X200 &amp; the wifi bug: how to fix it",
        "description": "Fixing the drop &quot;every hour&quot; ...",
        "thumbnails": {},
        "channelTitle": "Stranger Tech",
        "liveBroadcastContent": "none",
        "publishTime": "2026-11-05T09:30:00Z",
    },
}

VIDEO = {
    "kind": "youtube#video",
    "etag": "e2",
    "id": "abcDEF12345",
    "snippet": {
        "publishedAt": "2026-11-05T09:30:00.000Z",
        "channelId": "UCstranger0000000000000",
        "title": "Acme X200 & the wifi bug: how to fix it",
        "description": 'Fixing the drop "every hour" in three steps.\nStep 1: reset.',
        "channelTitle": "Stranger Tech",
        "defaultAudioLanguage": "en",
    },
    "statistics": {
        "viewCount": "15234",
        "likeCount": "321",
        "favoriteCount": "0",
        "commentCount": "45",
    },  # fmt: skip
}

TOP = {
    "kind": "youtube#comment",
    "etag": "e3",
    "id": "UgxTop000000000000000AaABAg",
    "snippet": {
        "channelId": "UCstranger0000000000000",
        "videoId": "abcDEF12345",
        "textDisplay": "Still broken after the update \u003cbr\u003e help",
        "textOriginal": "Still broken after the update\nhelp",
        "authorDisplayName": "Marta G.",
        "authorProfileImageUrl": "https://yt3.ggpht.com/x",
        "authorChannelUrl": "http://www.youtube.com/channel/UCmarta000000000000000",
        "authorChannelId": {"value": "UCmarta000000000000000"},
        "canRate": True,
        "viewerRating": "none",
        "likeCount": 7,
        "publishedAt": "2026-11-06T10:00:00Z",
        "updatedAt": "2026-11-06T10:00:00Z",
    },
}

REPLY = {
    "kind": "youtube#comment",
    "etag": "e4",
    "id": "UgxTop000000000000000AaABAg.9zReply0000000",
    "snippet": {
        "textDisplay": '\u003ca href="https://acme.example/help"\u003eacme.example/help\u003c/a\u003e'
        " \u0026amp; DM us",
        "parentId": "UgxTop000000000000000AaABAg",
        "authorDisplayName": "Acme Support",
        "authorChannelUrl": f"http://www.youtube.com/channel/{BRAND}",
        "authorChannelId": {"value": BRAND},
        "likeCount": 2,
        "publishedAt": "2026-11-06T11:15:00.000Z",
        "updatedAt": "2026-11-06T11:15:00.000Z",
    },
}


def test_search_result_maps_to_video_mention() -> None:
    m = youtube.video_to_mention(SEARCH_ITEM)
    assert m is not None
    assert m.platform == "youtube"
    assert m.source_id == "abcDEF12345"
    assert m.kind == "video"
    assert m.thread_id == "abcDEF12345"
    assert m.parent_id is None
    assert m.url == "https://www.youtube.com/watch?v=abcDEF12345"
    assert m.author == "Stranger Tech"
    assert m.author_id == "UCstranger0000000000000"
    assert m.title == "Acme X200 & the wifi bug: how to fix it"  # search escapes HTML
    assert m.text == 'Fixing the drop "every hour" ...'
    assert m.created_at == datetime(2026, 11, 5, 9, 30, tzinfo=UTC)
    assert m.engagement.model_dump() == {"score": 0, "replies": 0, "views": 0}
    assert m.by_brand is False
    assert m.raw == SEARCH_ITEM


def test_videos_list_item_maps_with_statistics() -> None:
    m = youtube.video_to_mention(VIDEO, frozenset({"UCstranger0000000000000"}))
    assert m is not None
    assert m.title == "Acme X200 & the wifi bug: how to fix it"
    assert m.text == VIDEO["snippet"]["description"]
    assert m.engagement.model_dump() == {"score": 321, "replies": 45, "views": 15234}
    assert m.lang == "en"
    assert m.by_brand is True
    assert m.created_at == datetime(2026, 11, 5, 9, 30, tzinfo=UTC)


def test_channel_search_result_is_not_a_video() -> None:
    item = copy.deepcopy(SEARCH_ITEM)
    item["id"] = {"kind": "youtube#channel", "channelId": "UCstranger0000000000000"}
    assert youtube.video_to_mention(item) is None
    assert youtube.video_to_helpdoc(item) is None


def test_tutorial_by_a_stranger_becomes_a_third_party_helpdoc() -> None:
    doc = youtube.video_to_helpdoc(VIDEO)
    assert doc is not None
    assert doc.source == "third_party"
    assert doc.platform == "youtube"
    assert doc.source_id == "youtube:abcDEF12345"
    assert doc.url == "https://www.youtube.com/watch?v=abcDEF12345"
    assert doc.title == VIDEO["snippet"]["title"]
    assert doc.body == VIDEO["snippet"]["description"]
    assert doc.author == "Stranger Tech"
    assert doc.score == 321
    # the brand's own tutorial is not third-party help
    assert youtube.video_to_helpdoc(VIDEO, frozenset({"UCstranger0000000000000"})) is None


@pytest.mark.parametrize(
    ("title", "description", "tutorial"),
    [
        ("How to reset an Acme router", "", True),
        ("Acme X200 tutorial", "", True),
        ("Cómo configurar el Acme X200", "", True),
        ("Acme X200", "Guía rápida de instalación", True),
        ("Acme wifi drops FIX", "", True),
        ("Acme X200 unboxing", "first look", False),
        ("Acme fixtures and prefixes", "", False),
    ],
)
def test_tutorial_cues(title: str, description: str, tutorial: bool) -> None:
    assert youtube.is_tutorial(title, description) is tutorial


def test_top_level_comment_maps_field_by_field() -> None:
    m = youtube.comment_to_mention(TOP, "abcDEF12345", replies=3)
    assert m.source_id == "UgxTop000000000000000AaABAg"
    assert m.kind == "comment"
    assert m.thread_id == "abcDEF12345"
    assert m.parent_id == "abcDEF12345"  # a top-level comment hangs on the video
    assert m.url == "https://www.youtube.com/watch?v=abcDEF12345&lc=UgxTop000000000000000AaABAg"
    assert m.author == "Marta G."
    assert m.author_id == "UCmarta000000000000000"
    assert m.text == "Still broken after the update\nhelp"  # textOriginal wins
    assert m.title is None
    assert m.created_at == datetime(2026, 11, 6, 10, 0, tzinfo=UTC)
    assert m.engagement.model_dump() == {"score": 7, "replies": 3, "views": 0}
    assert m.by_brand is False
    assert m.raw == TOP


def test_reply_maps_with_parent_and_html_fallback() -> None:
    m = youtube.comment_to_mention(REPLY, "abcDEF12345", brand=frozenset({BRAND}))
    assert m.source_id == "UgxTop000000000000000AaABAg.9zReply0000000"
    assert m.parent_id == "UgxTop000000000000000AaABAg"  # the top-level comment
    assert m.thread_id == "abcDEF12345"
    assert m.url.endswith("watch?v=abcDEF12345&lc=UgxTop000000000000000AaABAg.9zReply0000000")
    assert m.text == "acme.example/help & DM us"  # no textOriginal: textDisplay without HTML
    assert m.author == "Acme Support"
    assert m.by_brand is True
    assert m.created_at == datetime(2026, 11, 6, 11, 15, tzinfo=UTC)
    assert m.engagement.score == 2


def test_channel_comment_without_video_threads_under_the_channel() -> None:
    top = copy.deepcopy(TOP)
    del top["snippet"]["videoId"]
    m = youtube.comment_to_mention(top, None, channel_id="UCstranger0000000000000")
    assert m.thread_id == "UCstranger0000000000000"
    assert m.parent_id is None
    assert m.url == (
        "https://www.youtube.com/channel/UCstranger0000000000000/discussion"
        "?lc=UgxTop000000000000000AaABAg"
    )


def test_thread_maps_top_level_then_inline_replies() -> None:
    thread = {
        "kind": "youtube#commentThread",
        "id": TOP["id"],
        "snippet": {
            "videoId": "abcDEF12345",
            "topLevelComment": TOP,
            "canReply": True,
            "totalReplyCount": 1,
            "isPublic": True,
        },  # fmt: skip
        "replies": {"comments": [REPLY]},
    }
    top, reply = youtube.thread_to_mentions(thread, frozenset({BRAND}))
    assert (top.source_id, top.parent_id, top.engagement.replies) == (TOP["id"], "abcDEF12345", 1)
    assert (reply.source_id, reply.parent_id, reply.thread_id) == (
        REPLY["id"],
        TOP["id"],
        "abcDEF12345",
    )
    assert reply.by_brand is True


def test_channel_id_setting_counts_as_brand(tmp_path: Path) -> None:
    s = yt_settings(tmp_path, "http://127.0.0.1:9", small_world(), channel_id="UCown")
    assert youtube.brand_channels(s) == frozenset({BRAND, "UCown"})


# -- crawls against FakeYouTube -----------------------------------------------------------------


@pytest.fixture
def world() -> dict[str, Any]:
    return small_world()


@pytest.fixture
def fake(world: dict[str, Any]):  # noqa: ANN201
    with FakeYouTube(world, api_key=KEY) as server:
        yield server


def _paths(fake: FakeYouTube) -> list[str]:
    return [r.path.rsplit("/", 1)[-1] for r in fake.requests]


def test_full_crawl_stores_videos_comments_replies_and_help(
    tmp_path: Path, world: dict[str, Any], fake: FakeYouTube
) -> None:
    settings = yt_settings(tmp_path, fake.url, world)
    db = make_db(settings)
    stats, err = crawl(settings, db)
    assert err is None
    rows = mention_rows(db)
    assert set(rows) == expected_ids(world)
    assert "vidOffTopic1" not in rows and "UgOff1" not in rows
    # a video by a stranger, with statistics from videos.list
    review = rows["vidReview01"]
    assert (review.kind, review.author, review.by_brand) == ("video", "Gadget Reviews", False)
    assert (review.score, review.views, review.replies) == (33, 900, 9)
    # the thread with 7 replies: more than inline, fetched through comments.list by parentId
    assert sum(1 for r in rows.values() if r.parent_id == "UgRev1") == 7
    assert "comments" in _paths(fake)
    brand_reply = rows["UgRev1.brand"]
    assert brand_reply.by_brand is True
    assert brand_reply.thread_id == "vidReview01"
    assert brand_reply.url == "https://www.youtube.com/watch?v=vidReview01&lc=UgRev1.brand"
    top = rows["UgRev1"]
    assert (top.parent_id, top.replies, top.score) == ("vidReview01", 7, 4)
    assert rows["UgRev2"].text == "Love mine <3 & works fine"
    # comments on the brand's own video come through allThreadsRelatedToChannelId as well
    assert rows["vidBrand0001"].by_brand is True
    assert rows["UgBrand1.r0"].by_brand is True
    docs = doc_rows(db)
    assert set(docs) == {"youtube:vidTutorial1"}  # the brand's "How to" video is not third-party
    assert docs["youtube:vidTutorial1"].platform == "youtube"
    assert docs["youtube:vidTutorial1"].score == 120
    assert stats.new == len(rows) + len(docs)
    assert stats.quota_used == fake.units_used
    assert units_spent(db) == stats.quota_used and "quota" not in cursor_data(db)
    db.dispose()


def test_second_run_imports_nothing_and_skips_unchanged_videos(
    tmp_path: Path, world: dict[str, Any], fake: FakeYouTube
) -> None:
    settings = yt_settings(tmp_path, fake.url, world)
    db = make_db(settings)
    first, _ = crawl(settings, db)
    fake.requests.clear()
    second, err = crawl(settings, db)
    assert err is None
    assert second.new == 0 and second.updated == 0
    # no video changed: no commentThreads call per video, only the brand channel's pass
    threads = [r for r in fake.requests if r.path.endswith("/commentThreads")]
    assert [r.query.get("allThreadsRelatedToChannelId") for r in threads] == [[BRAND]]
    # searched a moment ago: not again (test_youtube_quota.py has the search interval)
    assert not [r for r in fake.requests if r.path.endswith("/search")]
    assert units_spent(db) == first.quota_used + second.quota_used
    db.dispose()


def test_rerun_fetches_new_threads_and_grown_replies_only(
    tmp_path: Path, world: dict[str, Any], fake: FakeYouTube
) -> None:
    settings = yt_settings(tmp_path, fake.url, world)
    db = make_db(settings)
    crawl(settings, db)
    comments = world["youtube"]["comments"]
    comments.append(comment("UgNew1", "vidReview01", "Mine too", "2026-11-20T08:00:00Z"))
    comments.append(comment("UgRev2.r0", "vidReview01", "lucky you", "2026-11-20T09:00:00Z",
                            parent="UgRev2"))  # fmt: skip
    comments.append(comment("UgTut1.r0", "vidTutorial1", "de nada", "2026-11-21T09:00:00Z",
                            parent="UgTut1"))  # fmt: skip
    fake.requests.clear()
    stats, err = crawl(settings, db)
    assert err is None
    rows = mention_rows(db)
    assert {"UgNew1", "UgRev2.r0", "UgTut1.r0"} <= set(rows)
    assert stats.new == 3
    assert rows["UgRev2.r0"].parent_id == "UgRev2"
    assert rows["UgRev2"].replies == 1  # the top-level comment's count was updated
    # the brand's video did not change: its comments were not listed again per video
    per_video = [r.query["videoId"][0] for r in fake.requests if "videoId" in r.query]
    assert sorted(per_video) == ["vidReview01", "vidTutorial1"]
    # the 7-reply thread did not grow: no comments.list call this time
    assert not [r for r in fake.requests if r.path.endswith("/comments")]
    db.dispose()


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Page sizes the crawler asks for, made small so that a small world spans pages."""
    monkeypatch.setattr(youtube, "SEARCH_PAGE", 5)
    monkeypatch.setattr(youtube, "THREAD_PAGE", 10)
    monkeypatch.setattr(youtube, "REPLY_PAGE", 3)


def test_pagination_by_next_page_token(tmp_path: Path, small_pages: None) -> None:
    world = big_world()
    with FakeYouTube(world, api_key=KEY) as fake:
        settings = yt_settings(tmp_path, fake.url, world)
        db = make_db(settings)
        stats, err = crawl(settings, db)
        assert err is None
        assert set(mention_rows(db)) == expected_ids(world)
        searches = [r for r in fake.requests if r.path.endswith("/search")]
        assert len(searches) == 3  # 15 videos match, 5 a page
        assert ["pageToken" in r.query for r in searches] == [False, True, True]
        long = [r for r in fake.requests if r.query.get("videoId") == ["vidBulk0000"]]
        assert len(long) == 3 and all(r.query["maxResults"] == ["10"] for r in long)
        replies = [r for r in fake.requests if r.query.get("parentId") == ["UgRev1"]]
        assert len(replies) == 3  # 7 replies, 3 a page
        db.dispose()


def test_quota_budget_stops_and_resumes_next_day_without_loss_or_duplicates(
    tmp_path: Path, small_pages: None
) -> None:
    world = big_world()
    with FakeYouTube(world, api_key=KEY) as fake:
        settings = yt_settings(tmp_path, fake.url, world, daily_quota=150)
        db = make_db(settings)
        new_total, runs = 0, []
        for day in range(20):
            stats, err = crawl(settings, db, now=NOW + timedelta(days=day))
            assert stats.quota_used <= 150
            new_total += stats.new
            runs.append(err)
            if err is None:
                break
            assert isinstance(err, QuotaExhausted), err
            assert "daily budget reached" in str(err) and "\n" not in str(err)
            # a second run the same day shares the budget: it stops before any call
            before = len(fake.requests)
            again, err2 = crawl(settings, db, now=NOW + timedelta(days=day, hours=1))
            assert isinstance(err2, QuotaExhausted)
            assert again.quota_used == 0 and len(fake.requests) == before
        assert runs[-1] is None and len(runs) > 2
        rows = mention_rows(db)
        assert set(rows) == expected_ids(world)
        assert new_total == len(rows) + len(doc_rows(db))  # each row came in exactly once
        db.dispose()


def test_api_quota_exceeded_saves_cursor_and_resumes(tmp_path: Path, world: dict) -> None:
    with FakeYouTube(world, api_key=KEY, quota=104) as fake:
        settings = yt_settings(tmp_path, fake.url, world)
        db = make_db(settings)
        stats, err = crawl(settings, db)
        assert isinstance(err, QuotaExhausted)
        assert "quotaExceeded" in str(err) and "\n" not in str(err) and KEY not in str(err)
        assert stats.new > 0
        data = cursor_data(db)
        assert units_spent(db) == settings.youtube.daily_quota  # today is spent
        assert data["video_ids"]  # the search pass was saved
        before = len(fake.requests)
        _, err = crawl(settings, db, now=NOW + timedelta(hours=1))
        assert isinstance(err, QuotaExhausted) and len(fake.requests) == before
        fake.quota = None  # a new day at Google
        stats2, err = crawl(settings, db, now=NOW + timedelta(days=1))
        assert err is None
        rows = mention_rows(db)
        assert set(rows) == expected_ids(world)
        assert stats.new + stats2.new == len(rows) + len(doc_rows(db))
        db.dispose()


def test_bad_key_is_a_one_line_auth_error(tmp_path: Path, world: dict, fake: FakeYouTube) -> None:
    settings = yt_settings(tmp_path, fake.url, world, api_key="wrong-key-123")
    db = make_db(settings)
    _, err = crawl(settings, db)
    assert isinstance(err, SourceAuthError)
    assert "keyInvalid" in str(err) and "LISTENPOST_YOUTUBE__API_KEY" in str(err)
    assert "\n" not in str(err) and "wrong-key-123" not in str(err)
    assert len(fake.requests) == 1  # a 400 is not retried
    db.dispose()


def test_missing_key_names_the_variable(tmp_path: Path, world: dict, fake: FakeYouTube) -> None:
    settings = yt_settings(tmp_path, fake.url, world, api_key="")
    db = make_db(settings)
    _, err = crawl(settings, db)
    assert isinstance(err, ConfigError) and "LISTENPOST_YOUTUBE__API_KEY" in str(err)
    db.dispose()


FORBIDDEN = json.dumps(
    {"error": {"code": 403, "message": "YouTube Data API v3 has not been used in project 1",
               "errors": [{"message": "Access Not Configured.", "domain": "usageLimits",
                           "reason": "accessNotConfigured"}], "status": "PERMISSION_DENIED"}}
).encode()  # fmt: skip


def test_403_is_a_one_line_auth_error_and_cursor_is_kept(
    tmp_path: Path, world: dict, fake: FakeYouTube
) -> None:
    settings = yt_settings(tmp_path, fake.url, world)
    db = make_db(settings)
    fake.inject(Fault(403, FORBIDDEN, {"Content-Type": "application/json"},
                      path="/youtube/v3/commentThreads"))  # fmt: skip
    stats, err = crawl(settings, db)
    assert isinstance(err, SourceAuthError)
    assert str(err).startswith("YouTube refused access (HTTP 403 accessNotConfigured)")
    assert "\n" not in str(err)
    assert stats.new > 0 and cursor_data(db)["video_ids"]  # stored and saved before raising
    stats2, err = crawl(settings, db)
    assert err is None
    assert set(mention_rows(db)) == expected_ids(world)
    assert stats2.new == len(expected_ids(world)) + 1 - stats.new
    db.dispose()


def _body(status: int, reason: str, message: str, **extra: Any) -> bytes:
    errors = [{"message": message, "domain": "usageLimits", "reason": reason}]
    error = {"code": status, "message": message, "errors": errors}
    return json.dumps({"error": error | extra}).encode()


MODERN_BAD_KEY = json.dumps(
    {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
               "errors": [{"message": "API key not valid. Please pass a valid API key.",
                           "domain": "global", "reason": "badRequest"}],
               "status": "INVALID_ARGUMENT",
               "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                            "reason": "API_KEY_INVALID", "domain": "googleapis.com"}]}}
).encode()  # fmt: skip


@pytest.mark.parametrize(
    ("status", "body", "error", "start"),
    [
        (
            403,
            _body(403, "dailyLimitExceeded", "Daily Limit Exceeded"),
            QuotaExhausted,
            "YouTube quota exceeded (dailyLimitExceeded)",
        ),
        (
            400,
            _body(400, "keyExpired", "API key expired."),
            SourceAuthError,
            "YouTube refused the API key (keyExpired)",
        ),
        (400, MODERN_BAD_KEY, SourceAuthError, "YouTube refused the API key (API_KEY_INVALID)"),
        (
            401,
            _body(401, "authError", "Invalid Credentials"),
            SourceAuthError,
            "YouTube refused access (HTTP 401 authError)",
        ),
        (403, b"", SourceAuthError, "YouTube refused access (HTTP 403 forbidden)"),
        (
            400,
            _body(400, "invalidParameter", "Bad q"),
            SourceUnavailable,
            "YouTube answered HTTP 400 (invalidParameter)",
        ),
    ],  # fmt: skip
)
def test_error_reasons_map_to_one_line_errors(
    tmp_path: Path, world: dict, fake: FakeYouTube, status: int, body: bytes, error: type,
    start: str,
) -> None:  # fmt: skip
    settings = yt_settings(tmp_path, fake.url, world)
    db = make_db(settings)
    fake.inject(Fault(status, body, {"Content-Type": "application/json"}))
    _, err = crawl(settings, db)
    assert isinstance(err, error)
    assert str(err).startswith(start) and "\n" not in str(err)
    assert len(fake.requests) == 1  # none of these is retried
    db.dispose()


def test_5xx_are_retried(tmp_path: Path, world: dict, fake: FakeYouTube) -> None:
    settings = yt_settings(tmp_path, fake.url, world)
    db = make_db(settings)
    fake.inject(
        Fault(500, b"oops", path="/youtube/v3/search"),
        Fault(503, b"busy", path="/youtube/v3/search"),
        Fault(502, b"<html>bad gateway</html>", path="/youtube/v3/commentThreads"),
    )
    _, err = crawl(settings, db)
    assert err is None
    assert _paths(fake)[:3] == ["search", "search", "search"]
    assert set(mention_rows(db)) == expected_ids(world)
    db.dispose()


def test_logs_never_show_the_api_key(
    tmp_path: Path, world: dict, fake: FakeYouTube, caplog: pytest.LogCaptureFixture
) -> None:
    settings = yt_settings(tmp_path, fake.url, world)
    db = make_db(settings)
    fake.inject(Fault(503, b"busy", path="/youtube/v3/search"))
    with caplog.at_level(logging.DEBUG):
        _, err = crawl(settings, db)
    assert err is None
    # the fake server's own access log is left out: it is the other side of the wire
    ours = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("demo"))
    assert "key=[redacted]" in ours  # the library's retry warning names the URI
    assert KEY not in ours
    assert "Acme X200 drops wifi" not in ours  # nor post text
    db.dispose()


def test_5xx_after_retries_is_source_unavailable(
    tmp_path: Path, world: dict, fake: FakeYouTube
) -> None:
    settings = yt_settings(tmp_path, fake.url, world)
    db = make_db(settings)
    html = b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>"
    fake.inject(*[Fault(502, html, {"Content-Type": "text/html"}, path="/youtube/v3/search")] * 4)
    _, err = crawl(settings, db)
    assert isinstance(err, SourceUnavailable)
    assert str(err) == f"YouTube kept failing (HTTP 502) after {youtube_client.RETRIES} retries"
    assert _paths(fake) == ["search"] * (youtube_client.RETRIES + 1)
    db.dispose()


@pytest.mark.parametrize(
    "body",
    [
        b'{"kind": "youtube#searchListResponse", "items": [{"kind": "youtube#searchRe',
        b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>Wi-Fi login</body></html>",
    ],
    ids=["truncated-json", "html-page"],
)
def test_body_that_is_not_json(tmp_path: Path, world: dict, fake: FakeYouTube, body: bytes) -> None:
    settings = yt_settings(tmp_path, fake.url, world)
    db = make_db(settings)
    # once: retried, and the crawl completes
    fake.inject(Fault(200, body, {"Content-Type": "application/json"}, path="/youtube/v3/search"))
    _, err = crawl(settings, db)
    assert err is None and set(mention_rows(db)) == expected_ids(world)
    # every time: a one-line error
    settings2 = yt_settings(tmp_path / "b", fake.url, world)
    db2 = make_db(settings2)
    fake.inject(
        *[Fault(200, body, path="/youtube/v3/search")] * (youtube_client.BAD_BODY_RETRIES + 1)
    )
    _, err = crawl(settings2, db2)
    assert isinstance(err, SourceUnavailable) and "not JSON" in str(err)
    assert "\n" not in str(err)
    db.dispose()
    db2.dispose()


def test_timeouts_are_retried_then_source_unavailable(
    tmp_path: Path, world: dict, fake: FakeYouTube, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(youtube_client, "TIMEOUT", 0.3)
    settings = yt_settings(tmp_path, fake.url, world)
    db = make_db(settings)
    fake.inject(Fault(200, b"{}", path="/youtube/v3/search", delay=0.6))
    _, err = crawl(settings, db)
    assert err is None and set(mention_rows(db)) == expected_ids(world)
    settings2 = yt_settings(tmp_path / "b", fake.url, world)
    db2 = make_db(settings2)
    fake.inject(
        *[Fault(200, b"{}", path="/youtube/v3/search", delay=0.6)] * (youtube_client.RETRIES + 1)
    )
    _, err = crawl(settings2, db2)
    assert isinstance(err, SourceUnavailable)
    assert str(err).startswith("cannot reach YouTube at 127.0.0.1:")
    assert str(err).endswith(f"(timed out after 0.3 s) after {youtube_client.RETRIES} retries")
    db.dispose()
    db2.dispose()


def test_unreachable_server_is_source_unavailable(tmp_path: Path, world: dict) -> None:
    with FakeYouTube(world) as fake:
        url = fake.url
    settings = yt_settings(tmp_path, url, world)  # nothing listens there any more
    db = make_db(settings)
    _, err = crawl(settings, db)
    assert isinstance(err, SourceUnavailable)
    assert str(err) == (
        f"cannot reach YouTube at {url.split('//')[1]} (connection refused) "
        f"after {youtube_client.RETRIES} retries"
    )
    db.dispose()


def test_expired_page_tokens_restart_the_pass(tmp_path: Path, small_pages: None) -> None:
    world = big_world()
    with FakeYouTube(world, api_key=KEY) as fake:
        settings = yt_settings(tmp_path, fake.url, world, daily_quota=230)
        db = make_db(settings)
        _, err = crawl(settings, db)  # stops after two search pages
        assert isinstance(err, QuotaExhausted)
        cursor = Cursor(db, "youtube")
        assert cursor.data["searches"]["acme"]["token"]
        stale = "Q0FFU0FB"  # a page token Google no longer accepts
        cursor.data["searches"]["acme"]["token"] = stale
        cursor.save()
        for day in range(1, 6):
            _, err = crawl(settings, db, now=NOW + timedelta(days=day))
            if err is None:
                break
        assert err is None
        assert [r.query.get("pageToken") for r in fake.requests if r.path.endswith("/search")][
            2:4
        ] == [[stale], None]  # answered 400 invalidPageToken, then the pass started again
        assert set(mention_rows(db)) == expected_ids(world)
        db.dispose()


def test_video_with_comments_disabled_is_skipped(tmp_path: Path, world: dict) -> None:
    world["youtube"]["videos"][1]["comments_disabled"] = True  # vidReview01
    with FakeYouTube(world, api_key=KEY) as fake:
        settings = yt_settings(tmp_path, fake.url, world)
        db = make_db(settings)
        _, err = crawl(settings, db)
        assert err is None
        rows = mention_rows(db)
        assert "vidReview01" in rows and "UgRev1" not in rows and "UgTut1" in rows
        fake.requests.clear()
        crawl(settings, db)  # nothing changed: the disabled video is not asked again
        assert not [r for r in fake.requests if r.query.get("videoId") == ["vidReview01"]]
        db.dispose()


class _InterruptingChain(Chain):
    """Ctrl-C while the chain stores the n-th item."""

    def __init__(self, *args: Any, after: int, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.after = after

    def process(self, item: Any) -> Any:
        if self.stats.fetched == self.after:
            raise KeyboardInterrupt
        return super().process(item)


@pytest.mark.parametrize("after", [0, 1, 4, 9, 15])
def test_interrupt_then_clean_run_has_no_loss_or_duplicates(
    tmp_path: Path, world: dict, fake: FakeYouTube, after: int
) -> None:
    settings = yt_settings(tmp_path, fake.url, world)
    db = make_db(settings)
    with _InterruptingChain(settings, db, after=after) as chain:
        with pytest.raises(KeyboardInterrupt):
            run_source(
                chain, "youtube", lambda c, s: youtube.crawl(settings, c, s, now=lambda: NOW)
            )
        first_new = chain.stats.new
    assert len(mention_rows(db)) + len(doc_rows(db)) == first_new <= after
    stats, err = crawl(settings, db)
    assert err is None
    rows = mention_rows(db)
    assert set(rows) == expected_ids(world)
    assert first_new + stats.new == len(rows) + len(doc_rows(db))
    db.dispose()


CHILD = """
import json, sys
from tests.crawlers.youtube_world import crawl, make_db, yt_settings
from pathlib import Path
home, url, world = Path(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
settings = yt_settings(home, url, world)
stats, err = crawl(settings, make_db(settings))
print("finished", stats.new, err)
"""


def test_killed_crawl_then_clean_run_has_no_loss_or_duplicates(
    tmp_path: Path, world: dict, fake: FakeYouTube
) -> None:
    """SIGKILL while the crawler waits for an answer; nothing after the last save survives."""
    # the replies of the 7-reply thread hang long enough to kill the crawler while it waits
    fake.inject(Fault(200, b"{}", path="/youtube/v3/comments", delay=3.0))
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", CHILD, str(tmp_path), fake.url, json.dumps(world)],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not any(r.path.endswith("/comments") for r in fake.requests):
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the crawler never reached comments.list"
            time.sleep(0.02)
        child.kill()
    finally:
        out, err = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL and b"finished" not in out
    settings = yt_settings(tmp_path, fake.url, world)
    db = make_db(settings)
    stored_before = len(mention_rows(db)) + len(doc_rows(db))
    assert 0 < stored_before < len(expected_ids(world)) + 1
    stats, error = crawl(settings, db)
    assert error is None
    rows = mention_rows(db)
    assert set(rows) == expected_ids(world)
    assert stored_before + stats.new == len(rows) + len(doc_rows(db))
    db.dispose()
