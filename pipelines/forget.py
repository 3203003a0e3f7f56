"""The right to be forgotten, and retention.

:func:`forget_customer` and :func:`forget_persona` delete personas, their mentions (and help
documents they wrote), the replies and drafts to those mentions, their links and contact hashes,
tickets left empty and the customer when nothing of it remains. Only the fact is recorded: an
audit row with who, when and how many rows, never a handle or a text. :func:`forget_expired`
deletes mentions older than ``[identity] retention_days`` for their source the same way.

These functions change the database inside the caller's transaction and return the deleted ids;
indexer.forget.run_forget removes the same ids from the FAISS indexes and, after the commit,
calls :func:`scrub` so that the deleted text does not linger in free pages
(SQLite secure_delete and a WAL checkpoint; PostgreSQL VACUUM of the touched tables).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, or_, select, text, update
from sqlalchemy.orm import Session

from config import Settings
from crawlers.items import utcnow
from pipelines.identity import IdentityError, audit, parse_persona_ref
from pipelines.models import (
    ContactHash,
    Customer,
    KnowledgeDoc,
    Mention,
    Persona,
    PersonaLink,
    Reply,
    Ticket,
)
from pipelines.models.db import Database

logger = logging.getLogger(__name__)

SCRUBBED_TABLES = ("mention", "reply", "persona", "persona_link", "contact_hash", "knowledge_doc")


@dataclass
class Forgotten:
    """What one deletion removed (counts go to the audit log, ids to the index)."""

    mention_ids: list[int] = field(default_factory=list)
    knowledge_ids: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + int(n or 0)


def _secure(session: Session) -> None:
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA secure_delete=ON"))


def _delete_mentions(session: Session, ids: list[int], out: Forgotten) -> None:
    if not ids:
        return
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        session.execute(
            update(Mention).where(Mention.duplicate_of_id.in_(chunk)).values(duplicate_of_id=None)
        )
        out.add(
            "replies", session.execute(delete(Reply).where(Reply.mention_id.in_(chunk))).rowcount
        )  # type: ignore[attr-defined]
        out.add("mentions", session.execute(delete(Mention).where(Mention.id.in_(chunk))).rowcount)  # type: ignore[attr-defined]
    out.mention_ids.extend(ids)


def _drop_empty_tickets(session: Session, out: Forgotten, customer_ids: set[int]) -> None:
    used = select(Mention.ticket_id).where(Mention.ticket_id.is_not(None))
    cond = Ticket.id.not_in(used)
    if customer_ids:
        cond = and_(cond, Ticket.customer_id.in_(customer_ids))
    ids = list(session.scalars(select(Ticket.id).where(cond)))
    if ids:
        out.add("replies", session.execute(delete(Reply).where(Reply.ticket_id.in_(ids))).rowcount)  # type: ignore[attr-defined]
        out.add("tickets", session.execute(delete(Ticket).where(Ticket.id.in_(ids))).rowcount)  # type: ignore[attr-defined]


def _forget_personas(session: Session, personas: list[Persona], out: Forgotten) -> None:
    pids = [p.id for p in personas]
    if not pids:
        return
    by_author = [and_(Mention.platform == p.platform, Mention.author == p.handle) for p in personas]
    mention_ids = list(
        session.scalars(select(Mention.id).where(or_(Mention.persona_id.in_(pids), *by_author)))
    )
    _delete_mentions(session, mention_ids, out)
    docs = [
        and_(KnowledgeDoc.platform == p.platform, KnowledgeDoc.author == p.handle) for p in personas
    ]
    doc_ids = list(session.scalars(select(KnowledgeDoc.id).where(or_(*docs))))
    if doc_ids:
        out.add(
            "knowledge",
            session.execute(delete(KnowledgeDoc).where(KnowledgeDoc.id.in_(doc_ids))).rowcount,
        )  # type: ignore[attr-defined]
        out.knowledge_ids.extend(doc_ids)
    out.add(
        "links",
        session.execute(
            delete(PersonaLink).where(
                or_(PersonaLink.persona_a_id.in_(pids), PersonaLink.persona_b_id.in_(pids))
            )
        ).rowcount,
    )  # type: ignore[attr-defined]
    out.add(
        "contacts",
        session.execute(delete(ContactHash).where(ContactHash.persona_id.in_(pids))).rowcount,
    )  # type: ignore[attr-defined]
    out.add("personas", session.execute(delete(Persona).where(Persona.id.in_(pids))).rowcount)  # type: ignore[attr-defined]


def forget_customer(session: Session, customer_id: int, actor: str) -> Forgotten:
    """Delete a customer and everything of theirs."""
    customer = session.get(Customer, customer_id)
    if customer is None or customer.merged_into_id is not None:
        raise IdentityError(f"no customer {customer_id}")
    _secure(session)
    out = Forgotten()
    personas = list(session.scalars(select(Persona).where(Persona.customer_id == customer_id)))
    _forget_personas(session, personas, out)
    # Posts still on the customer's tickets belong to them too (a split-off persona's are not).
    on_tickets = select(Mention.id).join(Ticket, Mention.ticket_id == Ticket.id)
    _delete_mentions(
        session, list(session.scalars(on_tickets.where(Ticket.customer_id == customer_id))), out
    )
    _drop_empty_tickets(session, out, {customer_id})
    out.add(
        "tickets", session.execute(delete(Ticket).where(Ticket.customer_id == customer_id)).rowcount
    )  # type: ignore[attr-defined]
    aliases = select(Customer.id).where(Customer.merged_into_id == customer_id)
    out.add(
        "customers",
        session.execute(
            delete(Customer).where(or_(Customer.id == customer_id, Customer.id.in_(aliases)))
        ).rowcount,
    )  # type: ignore[attr-defined]
    audit(session, actor, "forget", "customer", customer_id, **out.counts)
    session.flush()
    return out


def forget_persona(session: Session, ref: str, actor: str) -> Forgotten:
    """Delete one persona (``PLATFORM:HANDLE`` or an id) and everything of its own; its customer
    goes too when nothing else is left of it."""
    persona = parse_persona_ref(session, ref)
    _secure(session)
    out = Forgotten()
    pid, customer_id = persona.id, persona.customer_id
    _forget_personas(session, [persona], out)
    session.expunge(persona)
    if customer_id is not None:
        _drop_empty_tickets(session, out, {customer_id})
        left = session.scalar(
            select(func.count(Persona.id)).where(Persona.customer_id == customer_id)
        )
        customer = session.get(Customer, customer_id)
        if not left and customer is not None and customer.external_id is None:
            out.add(
                "customers",
                session.execute(delete(Customer).where(Customer.id == customer_id)).rowcount,
            )  # type: ignore[attr-defined]
    audit(session, actor, "forget", "persona", pid, **out.counts)
    session.flush()
    return out


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
                select(Mention.id).where(Mention.platform == source, Mention.created_at < cutoff)
            )
        )
        _delete_mentions(session, ids, out)
    _drop_empty_tickets(session, out, set())
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
            for table in SCRUBBED_TABLES:
                conn.execute(text(f"VACUUM {table}"))
