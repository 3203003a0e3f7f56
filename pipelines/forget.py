"""The right to be forgotten, and retention.

:func:`forget_customer` and :func:`forget_persona` delete personas, their mentions (and help
documents they wrote), the replies and drafts to those mentions, their links and contact hashes,
tickets left empty and the customer when nothing of it remains. Only the fact is recorded: an
audit row with who, when and how many rows, never a handle or a text, and a tombstone per
forgotten account (and CRM id): the keyed hash of "platform:handle"
(:func:`pipelines.identity.tombstone_digest`), so that a re-crawl drops the person's posts before
storing them and a CRM re-import skips their row. :func:`forget_expired` deletes mentions older
than ``[identity] retention_days`` for their source the same way (no tombstones: the people stay).

Every deletion also drops the stored suggestions of the deleted posts and those citing a deleted
document, and raises the "forget" cache generation (:func:`forget_generation`) in the same
transaction: every process's in-memory caches (the gaps report, the queue's filter menus, the
suggestions' document words) compare it with the one they were filled under and refill.

These functions change the database inside the caller's transaction and return the deleted ids;
indexer.forget.run_forget removes the same ids from the FAISS indexes and, after the commit,
calls :func:`scrub` so that the deleted text does not linger in free pages
(SQLite secure_delete and a WAL checkpoint; PostgreSQL VACUUM of the touched tables).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, get_args

from sqlalchemy import and_, delete, func, or_, select, text, update
from sqlalchemy.orm import Session

from config import Settings
from crawlers.items import Platform, utcnow
from pipelines import models as m
from pipelines.identity import (
    IdentityError,
    add_tombstones,
    audit,
    hash_key,
    parse_persona_ref,
    tombstone_digest,
)
from pipelines.models.db import Database

logger = logging.getLogger(__name__)

# what a deletion touches, vacuumed afterwards on PostgreSQL
# the accounts a tombstone can name: every platform a persona can be on, and CRM ids
TOMBSTONE_PLATFORMS = (*get_args(Platform), "crm")
SCRUBBED = (m.Mention, m.Reply, m.Persona, m.PersonaLink, m.ContactHash, m.KnowledgeDoc,
            m.StoredSuggestion)  # fmt: skip
GENERATION = "forget"  # the cache generation every forgetting raises


@dataclass
class Forgotten:
    """What one deletion removed (counts go to the audit log, ids to the index)."""

    mention_ids: list[int] = field(default_factory=list)
    knowledge_ids: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + int(n or 0)

    def delete(self, session: Session, name: str, model: type, *where: Any) -> None:
        """Delete ``model`` rows matching ``where`` and count them under ``name``."""
        self.add(name, session.execute(delete(model).where(*where)).rowcount)  # type: ignore[attr-defined]


def forget_generation(session: Session) -> int:
    """The "forget" cache generation: caches filled under another one must be refilled."""
    value = session.scalar(
        select(m.CacheGeneration.value).where(m.CacheGeneration.name == GENERATION)
    )
    return int(value or 0)


def _after(session: Session, out: Forgotten) -> None:
    """What every deletion ends with: no stored suggestion of or citing what went, and a new
    cache generation."""
    gone_docs = set(out.knowledge_ids)
    stale = [
        mention_id
        for mention_id, hits in session.execute(
            select(m.StoredSuggestion.mention_id, m.StoredSuggestion.hits)
        )
        if gone_docs and any(h.get("doc_id") in gone_docs for h in hits or [])
    ]
    for ids in (out.mention_ids, stale):
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            out.delete(session, "suggestions", m.StoredSuggestion,
                       m.StoredSuggestion.mention_id.in_(chunk))  # fmt: skip
    Generation = m.CacheGeneration
    bumped = session.execute(
        update(Generation).where(Generation.name == GENERATION).values(value=Generation.value + 1)
    ).rowcount  # type: ignore[attr-defined]
    if not bumped:
        session.add(Generation(name=GENERATION, value=1))
    session.flush()


def _secure(session: Session) -> None:
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA secure_delete=ON"))


def _delete_mentions(session: Session, ids: list[int], out: Forgotten) -> None:
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        session.execute(
            update(m.Mention)
            .where(m.Mention.duplicate_of_id.in_(chunk))
            .values(duplicate_of_id=None)
        )
        out.delete(session, "replies", m.Reply, m.Reply.mention_id.in_(chunk))
        out.delete(session, "mentions", m.Mention, m.Mention.id.in_(chunk))
    out.mention_ids.extend(ids)


def _drop_empty_tickets(session: Session, out: Forgotten, customer_ids: set[int]) -> None:
    used = select(m.Mention.ticket_id).where(m.Mention.ticket_id.is_not(None))
    cond = m.Ticket.id.not_in(used)
    if customer_ids:
        cond = and_(cond, m.Ticket.customer_id.in_(customer_ids))
    ids = list(session.scalars(select(m.Ticket.id).where(cond)))
    if ids:
        out.delete(session, "replies", m.Reply, m.Reply.ticket_id.in_(ids))
        out.delete(session, "tickets", m.Ticket, m.Ticket.id.in_(ids))


def _forget_personas(
    session: Session, key: bytes, personas: list[m.Persona], out: Forgotten
) -> None:
    pids = [p.id for p in personas]
    if not pids:
        return
    out.add("tombstones", add_tombstones(session, key, [(p.platform, p.handle) for p in personas]))
    Mention, Doc = m.Mention, m.KnowledgeDoc
    by_author = [and_(Mention.platform == p.platform, Mention.author == p.handle) for p in personas]
    mention_ids = list(
        session.scalars(select(Mention.id).where(or_(Mention.persona_id.in_(pids), *by_author)))
    )
    _delete_mentions(session, mention_ids, out)
    docs = [and_(Doc.platform == p.platform, Doc.author == p.handle) for p in personas]
    doc_ids = list(session.scalars(select(Doc.id).where(or_(*docs))))
    if doc_ids:
        out.delete(session, "knowledge", Doc, Doc.id.in_(doc_ids))
        out.knowledge_ids.extend(doc_ids)
    Link = m.PersonaLink
    out.delete(
        session, "links", Link, or_(Link.persona_a_id.in_(pids), Link.persona_b_id.in_(pids))
    )
    out.delete(session, "contacts", m.ContactHash, m.ContactHash.persona_id.in_(pids))
    out.delete(session, "personas", m.Persona, m.Persona.id.in_(pids))


def forget_customer(
    session: Session, settings: Settings, customer_id: int, actor: str
) -> Forgotten:
    """Delete a customer and everything of theirs; tombstone their accounts and CRM ids."""
    Customer, Persona, Ticket = m.Customer, m.Persona, m.Ticket
    customer = session.get(Customer, customer_id)
    if customer is None or customer.merged_into_id is not None:
        raise IdentityError(f"no customer {customer_id}")
    _secure(session)
    out = Forgotten()
    key = hash_key(settings)
    personas = list(session.scalars(select(Persona).where(Persona.customer_id == customer_id)))
    _forget_personas(session, key, personas, out)
    # Posts still on the customer's tickets belong to them too (a split-off persona's are not).
    on_tickets = select(m.Mention.id).join(Ticket, m.Mention.ticket_id == Ticket.id)
    _delete_mentions(
        session, list(session.scalars(on_tickets.where(Ticket.customer_id == customer_id))), out
    )
    _drop_empty_tickets(session, out, {customer_id})
    out.delete(session, "tickets", Ticket, Ticket.customer_id == customer_id)
    mine = or_(Customer.id == customer_id, Customer.merged_into_id == customer_id)
    crm_ids = session.scalars(
        select(Customer.external_id).where(mine, Customer.external_id.is_not(None))
    )
    out.add("tombstones", add_tombstones(session, key, [("crm", x) for x in crm_ids]))
    out.delete(session, "customers", Customer, mine)
    _after(session, out)
    audit(session, actor, "forget", "customer", customer_id, **out.counts)
    session.flush()
    return out


def forget_persona(session: Session, settings: Settings, ref: str, actor: str) -> Forgotten:
    """Delete one persona (``PLATFORM:HANDLE`` or an id) and everything of its own, and
    tombstone it; its customer goes too when nothing else is left of it."""
    persona = parse_persona_ref(session, ref)
    _secure(session)
    out = Forgotten()
    pid, customer_id = persona.id, persona.customer_id
    _forget_personas(session, hash_key(settings), [persona], out)
    session.expunge(persona)
    if customer_id is not None:
        _drop_empty_tickets(session, out, {customer_id})
        left = session.scalar(
            select(func.count(m.Persona.id)).where(m.Persona.customer_id == customer_id)
        )
        customer = session.get(m.Customer, customer_id)
        if not left and customer is not None and customer.external_id is None:
            out.delete(session, "customers", m.Customer, m.Customer.id == customer_id)
    _after(session, out)
    audit(session, actor, "forget", "persona", pid, **out.counts)
    session.flush()
    return out


def lift_tombstone(session: Session, settings: Settings, ref: str, actor: str) -> None:
    """Let a forgotten account (``PLATFORM:HANDLE``, or ``crm:ID``) be collected again: its
    tombstone goes; nothing forgotten comes back by itself, only what later crawls and imports
    bring. Raises :class:`IdentityError` for a malformed reference or an account that was never
    forgotten. Audit-logged without the handle."""
    platform, _, handle = ref.partition(":")
    platform = platform.strip().lower()
    if not handle.strip() or platform not in TOMBSTONE_PLATFORMS:
        raise IdentityError(
            f"--lift wants PLATFORM:HANDLE with PLATFORM one of {', '.join(TOMBSTONE_PLATFORMS)}"
        )
    digest = tombstone_digest(hash_key(settings), platform, handle.strip())
    stone = session.scalar(select(m.Tombstone).where(m.Tombstone.digest == digest))
    if stone is None:
        raise IdentityError(f"no tombstone for that {platform} account: it was not forgotten")
    stone_id = stone.id
    session.delete(stone)
    audit(session, actor, "lift_tombstone", "tombstone", stone_id)
    session.flush()


def forget_expired(
    session: Session, settings: Settings, actor: str, now: datetime | None = None
) -> Forgotten:
    """Delete mentions older than the retention of their source (``[identity] retention_days``,
    keyed by platform); personas and customers stay."""
    now = now or utcnow()
    _secure(session)
    out = Forgotten()
    for source, days in sorted(settings.identity.retention_days.items()):
        if days <= 0:
            continue
        cutoff = now - timedelta(days=days)
        ids = list(
            session.scalars(
                select(m.Mention.id).where(
                    m.Mention.platform == source, m.Mention.created_at < cutoff
                )
            )
        )
        _delete_mentions(session, ids, out)
    _drop_empty_tickets(session, out, set())
    _after(session, out)
    audit(session, actor, "forget.retention", "mention", "*", **out.counts)
    session.flush()
    return out


def scrub(db: Database) -> None:
    """After the commit: make the deleted rows unrecoverable from the database files."""
    engine = db.engine
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        return
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for model in SCRUBBED:
                conn.execute(text(f"VACUUM {model.__tablename__}"))
