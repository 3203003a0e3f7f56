"""The last stage and the only writer of crawled and imported records.

One transaction per batch (:meth:`Store.process_batch`; ``Chain.process`` is a batch of one):
one SELECT finds the stored rows of the batch's items, every item is written in order (status,
identity and ticket decisions see the rows written before them in the same transaction), then
one commit. Nothing counts as stored before that commit; the crawl-state ledger saves a position
only after it (pipelines.crawlstate). When the batch's transaction fails it is rolled back and
its items are written again one per transaction, so only the item at fault fails."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select

from crawlers.items import HelpDoc, Item, Mention
from pipelines.chain import Stage
from pipelines.locks import lock_for_transaction
from pipelines.models import KnowledgeDoc, Ticket
from pipelines.models import Mention as MentionRow
from pipelines.models.records import ComplaintFeedback

logger = logging.getLogger(__name__)

MENTION_FIELDS = (
    "kind", "thread_id", "parent_id", "url", "author", "title", "text", "lang", "created_at",
    "collected_at", "by_brand", "content_type", "raw", "content_hash",
    "is_complaint", "complaint_score", "sentiment", "sentiment_score", "severity",
    "role", "needs_reply", "duplicate_of_id", "status", "topic", "team",
)  # fmt: skip
# what an agent's "not a complaint" / "no reply needed" decided (webapp.corrections)
AGENT_FIELDS = ("role", "needs_reply", "is_complaint", "status")
AGENT_LABELS = ("not_complaint", "no_reply")
DOC_FIELDS = (
    "platform", "title", "body", "url", "lang", "author", "score", "category", "fetched_at",
    "content_hash",
)  # fmt: skip


def _person_locks(items: list[Item]) -> list[str]:
    """The advisory lock names of the people a batch's identity decisions touch: each writer's
    and each named account's handle key, each shared contact detail (pipelines.locks)."""
    from pipelines.identity import handle_key

    names = []
    for item in items:
        notes = item.notes.get("identity") if isinstance(item, Mention) else None
        if notes is None:
            continue
        names.append(f"person:{handle_key(item.author)}")
        names += [f"person:{handle_key(handle)}" for _, handle, _ in notes.get("refs", ())]
        names += [f"contact:{kind}:{digest}" for kind, digest, _ in notes.get("contacts", ())]
    return names


