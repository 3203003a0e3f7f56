"""Fuzz targets over the input edges: the JSONL importers and the Reddit, YouTube and Discourse
payload mappers. Each target takes bytes (from atheris, or from a regression case) and checks
the invariant: a record maps to a valid item (within the schema's limits) or to BadRecord with a
one-line message; no other exception leaves.

Payloads start from a realistic template of each platform and have a few values replaced,
removed or nested deeply, chosen by the bytes: dates at the ends of the calendar with every
offset, integers past 64 bits, NaN and infinities, control characters, lone surrogates, wrong
types, deep nesting.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from typing import Any

from crawlers.exceptions import BadRecord
from crawlers.items import EARLIEST, MAX_TEXT, MAX_URL, HelpDoc, Mention, latest

sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))

REDDIT_POST = {
    "id": "abc", "name": "t3_abc", "author": "maria", "author_fullname": "t2_x",
    "title": "Billed twice?", "selftext": "again this month", "created_utc": 1_763_000_000.0,
    "subreddit": "nubefon", "permalink": "/r/nubefon/comments/abc/billed/", "score": 3,
    "num_comments": 1, "link_flair_text": "Help",
}  # fmt: skip
REDDIT_COMMENT = {
    "id": "c1", "name": "t1_c1", "author": "helper", "body": "Call billing, they refund it",
    "created_utc": 1_763_000_100.0, "link_id": "t3_abc", "parent_id": "t3_abc", "score": 9,
    "subreddit": "nubefon",
    "replies": {"data": {"children": [{"kind": "t1"},
                                      {"kind": "more", "data": {"children": ["a"]}}]}},
}  # fmt: skip
YT_VIDEO = {
    "kind": "youtube#video", "id": "v1",
    "snippet": {"publishedAt": "2026-11-18T10:00:00Z", "channelId": "UC1", "channelTitle": "Ana",
                "title": "How to fix the Nubefon router", "description": "tutorial",
                "defaultAudioLanguage": "en"},
    "statistics": {"viewCount": "1234", "likeCount": "12", "commentCount": "3"},
}  # fmt: skip
YT_COMMENT = {
    "id": "c1",
    "snippet": {"videoId": "v1", "textOriginal": "no signal", "textDisplay": "no <b>signal</b>",
                "authorDisplayName": "Ana", "authorChannelId": {"value": "UC2"},
                "publishedAt": "2026-11-18T10:00:00Z", "likeCount": 2, "parentId": None},
}  # fmt: skip
YT_THREAD = {
    "id": "t1",
    "snippet": {"videoId": "v1", "channelId": "UC1", "totalReplyCount": 1,
                "topLevelComment": YT_COMMENT},
    "replies": {"comments": [{**YT_COMMENT, "id": "c2"}]},
}  # fmt: skip
DISCOURSE_POST = {
    "id": 11, "post_number": 2, "username": "helper", "user_id": 7,
    "cooked": "<p>Restart the <b>router</b></p>", "created_at": "2026-11-18T10:00:00.000Z",
    "reply_to_post_number": 1, "reply_count": 0, "reads": 5, "accepted_answer": True,
    "actions_summary": [{"id": 2, "count": 3}],
}  # fmt: skip
IMPORT_MENTION = {
    "id": "r-1", "platform": "reddit", "author": "maria_q", "text": "Billed twice this month",
    "created_at": "2026-11-18T10:00:00Z", "lang": "en", "title": "Billing", "url": "https://x.example/1",
    "thread_id": "t1", "parent_id": "p1", "by_brand": False,
}  # fmt: skip
IMPORT_KB = {"id": "kb-1", "title": "Reset", "body": "Hold the button", "url": "https://h.example",
             "lang": "en", "category": "router"}  # fmt: skip

DATES = [
    "0001-01-01T00:00:00+14:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59-14:00",
    "9999-12-31T23:59:59Z", "1989-12-31T23:59:59Z", "1990-01-01T00:00:00-00:01",
    "2026-11-18T10:00:00.000Z", "2026-02-30T00:00:00Z", "", "T", "now",
]  # fmt: skip
NUMBERS = [0, -1, 2**31, -(2**31) - 1, 2**63, 2**64 + 1, -(2**70), 10**300, 1e308, -1e308,
           float("nan"), float("inf"), float("-inf"), 1e20, -62_135_596_801,
           253_402_300_800]  # fmt: skip
STRINGS = ["", " ", "\x00", "a\x00b", "\ud800", "x\udfff", "\u202e", "\r\n\t", "a" * 300,
           "é" * 70_000, "t3_" + "9" * 400, "javascript:alert(1)", "0", "true"]  # fmt: skip


class Source:
    """Draws from fuzz bytes (an atheris.FuzzedDataProvider or a plain byte string)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def byte(self) -> int:
        if self.pos >= len(self.data):
            return 0
        self.pos += 1
        return self.data[self.pos - 1]

    def pick(self, options: list[Any]) -> Any:
        return options[self.byte() % len(options)]

    def text(self) -> str:
        n = self.byte() % 24
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk.decode("utf-8", "surrogateescape")

    def value(self, depth: int = 0) -> Any:
        kind = self.byte() % 10
        if kind == 0:
            return self.pick(DATES)
        if kind == 1:
            return self.pick(NUMBERS)
        if kind == 2:
            return self.pick(STRINGS)
        if kind == 3:
            return self.text()
        if kind == 4:
            return None
        if kind == 5:
            return bool(self.byte() & 1)
        if kind == 6 and depth < 3:
            return [self.value(depth + 1) for _ in range(self.byte() % 3)]
        if kind == 7 and depth < 3:
            return {self.text(): self.value(depth + 1) for _ in range(self.byte() % 3)}
        if kind == 8:
            deep: Any = []
            for _ in range(self.byte() * 40):  # up to 10,200 levels
                deep = [deep]
            return deep
        return int.from_bytes(self.data[self.pos : self.pos + 9] or b"\x00", "big", signed=True)


