"""An agent's decisions (confirm, reject, merge, split) and the customers view."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from config import Settings
from crawlers.items import utcnow
from pipelines.identity.common import IdentityError
from pipelines.identity.linker import Linker, audit, find_persona
from pipelines.models import (
    Customer,
    Persona,
    PersonaLink,
    Ticket,
)
from pipelines.models import Mention as MentionRow


def _customer(session: Session, customer_id: int) -> Customer:
    row = session.get(Customer, customer_id)
    if row is None or row.merged_into_id is not None:
        raise IdentityError(f"no customer {customer_id}")
    return row


def confirm_link(session: Session, settings: Settings, link_id: int, agent: str) -> PersonaLink:
    """An agent confirms a link: its two personas become one customer, whatever the evidence."""
    link = session.get(PersonaLink, link_id)
    if link is None:
        raise IdentityError(f"no link {link_id}")
    a, b = session.get(Persona, link.persona_a_id), session.get(Persona, link.persona_b_id)
    assert a is not None and b is not None
    link.status, link.decided_by, link.decided_at = "confirmed", agent, utcnow()
    if a.customer_id != b.customer_id:
        _merge(session, settings, a.customer_id, b.customer_id)  # type: ignore[arg-type]
    for p in (a, b):
        p.pinned = True
    audit(session, agent, "link.confirm", "persona_link", link.id, personas=[a.id, b.id])
    session.flush()
    return link


def reject_link(session: Session, link_id: int, agent: str) -> PersonaLink:
    """An agent rejects a proposed link; it never joins anything afterwards."""
    link = session.get(PersonaLink, link_id)
    if link is None:
        raise IdentityError(f"no link {link_id}")
    link.status, link.decided_by, link.decided_at = "rejected", agent, utcnow()
    audit(session, agent, "link.reject", "persona_link", link.id)
    session.flush()
    return link


def _agent_link(session: Session, a_id: int, b_id: int, status: str, detail: str) -> PersonaLink:
    """The ``agent`` link between two personas, created or set to ``status``: the record of an
    agent's merge (confirmed) or split (rejected)."""
    lo, hi = sorted((a_id, b_id))
    row = session.scalar(
        select(PersonaLink).where(
            PersonaLink.persona_a_id == lo,
            PersonaLink.persona_b_id == hi,
            PersonaLink.evidence == "agent",
        )
    )
    if row is None:
        row = PersonaLink(
            persona_a_id=lo,
            persona_b_id=hi,
            evidence="agent",
            confidence=1.0,
            status=status,
            detail=detail,
        )
        session.add(row)
    else:
        row.status = status
    return row


def _merge(session: Session, settings: Settings, a_id: int, b_id: int) -> Customer:
    a, b = _customer(session, a_id), _customer(session, b_id)
    if a.id == b.id:
        raise IdentityError("a customer cannot be merged with itself")
    keep, absorb = (a, b) if (a.external_id or not b.external_id) else (b, a)
    moved = [p.id for p in session.scalars(select(Persona).where(Persona.customer_id == absorb.id))]
    Linker(session, settings).move(keep, absorb)
    # Rejected links between the two are overruled by the agent's merge.
    group = [p.id for p in session.scalars(select(Persona).where(Persona.customer_id == keep.id))]
    session.execute(
        update(PersonaLink)
        .where(
            PersonaLink.status == "rejected",
            PersonaLink.persona_a_id.in_(group),
            PersonaLink.persona_b_id.in_(group),
        )
        .values(status="confirmed")
    )
    session.execute(update(Persona).where(Persona.id.in_(group)).values(pinned=True))
    stayed = [p for p in group if p not in moved]
    if moved and stayed:  # the agent's merge is the evidence between the two groups
        anchor = min(stayed)
        for pid in moved:
            _agent_link(session, anchor, pid, "confirmed", "merged by an agent")
    session.flush()
    return keep


def merge_customers(
    session: Session, settings: Settings, a_id: int, b_id: int, agent: str
) -> Customer:
    """An agent merges two customers into one (the CRM one, or the first, survives)."""
    keep = _merge(session, settings, a_id, b_id)
    audit(session, agent, "customer.merge", "customer", keep.id, merged=sorted({a_id, b_id}))
    return keep