class Store(Stage):
    def process_item(self, item: Item, spider: Any = None) -> Item:
        (result,) = self.process_batch([item])
        if isinstance(result, Exception):
            raise result
        return result

    def process_batch(self, items: list[Item]) -> list[Item | Exception]:
        session = self.ctx.session
        try:
            new = self._write(items)
            session.commit()
        except Exception as exc:
            session.rollback()
            if len(items) == 1:
                self.ctx.stats.errors += 1
                return [exc]
            logger.warning("a batch of %d failed to store; storing one by one", len(items))
            return [self.process_batch([item])[0] for item in items]
        self.ctx.stats.new += new
        self.ctx.stats.updated += len(items) - new
        return list(items)

    def _write(self, items: list[Item]) -> int:
        """Write the batch into the session (no commit); how many rows are new."""
        lock_for_transaction(self.ctx.session, _person_locks(items))
        mentions = self._existing(MentionRow, MentionRow.platform, MentionRow.source_id, [
            (i.platform, i.source_id) for i in items if isinstance(i, Mention)
        ])  # fmt: skip
        docs = self._existing(KnowledgeDoc, KnowledgeDoc.source, KnowledgeDoc.source_id, [
            (i.source, i.source_id) for i in items if isinstance(i, HelpDoc)
        ])  # fmt: skip
        new = 0
        tickets: dict[int, None] = {}  # the tickets the batch touched, in order
        self._agent_rows = self._corrected([row.id for row in mentions.values()])
        for item in items:
            if isinstance(item, Mention):
                row, is_new = self._mention_row(item, mentions)
                for ticket_id in self._status(row, item):
                    tickets[ticket_id] = None
                ticket_id = self._identity_and_ticket(row, item)
                if ticket_id is not None:
                    tickets[ticket_id] = None
                if row.by_brand:
                    tickets.update(dict.fromkeys(self._answered_tickets(row)))
            else:
                row, is_new = self._doc_row(item, docs)
            new += is_new
        self._triage(tickets)
        return new

    def _triage(self, ticket_ids: dict[int, None]) -> None:
        """Topic, team, SLA and priority of each ticket the batch touched, once per ticket and
        after all its new posts (pipelines.triage.update_ticket reads every post of a ticket:
        per post, a thread of n posts cost n reads). Nothing in the batch reads those fields."""
        from pipelines.triage import update_ticket

        for ticket_id in ticket_ids:
            ticket = self.ctx.session.get(Ticket, ticket_id)
            if ticket is not None:  # not merged away by a later post of the batch
                update_ticket(self.ctx.session, self.ctx.settings, ticket)

    def _answered_tickets(self, row: MentionRow) -> list[int]:
        """The tickets with a post earlier in the thread of a brand post: the post may be their
        first response (their times are worked out again with the batch's tickets)."""
        if not row.thread_id:
            return []
        self.ctx.session.flush()
        return list(
            self.ctx.session.scalars(
                select(MentionRow.ticket_id)
                .where(
                    MentionRow.platform == row.platform,
                    MentionRow.thread_id == row.thread_id,
                    MentionRow.ticket_id.is_not(None),
                    MentionRow.created_at < row.created_at,
                )
                .distinct()
            )
        )

    def _existing(self, model: Any, group: Any, sid: Any, keys: list[tuple[str, str]]) -> dict:
        """Stored rows by (platform or source, source_id): one SELECT per platform."""
        wanted: dict[str, set[str]] = {}
        for a, b in keys:
            wanted.setdefault(a, set()).add(b)
        found = {}
        for a, ids in wanted.items():
            for row in self.ctx.session.scalars(select(model).where(group == a, sid.in_(ids))):
                found[(a, row.source_id)] = row
        return found

    def _root(self, key: tuple[str, str], rows: dict) -> int | None:
        """The group root's id for a duplicate whose first-seen post dedup named by key."""
        row = rows.get(tuple(key))
        if row is not None:
            if row.id is None:
                self.ctx.session.flush()
            return row.duplicate_of_id or row.id
        found = self.ctx.session.execute(
            select(MentionRow.id, MentionRow.duplicate_of_id).where(
                MentionRow.platform == key[0], MentionRow.source_id == key[1]
            )
        ).first()
        return None if found is None else (found.duplicate_of_id or found.id)

    def _corrected(self, ids: list[int]) -> set[int]:
        """Stored mentions an agent corrected: a new crawl of them keeps the agent's word."""
        if not ids:
            return set()
        return set(
            self.ctx.session.scalars(
                select(ComplaintFeedback.mention_id).where(
                    ComplaintFeedback.mention_id.in_(ids),
                    ComplaintFeedback.label.in_(AGENT_LABELS),
                )
            )
        )

    def _mention_row(self, item: Mention, rows: dict) -> tuple[MentionRow, bool]:
        key = (item.platform, item.source_id)
        if item.duplicate_of_id is None and "duplicate_of" in item.notes:
            item.duplicate_of_id = self._root(item.notes["duplicate_of"], rows)
        row = rows.get(key)
        is_new = row is None
        if row is None:
            row = rows[key] = MentionRow(platform=item.platform, source_id=item.source_id)
            self.ctx.session.add(row)
        corrected = getattr(self, "_agent_rows", set())  # stored rows an agent corrected
        keep = AGENT_FIELDS if row.id is not None and row.id in corrected else ()
        for name in MENTION_FIELDS:
            if name not in keep:
                setattr(row, name, getattr(item, name))
        row.score = item.engagement.score
        row.replies = item.engagement.replies
        row.views = item.engagement.views
        return row, is_new

    def _identity_and_ticket(self, row: MentionRow, item: Mention) -> int | None:
        """Write what the identity and tickets stages decided, in the mention's own
        transaction: persona, links and customer joins (pipelines.identity.Linker), then the
        ticket (pipelines.tickets.TicketMatcher); the ticket's id, if it got one."""
        if "identity" not in item.notes:
            return None
        self.ctx.session.flush()
        from pipelines.identity import Linker
        from pipelines.tickets import TicketMatcher

        persona = Linker(self.ctx.session, self.ctx.settings).apply_mention(row, item)
        if persona is None or "ticket" not in item.notes:
            return None
        if persona.customer_id is not None:
            lock_for_transaction(self.ctx.session, [f"customer:{persona.customer_id}"])
        matcher = getattr(self, "_tickets", None)
        if matcher is None:
            matcher = self._tickets = TicketMatcher(self.ctx)
        ticket = matcher.assign(
            self.ctx.session,
            row,
            persona.customer_id,
            item.notes["ticket"],
            item.notes.get("elsewhere", ()),
        )
        if ticket is None:
            return None
        if ticket.id is None:
            self.ctx.session.flush()
        return ticket.id

    def _status(self, row: MentionRow, item: Mention) -> set[int]:
        """Write what the status stage decided for the thread's earlier posts; the tickets
        whose posts it changed."""
        if "status" not in item.notes:
            return set()
        from pipelines.status import apply_status

        self.ctx.session.flush()  # the row's id: its thread's other posts are found by it
        return apply_status(self.ctx.session, row, item)

    def _doc_row(self, item: HelpDoc, rows: dict) -> tuple[KnowledgeDoc, bool]:
        key = (item.source, item.source_id)
        row = rows.get(key)
        is_new = row is None
        if row is None:
            row = rows[key] = KnowledgeDoc(source=item.source, source_id=item.source_id)
            self.ctx.session.add(row)
        for name in DOC_FIELDS:
            setattr(row, name, getattr(item, name))
        return row, is_new
