"""The status stage: is a post still owed a reply?

A customer's complaint or question (``role``; without a role, ``is_complaint`` true) is "open"
until one of the brand's accounts posts later in the same thread (platform + thread_id): then it
is "answered". An agent closing its ticket makes it "closed" (read through
:func:`effective_status`, so the web app's status change needs no second write). A new post by
the same author in the thread reopens the author's earlier answered posts there, and their ticket
if an agent had closed it. Other posts, brand posts and help content have no status (None).

``needs_reply`` (every mention; None for help content): the brand owes the post a public reply
now. True iff it is a customer's complaint or question, not answered by a brand account later in
its thread, and not a duplicate of a post of the same writer that was answered (the same
handle, or another account the identity stage linked to the same customer: the brand's reply to
one person answers that person's copies elsewhere, never another person who wrote the same
words; a copy from a linked account is settled when its ticket is assigned,
pipelines.tickets). When a brand post arrives, or an agent's reply sent through listenpost is marked
sent (:func:`reply_sent`, called by the publisher), the earlier posts of its thread, and the same
writers' duplicates elsewhere, stop needing a reply; a new customer post after the brand's
reply needs one again on its own. An agent's "not a complaint" or "no reply needed"
(webapp.corrections) sets it false.

The stage decides (``item.status``, ``item.needs_reply``; ``item.notes["status"]``), the store
writes: it calls :func:`apply_status` in the mention's transaction, before the ticket is assigned,
so a reopened ticket is found again by the tickets stage.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from crawlers.items import Item, Mention, as_utc
from pipelines.chain import Stage
from pipelines.models import Mention as MentionRow
from pipelines.models import Reply, Ticket

logger = logging.getLogger(__name__)

NEEDS_REPLY_ROLES = ("complaint", "question")


def writer_key(author: str | None) -> str:
    """The author's handle key (pipelines.identity.handles), imported on use: the identity
    package loads Scrapy, and light commands import this module."""
    from pipelines.identity.handles import handle_key

    return handle_key(author or "")


def customer_of(session: Any, row: Any) -> int | None:
    """The customer a stored post's persona belongs to (None: not linked yet)."""
    from pipelines.models import Persona

    if row.persona_id is None:
        return None
    return session.scalar(select(Persona.customer_id).where(Persona.id == row.persona_id))


def asks(item: Any) -> bool:
    """A customer's post that asks something of the brand: a complaint or a question."""
    if item.by_brand or item.content_type != "mention":
        return False
    if item.role is not None:
        return item.role in NEEDS_REPLY_ROLES
    return item.is_complaint is True


