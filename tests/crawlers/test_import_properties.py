"""Property tests at the import edge (Hypothesis): whatever a line holds (dates at the ends of
the calendar with any offset, integers past 64 bits, control characters, lone surrogates,
invalid UTF-8, deep JSON), reading it gives an item within the schema's limits or one BadRecord
line, never an exception."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawlers.exceptions import BadRecord
from crawlers.importers import kb_from_record, mention_from_record, read_line
from crawlers.items import EARLIEST, FUTURE_SLACK
from tests.fuzz.targets import check_item

FAST = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda m: timezone(timedelta(minutes=m))
)
dates = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59))
hostile_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0, max_codepoint=0x20),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
        st.characters(),
    ),
    max_size=300,
)
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**200), max_value=2**200),
    st.floats(allow_nan=True, allow_infinity=True), hostile_text,
)  # fmt: skip
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=8,
)
MENTION_FIELDS = ("id", "platform", "author", "text", "title", "url", "thread_id", "parent_id",
                  "created_at", "lang", "by_brand")  # fmt: skip
KB_FIELDS = ("id", "title", "body", "url", "lang", "category")


def _outcome(line: bytes, mapper: Any) -> Any:
    result = read_line(line, mapper)
    if isinstance(result, BadRecord):
        assert str(result) and "\n" not in str(result)
    else:
        check_item(result)
    return result


@FAST
@given(when=dates, zone=offsets)
def test_dates_anywhere_in_the_calendar(when: datetime, zone: timezone) -> None:
    stamp = when.replace(tzinfo=zone).isoformat()
    record = {"id": "a", "platform": "reddit", "author": "b", "text": "c", "created_at": stamp}
    result = _outcome(json.dumps(record).encode(), mention_from_record)
    try:
        utc = when.replace(tzinfo=zone).astimezone(UTC)
        inside = EARLIEST <= utc <= datetime.now(UTC) + FUTURE_SLACK
    except OverflowError:
        inside = False
    if inside:
        assert result.created_at == utc
    else:
        assert isinstance(result, BadRecord) and "out of range" in str(result)


@FAST
@given(
    record=st.fixed_dictionaries(
        {"id": st.one_of(hostile_text, st.integers()), "platform": st.just("forum"),
         "author": hostile_text, "text": hostile_text},
        optional={name: json_values for name in MENTION_FIELDS[4:]},
    )
)  # fmt: skip
def test_mention_records_of_any_content(record: dict[str, Any]) -> None:
    line = json.dumps(record).encode("utf-8", "surrogatepass")
    _outcome(line, mention_from_record)


@FAST
@given(record=st.dictionaries(st.sampled_from(KB_FIELDS), json_values, max_size=6))
def test_kb_records_of_any_content(record: dict[str, Any]) -> None:
    line = json.dumps(record).encode("utf-8", "surrogatepass")
    _outcome(line, kb_from_record)


@FAST
@given(line=st.binary(max_size=400))
def test_any_bytes(line: bytes) -> None:
    _outcome(line, mention_from_record)


@settings(max_examples=25, deadline=None, database=None)
@given(depth=st.integers(min_value=1, max_value=200_000), kind=st.sampled_from("[{"))
def test_deep_json(depth: int, kind: str) -> None:
    opening = "[" if kind == "[" else '{"a":'
    closing = "]" if kind == "[" else "}"
    line = (opening * depth + "0" + closing * depth).encode()
    result = _outcome(line, mention_from_record)
    assert isinstance(result, BadRecord)  # never a mention: not an object, or too deep


@FAST
@given(digits=st.integers(min_value=1, max_value=6000))
def test_long_numbers(digits: int) -> None:
    line = b'{"id": ' + b"9" * digits + b', "platform": "reddit", "author": "a", "text": "t"}'
    result = _outcome(line, mention_from_record)
    assert isinstance(result, BadRecord) == (digits > 255)
