"""FakeYouTube through the real google-api-python-client: paging, keys, quota, inserts, and its
shapes compared with the recorded API bodies (when ../shared is present)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError

from demo.fake_youtube import FakeYouTube
from tests.crawlers.youtube_world import BRAND, KEY, small_world

APIDATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "youtube" / "apidata"


@pytest.fixture
def world() -> dict[str, Any]:
    return small_world()


@pytest.fixture
def fake(world: dict[str, Any]) -> Iterator[FakeYouTube]:
    with FakeYouTube(world, api_key=KEY) as server:
        yield server


@pytest.fixture
def client(fake: FakeYouTube) -> Iterator[Any]:
    service = build(
        "youtube",
        "v3",
        developerKey=KEY,
        client_options={"api_endpoint": fake.url},
        static_discovery=True,
        cache_discovery=False,
    )
    yield service
    service.close()


def _error(exc: HttpError) -> dict[str, Any]:
    return json.loads(exc.content)["error"]


def test_thread_paging_honours_max_results(client: Any) -> None:
    threads = client.commentThreads()
    request = threads.list(part="snippet", videoId="vidReview01", maxResults=1)
    pages = []
    while request is not None:
        body = request.execute()
        pages.append(body)
        request = threads.list_next(request, body)
    assert [len(p["items"]) for p in pages] == [1, 1]
    assert [p["items"][0]["id"] for p in pages] == ["UgRev2", "UgRev1"]  # order=time: newest
    assert pages[0]["pageInfo"] == {"totalResults": 2, "resultsPerPage": 1}
    assert "nextPageToken" not in pages[-1]


def test_replies_inline_and_by_parent(client: Any) -> None:
    thread = client.commentThreads().list(part="snippet,replies", id="UgRev1").execute()
    (item,) = thread["items"]
    assert item["snippet"]["totalReplyCount"] == 7
    assert len(item["replies"]["comments"]) == 5  # only a few inline
    replies = client.comments().list(part="snippet", parentId="UgRev1", maxResults=4)
    first = replies.execute()
    second = client.comments().list_next(replies, first).execute()
    ids = [c["id"] for c in first["items"] + second["items"]]
    assert len(ids) == 7 and len(set(ids)) == 7
    assert all(c["snippet"]["parentId"] == "UgRev1" for c in first["items"])


def test_search_escapes_and_filters(client: Any) -> None:
    body = client.search().list(part="snippet", q="acme", type="video", maxResults=50).execute()
    ids = [i["id"]["videoId"] for i in body["items"]]
    assert ids == ["vidReview01", "vidTutorial1", "vidBrand0001"]  # newest first
    tut = body["items"][1]["snippet"]
    assert "&amp;" in tut["description"]  # search.list escapes HTML like the real API
    after = client.search().list(part="snippet", q="acme", publishedAfter="2026-11-05T13:00:00Z")
    assert [i["id"]["videoId"] for i in after.execute()["items"]] == ["vidReview01"]


def test_videos_statistics_are_strings(client: Any) -> None:
    body = client.videos().list(part="snippet,statistics", id="vidReview01,nope").execute()
    (video,) = body["items"]
    assert video["statistics"] == {"viewCount": "900", "likeCount": "33", "favoriteCount": "0",
                                   "commentCount": "9"}  # fmt: skip


def test_key_is_required_and_checked(fake: FakeYouTube) -> None:
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(f"{fake.url}/youtube/v3/videos?id=vidReview01&part=id")  # noqa: S310
    assert info.value.code == 403
    assert json.loads(info.value.read())["error"]["errors"][0]["reason"] == "forbidden"
    info.value.close()
    bad = build("youtube", "v3", developerKey="nope", static_discovery=True,
                client_options={"api_endpoint": fake.url})  # fmt: skip
    with pytest.raises(HttpError) as err:
        bad.videos().list(part="id", id="vidReview01").execute()
    bad.close()
    assert err.value.status_code == 400
    assert _error(err.value)["errors"][0] == {
        "message": "API key not valid. Please pass a valid API key.",
        "domain": "usageLimits",
        "reason": "keyInvalid",
    }


def test_server_quota_runs_out(world: dict[str, Any]) -> None:
    with FakeYouTube(world, api_key=KEY, quota=101) as fake:
        service = build("youtube", "v3", developerKey=KEY, static_discovery=True,
                        client_options={"api_endpoint": fake.url})  # fmt: skip
        service.search().list(part="snippet", q="acme").execute()
        service.videos().list(part="id", id="vidReview01").execute()
        with pytest.raises(HttpError) as err:
            service.videos().list(part="id", id="vidReview01").execute()
        service.close()
    assert err.value.status_code == 403
    assert _error(err.value)["errors"][0]["reason"] == "quotaExceeded"
    assert fake.units_used == 101


def test_comments_insert_appends_a_reply(client: Any, world: dict[str, Any]) -> None:
    body = {"snippet": {"parentId": "UgRev2", "textOriginal": "Thanks Dan!"}}
    reply = client.comments().insert(part="snippet", body=body).execute()
    assert reply["kind"] == "youtube#comment"
    assert reply["id"].startswith("UgRev2.")
    assert reply["snippet"]["parentId"] == "UgRev2"
    assert reply["snippet"]["textOriginal"] == "Thanks Dan!"
    assert reply["snippet"]["authorChannelId"] == {"value": BRAND}
    stored = world["youtube"]["comments"][-1]
    assert (stored["id"], stored["parent_id"], stored["video_id"]) == (
        reply["id"],
        "UgRev2",
        "vidReview01",
    )
    listed = client.comments().list(part="snippet", parentId="UgRev2").execute()
    assert [c["id"] for c in listed["items"]] == [reply["id"]]


def test_comment_threads_insert(client: Any, world: dict[str, Any]) -> None:
    top_level = {"snippet": {"textOriginal": "Shipping update: May"}}
    body = {"snippet": {"videoId": "vidBrand0001", "topLevelComment": top_level}}
    thread = client.commentThreads().insert(part="snippet", body=body).execute()
    assert thread["kind"] == "youtube#commentThread"
    top = thread["snippet"]["topLevelComment"]
    assert thread["id"] == top["id"] and top["snippet"]["videoId"] == "vidBrand0001"
    assert thread["snippet"]["totalReplyCount"] == 0
    assert world["youtube"]["comments"][-1]["text"] == "Shipping update: May"
    missing = {"snippet": {"videoId": "nope", "topLevelComment": top_level}}
    with pytest.raises(HttpError) as err:
        client.commentThreads().insert(part="snippet", body=missing).execute()
    assert _error(err.value)["errors"][0]["reason"] == "videoNotFound"


# -- shapes against the recorded bodies ---------------------------------------------------------

needs_shared = pytest.mark.skipif(
    not APIDATA.is_dir(), reason=f"recorded YouTube API bodies not found at {APIDATA}"
)


def _recorded(name: str) -> dict[str, Any]:
    return json.loads((APIDATA / name).read_text(encoding="utf-8"))


@needs_shared
def test_shapes_match_the_recorded_bodies(client: Any) -> None:
    search = client.search().list(part="snippet", q="acme", maxResults=2).execute()
    rec = _recorded("search/search_by_keywords_p1.json")
    assert set(rec) <= set(search) | {"prevPageToken"}
    assert set(rec["items"][0]) == set(search["items"][0])
    assert set(rec["items"][0]["snippet"]) <= set(search["items"][0]["snippet"])

    threads = client.commentThreads().list(part="snippet", videoId="vidReview01").execute()
    rec = _recorded("comment_threads/comment_threads_all_to_me.json")
    assert set(rec) <= set(threads) | {"nextPageToken"}
    assert set(rec["items"][0]) == set(threads["items"][0])
    assert set(rec["items"][0]["snippet"]) == set(threads["items"][0]["snippet"])
    rec_top = rec["items"][0]["snippet"]["topLevelComment"]
    top = threads["items"][0]["snippet"]["topLevelComment"]
    assert set(rec_top) == set(top) and set(rec_top["snippet"]) == set(top["snippet"])

    replies = client.comments().list(part="snippet", parentId="UgRev1").execute()
    rec = _recorded("comments/comments_by_parent_paged_1.json")
    assert set(rec["items"][0]["snippet"]) == set(replies["items"][0]["snippet"])

    reply = (
        client.comments()
        .insert(part="snippet", body={"snippet": {"parentId": "UgRev1", "textOriginal": "hi"}})
        .execute()
    )
    rec = _recorded("comments/insert_response.json")
    assert set(rec) == set(reply) and set(rec["snippet"]) == set(reply["snippet"])

    videos = client.videos().list(part="snippet", id="vidReview01").execute()
    rec = _recorded("videos/videos_info_single.json")
    assert set(rec) == set(videos)
    optional = {"tags", "defaultLanguage", "defaultAudioLanguage", "player"}
    assert set(rec["items"][0]["snippet"]) - optional <= set(videos["items"][0]["snippet"])
