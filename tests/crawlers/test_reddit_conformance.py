"""Conformance with real Reddit traffic: the Betamax cassettes recorded by PRAW's and prawcore's
own integration tests (../shared/fixtures/reddit, read in place, never copied).

1. The pure mapping on every t3 and t1 thing in the recorded listings, comment forests,
   morechildren and reply answers, checked field by field against the cassette's values.
2. The real PRAW client and our crawler against a replay server that answers each recorded
   request with its recorded response: a recorded search through PRAW's listing and
   :func:`thing_data`, a recorded thread with its "more" stub expanded by PRAW.
3. The recorded error traffic (401, 403, 404, 429 with and without retry-after, 500/502/503,
   bad JSON) through a whole crawl run, for the error mapping. These cassettes were recorded
   for one arbitrary call (GET /), so the replay answers whatever API call comes in order.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from crawlers.api.reddit import (
    RedditCrawler,
    comment_to_mention,
    http_session,
    make_reddit,
    submission_to_mention,
    thing_data,
)
from crawlers.exceptions import SourceAuthError, SourceUnavailable
from crawlers.items import HelpDoc, Mention
from demo.loopback import FakeService, Request, Response
from pipelines.chain import RunStats
from tests.crawlers.reddit_world import make_settings

FIXTURES = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "reddit"

pytestmark = pytest.mark.skipif(
    not (FIXTURES / "praw").is_dir(),
    reason=f"recorded Reddit cassettes not found at {FIXTURES} (the shared fixtures checkout)",
)

PUBLIC = "https://www.reddit.com"
_KEEP_HEADERS = {
    "content-type",
    "www-authenticate",
    "retry-after",
    "x-ratelimit-remaining",
    "x-ratelimit-used",
    "x-ratelimit-reset",
}


def cassette(name: str) -> list[dict[str, Any]]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))["interactions"]


def body_of(interaction: dict[str, Any]) -> str:
    body = interaction["response"]["body"]
    if "base64_string" in body:
        return base64.b64decode(body["base64_string"]).decode("utf-8")
    return body.get("string", "")


def recorded_json(name: str, path: str) -> Any:
    for interaction in cassette(name):
        if urlsplit(interaction["request"]["uri"]).path.rstrip("/") == path.rstrip("/"):
            return json.loads(body_of(interaction))
    raise LookupError(path)


def walk(children: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every thing of a recorded comment forest, depth first (stubs included)."""
    for child in children:
        yield child
        replies = child["data"].get("replies") if child["kind"] == "t1" else None
        if isinstance(replies, dict):
            yield from walk(replies["data"]["children"])


def ts(data: dict[str, Any]) -> datetime:
    return datetime.fromtimestamp(data["created_utc"], UTC)


def expected_url(data: dict[str, Any]) -> str:
    if data.get("permalink"):
        return PUBLIC + data["permalink"].split("?")[0]
    return f"{PUBLIC}/r/{data['subreddit']}/comments/{data['link_id'][3:]}/_/{data['id']}/"


def check_post(m: Mention, data: dict[str, Any], brand: set[str]) -> None:
    assert m.platform == "reddit"
    assert m.source_id == data["name"] == "t3_" + data["id"]
    assert m.kind == "post"
    assert m.thread_id == data["name"] and m.parent_id is None
    assert m.url == expected_url(data)
    assert m.author == data["author"]
    assert m.author_id == data.get("author_fullname")
    assert m.title == data["title"]
    assert m.text == ("" if data["selftext"] in ("[deleted]", "[removed]") else data["selftext"])
    assert m.created_at == ts(data)
    assert m.engagement.score == data["score"]
    assert m.engagement.replies == data["num_comments"]
    assert m.by_brand is (data["author"].lower() in brand)


def check_comment(m: Mention, data: dict[str, Any], brand: set[str]) -> None:
    assert m.platform == "reddit"
    assert m.source_id == data["name"] == "t1_" + data["id"]
    assert m.kind == "comment"
    assert m.thread_id == data["link_id"]
    assert m.parent_id == data["parent_id"]
    assert m.url == expected_url(data)
    assert m.author == data["author"]
    assert m.title is None
    assert m.text == ("" if data["body"] in ("[deleted]", "[removed]") else data["body"])
    assert m.created_at == ts(data)
    assert m.engagement.score == data["score"]
    assert m.by_brand is (data["author"].lower() in brand)


