"""Integrity of the bundled demo data: demo/world.json, kb.jsonl and customers.csv.

Besides structure, these tests pin the facts planted for other components (cross-channel
identities, a shared order number, duplicates, the outage spike, the knowledge gaps), so a change
to the demo data that breaks them is noticed here first.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from crawlers.importers import BadRecord, kb_from_record, read_jsonl

DEMO = Path(__file__).resolve().parents[2] / "demo"
WINDOW_START = datetime(2026, 11, 9, tzinfo=UTC)
WINDOW_END = datetime(2026, 11, 20, tzinfo=UTC)
KB_CATEGORIES = {"billing", "network", "router", "app", "roaming", "account"}


@pytest.fixture(scope="module")
def world() -> dict[str, Any]:
    return json.loads((DEMO / "world.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kb() -> list[Any]:
    return [item for _, item in read_jsonl(DEMO / "kb.jsonl", kb_from_record)]


def iso(value: str) -> datetime:
    assert value.endswith("Z"), value
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def in_window(when: datetime) -> bool:
    return WINDOW_START <= when < WINDOW_END


def all_texts(world: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(platform, author, text) for every post, comment and video in the world."""
    out = [("reddit", s["author"], s["title"] + "\n" + s["selftext"])
           for s in world["reddit"]["submissions"]]  # fmt: skip
    out += [("reddit", c["author"], c["body"]) for c in world["reddit"]["comments"]]
    out += [("youtube", v["channel_id"], v["title"] + "\n" + v["description"])
            for v in world["youtube"]["videos"]]  # fmt: skip
    out += [("youtube", c["author_channel_id"], c["text"]) for c in world["youtube"]["comments"]]
    out += [("forum", p["username"], p["cooked"])
            for t in world["forum"]["topics"] for p in t["posts"]]  # fmt: skip
    return out


def test_world_is_small_and_complete(world: dict[str, Any]) -> None:
    assert (DEMO / "world.json").stat().st_size < 60_000
    assert set(world) == {"brand", "reddit", "youtube", "forum"}
    brand = world["brand"]
    assert brand["name"] == "Nubefon"
    assert brand["queries"] == ["nubefon", "NubeBox"]
    assert set(brand["accounts"]) == {"reddit", "youtube", "forum"}


def test_reddit_threads_are_consistent(world: dict[str, Any]) -> None:
    subs = {s["id"]: s for s in world["reddit"]["submissions"]}
    comments = {c["id"]: c for c in world["reddit"]["comments"]}
    ids = [s["id"] for s in world["reddit"]["submissions"]] + list(
        c["id"] for c in world["reddit"]["comments"]
    )
    assert len(ids) == len(set(ids)), "reddit ids must be unique across submissions and comments"
    assert all(re.fullmatch(r"[0-9a-z]{6,7}", i) for i in ids)
    for c in comments.values():
        assert c["link_id"] in subs, c["id"]
        kind, _, target = c["parent_id"].partition("_")
        if kind == "t3":
            assert target == c["link_id"], c["id"]
        else:
            assert kind == "t1", c["id"]
            assert target in comments and comments[target]["link_id"] == c["link_id"], c["id"]
            assert comments[target]["created_utc"] < c["created_utc"], c["id"]
        assert subs[c["link_id"]]["created_utc"] < c["created_utc"], c["id"]
    for item in [*subs.values(), *comments.values()]:
        assert isinstance(item["created_utc"], int)
        assert in_window(datetime.fromtimestamp(item["created_utc"], UTC)), item["id"]
        assert isinstance(item["score"], int)


def test_reddit_submissions_match_a_brand_query(world: dict[str, Any]) -> None:
    queries = [q.lower() for q in world["brand"]["queries"]]
    for s in world["reddit"]["submissions"]:
        text = (s["title"] + " " + s["selftext"]).lower()
        assert any(q in text for q in queries), s["id"]
    assert "techsupport" in {s["subreddit"] for s in world["reddit"]["submissions"]}