class Status(Stage):
    """Batched: one query finds the newest brand post of every thread in the batch; a brand
    post in the same batch (not stored yet) counts too."""

    def process_item(self, item: Item, spider: Any = None) -> Item:
        return self.process_batch([item])[0]  # type: ignore[return-value]

    def process_batch(self, items: list[Item]) -> list[Item | Exception]:
        mentions = [i for i in items if isinstance(i, Mention) and i.content_type == "mention"]
        for item in mentions:
            item.notes["status"] = "brand" if item.by_brand else "customer"
            if not asks(item):
                item.status = None
                item.needs_reply = False
        asking = [i for i in mentions if asks(i)]
        latest = self._latest_brand_posts({(i.platform, i.thread_id) for i in asking})
        for brand in mentions:
            if brand.by_brand and brand.thread_id:
                key = (brand.platform, brand.thread_id)
                at = as_utc(brand.created_at)
                if key not in latest or latest[key] < at:
                    latest[key] = at
        for item in asking:
            last = latest.get((item.platform, item.thread_id)) if item.thread_id else None
            answered = last is not None and last > as_utc(item.created_at)
            item.status = "answered" if answered else "open"
        answered_dups = self._answered_originals(asking, items)
        for item in asking:
            item.needs_reply = item.status == "open" and id(item) not in answered_dups
        return list(items)

    def _answered_originals(self, asking: list[Mention], items: list[Item]) -> set[int]:
        """id() of the batch's duplicates whose first-seen post, by the same writer, was
        answered."""
        in_batch = {(i.platform, i.source_id): i for i in items if isinstance(i, Mention)}
        keys: dict[int, tuple[str, str]] = {}
        ids: dict[int, int] = {}
        for item in asking:
            if item.duplicate_of_id is not None:
                ids[id(item)] = item.duplicate_of_id
            elif "duplicate_of" in item.notes:
                keys[id(item)] = tuple(item.notes["duplicate_of"])  # type: ignore[assignment]
        if not keys and not ids:
            return set()
        stored: dict[Any, tuple[str | None, str]] = {}
        if ids:
            for mid, status, author in self.ctx.session.execute(
                select(MentionRow.id, MentionRow.status, MentionRow.author).where(
                    MentionRow.id.in_(ids.values())
                )
            ):
                stored[mid] = (status, author)
        for platform in {k[0] for k in keys.values()}:
            wanted = [k[1] for k in keys.values() if k[0] == platform]
            for sid, status, author in self.ctx.session.execute(
                select(MentionRow.source_id, MentionRow.status, MentionRow.author).where(
                    MentionRow.platform == platform, MentionRow.source_id.in_(wanted)
                )
            ):
                stored[(platform, sid)] = (status, author)
        writer = {id(i): writer_key(i.author) for i in asking}
        out = set()
        for ref, target in [*ids.items(), *keys.items()]:
            first = in_batch.get(target) if isinstance(target, tuple) else None
            if first is not None:
                status, author = first.status, first.author
            else:
                status, author = stored.get(target, (None, ""))
            if status == "answered" and writer_key(author) == writer[ref]:
                out.add(ref)
        return out

    def _latest_brand_posts(self, threads: set[tuple[str, str | None]]) -> dict[Any, Any]:
        """(platform, thread_id) -> when the brand last replied in the thread: its newest stored
        post, or the newest reply an agent sent through listenpost."""
        out: dict[Any, Any] = {}
        by_platform: dict[str, set[str]] = {}
        for platform, thread in threads:
            if thread:
                by_platform.setdefault(platform, set()).add(thread)
        for platform, ids in by_platform.items():
            rows = self.ctx.session.execute(
                select(MentionRow.thread_id, func.max(MentionRow.created_at))
                .where(
                    MentionRow.platform == platform,
                    MentionRow.thread_id.in_(ids),
                    MentionRow.by_brand.is_(True),
                )
                .group_by(MentionRow.thread_id)
            )
            out.update({(platform, t): as_utc(at) for t, at in rows if at is not None})
            sent = self.ctx.session.execute(
                select(MentionRow.thread_id, func.max(Reply.sent_at))
                .join(Reply, Reply.mention_id == MentionRow.id)
                .where(
                    MentionRow.platform == platform,
                    MentionRow.thread_id.in_(ids),
                    Reply.status == "sent",
                )
                .group_by(MentionRow.thread_id)
            )
            for t, at in sent:
                if at is not None and ((platform, t) not in out or out[platform, t] < as_utc(at)):
                    out[platform, t] = as_utc(at)
        return out


def apply_status(session: Session, row: MentionRow, item: Mention) -> set[int]:
    """Write what a new post changes for the earlier posts of its thread; the ids of the tickets
    whose posts changed (their priority is due again)."""
    who = item.notes.get("status")
    if who is None or not row.thread_id:
        return set()
    same_thread = (
        MentionRow.platform == row.platform,
        MentionRow.thread_id == row.thread_id,
        MentionRow.id != row.id,
        MentionRow.created_at < row.created_at,
    )
    if who == "brand":
        return answer_thread(session, row.platform, row.thread_id, row.created_at, row.id)
    reopen = session.scalars(
        select(MentionRow).where(
            *same_thread,
            MentionRow.author == row.author,
            MentionRow.status.is_not(None),
        )
    ).all()
    for m in reopen:
        m.status = "open"
        if m.ticket_id is not None:
            ticket = session.get(Ticket, m.ticket_id)
            if ticket is not None and ticket.status == "closed":
                ticket.status = "open"
                ticket.closed_at = None
    if reopen:
        logger.debug("mention %s reopens %d earlier posts", row.id, len(reopen))
    session.flush()
    return {m.ticket_id for m in reopen if m.ticket_id is not None}