# -- 1. the mapping on recorded JSON ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("praw/TestSubreddit.test_search.json", "/r/all/search/"),
        ("praw/TestSubredditListings.test_new.json", "/r/askreddit/new"),
    ],
)
def test_recorded_submissions_map_field_by_field(name: str, path: str) -> None:
    listing = recorded_json(name, path)
    things = [c["data"] for c in listing["data"]["children"]]
    assert things and all(c["kind"] == "t3" for c in listing["data"]["children"])
    brand = {things[0]["author"].lower()}
    for data in things:
        m = submission_to_mention(data, brand)
        check_post(m, data, brand)
        assert m.raw == data
    assert any(submission_to_mention(d, brand).by_brand for d in things)


def test_recorded_search_permalinks_lose_their_query() -> None:
    listing = recorded_json("praw/TestSubreddit.test_search.json", "/r/all/search/")
    permalinks = [c["data"]["permalink"] for c in listing["data"]["children"]]
    assert any("?ref=" in p for p in permalinks)
    assert not any("?" in submission_to_mention(c["data"]).url for c in listing["data"]["children"])


@pytest.mark.parametrize(
    ("name", "path", "brand"),
    [
        ("praw/TestSubmission.test_comments.json", "/comments/2gmzqe/", {"bboe"}),
        ("praw/TestMore.test_comments.json", "/comments/3hahrw/", {"lava1o"}),
        (
            "praw/TestCommentForest.test_replace__on_direct_comment.json",
            "/comments/57dw9a/_/d8r4im1",
            set(),
        ),
    ],
)
def test_recorded_comment_forests_map_field_by_field(name: str, path: str, brand: set[str]) -> None:
    post_listing, forest = recorded_json(name, path)
    post = post_listing["data"]["children"][0]["data"]
    check_post(submission_to_mention(post, brand), post, brand)
    things = list(walk(forest["data"]["children"]))
    comments = [t["data"] for t in things if t["kind"] == "t1"]
    assert comments
    for data in comments:
        m = comment_to_mention(data, brand)
        check_comment(m, data, brand)
        replies = data["replies"]["data"]["children"] if data["replies"] else []
        shown = sum(1 for r in replies if r["kind"] == "t1")
        hidden = sum(len(r["data"]["children"]) for r in replies if r["kind"] == "more")
        assert m.engagement.replies == shown + hidden
        assert "replies" not in m.raw and m.raw["id"] == data["id"]


def test_recorded_morechildren_and_replies_map() -> None:
    interactions = cassette("praw/TestMore.test_comments.json")
    more = next(
        json.loads(body_of(i)) for i in interactions if "morechildren" in i["request"]["uri"]
    )
    things = more["json"]["data"]["things"]
    assert things and more["json"]["errors"] == []
    for data in (t["data"] for t in things if t["kind"] == "t1"):
        check_comment(comment_to_mention(data), data, set())
    for name in ("praw/TestSubmission.test_reply.json", "praw/TestComment.test_reply.json"):
        reply = recorded_json(name, "/api/comment/")["json"]["data"]["things"][0]["data"]
        check_comment(comment_to_mention(reply, ["<USERNAME>"]), reply, {"<username>"})
    user = recorded_json("praw/TestRedditorListings.test_comments__new.json", "/user/spez/comments")
    for data in (c["data"] for c in user["data"]["children"]):
        check_comment(comment_to_mention(data, ["spez"]), data, {"spez"})


# -- 2. real PRAW against the replayed traffic --------------------------------------------------