def split_persona(session: Session, persona_id: int, agent: str) -> Customer:
    """An agent takes a persona out of its customer into a new one. Its links to the former
    customer's personas become ``rejected`` (an ``agent`` link records the split where there was
    none), so no import or crawl joins them again. The persona's tickets follow it."""
    persona = session.get(Persona, persona_id)
    if persona is None:
        raise IdentityError(f"no persona {persona_id}")
    old_id = persona.customer_id
    others = [
        p.id
        for p in session.scalars(
            select(Persona).where(Persona.customer_id == old_id, Persona.id != persona.id)
        )
    ]
    if not others:
        raise IdentityError(f"persona {persona_id} is already alone in customer {old_id}")
    new = Customer()
    session.add(new)
    session.flush()
    persona.customer_id = new.id
    persona.pinned = True
    now = utcnow()
    for other in others:
        lo, hi = sorted((persona.id, other))
        links = session.scalars(
            select(PersonaLink).where(
                PersonaLink.persona_a_id == lo, PersonaLink.persona_b_id == hi
            )
        ).all()
        for link in links:
            link.status, link.decided_by, link.decided_at = "rejected", agent, now
        _agent_link(session, lo, hi, "rejected", "split by an agent")
    _split_tickets(session, persona.id, old_id, new.id)
    audit(
        session,
        agent,
        "persona.split",
        "persona",
        persona.id,
        from_customer=old_id,
        to_customer=new.id,
    )
    session.flush()
    return new


def _split_tickets(
    session: Session, persona_id: int, old_customer: int | None, new_customer: int
) -> None:
    ticket_ids = set(
        session.scalars(
            select(MentionRow.ticket_id).where(
                MentionRow.persona_id == persona_id, MentionRow.ticket_id.is_not(None)
            )
        )
    )
    for tid in ticket_ids:
        ticket = session.get(Ticket, tid)
        if ticket is None or ticket.customer_id != old_customer:
            continue
        foreign = session.scalar(
            select(func.count(MentionRow.id)).where(
                MentionRow.ticket_id == tid, MentionRow.persona_id != persona_id
            )
        )
        if not foreign:
            ticket.customer_id = new_customer
            continue
        copy = Ticket(
            customer_id=new_customer,
            status=ticket.status,
            priority=ticket.priority,
            topic=ticket.topic,
            team=ticket.team,
        )
        session.add(copy)
        session.flush()
        session.execute(
            update(MentionRow)
            .where(MentionRow.ticket_id == tid, MentionRow.persona_id == persona_id)
            .values(ticket_id=copy.id)
        )


def parse_persona_ref(session: Session, ref: str) -> Persona:
    """A persona by id ("12") or by PLATFORM:HANDLE ("reddit:maria_q")."""
    if ref.isdigit():
        row = session.get(Persona, int(ref))
    else:
        platform, sep, handle = ref.partition(":")
        if not sep or not handle.strip():
            raise IdentityError(f"persona '{ref}': expected an id or PLATFORM:HANDLE")
        row = find_persona(session, platform.strip().lower(), handle)
    if row is None:
        raise IdentityError(f"no persona {ref}")
    return row


# -- views -------------------------------------------------------------------------------------


def customers_view(session: Session, ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """Customers (not merged aliases) with their personas and the links that touch them."""
    q = select(Customer).where(Customer.merged_into_id.is_(None)).order_by(Customer.id)
    if ids is not None:
        q = q.where(Customer.id.in_(list(ids)))
    out = []
    for c in session.scalars(q):
        personas = list(
            session.scalars(select(Persona).where(Persona.customer_id == c.id).order_by(Persona.id))
        )
        pids = [p.id for p in personas]
        links = (
            session.scalars(
                select(PersonaLink)
                .where(or_(PersonaLink.persona_a_id.in_(pids), PersonaLink.persona_b_id.in_(pids)))
                .order_by(PersonaLink.id)
            ).all()
            if pids
            else []
        )
        out.append(
            {
                "id": c.id,
                "external_id": c.external_id,
                "name": c.name,
                "personas": [
                    {"id": p.id, "platform": p.platform, "handle": p.handle, "pinned": p.pinned}
                    for p in personas
                ],
                "links": [
                    {
                        "id": link.id,
                        "personas": [link.persona_a_id, link.persona_b_id],
                        "evidence": link.evidence,
                        "confidence": link.confidence,
                        "status": link.status,
                        "detail": link.detail,
                        "decided_by": link.decided_by,
                    }
                    for link in links
                ],
            }
        )
    return out