def _slots(obj: Any, depth: int = 0) -> list[tuple[Any, Any]]:
    """(container, key) of every value in the first few levels of a payload."""
    out: list[tuple[Any, Any]] = []
    if depth > 4:
        return out
    items = (
        obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else []
    )
    for key, value in list(items):
        out.append((obj, key))
        if isinstance(value, dict | list):
            out.extend(_slots(value, depth + 1))
    return out


def mutate(src: Source, template: dict[str, Any]) -> dict[str, Any]:
    payload = copy.deepcopy(template)
    for _ in range(1 + src.byte() % 4):
        slots = _slots(payload)
        if not slots:
            break
        container, key = src.pick(slots)
        action = src.byte() % 4
        if action == 0 and isinstance(container, dict):
            del container[key]
        elif action == 1 and isinstance(container, dict):
            container[src.text()] = src.value()
        else:
            container[key] = src.value()
    return payload


def check_item(item: Any) -> None:
    """An item the schema let through fits every column it will be stored in."""
    if item is None:
        return
    if isinstance(item, list):
        for one in item:
            check_item(one)
        return
    assert isinstance(item, Mention | HelpDoc), type(item)
    if isinstance(item, Mention):
        assert EARLIEST <= item.created_at <= latest(), item.created_at
        assert 1 <= len(item.source_id) <= 255 and len(item.author) <= 255
        for ident in (item.thread_id, item.parent_id, item.author_id):
            assert ident is None or len(ident) <= 255
        assert len(item.text) <= MAX_TEXT and len(item.title or "") <= MAX_TEXT
        assert item.url is None or len(item.url) <= MAX_URL
        assert all(abs(n) < 2**31 for n in item.engagement.model_dump().values())
        json.dumps(item.raw, allow_nan=False, ensure_ascii=False).encode("utf-8")
    else:
        assert len(item.source_id) <= 255 and len(item.author or "") <= 255
        assert len(item.body) <= MAX_TEXT and len(item.category or "") <= 64
    for value in item.model_dump(exclude={"raw"}).values():
        if isinstance(value, str):
            value.encode("utf-8")  # storable: no lone surrogates


def guarded(call: Callable[[], Any]) -> None:
    """Run one mapping: an item within limits, or BadRecord with a one-line message."""
    try:
        item = call()
    except BadRecord as exc:
        message = str(exc)
        assert message and "\n" not in message, repr(message)
        return
    check_item(item)


# -- targets ---------------------------------------------------------------------------------


def importers(data: bytes) -> None:
    from crawlers.importers import kb_from_record, mention_from_record, read_line

    src = Source(data)
    mode = src.byte() % 3
    if mode == 0:  # the line's bytes as they are: invalid UTF-8, broken or deep JSON
        line = data[1:]
    else:
        template = IMPORT_MENTION if mode == 1 else IMPORT_KB
        try:
            text = json.dumps(mutate(src, template))
        except RecursionError:  # too deep for the encoder: such lines come as raw bytes above
            return
        line = text.encode("utf-8", "surrogatepass")
    for mapper in (mention_from_record, kb_from_record):
        result = read_line(line, mapper)
        if isinstance(result, BadRecord):
            assert "\n" not in str(result)
        else:
            check_item(result)


def reddit(data: bytes) -> None:
    from crawlers.api import reddit as r

    src = Source(data)
    post, comment = mutate(src, REDDIT_POST), mutate(src, REDDIT_COMMENT)
    guarded(lambda: r.submission_to_mention(post, ["nubefon"]))
    guarded(lambda: r.comment_to_mention(comment, ["helper"]))
    guarded(lambda: r.comment_to_helpdoc(comment, post, 1))


def youtube(data: bytes) -> None:
    from crawlers.api import youtube as y

    src = Source(data)
    video, comment, thread = mutate(src, YT_VIDEO), mutate(src, YT_COMMENT), mutate(src, YT_THREAD)
    brand = frozenset({"UC1"})
    guarded(lambda: y.video_to_mention(video, brand))
    guarded(lambda: y.video_to_helpdoc(video, brand))
    guarded(lambda: y.comment_to_mention(comment, None, brand=brand))
    guarded(lambda: y.thread_to_mentions(thread, brand))


def discourse(data: bytes) -> None:
    from config.settings import ForumSite
    from crawlers.spiders.discourse import DiscourseSpider, Topic, post_to_mention

    src = Source(data)
    post = mutate(src, DISCOURSE_POST)
    spider = DiscourseSpider()
    spider.brand_accounts = {"nubefon_team"}
    site = ForumSite(name="forum", kind="discourse", url="https://forum.example")
    topic = Topic(site=site, id=5, slug="router", title="Router drops", listed=[],
                  accepted_number=2, views=10, first_id=10, numbers={1: 10})  # fmt: skip
    guarded(lambda: post_to_mention(spider, topic, post))


TARGETS: dict[str, Callable[[bytes], None]] = {
    "importers": importers,
    "reddit": reddit,
    "youtube": youtube,
    "discourse": discourse,
}
