"""Where a brand post answers: the conversation a post belongs to.

A Reddit submission or a forum topic is one conversation: the brand's reply anywhere in it answers
the posts before it (``thread_id``). A YouTube video is not: its comments are many conversations
(the API's comment threads), a top-level comment and the replies under it, and the brand's reply
to one commenter answers nobody else under the video. A brand post also answers the post it
replies to (its ``parent_id``): a top-level comment on a customer's video answers the video.

The API's replies name their top-level comment as parent; imported posts may name another reply.
A comment's conversation is the top-level comment reached by following the parents up
(:func:`parents_in` reads the replies of the videos at hand once, stored and not stored yet).

:func:`answers` is the one rule; the status stage (needs_reply), the tickets stage (a ticket
opened by a post answered later), the ticket's first response and the KPIs all use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from crawlers.items import as_utc
from pipelines.models import Mention as MentionRow
from pipelines.models import Reply

CHUNK = 200  # threads per query

Parents = Mapping[tuple[str, str], str]
"""(platform, source_id) -> parent_id of the YouTube replies known whose parent is a comment."""


def conversation(platform: str, thread_id: str | None, parent_id: str | None, source_id: str,
                 parents: Parents | None = None) -> str | None:  # fmt: skip
    """The conversation's id: the thread, or on YouTube a comment's top-level comment, the last
    comment reached up the chain of ``parents`` from the comment's parent. A parent not in
    ``parents`` ends the chain (the top-level comment as far as is known); a chain that loops
    ends at its smallest id, the same for every post in the loop."""
    if platform != "youtube" or not thread_id or source_id == thread_id:
        return thread_id
    path = [source_id]
    up = parent_id
    while up and up != thread_id:
        if up in path:
            return min(path[path.index(up) :])
        path.append(up)
        up = (parents or {}).get((platform, up))
    return path[-1]


@dataclass(frozen=True)
class Said:
    """A brand post (or a reply sent through listenpost) where it was said."""

    platform: str
    thread_id: str
    conversation: str | None
    parent_id: str | None
    at: datetime
    source_id: str | None = None  # a stored post's own id


def of(post: Any, parents: Parents | None = None) -> str | None:
    """:func:`conversation` of a post (a stored row or an item)."""
    return conversation(post.platform, post.thread_id, post.parent_id, post.source_id, parents)


def answers(brand: Said, post: Any, parents: Parents | None = None) -> bool:
    """The brand post answers ``post``: later, in the same thread, and in its conversation or
    replying to it."""
    return (
        brand.platform == post.platform
        and brand.thread_id == post.thread_id
        and brand.at > as_utc(post.created_at)
        and (brand.conversation == of(post, parents) or brand.parent_id == post.source_id)
    )


def parents_in(
    session: Session, threads: Iterable[tuple[str, str | None]], batch: Iterable[Any] = ()
) -> dict[tuple[str, str], str]:
    """:data:`Parents` of the YouTube ``threads``: their stored replies to a comment, and those
    of ``batch`` (posts not stored yet)."""
    videos = sorted({t for p, t in threads if p == "youtube" and t})
    out: dict[tuple[str, str], str] = {}
    for start in range(0, len(videos), CHUNK):
        for sid, parent in session.execute(
            select(MentionRow.source_id, MentionRow.parent_id).where(
                MentionRow.platform == "youtube",
                MentionRow.thread_id.in_(videos[start : start + CHUNK]),
                MentionRow.parent_id.is_not(None),
                MentionRow.parent_id != MentionRow.thread_id,
            )
        ):
            out["youtube", sid] = parent
    for b in batch:
        if b.platform == "youtube" and b.parent_id and b.parent_id != b.thread_id:
            out["youtube", b.source_id] = b.parent_id
    return out


class Heard(dict[tuple[str, str], list[Said]]):
    """(platform, thread_id) -> what the brand said there (:func:`said_in`), with the threads'
    ``parents`` that place a post in its conversation."""

    def __init__(self, parents: Parents) -> None:
        super().__init__()
        self.parents = parents

    def answering(self, post: Any) -> list[Said]:
        """What the brand said that answers ``post`` (:func:`answers`)."""
        return [
            s
            for s in self.get((post.platform, post.thread_id), [])
            if answers(s, post, self.parents)
        ]


def said_in(
    session: Session,
    threads: Iterable[tuple[str, str | None]],
    sent: bool = True,
    batch: Iterable[Any] = (),
) -> Heard:
    """(platform, thread_id) -> what the brand said there: its stored posts, (``sent``) the
    replies agents sent through listenpost, which reply to their target post, and the brand
    posts of ``batch`` not stored yet."""
    keys = sorted({(p, t) for p, t in threads if t})
    batch = list(batch)
    parents = parents_in(session, keys, batch)
    out = Heard(parents)
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
                    of(row, parents),
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
            said = reply_to(row, row.sent_at, parents)
            out.setdefault((row.platform, row.thread_id), []).append(said)
    for b in batch:
        if getattr(b, "by_brand", False) and b.thread_id:
            out.setdefault((b.platform, b.thread_id), []).append(
                Said(b.platform, b.thread_id, of(b, parents), b.parent_id, as_utc(b.created_at))
            )
    return out


def reply_to(post: Any, at: datetime, parents: Parents | None = None) -> Said:
    """A reply the brand sent to ``post``: it joins the post's conversation (a reply to a
    YouTube video starts its own)."""
    talk = of(post, parents)
    if post.platform == "youtube" and talk == post.thread_id:
        talk = None
    return Said(post.platform, post.thread_id or "", talk, post.source_id, as_utc(at))


def answered(session: Session, posts: list[Any], batch: Iterable[Any]) -> set[int]:
    """``id()`` of the ``posts`` the brand answered later: a stored brand post, a reply sent
    through listenpost, or a brand post of ``batch`` not stored yet."""
    said = said_in(session, {(p.platform, p.thread_id) for p in posts}, batch=batch)
    return {id(p) for p in posts if p.thread_id and said.answering(p)}