class Replay(FakeService):
    """Answers each request with the recorded response for the same method and path (in
    recorded order), or, with ``in_order``, with the recorded API responses in turn (the last
    one again when they run out). Only the headers a client reads are passed on."""

    def __init__(self, name: str, in_order: bool = False) -> None:
        super().__init__({})
        self.interactions = cassette(name)
        self.in_order = in_order
        self.used: list[int] = []

    def _answer(self, index: int) -> Response:
        response = self.interactions[index]["response"]
        headers = {
            k: v[0] for k, v in response["headers"].items() if k.lower() in _KEEP_HEADERS and v
        }
        return response["status"]["code"], headers, body_of(self.interactions[index]).encode()

    @staticmethod
    def _same_children(recorded: dict[str, Any], req: Request) -> bool:
        """A morechildren request matches only when it asks for the recorded children."""
        want = parse_qs(recorded.get("body") or "").get("children")
        got = parse_qs(req.body.decode("utf-8")).get("children")
        if not want:
            return True
        return bool(got) and set(got[0].split(",")) == set(want[0].split(","))

    def route(self, req: Request) -> Response:
        token = req.path.rstrip("/") == "/api/v1/access_token"
        candidates = [
            i
            for i, it in enumerate(self.interactions)
            if ("access_token" in it["request"]["uri"]) == token
            and it["request"]["method"] == req.method
            and (
                token
                or self.in_order
                or urlsplit(it["request"]["uri"]).path.rstrip("/") == req.path.rstrip("/")
            )
            and self._same_children(it["request"], req)
        ]
        if not candidates:
            return 404, {"Content-Type": "application/json"}, b'{"message": "Not Found"}'
        fresh = [i for i in candidates if i not in self.used]
        index = fresh[0] if fresh else candidates[-1]
        self.used.append(index)
        return self._answer(index)


class DictCursor:
    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.saves = 0

    def save(self) -> None:
        self.saves += 1


@contextmanager
def crawler_for(url: str, home: Path, **cfg: Any) -> Iterator[RedditCrawler]:
    """A crawler with its PRAW client, for calling its parts one by one."""
    crawler = RedditCrawler(make_settings(home, url, **cfg), DictCursor(), RunStats())
    http = http_session(crawler.cfg.timeout)
    try:
        crawler.reddit = make_reddit(crawler.settings, http)
        yield crawler
    finally:
        http.close()


def test_praw_search_through_replay(home: Path) -> None:
    name = "praw/TestSubreddit.test_search.json"
    recorded = {
        c["data"]["name"]: c["data"]
        for c in recorded_json(name, "/r/all/search/")["data"]["children"]
    }
    with Replay(name) as replay, crawler_for(replay.url, home) as crawler:
        found = list(crawler.reddit.subreddit("all").search("praw oauth search", sort="new"))
    assert [s.name for s in found] == list(recorded)
    for submission in found:
        data = thing_data(submission)
        assert data == recorded[submission.name]  # PRAW's attributes give back the payload
        check_post(submission_to_mention(data), recorded[submission.name], set())


def test_praw_thread_through_replay(home: Path) -> None:
    """Our thread fetch (budget 0: no stub expanded) on the recorded forest of 3hahrw."""
    name = "praw/TestMore.test_comments.json"
    post_listing, forest = recorded_json(name, "/comments/3hahrw/")
    post = post_listing["data"]["children"][0]["data"]
    recorded = {
        t["data"]["name"]: t["data"] for t in walk(forest["data"]["children"]) if t["kind"] == "t1"
    }
    with (
        Replay(name) as replay,
        crawler_for(replay.url, home, more_budget=0, help_subreddits=["funny"]) as crawler,
    ):
        items = list(crawler.fetch_thread("3hahrw"))
    mentions = [i for i in items if isinstance(i, Mention)]
    assert [r.path for r in replay.requests][1:] == ["/comments/3hahrw/"]
    check_post(mentions[0], post, set())
    assert {m.source_id for m in mentions[1:]} == set(recorded)
    for m in mentions[1:]:
        check_comment(m, recorded[m.source_id], set())
    assert crawler.threads["t3_3hahrw"]["num_comments"] == post["num_comments"]
    # r/funny as a help subreddit: the title is not a question, so no help docs
    assert not [i for i in items if isinstance(i, HelpDoc)]


