"""An agent's corrections of what a post is: "not a complaint" (one post) and "no reply needed"
(a ticket). Each sets the posts' role and needs_reply at once, so the ticket leaves the queue
when none of its posts needs a reply any more, is audit-logged, and is stored in table
complaint_feedback as training data for `listenpost classifier train` (pipelines.feedback)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipelines.models.records import ComplaintFeedback, Mention, Ticket
from webapp.triage import audit

NOT_COMPLAINT_ROLES = ("other", "praise", "answer")


def _stored(session: Session, mention_id: int, label: str) -> bool:
    return (
        session.scalar(
            select(ComplaintFeedback.id).where(
                ComplaintFeedback.mention_id == mention_id, ComplaintFeedback.label == label
            )
        )
        is not None
    )


def not_a_complaint(
    session: Session, ticket: Ticket, mention: Mention, agent: str, role: str = "other"
) -> bool:
    """The post is no complaint but ``role`` (other, praise or answer): it needs no reply.
    False if it was already marked."""
    if role not in NOT_COMPLAINT_ROLES:
        raise ValueError(f"role must be one of {', '.join(NOT_COMPLAINT_ROLES)}")
    if _stored(session, mention.id, "not_complaint"):
        return False
    was = mention.role
    mention.role = role
    mention.is_complaint = False
    mention.needs_reply = False
    mention.status = None
    session.add(ComplaintFeedback(mention_id=mention.id, ticket_id=ticket.id,
                                  label="not_complaint", agent=agent))  # fmt: skip
    audit(session, agent, "not_complaint", ticket.id, mention_id=mention.id, role=role, was=was)
    _settle(session, ticket)
    return True


def no_reply_needed(session: Session, ticket: Ticket, agent: str) -> list[int]:
    """No post of the ticket needs a reply: the ids of the posts that did. A question that needs
    no reply is no question to the brand (role "other"); a complaint stays a complaint."""
    posts = list(
        session.scalars(
            select(Mention)
            .where(Mention.ticket_id == ticket.id, Mention.needs_reply.is_(True))
            .order_by(Mention.id)
        )
    )
    for m in posts:
        m.needs_reply = False
        if m.role == "question":
            m.role = "other"
        if not _stored(session, m.id, "no_reply"):
            session.add(ComplaintFeedback(mention_id=m.id, ticket_id=ticket.id,
                                          label="no_reply", agent=agent))  # fmt: skip
    ids = [m.id for m in posts]
    audit(session, agent, "no_reply", ticket.id, mention_ids=ids)
    _settle(session, ticket)
    return ids


def _settle(session: Session, ticket: Ticket) -> None:
    """An open ticket none of whose posts is owed a reply any more is pending (as the pipeline
    sets it: pipelines.triage.update_ticket)."""
    from pipelines.status import owes_reply

    session.flush()
    posts = session.scalars(select(Mention).where(Mention.ticket_id == ticket.id)).all()
    if ticket.status == "open" and not any(owes_reply(p) for p in posts):
        ticket.status = "pending"
