"""The records every collector emits. No Scrapy import: Scrapy handles pydantic models through
itemadapter, and the API crawlers and importers use the same classes.

This is the one place where input from outside (import files, crawled payloads) is bounded to
what the database holds (docs/configuration.md, "Limits on input"):

- dates between ``EARLIEST`` (1990-01-01) and a day from now, any UTC offset;
- identifiers (source, thread, parent and account ids, platform, language, URL) within their
  column's length and free of control characters and lone surrogates: a record with a bad one
  is refused with ``BadRecord``;
- free text (author, title, text, body, category, topic, team) cut to its column's length, NUL
  bytes removed and lone surrogates replaced;
- counts saturated at the 32-bit range of their columns;
- the raw payload kept only up to ``RAW_MAX_BYTES`` of JSON; a larger one (or one that is not
  plain JSON) is kept as a marker with its size and keys.

The raw payload is kept for re-mapping but stays out of reprs and logs. Mappers from a platform's
JSON to an item are wrapped in :func:`payload_mapper`: they return an item or raise
``BadRecord``, never anything else.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

from crawlers.exceptions import BadRecord

Platform = Literal["reddit", "youtube", "forum", "import", "other"]
MentionKind = Literal["post", "comment", "video", "answer", "article"]
ContentType = Literal["mention", "help"]


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Aware UTC datetime from an aware or naive (taken as UTC) one."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)  # no public post a care team answers is older
FUTURE_SLACK = timedelta(days=1)  # clocks and time zones of sources that are a little ahead
MAX_TEXT = 40_000  # characters kept of a post's text or title, an article's title or body
MAX_URL = 4_096  # characters of a URL
RAW_MAX_BYTES = 65_536  # UTF-8 bytes of the raw payload's JSON kept whole
INT_MAX = 2**31 - 1  # the database's INTEGER columns

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def has_control(value: str) -> bool:
    """A control character (C0 or DEL) or a lone surrogate in ``value``."""
    return bool(_CONTROL.search(value) or _SURROGATE.search(value))


def latest() -> datetime:
    """The latest date accepted from a source now."""
    return utcnow() + FUTURE_SLACK


def date_range_message() -> str:
    return f"{EARLIEST:%Y-%m-%d} to a day from now"


def in_range(value: datetime) -> datetime:
    """``value`` in UTC, or BadRecord when it is outside ``EARLIEST`` .. ``latest()`` (also
    when its UTC offset carries it past the calendar's ends)."""
    try:
        utc = as_utc(value)
    except OverflowError:
        utc = None
    if utc is None or not EARLIEST <= utc <= latest():
        raise BadRecord(f"{value.isoformat()} is out of range ({date_range_message()})")
    return utc


FAR_FUTURE = datetime(9000, 1, 1, tzinfo=UTC)  # past any deadline; room for date arithmetic


def clamp_date(value: datetime, upper: datetime | None = None) -> datetime:
    """A stored date moved into ``EARLIEST`` .. ``upper`` (default ``latest()``): rows written
    before the range was enforced never break the date arithmetic of whoever reads them."""
    upper = latest() if upper is None else upper
    try:
        utc = as_utc(value)
    except OverflowError:
        return EARLIEST if value.year < 2000 else upper
    return min(max(utc, EARLIEST), upper)


def _date(value: datetime) -> datetime:
    try:
        return in_range(value)
    except BadRecord as exc:
        raise PydanticCustomError("date_range", str(exc)) from None


def _ident(limit: int) -> BeforeValidator:
    """An identifier: refused when longer than ``limit`` or with a control character."""

    def check(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if len(value) > limit:
            raise PydanticCustomError(
                "too_long", "longer than {limit} characters", {"limit": limit}
            )
        if has_control(value):
            raise PydanticCustomError("bad_character", "contains a control character")
        return value

    return BeforeValidator(check)


def _capped(limit: int, single_line: bool) -> BeforeValidator:
    """Free text: cut to ``limit`` characters, no NUL (no control characters at all when
    ``single_line``), lone surrogates replaced."""

    def cap(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = _SURROGATE.sub("\ufffd", value)
        value = _CONTROL.sub("", value) if single_line else value.replace("\x00", "")
        return value[:limit]

    return BeforeValidator(cap)


def _count(value: int) -> int:
    return max(-INT_MAX, min(value, INT_MAX))


def bounded_raw(raw: dict[str, Any] | None) -> dict[str, Any] | None:
    """The raw payload as stored: itself when its JSON is plain (no NaN, no lone surrogates)
    and at most ``RAW_MAX_BYTES``; otherwise a marker with its size and first keys."""
    if raw is None:
        return None
    try:
        size = len(json.dumps(raw, ensure_ascii=False, allow_nan=False).encode("utf-8"))
    except (TypeError, ValueError, RecursionError, UnicodeEncodeError):
        size = None
    if size is not None and size <= RAW_MAX_BYTES:
        return raw
    keys = [k[:64] for k in list(raw)[:32] if isinstance(k, str) and not _SURROGATE.search(k)]
    return {"truncated": True, "bytes": size, "keys": keys}


Ident = Annotated[str, _ident(255)]
ShortText = Annotated[str, _capped(255, single_line=True)]
Label = Annotated[str, _capped(64, single_line=True)]
LongText = Annotated[str, _capped(MAX_TEXT, single_line=False)]
Url = Annotated[str, _ident(MAX_URL)]
Lang = Annotated[str, _ident(16)]
Count = Annotated[int, AfterValidator(_count)]


class Engagement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    score: Count = 0
    replies: Count = 0
    views: Count = 0


class Mention(BaseModel):
    """One public post, comment, video or answer, from any platform."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    platform: Platform
    source_id: Ident = Field(min_length=1)
    kind: MentionKind = "post"
    thread_id: Ident | None = None
    parent_id: Ident | None = None
    url: Url | None = None
    author: ShortText = Field(min_length=1)
    author_id: Ident | None = None  # the platform's stable account id, when it has one
    title: LongText | None = None
    text: LongText = ""
    lang: Lang | None = None
    created_at: datetime
    collected_at: datetime = Field(default_factory=utcnow)
    engagement: Engagement = Engagement()
    by_brand: bool = False
    content_type: ContentType = "mention"
    raw: dict[str, Any] | None = Field(default=None, repr=False)
    content_hash: str | None = None
    # Set by the classify stage: complaint probability, sentiment (score = P(pos) - P(neg))
    # and severity cues (safety, legal, cancel, amplification).
    is_complaint: bool | None = None
    complaint_score: float | None = Field(default=None, ge=0.0, le=1.0)
    sentiment: Literal["negative", "neutral", "positive"] | None = None
    sentiment_score: float | None = Field(default=None, ge=-1.0, le=1.0)
    severity: list[str] | None = None
    # What the post is (complaint, question, praise, answer, other) and whether the brand owes it
    # a public reply now (set by classify and status).
    role: Literal["complaint", "question", "praise", "answer", "other"] | None = None
    needs_reply: bool | None = None
    # Set by dedup: the stored mention this one repeats (first seen); status: "open",
    # "answered" or None (not a complaint); triage: topic and team.
    duplicate_of_id: int | None = None
    status: str | None = None
    topic: Label | None = None
    team: Label | None = None
    # What a stage hands on to the store (identity 600, tickets 700); not part of the record.
    notes: dict[str, Any] = Field(default_factory=dict, repr=False, exclude=True)

    @field_validator("created_at", "collected_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return _date(value)

    @field_validator("raw")
    @classmethod
    def _raw(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        return bounded_raw(value)


class HelpDoc(BaseModel):
    """A knowledge-base article: the brand's own (source="kb") or third-party help content
    (source="third_party": accepted answers, help-subreddit answers, tutorial videos)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    source: Literal["kb", "third_party"]
    source_id: Ident = Field(min_length=1)
    title: LongText = Field(min_length=1)
    body: LongText = Field(min_length=1)
    url: Url | None = None
    lang: Lang | None = None
    author: ShortText | None = None
    score: Count = 0
    category: Label | None = None
    platform: Annotated[str, _ident(32)] | None = None  # where third-party content came from
    fetched_at: datetime = Field(default_factory=utcnow)
    content_hash: str | None = None

    @field_validator("fetched_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return _date(value)


Item = Mention | HelpDoc


def first_error(exc: ValidationError) -> str:
    """One line naming the first field a validation refused and why."""
    err = exc.errors(include_url=False)[0]
    where = ".".join(str(p) for p in err["loc"])
    return f"field '{where}': {err['msg']}"


def shown(text: str, limit: int = 64) -> str:
    """Part of a stranger's input as it may appear in a message: at most ``limit`` characters,
    on one line, anything unprintable (control, bidi, lone surrogate) as an escape."""
    return "".join(
        ch if ch.isprintable() else f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}"
        for ch in text[:limit]
    )


def one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return shown(lines[0], 200) if lines else type(exc).__name__


F = TypeVar("F", bound=Callable[..., Any])

# What a mapper meets on a malformed payload: a missing key, a value of the wrong type, a date
# or number past what Python or the schema holds, nesting past the recursion limit.
MALFORMED = (
    KeyError,
    TypeError,
    ValueError,
    AttributeError,
    IndexError,
    OverflowError,
    OSError,
    RecursionError,
)


def payload_mapper(fn: F) -> F:
    """Wrap a pure payload -> item function: a malformed payload raises BadRecord with one line
    naming what is wrong; nothing else leaves it."""

    @functools.wraps(fn)
    def mapped(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except BadRecord:
            raise
        except ValidationError as exc:
            raise BadRecord(first_error(exc)) from None
        except KeyError as exc:
            raise BadRecord(f"missing field {one_line(exc)}") from None
        except MALFORMED as exc:
            raise BadRecord(f"malformed payload: {type(exc).__name__}: {one_line(exc)}") from None

    return mapped  # type: ignore[return-value]
