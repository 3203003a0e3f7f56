"""Who can be in a knowledge gap (step 1 of indexer.gaps): the window's customer posts that
need a reply (``needs_reply``, kept by the status stage: not answered by the brand later in
their thread, not a copy of an answered post) and whose ``role`` is complaint or question.

Never members: answers, praise and other posts, posts not understood yet (no role), the brand's
own posts, help content, duplicates, posts their author marked solved later in the thread
("solved, thanks", "ya funciona"), follow-ups (a post in a ticket whose ``matter`` does not
include it, or a reply by an author who posted earlier in the same thread) and replies to
another post that ask nothing of the brand (a complaint: "same here"; a peer's advice; a
question to the peer: "did you ...?"). Reads the database only (no model).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from crawlers.items import as_utc
from pipelines.models import Mention, Ticket
from pipelines.models.db import Database
from pipelines.status import QUESTION, solved

logger = logging.getLogger(__name__)

MEMBER_ROLES = ("complaint", "question")


@dataclass
class Post:
    id: int
    source_id: str
    text: str
    lang: str | None
    role: str | None
    created_at: datetime
    title: str | None = None
    asker: str = ""  # who asks: the post's ticket (one customer's matter), else its author

    def who(self) -> str:
        """The asker, or the post itself when none is known."""
        return self.asker or f"post:{self.id}"


# a sentence that opens as a question without its mark ("is there any parental control ...")
_INTERROGATIVE = re.compile(
    r"(?:^|[.!\n]\s*)(?:is|are|does|do(?! not)|did|can(?! confirm)|could|will|would|should|how|"
    r"where|why|when|which|who|what(?! an? )|any ?(?:one|body)|hay|c[oó]mo|qu[eé] hago|"
    r"d[oó]nde|cu[aá]ndo|por qu[eé]|se puede|puedo|alguien)\b",
    re.IGNORECASE,
)

# a question to the peer a reply answers ("did you have to activate the pass?")
_TO_PEER = re.compile(
    r"\b(?:did|have|had|were|was) you\b|\b(?:tuviste|hiciste|has tenido|te funcion[oó]|"
    r"te pas[oó]|te lleg[oó])\b",
    re.IGNORECASE,
)


def asks(text: str) -> bool:
    """The text asks something: a question mark, or a sentence opening as a question."""
    return bool(QUESTION.search(text) or _INTERROGATIVE.search(text.strip()))


def _threads(session: Any, rows: list[Any]) -> dict[tuple[str, str, str], list[tuple]]:
    """For the threads the candidates are in: (platform, thread_id, author) -> that author's
    posts there as (created_at, text), oldest first."""
    by_platform: dict[str, set[str]] = {}
    for r in rows:
        if r.thread_id:
            by_platform.setdefault(r.platform, set()).add(r.thread_id)
    posts: dict[tuple[str, str, str], list[tuple]] = {}
    for platform, threads in by_platform.items():
        ids = sorted(threads)
        for i in range(0, len(ids), 500):
            q = (
                select(Mention.thread_id, Mention.author, Mention.created_at, Mention.title,
                       Mention.text)
                .where(Mention.platform == platform, Mention.thread_id.in_(ids[i : i + 500]),
                       Mention.by_brand.is_(False), Mention.content_type == "mention")
            )  # fmt: skip
            for thread, author, at, title, text in session.execute(q):
                key = (platform, thread, author)
                posts.setdefault(key, []).append((as_utc(at), full_text(title, text)))
    for own in posts.values():
        own.sort(key=lambda p: p[0])
    return posts


def member_posts(db: Database, start: datetime) -> list[Post]:
    """The window's complaints and questions that still need a reply (step 1)."""
    cols = (Mention.id, Mention.source_id, Mention.platform, Mention.thread_id, Mention.title,
            Mention.text, Mention.lang, Mention.created_at, Mention.role,
            Mention.ticket_id, Mention.parent_id, Mention.author)  # fmt: skip
    with db.session() as s:
        rows = s.execute(
            select(*cols)
            .where(Mention.created_at >= start)
            .where(Mention.by_brand.is_(False))
            .where(Mention.content_type == "mention")
            .where(Mention.duplicate_of_id.is_(None))
            .where(Mention.needs_reply.is_(True))
            .where(Mention.role.in_(MEMBER_ROLES))
            .order_by(Mention.id)
        ).all()
        own = _threads(s, rows)
        parents = _parent_kinds(s, rows)
        tickets = sorted({r.ticket_id for r in rows if r.ticket_id is not None})
        matters = {}
        for i in range(0, len(tickets), 500):
            q = select(Ticket.id, Ticket.matter).where(Ticket.id.in_(tickets[i : i + 500]))
            matters.update({t: set(m) for t, m in s.execute(q) if m})
    # a follow-up ("any news?", "still broken") is not what its ticket is about
    rows = [r for r in rows if (r.ticket_id not in matters or r.id in matters[r.ticket_id])
            and not _peer_reply(r, parents.get((r.platform, r.parent_id)))]  # fmt: skip
    out = []
    for r in rows:
        mine = own.get((r.platform, r.thread_id, r.author), []) if r.thread_id else []
        at = as_utc(r.created_at)
        # the author's own later post in a thread ("any update?", a restatement) is a follow-up
        # of the matter their first post there states
        if r.parent_id is not None and mine and mine[0][0] < at:
            continue
        if any(later > at and solved(text) for later, text in mine):
            continue  # the author said it is solved
        asker = f"ticket:{r.ticket_id}" if r.ticket_id is not None else f"{r.platform}:{r.author}"
        out.append(Post(r.id, r.source_id, full_text(r.title, r.text), r.lang, r.role, at, r.title,
                        asker))  # fmt: skip
    return out


def _parent_kinds(session: Any, rows: list[Any]) -> dict[tuple[str, str], str]:
    """(platform, source_id) -> kind of the posts the candidates reply to."""
    by_platform: dict[str, set[str]] = {}
    for r in rows:
        if r.parent_id:
            by_platform.setdefault(r.platform, set()).add(r.parent_id)
    kinds = {}
    for platform, parents in by_platform.items():
        ids = sorted(parents)
        for i in range(0, len(ids), 500):
            q = select(Mention.source_id, Mention.kind).where(
                Mention.platform == platform, Mention.source_id.in_(ids[i : i + 500])
            )
            kinds.update({(platform, sid): kind for sid, kind in session.execute(q)})
    return kinds


def _peer_reply(row: Any, parent_kind: str | None) -> bool:
    """A reply in someone's thread that asks nothing of the brand: a complaint ("same here",
    "still broken"), a peer's advice read as a question ("ask them to read you the name on the
    contract") or a question to the peer ("did you have to activate the pass?"). A comment
    under a video is the commenter's own post, not a reply."""
    replies = row.parent_id is not None and row.thread_id not in (None, row.source_id)
    text = full_text(row.title, row.text)
    return replies and parent_kind != "video" and (not asks(text) or bool(_TO_PEER.search(text)))


def full_text(title: str | None, text: str) -> str:
    return f"{title}\n{text}" if title else text