def test_youtube_is_consistent(world: dict[str, Any]) -> None:
    yt = world["youtube"]
    channels = {c["id"] for c in yt["channels"]}
    videos = {v["id"]: v for v in yt["videos"]}
    comments = {c["id"]: c for c in yt["comments"]}
    assert len(channels) == len(yt["channels"])
    assert len(videos) == len(yt["videos"]) and len(comments) == len(yt["comments"])
    queries = [q.lower() for q in world["brand"]["queries"]]
    for v in videos.values():
        assert re.fullmatch(r"[A-Za-z0-9_-]{11}", v["id"]), v["id"]
        assert v["channel_id"] in channels
        assert in_window(iso(v["published_at"]))
        assert any(q in (v["title"] + v["description"]).lower() for q in queries), v["id"]
        assert v["comment_count"] == sum(1 for c in comments.values() if c["video_id"] == v["id"])
    for c in comments.values():
        assert c["video_id"] in videos, c["id"]
        assert c["id"].startswith("Ug"), c["id"]
        assert ("." in c["id"]) == (c["parent_id"] is not None), c["id"]
        when = iso(c["published_at"])
        assert in_window(when) and when > iso(videos[c["video_id"]]["published_at"])
        if c["parent_id"] is not None:
            parent = comments[c["parent_id"]]
            assert parent["parent_id"] is None, "replies hang off top-level comments only"
            assert parent["video_id"] == c["video_id"]
            assert c["id"].startswith(parent["id"] + ".")
            assert when > iso(parent["published_at"])


def test_forum_is_consistent(world: dict[str, Any]) -> None:
    forum = world["forum"]
    cats = {c["id"] for c in forum["categories"]}
    assert len(cats) == 2
    topic_ids = [t["id"] for t in forum["topics"]]
    post_ids = [p["id"] for t in forum["topics"] for p in t["posts"]]
    assert len(topic_ids) == len(set(topic_ids)) and len(post_ids) == len(set(post_ids))
    accepted = 0
    for t in forum["topics"]:
        assert t["category_id"] in cats
        assert 2 <= len(t["posts"]) <= 5, t["id"]
        assert [p["post_number"] for p in t["posts"]] == list(range(1, len(t["posts"]) + 1))
        assert t["created_at"] == t["posts"][0]["created_at"]
        times = [iso(p["created_at"]) for p in t["posts"]]
        assert times == sorted(times) and all(in_window(x) for x in times)
        for p in t["posts"]:
            assert p["cooked"].startswith("<p>") and p["cooked"].endswith("</p>")
            reply_to = p.get("reply_to_post_number")
            assert reply_to is None or 1 <= reply_to < p["post_number"]
        if "accepted_answer_post" in t:
            accepted += 1
            assert 1 < t["accepted_answer_post"] <= len(t["posts"])
    assert accepted == 1


def test_brand_accounts_write_on_every_platform(world: dict[str, Any]) -> None:
    accounts = world["brand"]["accounts"]
    reddit_authors = {c["author"] for c in world["reddit"]["comments"]}
    yt_authors = {c["author_channel_id"] for c in world["youtube"]["comments"]}
    yt_authors |= {v["channel_id"] for v in world["youtube"]["videos"]}
    forum_authors = {p["username"] for t in world["forum"]["topics"] for p in t["posts"]}
    assert set(accounts["reddit"]) <= reddit_authors
    assert set(accounts["youtube"]) <= yt_authors
    assert set(accounts["forum"]) <= forum_authors
    brand_yt_replies = [
        c
        for c in world["youtube"]["comments"]
        if c["author_channel_id"] in accounts["youtube"] and c["parent_id"]
    ]
    assert brand_yt_replies


def test_every_text_concerns_the_brand(world: dict[str, Any]) -> None:
    for platform, author, text in all_texts(world):
        assert re.search(r"nubefon|nubebox", text, re.I), (platform, author)


