"""Where a brand post answers: the conversation a post belongs to.

A Reddit submission or a forum topic is one conversation: the brand's reply anywhere in it answers
the posts before it (``thread_id``). A YouTube video is not: its comments are many conversations
(the API's comment threads), a top-level comment and the replies under it, and the brand's reply
to one commenter answers nobody else under the video. A brand post also answers the post it
replies to (its ``parent_id``): a top-level comment on a customer's video answers the video.

:func:`answers` is the one rule; the status stage (needs_reply), the tickets stage (a ticket
opened by a post answered later), the ticket's first response and the KPIs all use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from crawlers.items import as_utc
from pipelines.models import Mention as MentionRow
from pipelines.models import Reply

CHUNK = 200  # threads per query


def conversation(platform: str, thread_id: str | None, parent_id: str | None,
                 source_id: str) -> str | None:  # fmt: skip
    """The conversation's id: the thread, or on YouTube a comment's top-level comment."""
    if platform == "youtube" and thread_id and source_id != thread_id:
        return parent_id if parent_id and parent_id != thread_id else source_id
    return thread_id


@dataclass(frozen=True)
class Said:
    """A brand post (or a reply sent through listenpost) where it was said."""

    platform: str
    thread_id: str
    conversation: str | None
    parent_id: str | None
    at: datetime
    source_id: str | None = None  # a stored post's own id


def of(post: Any) -> str | None:
    """:func:`conversation` of a post (a stored row or an item)."""
    return conversation(post.platform, post.thread_id, post.parent_id, post.source_id)


def answers(brand: Said, post: Any) -> bool:
    """The brand post answers ``post``: later, in the same thread, and in its conversation or
    replying to it."""
    return (
        brand.platform == post.platform
        and brand.thread_id == post.thread_id
        and brand.at > as_utc(post.created_at)
        and (brand.conversation == of(post) or brand.parent_id == post.source_id)
    )


def said_in(
    session: Session, threads: Iterable[tuple[str, str | None]], sent: bool = True
) -> dict[tuple[str, str], list[Said]]:
    """(platform, thread_id) -> what the brand said there: its stored posts and (``sent``) the
    replies agents sent through listenpost, which reply to their target post."""
    keys = sorted({(p, t) for p, t in threads if t})
    out: dict[tuple[str, str], list[Said]] = {}
    for start in range(0, len(keys), CHUNK):
        part = [and_(MentionRow.platform == p, MentionRow.thread_id == t)
                for p, t in keys[start : start + CHUNK]]  # fmt: skip
        for row in session.execute(
            select(MentionRow.platform, MentionRow.thread_id, MentionRow.parent_id,
                   MentionRow.source_id, MentionRow.created_at)
            .where(MentionRow.by_brand.is_(True), or_(*part))
        ):  # fmt: skip
            out.setdefault((row.platform, row.thread_id), []).append(
                Said(
                    row.platform,
                    row.thread_id,
                    of(row),
                    row.parent_id,
                    as_utc(row.created_at),
                    row.source_id,
                )  # fmt: skip
            )
        if not sent:
            continue
        for row in session.execute(
            select(MentionRow.platform, MentionRow.thread_id, MentionRow.parent_id,
                   MentionRow.source_id, Reply.sent_at)
            .join(Reply, Reply.mention_id == MentionRow.id)
            .where(Reply.status == "sent", Reply.sent_at.is_not(None), or_(*part))
        ):  # fmt: skip
            out.setdefault((row.platform, row.thread_id), []).append(reply_to(row, row.sent_at))
    return out


def reply_to(post: Any, at: datetime) -> Said:
    """A reply the brand sent to ``post``: it joins the post's conversation (a reply to a
    YouTube video starts its own)."""
    talk = of(post)
    if post.platform == "youtube" and talk == post.thread_id:
        talk = None
    return Said(post.platform, post.thread_id or "", talk, post.source_id, as_utc(at))


def _said_by_items(items: Iterable[Any]) -> dict[tuple[str, str], list[Said]]:
    """The same for brand posts not stored yet (a batch)."""
    out: dict[tuple[str, str], list[Said]] = {}
    for b in items:
        if getattr(b, "by_brand", False) and b.thread_id:
            out.setdefault((b.platform, b.thread_id), []).append(
                Said(b.platform, b.thread_id, of(b), b.parent_id, as_utc(b.created_at))
            )
    return out


def _last_answer(post: Any, said: dict[tuple[str, str], list[Said]]) -> datetime | None:
    """When the brand last answered ``post`` (None: never)."""
    times = [s.at for s in said.get((post.platform, post.thread_id), []) if answers(s, post)]
    return max(times) if times else None


def answered(session: Session, posts: list[Any], batch: Iterable[Any]) -> set[int]:
    """``id()`` of the ``posts`` the brand answered later: a stored brand post, a reply sent
    through listenpost, or a brand post of ``batch`` not stored yet."""
    said = said_in(session, {(p.platform, p.thread_id) for p in posts})
    for key, more in _said_by_items(batch).items():
        said.setdefault(key, []).extend(more)
    return {id(p) for p in posts if p.thread_id and _last_answer(p, said) is not None}
