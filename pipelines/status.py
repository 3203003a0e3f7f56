"""The status stage: is a complaint still open?

A complaint (``is_complaint`` true, a customer's mention) is "open" until one of the brand's
accounts posts later in the same thread (platform + thread_id): then it is "answered". An agent
closing its ticket makes it "closed" (read through :func:`effective_status`, so the web app's
status change needs no second write). A new post by the same author in the thread reopens the
author's earlier answered complaints there, and their ticket if an agent had closed it. Mentions
that are not complaints, brand posts and help content have no status (None).

The stage decides (``item.status``; ``item.notes["status"]``), the store writes: it calls
:func:`apply_status` in the mention's transaction, before the ticket is assigned, so a reopened
ticket is found again by the tickets stage.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crawlers.items import Item, Mention, as_utc
from pipelines.chain import Stage
from pipelines.models import Mention as MentionRow
from pipelines.models import Ticket

logger = logging.getLogger(__name__)


class Status(Stage):
    """Batched: one query finds the newest brand post of every thread in the batch; a brand
    post in the same batch (not stored yet) counts too."""

    def process_item(self, item: Item, spider: Any = None) -> Item:
        return self.process_batch([item])[0]  # type: ignore[return-value]

    def process_batch(self, items: list[Item]) -> list[Item | Exception]:
        mentions = [i for i in items if isinstance(i, Mention) and i.content_type == "mention"]
        for item in mentions:
            item.notes["status"] = "brand" if item.by_brand else "customer"
            if item.by_brand or item.is_complaint is not True:
                item.status = None
        complaints = [i for i in mentions if not i.by_brand and i.is_complaint is True]
        latest = self._latest_brand_posts({(i.platform, i.thread_id) for i in complaints})
        for brand in mentions:
            if brand.by_brand and brand.thread_id:
                key = (brand.platform, brand.thread_id)
                at = as_utc(brand.created_at)
                if key not in latest or latest[key] < at:
                    latest[key] = at
        for item in complaints:
            last = latest.get((item.platform, item.thread_id)) if item.thread_id else None
            answered = last is not None and last > as_utc(item.created_at)
            item.status = "answered" if answered else "open"
        return list(items)

    def _latest_brand_posts(self, threads: set[tuple[str, str | None]]) -> dict[Any, Any]:
        """(platform, thread_id) -> created_at of the thread's newest stored brand post."""
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
        return out


def apply_status(session: Session, row: MentionRow, item: Mention) -> None:
    """Write what a new post changes for the earlier posts of its thread."""
    who = item.notes.get("status")
    if who is None or not row.thread_id:
        return
    same_thread = (
        MentionRow.platform == row.platform,
        MentionRow.thread_id == row.thread_id,
        MentionRow.id != row.id,
        MentionRow.created_at < row.created_at,
    )
    if who == "brand":
        earlier = session.scalars(
            select(MentionRow).where(*same_thread, MentionRow.status == "open")
        ).all()
        for m in earlier:
            m.status = "answered"
            if m.ticket_id is not None:
                ticket = session.get(Ticket, m.ticket_id)
                if ticket is not None and ticket.first_response_at is None:
                    ticket.first_response_at = row.created_at
        session.flush()
        return
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
