"""The last stage and the only writer of crawled and imported records. Each item is committed
on its own, so an interrupted crawl keeps everything stored before the interruption."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select

from crawlers.items import HelpDoc, Item, Mention
from pipelines.chain import Stage
from pipelines.models import KnowledgeDoc
from pipelines.models import Mention as MentionRow

logger = logging.getLogger(__name__)

MENTION_FIELDS = (
    "kind", "thread_id", "parent_id", "url", "author", "title", "text", "lang", "created_at",
    "collected_at", "by_brand", "content_type", "raw", "content_hash",
    "is_complaint", "complaint_score", "sentiment", "sentiment_score", "severity",
    "duplicate_of_id", "status", "topic", "team",
)  # fmt: skip
DOC_FIELDS = (
    "platform", "title", "body", "url", "lang", "author", "score", "category", "fetched_at",
    "content_hash",
)  # fmt: skip


class Store(Stage):
    def process_item(self, item: Item, spider: Any = None) -> Item:
        session = self.ctx.session
        try:
            if isinstance(item, Mention):
                row, is_new = self._mention_row(item)
                self._status(row, item)
                self._identity_and_ticket(row, item)
            else:
                row, is_new = self._doc_row(item)
            session.commit()
        except Exception:
            session.rollback()
            self.ctx.stats.errors += 1
            raise
        if is_new:
            self.ctx.stats.new += 1
        else:
            self.ctx.stats.updated += 1
        logger.debug("stored %s %s", type(row).__name__, row.id)
        return item

    def _mention_row(self, item: Mention) -> tuple[MentionRow, bool]:
        session = self.ctx.session
        row = session.scalar(
            select(MentionRow).where(
                MentionRow.platform == item.platform, MentionRow.source_id == item.source_id
            )
        )
        is_new = row is None
        if row is None:
            row = MentionRow(platform=item.platform, source_id=item.source_id)
            session.add(row)
        for name in MENTION_FIELDS:
            setattr(row, name, getattr(item, name))
        row.score = item.engagement.score
        row.replies = item.engagement.replies
        row.views = item.engagement.views
        session.flush()
        return row, is_new

    def _identity_and_ticket(self, row: MentionRow, item: Mention) -> None:
        """Write what the identity (600) and tickets (700) stages decided, in the mention's own
        transaction: persona, links and customer joins (pipelines.identity.Linker), then the
        ticket (pipelines.tickets.TicketMatcher)."""
        if "identity" not in item.notes:
            return
        from pipelines.identity import Linker
        from pipelines.tickets import TicketMatcher

        persona = Linker(self.ctx.session, self.ctx.settings).apply_mention(row, item)
        if persona is None or "ticket" not in item.notes:
            return
        matcher = getattr(self, "_tickets", None)
        if matcher is None:
            matcher = self._tickets = TicketMatcher(self.ctx)
        ticket = matcher.assign(self.ctx.session, row, persona.customer_id, item.notes["ticket"])
        if ticket is not None:
            from pipelines.triage import update_ticket

            update_ticket(self.ctx.session, self.ctx.settings, ticket)

    def _status(self, row: MentionRow, item: Mention) -> None:
        """Write what the status stage (500) decided for the thread's earlier posts."""
        if "status" in item.notes:
            from pipelines.status import apply_status

            apply_status(self.ctx.session, row, item)

    def _doc_row(self, item: HelpDoc) -> tuple[KnowledgeDoc, bool]:
        session = self.ctx.session
        row = session.scalar(
            select(KnowledgeDoc).where(
                KnowledgeDoc.source == item.source, KnowledgeDoc.source_id == item.source_id
            )
        )
        is_new = row is None
        if row is None:
            row = KnowledgeDoc(source=item.source, source_id=item.source_id)
            session.add(row)
        for name in DOC_FIELDS:
            setattr(row, name, getattr(item, name))
        session.flush()
        return row, is_new
