"""The item schema bounds what comes from outside: dates, identifiers, free text, counts and the
raw payload; importers and payload mappers turn every malformed record into one BadRecord line."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from crawlers.api import reddit, youtube
from crawlers.exceptions import BadRecord
from crawlers.importers import kb_from_record, mention_from_record, read_crm_text, read_jsonl
from crawlers.items import (
    INT_MAX,
    MAX_TEXT,
    RAW_MAX_BYTES,
    Engagement,
    HelpDoc,
    Mention,
    clamp_date,
)

GOOD = {"id": "r-1", "platform": "reddit", "author": "maria", "text": "billed twice"}


def _bad(record: dict[str, Any]) -> str:
    with pytest.raises(BadRecord) as err:
        mention_from_record(record)
    return str(err.value)


@pytest.mark.parametrize(
    "created",
    [
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "0001-01-01T00:00:00+14:00",  # before year 1 in UTC
        "9999-12-31T23:59:59-14:00",  # after year 9999 in UTC
        "1989-12-31T23:59:59Z",
    ],
)
def test_dates_out_of_range_are_one_line_errors(created: str) -> None:
    message = _bad({**GOOD, "created_at": created})
    assert message.startswith("field 'created_at': ") and "out of range" in message
    assert "\n" not in message


def test_dates_at_the_ends_of_the_range_are_kept() -> None:
    first = mention_from_record({**GOOD, "created_at": "1990-01-01T00:00:00Z"})
    assert first.created_at == datetime(1990, 1, 1, tzinfo=UTC)
    soon = (datetime.now(UTC) + timedelta(hours=20)).isoformat()
    assert mention_from_record({**GOOD, "created_at": soon}).created_at > datetime.now(UTC)
    tomorrow = (datetime.now(UTC) + timedelta(days=1, hours=1)).isoformat()
    assert "out of range" in _bad({**GOOD, "created_at": tomorrow})


def test_mapped_datetimes_out_of_range_are_refused_by_the_schema() -> None:
    with pytest.raises(ValueError, match="out of range"):
        Mention(platform="reddit", source_id="a", author="b", created_at=datetime(1, 1, 1))
    with pytest.raises(ValueError, match="out of range"):
        HelpDoc(source="kb", source_id="a", title="t", body="b", fetched_at=datetime(9999, 1, 1))


def test_clamp_moves_stored_dates_into_the_range() -> None:
    assert clamp_date(datetime(1, 1, 1)) == datetime(1990, 1, 1, tzinfo=UTC)
    assert clamp_date(datetime(9999, 12, 31, 23, 59)) <= datetime.now(UTC) + timedelta(days=1)
    ok = datetime(2026, 11, 1, tzinfo=UTC)
    assert clamp_date(ok) == ok


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("id", "x" * 256, "field 'source_id': longer than 255 characters"),
        ("thread_id", "t" * 256, "field 'thread_id': longer than 255 characters"),
        ("parent_id", "p\x00", "field 'parent_id': contains a control character"),
        ("id", "a\ud800", "field 'source_id': contains a control character"),
        ("lang", "english-language!", "field 'lang': longer than 16 characters"),
        ("url", "https://x.example/" + "a" * 5000, "field 'url': longer than 4096 characters"),
    ],
)
def test_identifiers_past_their_column_are_refused(field: str, value: str, expected: str) -> None:
    assert _bad({**GOOD, field: value}) == expected


def test_free_text_is_cut_to_its_column() -> None:
    item = mention_from_record(
        {**GOOD, "author": "a" * 300, "title": "t" * 50_000, "text": "x\x00y\ud800" + "z" * 50_000}
    )
    assert len(item.author) == 255
    assert len(item.title or "") == MAX_TEXT and len(item.text) == MAX_TEXT
    assert item.text.startswith("xy\ufffd")
    doc = kb_from_record({"id": "kb-1", "title": "T", "body": "B", "category": "c" * 100})
    assert doc.category == "c" * 64
    doc = HelpDoc(source="third_party", source_id="s", title="T", body="B", author="ab\n" * 200)
    assert doc.author == "ab" * 127 + "a"  # newlines removed, then cut to 255


def test_counts_saturate_at_the_integer_columns() -> None:
    e = Engagement(score=-(10**30), replies=10**30, views=5_000_000_000)
    assert (e.score, e.replies, e.views) == (-INT_MAX, INT_MAX, INT_MAX)
    assert HelpDoc(source="kb", source_id="s", title="T", body="B", score=10**20).score == INT_MAX


def test_a_large_raw_payload_is_kept_as_a_marker() -> None:
    big = {**GOOD, "text": "y" * (RAW_MAX_BYTES + 1)}
    item = mention_from_record(big)
    assert item.raw == {"truncated": True, "bytes": len(json.dumps(big)), "keys": list(big)}
    small = mention_from_record(GOOD)
    assert small.raw == GOOD
    odd = Mention(
        platform="reddit", source_id="a", author="b", created_at=datetime(2026, 1, 1),
        raw={"score": float("nan"), "name": "x\udcff"},
    )  # fmt: skip
    assert odd.raw == {"truncated": True, "bytes": None, "keys": ["score", "name"]}


def _lines(tmp_path: Path, data: bytes) -> list[str]:
    path = tmp_path / "m.jsonl"
    path.write_bytes(data)
    return [str(item) for _, item in read_jsonl(path, mention_from_record)]


def test_json_failures_are_one_line_skips(tmp_path: Path) -> None:
    good = json.dumps(GOOD).encode()
    nul = b'{"id": "a", "platform": "reddit", "author": "x", "text": "a\x00b"}'
    deep = b"[" * 100_000 + b"]" * 100_000
    digits = b'{"id": ' + b"9" * 5000 + b', "platform": "reddit", "author": "x", "text": "t"}'
    out = _lines(tmp_path, b"\n".join([nul, deep, digits, b"\xff\xfe", good]) + b"\n")
    assert out[0] == "invalid JSON: Invalid control character at column 60"
    assert out[1] == "invalid JSON: nested too deeply"
    assert out[2].startswith("invalid JSON: Exceeds the limit (4300 digits)")
    assert out[3] == "not valid UTF-8"
    assert out[4].startswith("platform='reddit' source_id='r-1'")  # the good line's item
    assert all("\n" not in line and " at at " not in line for line in out)


def test_crm_text_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "crm.csv"
    path.write_bytes(b"customer_id,name,email,reddit,youtube,forum\nC-1,Ana,,,,\nC-2,\xff,,,,\n")
    with pytest.raises(BadRecord, match=r"^crm.csv:3: not valid UTF-8$"):
        read_crm_text(path)
    path.write_bytes(b"customer_id,name,email,reddit,youtube,forum\nC-1,A\x00na,,,,\n")
    with pytest.raises(BadRecord, match=r"^crm.csv:2: a NUL byte$"):
        read_crm_text(path)


REDDIT_POST = {"id": "abc", "name": "t3_abc", "author": "maria", "title": "Billed twice",
               "selftext": "again", "created_utc": 1_763_000_000.0}  # fmt: skip
YT_SNIPPET = {"textOriginal": "no signal", "authorDisplayName": "Ana",
              "publishedAt": "2026-11-18T10:00:00Z"}  # fmt: skip
YT_COMMENT = {"id": "c1", "snippet": YT_SNIPPET}
YT_LATE = {"id": "c2", "snippet": {**YT_SNIPPET, "publishedAt": "9999-12-31T23:59:59-14:00"}}


@pytest.mark.parametrize(
    ("mapper", "payload", "message"),
    [
        (reddit.submission_to_mention, {**REDDIT_POST, "created_utc": 1e20}, "malformed payload"),
        (reddit.submission_to_mention, {**REDDIT_POST, "created_utc": 0}, "out of range"),
        (reddit.submission_to_mention, {"name": "t3_x", "id": "x"}, "missing field 'created_utc'"),
        (reddit.comment_to_mention, {**REDDIT_POST, "link_id": ["x"]}, "malformed payload"),
        (reddit.submission_to_mention, {**REDDIT_POST, "score": "lots"}, "malformed payload"),
        (youtube.comment_to_mention, YT_LATE, "malformed payload"),
        (youtube.video_to_mention, {"id": "v1", "snippet": {}}, "missing field 'publishedAt'"),
        (youtube.thread_to_mentions, {"snippet": "x"}, "malformed payload"),
        (youtube.thread_to_mentions, {"snippet": {}}, "missing field 'topLevelComment'"),
    ],
)  # fmt: skip
def test_mappers_raise_only_bad_record(mapper: Any, payload: dict[str, Any], message: str) -> None:
    args = (payload, None) if mapper is youtube.comment_to_mention else (payload,)
    with pytest.raises(BadRecord, match=message):
        mapper(*args)


def test_mappers_still_map_good_payloads() -> None:
    assert reddit.submission_to_mention(REDDIT_POST).source_id == "t3_abc"
    assert youtube.comment_to_mention(YT_COMMENT, "v1").text == "no signal"


def test_strangers_text_in_messages_is_one_printable_line() -> None:
    assert _bad({**GOOD, "\n\nx": 1}) == "unknown field '\\x0a\\x0ax'"
    message = _bad({**GOOD, "platform": "my\u202espace\x00"})
    assert message.startswith("field 'platform': 'my\\u202espace\\x00' is not one of")
    assert _bad({**GOOD, "created_at": "\ud800"}) == "field 'created_at': '\\ud800' is not ISO 8601"
