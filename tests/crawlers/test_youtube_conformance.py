"""Conformance: real YouTube Data API v3 bodies recorded in ../shared/fixtures/youtube/apidata,
replayed by a loopback server through the real google-api-python-client, the crawler's client
wrapper and its mapping; the Mentions are checked field by field against the recorded values."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from config import Settings, load_settings
from crawlers.api import youtube, youtube_client
from crawlers.exceptions import SourceAuthError, SourceUnavailable
from demo.loopback import FakeService, Fault, Request, Response, json_response
from pipelines.chain import RunStats
from pipelines.normalize import clean_text
from pipelines.quota import QuotaLedger
from tests.crawlers.youtube_world import crawl, make_db, mention_rows

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
APIDATA = SHARED / "fixtures" / "youtube" / "apidata"
ERRORS = SHARED / "fixtures" / "youtube"

pytestmark = pytest.mark.skipif(
    not APIDATA.is_dir(),
    reason=f"recorded YouTube API bodies not found at {APIDATA} (../shared is absent)",
)


def load(name: str) -> dict[str, Any]:
    return json.loads((APIDATA / name).read_text(encoding="utf-8"))


def raw(name: str) -> bytes:
    return (APIDATA / name).read_bytes()


class Replay(FakeService):
    """Serves the recorded bodies for the requests that recorded them."""

    def route(self, req: Request) -> Response:
        q = {k: v[-1] for k, v in req.query.items()}
        name = req.path.removeprefix("/youtube/v3/")
        token = q.get("pageToken")
        if name == "search" and q.get("q") == "surfing":
            p1 = load("search/search_by_keywords_p1.json")
            if not token:
                return self.file("search/search_by_keywords_p1.json")
            if token == p1["nextPageToken"]:
                return self.file("search/search_by_keywords_p2.json")
        if name == "videos":
            if q.get("id") == "D-lhorsDlUQ":
                return self.file("videos/videos_info_single.json")
            if q.get("id") == "D-lhorsDlUQ,ovdbrdCIP7U":
                return self.file("videos/videos_info_multi.json")
        if name == "commentThreads":
            if q.get("videoId") == "F1UP7wRCPH8":
                p1 = load("comment_threads/comment_threads_by_video_paged_1.json")
                if not token:
                    return self.file("comment_threads/comment_threads_by_video_paged_1.json")
                if token == p1["nextPageToken"]:
                    return self.file("comment_threads/comment_threads_by_video_paged_2.json")
            channel = q.get("allThreadsRelatedToChannelId")
            if channel == "UC_x5XG1OV2P6uZZ5FSM9Ttw" and not token:
                return self.file("comment_threads/comment_threads_by_channel.json")
            if channel == "UCa-vrCLQHviTOVnEKDOdetQ" and not token:
                return self.file("comment_threads/comment_threads_all_to_me.json")
        if name == "comments" and q.get("parentId") == "Ugw5zYU6n9pmIgAZWvN4AaABAg":
            p1 = load("comments/comments_by_parent_paged_1.json")
            if not token:
                return self.file("comments/comments_by_parent_paged_1.json")
            if token == p1["nextPageToken"]:
                return self.file("comments/comments_by_parent_paged_2.json")
        return json_response({"error": {"code": 404, "message": f"not recorded: {name}"}}, 404)

    @staticmethod
    def file(name: str) -> Response:
        return 200, {"Content-Type": "application/json; charset=UTF-8"}, raw(name)


@pytest.fixture
def replay() -> Iterator[Replay]:
    with Replay() as server:
        yield server


def _settings(tmp_path: Path, url: str, **youtube_kw: Any) -> Settings:
    yt = {"api_key": "recorded-key", "api_endpoint": url, **youtube_kw}
    return load_settings(home=str(tmp_path / "home"), youtube=yt)


def _api(tmp_path: Path, url: str) -> youtube_client.YouTubeAPI:
    settings = _settings(tmp_path, url)
    ledger = QuotaLedger(make_db(settings))
    quota = youtube_client.Quota(ledger, "k", 10_000, RunStats(), lambda: datetime.now(UTC))
    return youtube_client.YouTubeAPI(settings, quota, backoff=0.0)


def thread_url(thread: dict[str, Any]) -> str:
    channel = thread["snippet"]["channelId"]
    return f"https://www.youtube.com/channel/{channel}/discussion?lc={thread['id']}"


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _check_comment(m: Any, rec: dict[str, Any], video_id: str | None, parent: str | None) -> None:
    sn = rec["snippet"]
    assert m.platform == "youtube" and m.kind == "comment"
    assert m.source_id == rec["id"]
    assert m.author == sn["authorDisplayName"]
    assert m.author_id == sn["authorChannelId"]["value"]
    assert m.text == sn["textOriginal"]
    assert m.created_at == _time(sn["publishedAt"])
    assert m.engagement.score == sn["likeCount"]
    assert m.parent_id == parent
    if video_id:
        assert m.thread_id == video_id
        assert m.url == f"https://www.youtube.com/watch?v={video_id}&lc={rec['id']}"
    assert m.raw == rec


def test_search_pages_through_the_client_and_mapping(tmp_path: Path, replay: Replay) -> None:
    api = _api(tmp_path, replay.url)
    pages, token = [], None
    for _ in range(2):
        body = api.call("search", part="snippet", q="surfing", maxResults=25, pageToken=token)
        assert body is not None
        pages.append(body)
        token = body["nextPageToken"]
    api.close()
    assert api.quota.used == 200
    recorded = load("search/search_by_keywords_p1.json")["items"]
    recorded += load("search/search_by_keywords_p2.json")["items"]
    items = pages[0]["items"] + pages[1]["items"]
    assert items == recorded
    mapped = 0
    for rec in recorded:
        m = youtube.video_to_mention(rec)
        if rec["id"]["kind"] != "youtube#video":
            assert m is None
            continue
        mapped += 1
        sn = rec["snippet"]
        assert m is not None
        assert m.source_id == rec["id"]["videoId"] == m.thread_id
        assert m.kind == "video" and m.parent_id is None
        assert m.url == f"https://www.youtube.com/watch?v={rec['id']['videoId']}"
        assert m.author == sn["channelTitle"]
        assert m.author_id == sn["channelId"]
        assert m.title == html.unescape(sn["title"])
        assert m.text == html.unescape(sn["description"])
        assert m.created_at == _time(sn["publishedAt"])
    assert mapped > 40
    # the recorded escaping is undone: "PIPE &amp; BACKDOOR" reads "PIPE & BACKDOOR"
    escaped = [r for r in recorded if "&amp;" in r["snippet"]["title"]]
    assert escaped and "&amp;" not in youtube.video_to_mention(escaped[0]).title


@pytest.mark.parametrize(
    "name",
    sorted(p.relative_to(APIDATA).as_posix() for p in (APIDATA / "search").glob("*.json"))
    if APIDATA.is_dir()
    else [],
)
def test_every_recorded_search_result_maps_or_is_skipped(name: str) -> None:
    for rec in load(name)["items"]:
        m = youtube.video_to_mention(rec)
        assert (m is not None) == (rec["id"]["kind"] == "youtube#video")
        if m is not None:
            assert m.source_id == rec["id"]["videoId"]
            assert m.created_at == _time(rec["snippet"]["publishedAt"])


def test_videos_list_maps_with_language(tmp_path: Path, replay: Replay) -> None:
    api = _api(tmp_path, replay.url)
    body = api.call("videos", part="snippet", id="D-lhorsDlUQ,ovdbrdCIP7U")
    api.close()
    assert body == load("videos/videos_info_multi.json")
    for rec in body["items"]:
        m = youtube.video_to_mention(rec)
        sn = rec["snippet"]
        assert m.source_id == rec["id"]
        assert m.title == sn["title"] and m.text == sn["description"]
        assert m.author == sn["channelTitle"]
        assert m.lang == sn.get("defaultAudioLanguage") or sn.get("defaultLanguage")
        assert m.engagement.model_dump() == {"score": 0, "replies": 0, "views": 0}


def test_comment_threads_by_video_two_pages(tmp_path: Path, replay: Replay) -> None:
    api = _api(tmp_path, replay.url)
    b1 = api.call("commentThreads", part="snippet", videoId="F1UP7wRCPH8")
    b2 = api.call("commentThreads", part="snippet", videoId="F1UP7wRCPH8",
                  pageToken=b1["nextPageToken"])  # fmt: skip
    api.close()
    assert "nextPageToken" not in b2
    for rec in b1["items"] + b2["items"]:
        top, *replies = youtube.thread_to_mentions(rec)
        assert replies == []
        assert top.engagement.replies == rec["snippet"]["totalReplyCount"]
        _check_comment(top, rec["snippet"]["topLevelComment"], "F1UP7wRCPH8", "F1UP7wRCPH8")
    # textOriginal, not the HTML textDisplay
    linked = youtube.thread_to_mentions(b1["items"][0])[0]
    assert linked.text == "Google.com"


def test_replies_by_parent_two_pages(tmp_path: Path, replay: Replay) -> None:
    api = _api(tmp_path, replay.url)
    b1 = api.call("comments", part="snippet", parentId="Ugw5zYU6n9pmIgAZWvN4AaABAg")
    b2 = api.call("comments", part="snippet", parentId="Ugw5zYU6n9pmIgAZWvN4AaABAg",
                  pageToken=b1["nextPageToken"])  # fmt: skip
    api.close()
    recs = b1["items"] + b2["items"]
    assert len(recs) == 3
    for rec in recs:
        m = youtube.comment_to_mention(rec, "JE8xdDp5B8Q")
        _check_comment(m, rec, "JE8xdDp5B8Q", rec["snippet"]["parentId"])
        assert m.parent_id == "Ugw5zYU6n9pmIgAZWvN4AaABAg"


def test_channel_threads_with_and_without_video(tmp_path: Path, replay: Replay) -> None:
    api = _api(tmp_path, replay.url)
    body = api.call("commentThreads", part="snippet",
                    allThreadsRelatedToChannelId="UCa-vrCLQHviTOVnEKDOdetQ")  # fmt: skip
    api.close()
    assert body == load("comment_threads/comment_threads_all_to_me.json")
    for rec in body["items"]:
        top = youtube.thread_to_mentions(rec, frozenset({"UCupGECpPBlTnanhGHLe6GpA"}))[0]
        sn, video = rec["snippet"], rec["snippet"].get("videoId")
        _check_comment(top, sn["topLevelComment"], video, video)
        author = sn["topLevelComment"]["snippet"]["authorChannelId"]["value"]
        assert top.by_brand is (author == "UCupGECpPBlTnanhGHLe6GpA")
        if not video:
            assert top.thread_id == sn["channelId"]
            assert top.url.startswith(f"https://www.youtube.com/channel/{sn['channelId']}/")


def test_insert_responses_map(tmp_path: Path) -> None:
    reply = load("comments/insert_response.json")
    m = youtube.comment_to_mention(reply, "JE8xdDp5B8Q")
    _check_comment(m, reply, "JE8xdDp5B8Q", reply["snippet"]["parentId"])
    thread = load("comment_threads/insert_response.json")
    (top,) = youtube.thread_to_mentions(thread)
    _check_comment(top, thread["snippet"]["topLevelComment"], "JE8xdDp5B8Q", "JE8xdDp5B8Q")


def test_full_crawl_of_a_recorded_channel(tmp_path: Path, replay: Replay) -> None:
    settings = _settings(tmp_path, replay.url, channel_id="UC_x5XG1OV2P6uZZ5FSM9Ttw")
    db = make_db(settings)
    stats, err = crawl(settings, db)
    assert err is None
    recorded = load("comment_threads/comment_threads_by_channel.json")["items"]
    rows = mention_rows(db)
    assert set(rows) == {t["id"] for t in recorded}
    for thread in recorded:
        sn = thread["snippet"]["topLevelComment"]["snippet"]
        row = rows[thread["id"]]
        assert row.author == sn["authorDisplayName"]
        assert row.url == thread_url(thread)
        assert row.raw == thread["snippet"]["topLevelComment"]
        assert row.text == clean_text(sn["textOriginal"])  # as the normalize stage stores it
        assert row.created_at == _time(sn["publishedAt"])
        assert row.thread_id == thread["snippet"]["channelId"]
        assert row.by_brand is (sn["authorChannelId"]["value"] == "UC_x5XG1OV2P6uZZ5FSM9Ttw")
    assert stats.quota_used == 1
    db.dispose()


@pytest.mark.parametrize(
    ("file", "status", "error", "words"),
    [
        ("error_response.json", 400, SourceAuthError, "keyInvalid"),
        ("apidata/error_permission_resp.json", 403, SourceAuthError, "HTTP 403"),
        ("error_response_simple.json", 400, SourceUnavailable, "HTTP 400"),
        ("error_response_simple.json", 503, SourceUnavailable, "HTTP 503"),
    ],
)
def test_recorded_error_bodies_give_one_line_errors(
    tmp_path: Path, replay: Replay, file: str, status: int, error: type, words: str
) -> None:
    body = (ERRORS / file).read_bytes()
    fault = Fault(status, body, {"Content-Type": "application/json"})
    replay.inject(*[fault] * (youtube_client.RETRIES + 1))
    api = _api(tmp_path, replay.url)
    with pytest.raises(error) as info:
        api.call("search", part="snippet", q="surfing")
    api.close()
    message = str(info.value)
    assert words in message and "\n" not in message and "recorded-key" not in message
    expected_calls = youtube_client.RETRIES + 1 if status >= 500 else 1
    assert len(replay.requests) == expected_calls
