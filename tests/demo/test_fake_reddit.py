"""The loopback Reddit answers in Reddit's shapes: checked with plain HTTP and with real PRAW."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import praw
import pytest
import requests
from praw.exceptions import RedditAPIException

from demo.fake_reddit import FakeReddit
from tests.crawlers.reddit_world import make_world


@pytest.fixture
def fake() -> Iterator[FakeReddit]:
    with FakeReddit(make_world(), max_comments=3, more_cap=2) as server:
        yield server  # type: ignore[misc]


def _token(fake: FakeReddit, **form: str) -> str:
    answer = requests.post(
        fake.url + "/api/v1/access_token",
        data=form or {"grant_type": "client_credentials"},
        auth=("id", "secret"),
        timeout=5,
    )
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "scope"}
    return body["access_token"]


def _get(fake: FakeReddit, path: str, token: str, **params: Any) -> requests.Response:
    return requests.get(
        fake.url + path, params=params, headers={"Authorization": f"bearer {token}"}, timeout=5
    )


def test_listing_pages_with_after(fake: FakeReddit) -> None:
    token = _token(fake)
    seen: list[str] = []
    after = None
    while True:
        page = _get(fake, "/r/all/new", token, limit=2, **({"after": after} if after else {}))
        listing = page.json()
        assert listing["kind"] == "Listing"
        assert [c["kind"] for c in listing["data"]["children"]] == ["t3"] * listing["data"]["dist"]
        seen += [c["data"]["name"] for c in listing["data"]["children"]]
        after = listing["data"]["after"]
        if after is None:
            break
    assert seen == ["t3_z1", "t3_w1", "t3_g1", "t3_b1", "t3_q1"]  # newest first
    first = _get(fake, "/r/acme/search", token, q="acme", restrict_sr="true").json()
    assert [c["data"]["id"] for c in first["data"]["children"]] == ["b1"]
    post = first["data"]["children"][0]["data"]
    assert post["permalink"] == "/r/acme/comments/b1/acme_charged_me_twice/"
    assert post["num_comments"] == 2 and post["author_fullname"].startswith("t2_")


def test_comment_listing_stubs_and_morechildren(fake: FakeReddit) -> None:
    token = _token(fake)
    post, forest = _get(fake, "/comments/q1/", token, sort="old").json()
    assert post["data"]["children"][0]["kind"] == "t3"
    top = forest["data"]["children"]
    # 3 comments fit (qa, its reply qb, and qb's reply qg); the rest hide behind stubs
    kinds = [c["kind"] for c in top]
    assert kinds[0] == "t1" and kinds[-1] == "more"
    stub = top[-1]["data"]
    assert stub["parent_id"] == "t3_q1" and stub["count"] == len(stub["children"]) + 1
    assert set(stub) == {"count", "name", "id", "parent_id", "depth", "children"}
    more = requests.post(
        fake.url + "/api/morechildren",
        data={"link_id": "t3_q1", "children": ",".join(stub["children"]), "api_type": "json"},
        headers={"Authorization": f"bearer {token}"},
        timeout=5,
    ).json()
    things = more["json"]["data"]["things"]
    assert more["json"]["errors"] == []
    assert [t["kind"] for t in things if t["kind"] == "t1"] == ["t1", "t1"]  # more_cap
    assert all(t["data"]["replies"] == "" for t in things if t["kind"] == "t1")
    assert things[-1]["kind"] == "more"


def test_ratelimit_headers_and_429(fake: FakeReddit) -> None:
    fake.rate_limit = 3
    token = _token(fake)
    used = []
    for _ in range(3):
        answer = _get(fake, "/r/all/new", token)
        used.append(int(answer.headers["x-ratelimit-used"]))
        assert float(answer.headers["x-ratelimit-remaining"]) == 3 - used[-1]
        assert 0 < int(answer.headers["x-ratelimit-reset"]) <= 600
    assert used == [1, 2, 3]
    over = _get(fake, "/r/all/new", token)
    assert over.status_code == 429 and int(over.headers["retry-after"]) >= 1
    assert fake.throttled == 1


def test_bad_token_is_401_invalid_token(fake: FakeReddit) -> None:
    answer = _get(fake, "/r/all/new", "nope")
    assert answer.status_code == 401
    assert 'error="invalid_token"' in answer.headers["www-authenticate"]


def test_reply_with_praw_is_recorded(fake: FakeReddit) -> None:
    reddit = praw.Reddit(
        client_id="id",
        client_secret="secret",  # noqa: S106 - a test value for the fake
        username="AcmeSupport",
        password="pw",  # noqa: S106 - the fake accepts any
        user_agent="listenpost-tests/1.0",
        oauth_url=fake.url,
        reddit_url=fake.url,
        check_for_updates=False,
    )
    reply = reddit.submission("b1").reply("Sorry Bob, a refund is on its way.")
    assert reply.author.name == "AcmeSupport"
    assert reply.parent_id == "t3_b1" and reply.link_id == "t3_b1"
    assert reply.body == "Sorry Bob, a refund is on its way."
    again = reddit.submission("b1")
    again.comment_sort = "new"
    ids = [c.id for c in again.comments.list()]
    assert reply.id in ids
    # an app-only token may not reply, as on Reddit
    app = praw.Reddit(
        client_id="id",
        client_secret="secret",  # noqa: S106 - a test value for the fake
        user_agent="listenpost-tests/1.0",
        oauth_url=fake.url,
        reddit_url=fake.url,
        check_for_updates=False,
    )
    with pytest.raises(RedditAPIException, match="USER_REQUIRED"):
        app.submission("b1").reply("no")