def test_praw_morechildren_through_replay(home: Path) -> None:
    """The recorded stub expanded by PRAW: the comments come back as recorded."""
    from praw.models import MoreComments

    name = "praw/TestMore.test_comments.json"
    more = next(
        json.loads(body_of(i)) for i in cassette(name) if "morechildren" in i["request"]["uri"]
    )
    recorded = {t["data"]["name"]: t["data"] for t in more["json"]["data"]["things"]}
    with Replay(name) as replay, crawler_for(replay.url, home) as crawler:
        submission = crawler.reddit.submission("3hahrw")
        submission.comment_sort = "confidence"
        stub = next(c for c in submission.comments if isinstance(c, MoreComments))
        got = stub.comments()
    assert {c.name for c in got} == set(recorded)
    for comment in got:
        data = thing_data(comment)
        check_comment(comment_to_mention(data), recorded[comment.name], set())


# -- 3. recorded error traffic through a whole run -----------------------------------------------


def run_replay(name: str, home: Path, **cfg: Any) -> tuple[RedditCrawler, Replay, Any]:
    with Replay(name, in_order=True) as replay:
        settings = make_settings(home, replay.url, searches=[{"query": "acme"}], **cfg)
        crawler = RedditCrawler(settings, DictCursor(), RunStats())
        waits: list[float] = []
        crawler.sleep = waits.append  # our own retry waits, recorded instead of slept
        crawler.waits = waits  # type: ignore[attr-defined]
        try:
            result: Any = list(crawler.run())
        except Exception as exc:  # noqa: BLE001 - returned for the test to check
            result = exc
    return crawler, replay, result


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("TestSession.test_request__internal_server_error.json", 500),
        ("TestSession.test_request__bad_gateway.json", 502),
        ("TestSession.test_request__service_unavailable.json", 503),
    ],
)
def test_recorded_5xx(name: str, status: int, home: Path) -> None:
    _, replay, exc = run_replay(f"prawcore/{name}", home, retries=2, backoff=0.01)
    assert isinstance(exc, SourceUnavailable)
    assert str(exc) == f"Reddit kept failing with HTTP {status} (search in r/all)"
    assert len([u for u in replay.used if u > 0]) == 3  # the three recorded answers, in turn


def test_recorded_bad_json(home: Path) -> None:
    crawler, _, exc = run_replay("prawcore/TestSession.test_request__bad_json.json", home)
    assert isinstance(exc, SourceUnavailable)
    assert "not JSON (HTTP 200, application/json)" in str(exc)
    assert len(crawler.waits) == 2  # type: ignore[attr-defined]


def test_recorded_forbidden_and_invalid_token(home: Path) -> None:
    _, _, exc = run_replay("prawcore/TestSession.test_request__forbidden.json", home)
    assert isinstance(exc, SourceAuthError) and "403 Forbidden" in str(exc)
    _, _, exc = run_replay(
        "prawcore/TestSession.test_request__with_invalid_access_token.json", home / "b", backoff=0
    )
    assert isinstance(exc, SourceAuthError) and "401 Unauthorized" in str(exc)


def test_recorded_not_found_skips_the_listing(home: Path) -> None:
    crawler, _, items = run_replay("prawcore/TestSession.test_request__not_found.json", home)
    assert items == [] and crawler.stats.errors == 1


def test_recorded_429_with_retry_after(home: Path) -> None:
    crawler, _, exc = run_replay(
        "prawcore/TestSession.test_request__too__many_requests__with_retry_headers.json", home
    )
    assert isinstance(exc, SourceUnavailable) and "429" in str(exc)
    assert crawler.waits == [4.0, 4.0]  # type: ignore[attr-defined]  # the recorded retry-after


def test_recorded_429_at_the_token_endpoint(home: Path) -> None:
    crawler, _, exc = run_replay(
        "prawcore/TestSession.test_request__too__many_requests__without_retry_headers.json",
        home,
        backoff=0.5,
    )
    assert isinstance(exc, SourceUnavailable) and "429" in str(exc)
    assert crawler.waits == [0.5, 1.0]  # type: ignore[attr-defined]  # no retry-after: backoff