def test_planted_cross_channel_identities(world: dict[str, Any]) -> None:
    texts = all_texts(world)
    reddit_authors = {a for p, a, _ in texts if p == "reddit"}
    forum_authors = {a for p, a, _ in texts if p == "forum"}
    yt_names = {c["author_display_name"] for c in world["youtube"]["comments"]}
    # same rare handle on Reddit and the forum, with a self-reference on the forum
    assert "maria_quintana88" in reddit_authors & forum_authors
    assert any(
        p == "forum" and a == "maria_quintana88" and "u/maria_quintana88" in t for p, a, t in texts
    )
    # same handle on Reddit and YouTube, with a self-reference on YouTube
    assert "pablo_ferrer_vlc" in reddit_authors and "@pablo_ferrer_vlc" in yt_names
    # one order number, two different-looking handles on two platforms
    order = [(p, a) for p, a, t in texts if "NF-20931-7746" in t]
    assert sorted(order) == [("forum", "dlane"), ("reddit", "kestrel_lane")]


def test_duplicates_and_outage_spike(world: dict[str, Any]) -> None:
    subs = world["reddit"]["submissions"]
    pairs = Counter((s["title"], s["selftext"]) for s in subs)
    assert max(pairs.values()) == 2, "one exact cross-post"
    assert len({s["subreddit"] for s in subs if pairs[(s["title"], s["selftext"])] == 2}) == 2
    start = datetime(2026, 11, 19, 8, 0, tzinfo=UTC)
    stamps = [datetime.fromtimestamp(s["created_utc"], UTC) for s in subs]
    stamps += [datetime.fromtimestamp(c["created_utc"], UTC) for c in world["reddit"]["comments"]]
    stamps += [iso(c["published_at"]) for c in world["youtube"]["comments"]]
    stamps += [iso(p["created_at"]) for t in world["forum"]["topics"] for p in t["posts"]]
    in_hour = [s for s in stamps if start <= s < start + timedelta(hours=1)]
    assert len(in_hour) >= 8
    per_hour = Counter(s.replace(minute=0, second=0) for s in stamps)
    assert per_hour.most_common(1)[0][0] == start


def test_kb_lines_parse(kb: list[Any]) -> None:
    bad = [item for item in kb if isinstance(item, BadRecord)]
    assert not bad
    assert 10 <= len(kb) <= 16
    assert len({d.source_id for d in kb}) == len(kb)
    assert {d.lang for d in kb} == {"en", "es"}
    assert {d.category for d in kb} <= KB_CATEGORIES
    for doc in kb:
        assert re.fullmatch(r"kb-\d{3}", doc.source_id)
        assert doc.url and doc.url.startswith("https://help.nubefon.example/articles/")
        assert 80 <= len(doc.body.split()) <= 200, doc.source_id
    assert len({d.url for d in kb}) == len(kb)


def test_kb_leaves_the_planted_gaps_open(kb: list[Any], world: dict[str, Any]) -> None:
    words = re.compile(r"portabilidad|port[- ]?out|number transfer|refund|reembolso|devoluci|baja")
    for doc in kb:
        assert not words.search((doc.title + " " + doc.body).lower()), doc.source_id
    # the port-out gap is answered by a third party: the forum's accepted answer
    topic = next(t for t in world["forum"]["topics"] if "accepted_answer_post" in t)
    answer = topic["posts"][topic["accepted_answer_post"] - 1]
    assert "portabilidad" in answer["cooked"].lower()
    assert answer["username"] not in world["brand"]["accounts"]["forum"]


def test_customers_link_handles_that_exist(world: dict[str, Any]) -> None:
    with (DEMO / "customers.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["customer_id", "name", "email", "reddit", "youtube", "forum"]
        rows = list(reader)
    assert 4 <= len(rows) <= 6
    assert len({r["customer_id"] for r in rows}) == len(rows)
    known = {
        "reddit": {a for p, a, _ in all_texts(world) if p == "reddit"},
        "youtube": {c["author_channel_id"] for c in world["youtube"]["comments"]},
        "forum": {p["username"] for t in world["forum"]["topics"] for p in t["posts"]},
    }
    linked = 0
    for row in rows:
        for platform, handles in known.items():
            for handle in filter(None, row[platform].split(";")):
                linked += handle in handles
    assert linked >= 4
