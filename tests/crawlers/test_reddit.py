"""The Reddit crawler: the pure JSON -> item mapping, field by field, then whole crawls with the
real PRAW client against the loopback FakeReddit, through the real chain into SQLite."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from config import ConfigError
from crawlers.api.reddit import (
    comment_to_helpdoc,
    comment_to_mention,
    is_brand_author,
    is_question,
    submission_to_mention,
)
from crawlers.exceptions import SourceAuthError, SourceUnavailable
from crawlers.items import HelpDoc
from demo.fake_reddit import FakeReddit
from demo.loopback import Fault
from pipelines.models.db import Database
from tests.crawlers.reddit_world import (
    crawl_once,
    cursor_of,
    expected_ids,
    make_settings,
    make_world,
    stored,
    stored_docs,
)

# -- mapping ---------------------------------------------------------------------------------

SUBMISSION = {
    "id": "abc12",
    "name": "t3_abc12",
    "subreddit": "techsupport",
    "author": "Alice_B",
    "author_fullname": "t2_9xy",
    "title": "Acme router keeps rebooting?",
    "selftext": "Since the update it reboots every hour.",
    "score": 42,
    "num_comments": 7,
    "created_utc": 1767225600.0,  # 2026-01-01T00:00:00Z
    "permalink": "/r/techsupport/comments/abc12/acme_router_keeps_rebooting/?ref=search_posts",
    "link_flair_text": None,
    "is_self": True,
}

COMMENT = {
    "id": "def34",
    "name": "t1_def34",
    "link_id": "t3_abc12",
    "parent_id": "t1_zzz99",
    "subreddit": "techsupport",
    "author": "AcmeSupport",
    "author_fullname": "t2_brand",
    "body": "Please DM us, we'll look into it.",
    "score": 3,
    "created_utc": 1767229200.5,
    "permalink": "/r/techsupport/comments/abc12/acme_router_keeps_rebooting/def34/",
    "replies": {
        "kind": "Listing",
        "data": {
            "children": [
                {"kind": "t1", "data": {"id": "r1", "body": "thanks"}},
                {"kind": "t1", "data": {"id": "r2", "body": "same"}},
                {"kind": "more", "data": {"count": 5, "children": ["r3", "r4"], "id": "r3"}},
            ]
        },
    },
}


def test_submission_to_mention_field_by_field() -> None:
    m = submission_to_mention(SUBMISSION, ["someone_else"])
    assert m.platform == "reddit"
    assert m.source_id == "t3_abc12"
    assert m.kind == "post"
    assert m.thread_id == "t3_abc12"
    assert m.parent_id is None
    assert (
        m.url == "https://www.reddit.com/r/techsupport/comments/abc12/acme_router_keeps_rebooting/"
    )
    assert m.author == "Alice_B"
    assert m.author_id == "t2_9xy"
    assert m.title == "Acme router keeps rebooting?"
    assert m.text == "Since the update it reboots every hour."
    assert m.created_at == datetime(2026, 1, 1, tzinfo=UTC)
    assert (m.engagement.score, m.engagement.replies, m.engagement.views) == (42, 7, 0)
    assert m.by_brand is False
    assert m.content_type == "mention"
    assert m.raw == SUBMISSION
    assert "raw=" not in repr(m)  # the raw payload stays out of reprs


def test_comment_to_mention_field_by_field() -> None:
    m = comment_to_mention(COMMENT, ["u/acmesupport"])
    assert m.source_id == "t1_def34"
    assert m.kind == "comment"
    assert m.thread_id == "t3_abc12"
    assert m.parent_id == "t1_zzz99"
    assert m.url == (
        "https://www.reddit.com/r/techsupport/comments/abc12/acme_router_keeps_rebooting/def34/"
    )
    assert m.author == "AcmeSupport"
    assert m.author_id == "t2_brand"
    assert m.title is None
    assert m.text == "Please DM us, we'll look into it."
    assert m.created_at == datetime(2026, 1, 1, 1, 0, 0, 500000, tzinfo=UTC)
    assert m.engagement.score == 3
    assert m.engagement.replies == 4  # two replies shown, two hidden behind the stub
    assert m.by_brand is True
    assert "replies" not in m.raw and m.raw["body"] == COMMENT["body"]
    assert comment_to_mention(COMMENT, replies=9).engagement.replies == 9


def test_comment_without_permalink_or_replies() -> None:
    data = {k: v for k, v in COMMENT.items() if k not in {"permalink", "name"}}
    data["replies"] = ""
    m = comment_to_mention(data)
    assert m.source_id == "t1_def34"
    assert m.url == "https://www.reddit.com/r/techsupport/comments/abc12/_/def34/"
    assert m.engagement.replies == 0
    assert m.by_brand is False


def test_deleted_author_and_removed_text() -> None:
    post = dict(SUBMISSION, author="[deleted]", selftext="[removed]")
    del post["author_fullname"]
    m = submission_to_mention(post, ["[deleted]"])
    assert (m.author, m.author_id, m.text, m.by_brand) == ("[deleted]", None, "", False)
    assert m.title == SUBMISSION["title"]
    c = comment_to_mention(dict(COMMENT, author=None, body="[deleted]"))
    assert (c.author, c.text) == ("[deleted]", "")


@pytest.mark.parametrize(
    ("author", "accounts", "expected"),
    [
        ("AcmeSupport", ["acmesupport"], True),
        ("acmesupport", ["/u/AcmeSupport"], True),
        ("acmesupport", [" u/ACMESUPPORT "], True),
        ("acmesupport2", ["acmesupport"], False),
        ("[deleted]", ["[deleted]"], False),
        ("someone", [], False),
    ],
)
def test_by_brand(author: str, accounts: list[str], expected: bool) -> None:
    assert is_brand_author(author, accounts) is expected
    assert submission_to_mention(dict(SUBMISSION, author=author), accounts).by_brand is expected


@pytest.mark.parametrize(
    ("title", "flair", "expected"),
    [
        ("Acme router keeps rebooting?", None, True),
        ("How to reset an Acme router", None, True),
        ("cómo restablecer el router Acme", None, True),
        ("My Acme router rant", "Question", True),
        ("My Acme router rant", None, False),
        ("Showing off my setup", "Discussion", False),
    ],
)
def test_is_question(title: str, flair: str | None, expected: bool) -> None:
    assert is_question({"title": title, "link_flair_text": flair}) is expected


def test_comment_to_helpdoc() -> None:
    answer = dict(COMMENT, parent_id="t3_abc12", author="helper", score=8, body="Hold reset 10 s.")
    doc = comment_to_helpdoc(answer, SUBMISSION, 5)
    assert isinstance(doc, HelpDoc)
    assert doc.source == "third_party"
    assert doc.platform == "reddit"
    assert doc.source_id == "t1_def34"
    assert doc.title == SUBMISSION["title"]
    assert doc.body == "Hold reset 10 s."
    assert doc.url == (
        "https://www.reddit.com/r/techsupport/comments/abc12/acme_router_keeps_rebooting/def34/"
    )
    assert (doc.author, doc.score, doc.category) == ("helper", 8, "r/techsupport")
    # not an answer: too low, a reply to a reply, by the asker, deleted, not a question
    assert comment_to_helpdoc(dict(answer, score=4), SUBMISSION, 5) is None
    assert comment_to_helpdoc(dict(answer, parent_id="t1_x"), SUBMISSION, 5) is None
    assert comment_to_helpdoc(dict(answer, author="alice_b"), SUBMISSION, 5) is None
    assert comment_to_helpdoc(dict(answer, body="[removed]"), SUBMISSION, 5) is None
    assert comment_to_helpdoc(answer, dict(SUBMISSION, title="My setup"), 5) is None


# -- crawling the fake -------------------------------------------------------------------------


@pytest.fixture
def world() -> dict[str, Any]:
    return make_world()


@pytest.fixture
def fake(world: dict[str, Any]) -> Iterator[FakeReddit]:
    with FakeReddit(world) as server:
        yield server  # type: ignore[misc]


@pytest.fixture
def rdb(home: Path, fake: FakeReddit) -> Iterator[Database]:
    database = Database(make_settings(home, fake.url))
    database.init()
    yield database
    database.dispose()


def _paths(fake: FakeReddit) -> list[str]:
    return [f"{r.method} {r.path}" for r in fake.requests]


def test_crawl_stores_whole_threads_with_links(
    home: Path, fake: FakeReddit, rdb: Database, world: dict[str, Any]
) -> None:
    stats = crawl_once(make_settings(home, fake.url), rdb)
    rows = stored(rdb)
    assert set(rows) == expected_ids(world, {"q1", "b1", "g1"})
    assert stats.new == len(rows) + 1 and stats.errors == 0  # and one help doc
    assert stats.dropped == 1  # the "[deleted]" comment has no text left
    q1, qb, qe = rows["t3_q1"], rows["t1_qb"], rows["t1_qe"]
    assert (q1.kind, q1.thread_id, q1.parent_id, q1.author) == ("post", "t3_q1", None, "alice")
    assert q1.title == "How do I reset my Acme router?"
    assert (
        q1.url == "https://www.reddit.com/r/techsupport/comments/q1/how_do_i_reset_my_acme_router/"
    )
    assert q1.replies == 8 and q1.score == 5
    assert (qb.kind, qb.thread_id, qb.parent_id) == ("comment", "t3_q1", "t1_qa")
    assert qe.parent_id == "t1_qd"  # kept even though the parent was deleted
    assert rows["t1_qa"].replies == 1
    created = make_world()["reddit"]["comments"][1]["created_utc"]  # qb, same offsets
    assert abs(qb.created_at.timestamp() - created) < 60
    assert {k for k, m in rows.items() if m.by_brand} == {"t1_qc", "t1_ba"}
    docs = stored_docs(rdb)
    assert set(docs) == {"t1_qa"}  # score 12 >= 5, answers the question, not by the asker
    doc = docs["t1_qa"]
    assert (doc.source, doc.platform, doc.title) == (
        "third_party",
        "reddit",
        "How do I reset my Acme router?",
    )
    assert doc.body == "Hold reset for 10 seconds, then wait 2 minutes."
    assert doc.author == "helper" and doc.score == 12
    searches = [r for r in fake.requests if r.path.startswith("/r/")]
    assert searches[0].path == "/r/all/search/" and searches[0].query["q"] == ["acme"]
    assert searches[0].query["sort"] == ["new"]
    cur = cursor_of(rdb)
    assert set(cur["threads"]) == {"t3_q1", "t3_b1", "t3_g1"}
    assert cur["threads"]["t3_q1"]["num_comments"] == 8
    newest = max(s["created_utc"] for s in world["reddit"]["submissions"] if s["id"] == "g1")
    assert cur["listings"]["search:all:acme"]["newest_utc"] == pytest.approx(newest)
    assert cur["listings"]["search:all:acme"]["newest"] == "t3_g1"


def test_second_run_imports_nothing_new(home: Path, fake: FakeReddit, rdb: Database) -> None:
    settings = make_settings(home, fake.url)
    first = crawl_once(settings, rdb)
    fake.requests.clear()
    second = crawl_once(settings, rdb)
    assert first.new > 0
    assert second.new == 0 and second.updated == 0 and second.errors == 0
    assert len(stored(rdb)) + len(stored_docs(rdb)) == first.new
    # one info call on the known threads and one search page; no thread is fetched again
    assert not [p for p in _paths(fake) if "/comments/" in p]
    assert "GET /api/info/" in _paths(fake)


def test_new_comment_on_known_thread_is_picked_up(
    home: Path, fake: FakeReddit, rdb: Database
) -> None:
    settings = make_settings(home, fake.url)
    crawl_once(settings, rdb)
    before = stored(rdb)
    fake.add_comment(
        {
            "id": "qz",
            "link_id": "q1",
            "parent_id": "t1_qc",
            "author": "alice",
            "body": "Sent you a DM an hour ago, no answer yet.",
            "created_utc": time.time(),
            "score": 1,
        }
    )
    fake.requests.clear()
    stats = crawl_once(settings, rdb)
    after = stored(rdb)
    assert set(after) - set(before) == {"t1_qz"}
    assert stats.new == 1
    assert (after["t1_qz"].parent_id, after["t1_qz"].thread_id) == ("t1_qc", "t3_q1")
    assert after["t3_q1"].replies == 9 and after["t1_qc"].replies == 1
    fetched = [p for p in _paths(fake) if "/comments/" in p]
    assert fetched == ["GET /comments/q1/"]  # only the thread whose count changed


def test_quiet_known_threads_are_not_rechecked(home: Path, fake: FakeReddit, rdb: Database) -> None:
    settings = make_settings(home, fake.url, active_days=0)
    crawl_once(settings, rdb)
    fake.requests.clear()
    crawl_once(settings, rdb)
    assert "GET /api/info/" not in _paths(fake)


def test_more_stubs_expanded_within_budget(home: Path, world: dict[str, Any]) -> None:
    # Reddit returns 3 comments at first and 2 per morechildren call
    with FakeReddit(world, max_comments=3, more_cap=2) as fake:
        settings = make_settings(home, fake.url, more_budget=1, searches=[{"query": "reset"}])
        db = Database(settings)
        db.init()
        try:
            crawl_once(settings, db)
            partial = set(stored(db))
            assert len([p for p in _paths(fake) if p == "POST /api/morechildren/"]) == 1
            assert "t3_q1" in partial and 3 + 1 < len(partial) < len(expected_ids(world, {"q1"}))
        finally:
            db.dispose()
    with FakeReddit(make_world(), max_comments=3, more_cap=2) as fake:
        settings = make_settings(
            home / "b", fake.url, more_budget=32, searches=[{"query": "reset"}]
        )
        db = Database(settings)
        db.init()
        try:
            crawl_once(settings, db)
            assert set(stored(db)) == expected_ids(world, {"q1"})
            assert len([p for p in _paths(fake) if p == "POST /api/morechildren/"]) >= 2
        finally:
            db.dispose()


def test_deep_threads_continue(home: Path, world: dict[str, Any]) -> None:
    # below depth 2 Reddit shows "continue this thread"; PRAW follows it
    with FakeReddit(world, max_depth=2) as fake:
        settings = make_settings(home, fake.url, searches=[{"query": "reset"}])
        db = Database(settings)
        db.init()
        try:
            crawl_once(settings, db)
            rows = stored(db)
            assert set(rows) == expected_ids(world, {"q1"})
            assert rows["t1_qh"].parent_id == "t1_qg"  # depth 3
            assert "GET /comments/q1/_/qb" in _paths(fake)
        finally:
            db.dispose()


def test_listed_subreddits_and_watch(home: Path, fake: FakeReddit, rdb: Database) -> None:
    settings = make_settings(
        home,
        fake.url,
        searches=[{"query": "acme", "subreddits": ["techsupport", "gadgets"]}],
        watch=["acme"],
    )
    crawl_once(settings, rdb)
    posts = {k for k, m in stored(rdb).items() if m.kind == "post"}
    assert posts == {"t3_q1", "t3_g1", "t3_b1", "t3_w1"}
    search = next(r for r in fake.requests if "/search" in r.path)
    assert search.path == "/r/techsupport+gadgets/search/"
    assert search.query["restrict_sr"] == ["True"]
    assert any(r.path.rstrip("/") == "/r/acme/new" for r in fake.requests)
    assert set(cursor_of(rdb)["listings"]) == {"search:techsupport+gadgets:acme", "new:acme"}


def test_new_posts_after_the_cursor(home: Path, fake: FakeReddit, rdb: Database) -> None:
    settings = make_settings(home, fake.url, watch=["acme"], searches=[{"query": "nothing"}])
    crawl_once(settings, rdb)
    fake.submissions.append(
        {
            "id": "w2",
            "subreddit": "acme",
            "author": "jill",
            "title": "Outage in Leeds?",
            "selftext": "",
            "created_utc": time.time(),
            "score": 1,
        }
    )
    fake.requests.clear()
    stats = crawl_once(settings, rdb)
    assert stats.new == 1 and "t3_w2" in stored(rdb)
    assert [p for p in _paths(fake) if "/comments/" in p] == ["GET /comments/w2/"]


def test_missing_secret_is_a_config_error(home: Path, fake: FakeReddit, rdb: Database) -> None:
    settings = make_settings(home, fake.url, client_secret="")
    with pytest.raises(ConfigError, match="LISTENPOST_REDDIT__CLIENT_SECRET"):
        crawl_once(settings, rdb)


# -- faults --------------------------------------------------------------------------------------


def _crawl_with(
    home: Path, world: dict[str, Any], faults: list[Fault], **cfg: Any
) -> tuple[FakeReddit, Database, Any]:
    """Crawl a fresh fake with ``faults`` queued; returns (fake, db, stats or the exception)."""
    fake = FakeReddit(world, credentials=cfg.pop("credentials", None))
    fake.start()
    settings = make_settings(home, fake.url, **cfg)
    db = Database(settings)
    db.init()
    fake.inject(*faults)
    try:
        result: Any = crawl_once(settings, db)
    except Exception as exc:  # noqa: BLE001 - returned for the test to check
        result = exc
    finally:
        fake.stop()
    return fake, db, result


@pytest.mark.parametrize("header", [{"retry-after": "1"}, {}])
def test_429_is_retried(home: Path, world: dict[str, Any], header: dict[str, str]) -> None:
    html = b"<!doctype html><html><head><title>Too Many Requests</title></head></html>"
    fault = Fault(429, html, {"Content-Type": "text/html; charset=UTF-8", **header}, "/r/")
    start = time.monotonic()
    fake, db, stats = _crawl_with(home, world, [fault], backoff=0.05)
    elapsed = time.monotonic() - start
    assert not isinstance(stats, Exception), stats
    assert set(stored(db)) == expected_ids(world, {"q1", "b1", "g1"})
    assert [r.path for r in fake.requests].count("/r/all/search/") == 2
    if header:
        assert elapsed >= 1.0  # waited as told
    db.dispose()


def test_429_that_never_stops_is_unavailable(home: Path, world: dict[str, Any]) -> None:
    faults = [Fault(429, b'{"message": "Too Many Requests", "error": 429}', path="/r/")] * 3
    _, db, exc = _crawl_with(home, world, faults, retries=2)
    assert isinstance(exc, SourceUnavailable) and "429" in str(exc)
    db.dispose()


def test_429_with_a_long_retry_after_ends_the_run(
    home: Path, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    fault = Fault(429, b"", {"retry-after": "3600"}, "/comments/b1")
    waits: list[float] = []
    real_sleep = time.sleep

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        real_sleep(min(seconds, 0.05))

    monkeypatch.setattr(time, "sleep", sleep)
    _, db, exc = _crawl_with(home, world, [fault])
    assert all(w < 5 for w in waits), waits  # it did not wait the hour
    assert isinstance(exc, SourceUnavailable) and "wait 3600 s" in str(exc)
    assert set(stored(db)) == expected_ids(world, {"q1"})  # kept; the next run resumes
    assert set(cursor_of(db)["threads"]) == {"t3_q1"}
    db.dispose()


def test_429_at_the_token_endpoint(home: Path, world: dict[str, Any]) -> None:
    fault = Fault(429, b'{"message": "Too Many Requests", "error": 429}', path="/api/v1/")
    fake, db, stats = _crawl_with(home, world, [fault])
    assert not isinstance(stats, Exception), stats
    assert len(stored(db)) == len(expected_ids(world, {"q1", "b1", "g1"}))
    db.dispose()


def test_5xx_then_success(home: Path, world: dict[str, Any]) -> None:
    faults = [
        Fault(500, path="/comments/"),
        Fault(502, path="/comments/"),
        Fault(503, path="/comments/"),
    ]
    fake, db, stats = _crawl_with(home, world, faults, retries=3)
    assert not isinstance(stats, Exception), stats
    assert set(stored(db)) == expected_ids(world, {"q1", "b1", "g1"})
    assert sum(r.path.startswith("/comments/") for r in fake.requests) == 3 + 3
    db.dispose()


def test_5xx_that_never_stops_is_unavailable(home: Path, world: dict[str, Any]) -> None:
    _, db, exc = _crawl_with(home, world, [Fault(503, path="/r/")] * 3, retries=2)
    assert isinstance(exc, SourceUnavailable)
    assert str(exc) == "Reddit kept failing with HTTP 503 (search in r/all)"
    db.dispose()


def test_timeout_is_retried(home: Path, world: dict[str, Any]) -> None:
    fault = Fault(200, path="/comments/", delay=0.8)
    fake, db, stats = _crawl_with(home, world, [fault], timeout=0.3)
    assert not isinstance(stats, Exception), stats
    assert set(stored(db)) == expected_ids(world, {"q1", "b1", "g1"})
    db.dispose()


def test_timeouts_that_never_stop_are_unavailable(home: Path, world: dict[str, Any]) -> None:
    faults = [Fault(200, path="/r/", delay=0.5)] * 3
    _, db, exc = _crawl_with(home, world, faults, timeout=0.2, retries=2)
    assert isinstance(exc, SourceUnavailable)
    assert "did not answer" in str(exc) and "ReadTimeout" in str(exc)
    db.dispose()


def test_truncated_json_is_retried(home: Path, world: dict[str, Any]) -> None:
    fault = Fault(
        200,
        b'[{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"id": "q1", "ti',
        {"Content-Type": "application/json; charset=UTF-8"},
        "/comments/",
    )
    fake, db, stats = _crawl_with(home, world, [fault])
    assert not isinstance(stats, Exception), stats
    assert set(stored(db)) == expected_ids(world, {"q1", "b1", "g1"})
    db.dispose()


def test_html_instead_of_json(home: Path, world: dict[str, Any]) -> None:
    page = b"<!doctype html><html><body><h1>reddit is down for maintenance</h1></body></html>"
    fault = Fault(200, page, {"Content-Type": "text/html; charset=UTF-8"}, "/r/")
    fake, db, stats = _crawl_with(home, world, [fault])
    assert not isinstance(stats, Exception), stats
    _, db2, exc = _crawl_with(home / "again", world, [fault] * 3, retries=2)
    assert isinstance(exc, SourceUnavailable)
    assert "not JSON (HTTP 200, text/html)" in str(exc)
    db.dispose()
    db2.dispose()


def test_wrong_credentials_are_one_line(home: Path, world: dict[str, Any]) -> None:
    _, db, exc = _crawl_with(home, world, [], credentials=("right-id", "right-secret"))
    assert isinstance(exc, SourceAuthError)
    assert str(exc) == (
        "Reddit refused the app credentials (HTTP 401 at /api/v1/access_token): "
        "check [reddit] client_id and client_secret"
    )
    assert "test-secret" not in str(exc)
    db.dispose()


def test_forbidden_is_an_auth_error(home: Path, world: dict[str, Any]) -> None:
    _, db, exc = _crawl_with(home, world, [Fault(403, b'{"error": 403}', path="/r/")])
    assert isinstance(exc, SourceAuthError) and "403 Forbidden" in str(exc)
    db.dispose()


def test_revoked_token_is_renewed(home: Path, world: dict[str, Any]) -> None:
    with FakeReddit(world) as fake:
        settings = make_settings(home, fake.url)
        db = Database(settings)
        db.init()
        try:
            crawl_once(settings, db)
            fake.revoke_tokens()
            fake.add_comment(
                {
                    "id": "bz",
                    "link_id": "b1",
                    "parent_id": "t3_b1",
                    "author": "bob",
                    "body": "Any news?",
                    "created_utc": time.time(),
                    "score": 1,
                }
            )
            stats = crawl_once(settings, db)
            assert stats.new == 1
        finally:
            db.dispose()


def test_deleted_thread_is_skipped(home: Path, world: dict[str, Any]) -> None:
    fault = Fault(404, b'{"message": "Not Found", "error": 404}', path="/comments/b1")
    fake, db, stats = _crawl_with(home, world, [fault])
    assert not isinstance(stats, Exception), stats
    assert stats.errors == 1
    assert set(stored(db)) == expected_ids(world, {"q1", "g1"})
    db.dispose()


def test_rate_limit_headers_are_honoured(home: Path, world: dict[str, Any]) -> None:
    # 2 requests per 1-second window: prawcore must wait for the reset instead of hitting 429
    with FakeReddit(world, rate_limit=2, rate_window=1.0) as fake:
        settings = make_settings(home, fake.url)
        db = Database(settings)
        db.init()
        try:
            start = time.monotonic()
            crawl_once(settings, db)
            assert time.monotonic() - start >= 0.9
            assert fake.throttled == 0
            assert set(stored(db)) == expected_ids(world, {"q1", "b1", "g1"})
        finally:
            db.dispose()


def test_interrupted_by_a_failure_then_completed(home: Path, world: dict[str, Any]) -> None:
    """The second thread's fetch dies (connection dropped, no retries left): the first thread is
    kept, the next run completes with nothing twice and nothing lost."""
    with FakeReddit(world) as fake:
        settings = make_settings(home, fake.url, retries=0)
        db = Database(settings)
        db.init()
        try:
            fake.inject(Fault(path="/comments/b1", drop=True))
            with pytest.raises(SourceUnavailable):
                crawl_once(settings, db)
            first = stored(db)
            assert set(first) == expected_ids(world, {"q1"})
            assert set(cursor_of(db)["threads"]) == {"t3_q1"}
            stats = crawl_once(settings, db)
            assert set(stored(db)) == expected_ids(world, {"q1", "b1", "g1"})
            assert stats.new == len(expected_ids(world, {"b1", "g1"}))
        finally:
            db.dispose()


def test_keyboard_interrupt_mid_thread_then_completed(home: Path, world: dict[str, Any]) -> None:
    def stop_after(n: int) -> Any:
        def wrap(items: Iterator[Any]) -> Iterator[Any]:
            for i, item in enumerate(items):
                if i == n:
                    raise KeyboardInterrupt
                yield item

        return wrap

    with FakeReddit(world) as fake:
        settings = make_settings(home, fake.url)
        db = Database(settings)
        db.init()
        try:
            with pytest.raises(KeyboardInterrupt):
                # q1 yields 10 items (post, 8 comments, 1 help doc): stop inside b1
                crawl_once(settings, db, wrap=stop_after(11))
            kept, kept_docs = stored(db), stored_docs(db)
            assert "t3_b1" in kept and "t1_ba" not in kept
            stats = crawl_once(settings, db)
            rows, docs = stored(db), stored_docs(db)
            assert set(rows) == expected_ids(world, {"q1", "b1", "g1"})
            assert set(docs) == {"t1_qa"}
            assert stats.new == len(rows) - len(kept) + len(docs) - len(kept_docs)
        finally:
            db.dispose()
