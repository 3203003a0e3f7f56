"""The records every collector emits. No Scrapy import: Scrapy handles pydantic models through
itemadapter, and the API crawlers and importers use the same classes.

The raw payload is kept for re-mapping but stays out of reprs and logs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

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


class Engagement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    score: int = 0
    replies: int = 0
    views: int = 0


class Mention(BaseModel):
    """One public post, comment, video or answer, from any platform."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    platform: Platform
    source_id: str = Field(min_length=1, max_length=255)
    kind: MentionKind = "post"
    thread_id: str | None = None
    parent_id: str | None = None
    url: str | None = None
    author: str = Field(min_length=1, max_length=255)
    author_id: str | None = None  # the platform's stable account id, when it has one
    title: str | None = None
    text: str = ""
    lang: str | None = None
    created_at: datetime
    collected_at: datetime = Field(default_factory=utcnow)
    engagement: Engagement = Engagement()
    by_brand: bool = False
    content_type: ContentType = "mention"
    raw: dict[str, Any] | None = Field(default=None, repr=False)
    content_hash: str | None = None
    # Set by the classify stage (400): complaint probability, sentiment (score = P(pos) - P(neg))
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
    # Set by dedup (300): the stored mention this one repeats (first seen); status (500): "open",
    # "answered" or None (not a complaint); triage (550): topic and team.
    duplicate_of_id: int | None = None
    status: str | None = None
    topic: str | None = None
    team: str | None = None
    # What a stage hands on to the store (identity 600, tickets 700); not part of the record.
    notes: dict[str, Any] = Field(default_factory=dict, repr=False, exclude=True)

    @field_validator("created_at", "collected_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return as_utc(value)


class HelpDoc(BaseModel):
    """A knowledge-base article: the brand's own (source="kb") or third-party help content
    (source="third_party": accepted answers, help-subreddit answers, tutorial videos)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    source: Literal["kb", "third_party"]
    source_id: str = Field(min_length=1, max_length=255)
    title: str = Field(min_length=1)
    body: str = Field(min_length=1)
    url: str | None = None
    lang: str | None = None
    author: str | None = None
    score: int = 0
    category: str | None = None
    platform: str | None = None  # where third-party content came from
    fetched_at: datetime = Field(default_factory=utcnow)
    content_hash: str | None = None

    @field_validator("fetched_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return as_utc(value)


Item = Mention | HelpDoc