def answer_thread(
    session: Session,
    platform: str,
    thread_id: str | None,
    at: datetime,
    exclude: int | None = None,
    only: int | None = None,
) -> set[int]:
    """A brand reply at ``at`` in a thread: the thread's earlier posts (and the post ``only``,
    the one replied to) are answered and need no reply, nor do their writers' duplicates; their
    tickets without a first response get ``at``. The ids of the tickets whose posts changed."""
    posts = []
    if thread_id:
        posts.append(and_(MentionRow.platform == platform, MentionRow.thread_id == thread_id,
                          MentionRow.created_at < at, MentionRow.id != exclude))  # fmt: skip
    if only is not None:
        posts.append(MentionRow.id == only)
    if not posts:
        return set()
    earlier = session.scalars(
        select(MentionRow).where(
            or_(*posts), or_(MentionRow.status == "open", MentionRow.needs_reply.is_(True))
        )
    ).all()
    for m in earlier:
        if m.status == "open":
            m.status = "answered"
        m.needs_reply = False
        if m.ticket_id is not None:
            ticket = session.get(Ticket, m.ticket_id)
            if ticket is not None and ticket.first_response_at is None:
                ticket.first_response_at = at
    touched = {m.ticket_id for m in earlier if m.ticket_id is not None}
    for m in copies_of(session, earlier):
        m.needs_reply = False
        if m.ticket_id is not None:
            touched.add(m.ticket_id)
    session.flush()
    return touched


def copies_of(session: Any, posts: list[Any], pending: bool = True) -> list[Any]:
    """The stored copies of ``posts`` by the same writer (the same handle, or another account
    linked to the same customer): posts of the same duplicate group (the first-seen post and
    those marked its duplicates, whoever wrote that first one). ``pending``: only those that
    still need a reply."""
    if not posts:
        return []
    root = {m.id: m.duplicate_of_id or m.id for m in posts}
    roots = set(root.values())
    q = select(MentionRow).where(
        or_(MentionRow.id.in_(roots), MentionRow.duplicate_of_id.in_(roots)),
        MentionRow.id.not_in(list(root)),
    )
    if pending:
        q = q.where(MentionRow.needs_reply.is_(True))
    out = []
    for m in session.scalars(q).all():
        group = m.duplicate_of_id or m.id
        if any(
            root[p.id] == group
            and (writer_key(p.author) == writer_key(m.author) or _same_customer(session, m, p))
            for p in posts
        ):
            out.append(m)
    return out


def _same_customer(session: Any, a: Any, b: Any) -> bool:
    """Two stored posts written by one customer (accounts the identity stage linked)."""
    mine = customer_of(session, a)
    return mine is not None and mine == customer_of(session, b)


def reply_sent(session: Session, reply: Reply) -> set[int]:
    """An agent's reply sent through listenpost answers its thread as the brand's post will
    once crawled: written when the reply is marked sent, without waiting for the crawl."""
    mention = session.get(MentionRow, reply.mention_id)
    if mention is None or reply.sent_at is None:
        return set()
    return answer_thread(
        session, mention.platform, mention.thread_id, as_utc(reply.sent_at), only=mention.id
    )


def effective_status(row: MentionRow) -> str | None:
    """The mention's status as an agent sees it: "closed" once its ticket is closed."""
    if row.status is None:
        return None
    if row.ticket_id is not None:
        ticket = row.ticket if hasattr(row, "ticket") else None
        if ticket is None:
            from sqlalchemy.orm import object_session

            session = object_session(row)
            ticket = session.get(Ticket, row.ticket_id) if session else None
        if ticket is not None and ticket.status == "closed":
            return "closed"
    return row.status
