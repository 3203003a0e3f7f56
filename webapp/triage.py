"""The triage data the queue and ticket pages and the JSON API share: the queue query, ticket
detail, claims with conflict detection, status changes, notes and classifier feedback."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from config.errors import ListenpostError
from crawlers.items import utcnow
from pipelines.models import OPEN_STATUSES
from pipelines.models.records import (
    AuditLog,
    ComplaintFeedback,
    Customer,
    Mention,
    Persona,
    PersonaLink,
    Reply,
    Ticket,
    TicketNote,
)

logger = logging.getLogger(__name__)

STATUSES = ("open", "active", "pending", "closed")
ANSWERED_STATUSES = ("pending", "closed")  # listed by status without a post owed a reply
CHANNELS = ("reddit", "youtube", "forum", "import")
PAGE_SIZE = 50
CUSTOMER_POSTS = 200
DUE_SOON = 15  # minutes left at which an unanswered ticket's SLA countdown is marked due


@dataclass
class QueueFilter:
    channel: str | None = None
    lang: str | None = None
    team: str | None = None
    status: str | None = None  # None: every open status
    assignee: str | None = None  # "-" : unassigned
    mine: bool = False

    @classmethod
    def from_args(cls, args: Any) -> QueueFilter:
        def pick(name: str, allowed: tuple[str, ...] | None = None) -> str | None:
            value = (args.get(name) or "").strip()[:64] or None
            return value if value is None or allowed is None or value in allowed else None

        return cls(
            channel=pick("channel", CHANNELS),
            lang=pick("lang"),
            team=pick("team"),
            status=pick("status", STATUSES),
            assignee=pick("assignee"),
            mine=args.get("mine") in ("1", "on", "true"),
        )

    def args(self) -> dict[str, str]:
        out = {k: v for k, v in vars(self).items() if v not in (None, False)}
        if self.mine:
            out["mine"] = "1"
        return out


@dataclass
class Snippet:
    """The first customer post of a queue row: just what the row shows."""

    id: int
    author: str
    title: str | None
    text: str


@dataclass
class QueueRow:
    ticket: Ticket
    first: Snippet | None
    channels: list[str] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)
    mention_ids: list[int] = field(default_factory=list)
    customer: str | None = None


def needs_reply() -> Any:
    """A ticket with a post the brand owes a reply (an index probe: ix_mention_needs_reply)."""
    return (
        select(Mention.id)
        .where(Mention.ticket_id == Ticket.id, Mention.needs_reply.is_(True))
        .exists()
    )


def _where(f: QueueFilter, username: str | None, with_status: bool = True) -> list[Any]:
    """The queue: tickets not closed with a post that needs a reply; pending (the brand waits on
    the customer) and closed ones when asked for by status."""
    conds: list[Any] = []
    if with_status:
        conds.append(Ticket.status == f.status if f.status else Ticket.status.in_(OPEN_STATUSES))
        if f.status not in ANSWERED_STATUSES:
            conds.append(needs_reply())
    else:
        conds.append(or_(Ticket.status.in_(ANSWERED_STATUSES), needs_reply()))
    if f.channel or f.lang:
        sub = select(Mention.ticket_id).where(Mention.ticket_id == Ticket.id)
        if f.channel:
            sub = sub.where(Mention.platform == f.channel)
        if f.lang:
            sub = sub.where(Mention.lang == f.lang)
        conds.append(sub.exists())
    if f.team:
        conds.append(Ticket.team == f.team)
    if f.mine:
        conds.append(Ticket.assignee == (username or ""))
    elif f.assignee == "-":
        conds.append(Ticket.assignee.is_(None))
    elif f.assignee:
        conds.append(Ticket.assignee == f.assignee)
    return conds


# Reassigned conversations first, then priority, then the nearest SLA.
QUEUE_ORDER = (
    Ticket.reassigned.desc(),
    Ticket.priority.desc(),
    Ticket.sla_due_at.asc(),
    Ticket.id.asc(),
)


def queue(
    session: Session, f: QueueFilter, username: str | None, page: int = 1,
    page_size: int = PAGE_SIZE,
) -> tuple[list[QueueRow], int, dict[str, int]]:  # fmt: skip
    """One page of the queue, the number of matching tickets and the counts per status."""
    conds = _where(f, username)
    counts = {s: 0 for s in STATUSES}
    for status, n in session.execute(
        select(Ticket.status, func.count(Ticket.id))
        .where(*_where(f, username, with_status=False))
        .group_by(Ticket.status)
    ):
        counts[status] = n
    total = int(session.scalar(select(func.count(Ticket.id)).where(*conds)) or 0)
    tickets = list(
        session.scalars(
            select(Ticket)
            .where(*conds)
            .order_by(*QUEUE_ORDER)
            .offset((max(page, 1) - 1) * page_size)
            .limit(page_size)
        )
    )
    return rows_for(session, tickets), total, counts


def rows_for(session: Session, tickets: list[Ticket]) -> list[QueueRow]:
    """Channels, languages, mention ids, the first customer post and the customer's name."""
    rows = {t.id: QueueRow(ticket=t, first=None) for t in tickets}
    if not rows:
        return []
    found = session.execute(
        select(
            Mention.id,
            Mention.ticket_id,
            Mention.platform,
            Mention.lang,
            Mention.by_brand,
            Mention.author,
            func.substr(Mention.title, 1, 200),
            func.substr(Mention.text, 1, 200),
        )
        .where(Mention.ticket_id.in_(list(rows)))
        .order_by(Mention.created_at.asc(), Mention.id.asc())
    )
    for mid, tid, platform, lang, by_brand, author, title, text in found:
        row = rows[tid]
        row.mention_ids.append(mid)
        if platform not in row.channels:
            row.channels.append(platform)
        if lang and lang not in row.langs:
            row.langs.append(lang)
        if row.first is None and not by_brand:
            row.first = Snippet(mid, author, title, text or "")
    customer_ids = {t.customer_id for t in tickets if t.customer_id}
    if customer_ids:
        names = dict(
            session.execute(
                select(Customer.id, Customer.name).where(Customer.id.in_(customer_ids))
            ).all()
        )
        for row in rows.values():
            row.customer = names.get(row.ticket.customer_id)  # type: ignore[arg-type]
    for row in rows.values():
        if row.customer is None and row.first is not None:
            row.customer = row.first.author
    return [rows[t.id] for t in tickets]


FACETS_TTL = 120.0  # seconds the filter menus' values are reused
# database -> (expiry, the cache generation they were computed under, the values)
_facets: dict[str, tuple[float, int, dict[str, list[str]]]] = {}
_facets_lock = threading.Lock()  # guards _facets
_facets_compute = threading.Lock()  # held by the one request recomputing them


def facets(session: Session) -> dict[str, list[str]]:
    """Values for the filter menus (teams, languages), recomputed every FACETS_TTL seconds (and
    at once after a `listenpost forget` in any process):
    the distinct languages of 100,000 posts cost more than the rest of the page. One request
    recomputes them; the others keep showing the old values meanwhile (or, before there are
    any, wait for that one) instead of all running the same query at once."""
    from webapp import cache_generation

    key = str(session.get_bind().url)
    generation = cache_generation(session)
    with _facets_lock:
        hit = _facets.get(key)
    if hit is not None and hit[1] != generation:
        hit = None  # someone was forgotten since: never show the old values
    if hit is not None and hit[0] > time.monotonic():
        return hit[2]
    if not _facets_compute.acquire(blocking=hit is None):
        return hit[2]  # type: ignore[index]  # another request is recomputing them
    try:
        with _facets_lock:
            again = _facets.get(key)
        if again is not None and again[0] > time.monotonic() and again[1] == generation:
            return again[2]  # computed while this request waited
        teams = session.scalars(
            select(Ticket.team).where(Ticket.team.is_not(None)).distinct().order_by(Ticket.team)
        )
        langs = session.scalars(
            select(Mention.lang)
            .where(Mention.lang.is_not(None), Mention.ticket_id.is_not(None))
            .distinct()
            .order_by(Mention.lang)
            .limit(50)
        )
        value = {"teams": [t for t in teams if t], "langs": [x for x in langs if x]}
        with _facets_lock:
            _facets[key] = (time.monotonic() + FACETS_TTL, generation, value)
        return value
    finally:
        _facets_compute.release()


# -- one ticket --------------------------------------------------------------------------------


@dataclass
class Thread:
    root: Mention | None  # the parent post of the thread, when stored
    posts: list[Mention]  # every stored post of the thread, oldest first


@dataclass
class ThreadGroup:
    """One thread as the ticket page shows it: the opening post, then the replies, with the
    ticket's own posts marked (``mine``)."""

    root: Mention | None
    replies: list[Mention]
    mine: set[int]


@dataclass
class TicketView:
    ticket: Ticket
    mentions: list[Mention]
    threads: dict[int, Thread]  # per ticket mention id
    groups: list[ThreadGroup]  # the threads of the ticket, each once, in order
    customer: Customer | None
    personas: list[Persona]
    links: list[tuple[PersonaLink, Persona | None, Persona | None]]
    customer_posts: list[Mention]
    replies: list[Reply]
    notes: list[TicketNote]
    feedback: dict[int, set[str]]  # mention id -> agents' corrections ("not_complaint", ...)


def ticket_view(session: Session, ticket_id: int) -> TicketView | None:
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        return None
    mentions = list(
        session.scalars(
            select(Mention)
            .where(Mention.ticket_id == ticket.id)
            .order_by(Mention.created_at.asc(), Mention.id.asc())
        )
    )
    threads: dict[int, Thread] = {}
    keys = {(m.platform, m.thread_id) for m in mentions if m.thread_id}
    by_thread: dict[tuple[str, str], list[Mention]] = {}
    if keys:
        conds = [and_(Mention.platform == p, Mention.thread_id == t) for p, t in keys]
        for post in session.scalars(
            select(Mention)
            .where(or_(*conds))
            .order_by(Mention.created_at.asc(), Mention.id.asc())
            .limit(500)
        ):
            by_thread.setdefault((post.platform, post.thread_id or ""), []).append(post)
    for m in mentions:
        posts = by_thread.get((m.platform, m.thread_id or ""), [m])
        root = next((p for p in posts if p.source_id == m.thread_id), None)
        if root is None and m.thread_id:
            root = session.scalar(
                select(Mention).where(
                    Mention.platform == m.platform, Mention.source_id == m.thread_id
                )
            )
        threads[m.id] = Thread(root=root, posts=posts)

    groups: list[ThreadGroup] = []
    seen: dict[tuple[str, str], ThreadGroup] = {}
    mine = {m.id for m in mentions}
    for m in mentions:
        key = (m.platform, m.thread_id or f"#{m.id}")
        if key in seen:
            continue
        th = threads[m.id]
        root = th.root
        replies = [p for p in th.posts if root is None or p.id != root.id]
        seen[key] = ThreadGroup(root=root, replies=replies, mine=mine)
        groups.append(seen[key])

    customer = session.get(Customer, ticket.customer_id) if ticket.customer_id else None
    personas: list[Persona] = []
    links: list[tuple[PersonaLink, Persona | None, Persona | None]] = []
    customer_posts: list[Mention] = []
    if customer is not None:
        personas = list(
            session.scalars(
                select(Persona).where(Persona.customer_id == customer.id).order_by(Persona.id)
            )
        )
        pids = [p.id for p in personas]
        if pids:
            link_rows = list(
                session.scalars(
                    select(PersonaLink)
                    .where(
                        or_(PersonaLink.persona_a_id.in_(pids), PersonaLink.persona_b_id.in_(pids))
                    )
                    .order_by(PersonaLink.confidence.desc())
                    .limit(50)
                )
            )
            other_ids = {x for link in link_rows for x in (link.persona_a_id, link.persona_b_id)}
            known = {
                p.id: p for p in session.scalars(select(Persona).where(Persona.id.in_(other_ids)))
            }
            links = [(link, known.get(link.persona_a_id), known.get(link.persona_b_id))
                     for link in link_rows]  # fmt: skip
            customer_posts = list(
                session.scalars(
                    select(Mention)
                    .where(Mention.persona_id.in_(pids))
                    .order_by(Mention.created_at.asc(), Mention.id.asc())
                    .limit(CUSTOMER_POSTS)
                )
            )
    if not customer_posts:
        customer_posts = [m for m in mentions if not m.by_brand]
    replies = list(
        session.scalars(select(Reply).where(Reply.ticket_id == ticket.id).order_by(Reply.id))
    )
    notes = list(
        session.scalars(
            select(TicketNote).where(TicketNote.ticket_id == ticket.id).order_by(TicketNote.id)
        )
    )
    feedback: dict[int, set[str]] = {}
    for mention_id, label in session.execute(
        select(ComplaintFeedback.mention_id, ComplaintFeedback.label).where(
            ComplaintFeedback.ticket_id == ticket.id
        )
    ):
        feedback.setdefault(mention_id, set()).add(label)
    return TicketView(ticket, mentions, threads, groups, customer, personas, links,
                      customer_posts, replies, notes, feedback)  # fmt: skip


def audit(session: Session, actor: str, action: str, ticket_id: int, **detail: Any) -> None:
    session.add(AuditLog(actor=actor, action=action, target_type="ticket",
                         target_id=str(ticket_id), detail=detail or None))  # fmt: skip


class Conflict(ListenpostError):
    """Someone else changed the ticket first; ``holder`` has it now."""

    status = 409

    def __init__(self, holder: str | None) -> None:
        super().__init__(f"ticket is held by {holder}" if holder else "ticket changed")
        self.holder = holder


def claim(session: Session, ticket_id: int, username: str) -> Ticket:
    """Take an unassigned ticket (one atomic UPDATE, so of two agents claiming at once exactly
    one wins); raises :class:`Conflict` naming the holder otherwise."""
    now = utcnow()
    result = session.execute(
        update(Ticket)
        .where(
            Ticket.id == ticket_id,
            or_(Ticket.assignee.is_(None), Ticket.assignee == username),
        )
        .values(
            assignee=username,
            status="active",
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    ticket = session.get(Ticket, ticket_id)
    if ticket is not None:
        session.refresh(ticket)
    if result.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        ticket = session.get(Ticket, ticket_id)
        raise Conflict(ticket.assignee if ticket else None)
    audit(session, username, "claim", ticket_id)
    return ticket  # type: ignore[return-value]


def assign(
    session: Session, ticket_id: int, to: str | None, expected: str | None, actor: str
) -> Ticket:
    """Give the ticket to ``to`` (None: unassign) if it is still held by ``expected``; a change
    of hands marks the ticket reassigned (it then comes first in the queue)."""
    held = Ticket.assignee.is_(None) if expected is None else Ticket.assignee == expected
    values: dict[str, Any] = {"assignee": to, "updated_at": utcnow()}
    if expected is not None and to is not None and to != expected:
        values["reassigned"] = True
    if to is None:
        values["status"] = "open"
    result = session.execute(
        update(Ticket)
        .where(Ticket.id == ticket_id, held)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        ticket = session.get(Ticket, ticket_id)
        raise Conflict(ticket.assignee if ticket else None)
    ticket = session.get(Ticket, ticket_id)
    session.refresh(ticket)  # type: ignore[arg-type]
    audit(session, actor, "assign", ticket_id, to=to, was=expected)
    return ticket  # type: ignore[return-value]


def set_status(session: Session, ticket: Ticket, status: str, actor: str) -> None:
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    was = ticket.status
    ticket.status = status
    if status == "closed" and ticket.closed_at is None:
        ticket.closed_at = utcnow()
    elif status != "closed":
        ticket.closed_at = None
    if status == "open" and was == "closed":
        ticket.reassigned = False
    audit(session, actor, "status", ticket.id, status=status, was=was)


def add_note(session: Session, ticket: Ticket, text: str, author: str) -> TicketNote:
    note = TicketNote(ticket_id=ticket.id, text=text[:10_000], author=author)
    session.add(note)
    audit(session, author, "note", ticket.id)
    return note


def sla_state(ticket: Ticket, now: datetime | None = None) -> dict[str, Any] | None:
    """The SLA countdown: minutes left (negative when breached), due (within DUE_SOON), label."""
    if ticket.sla_due_at is None or ticket.status == "closed":
        return None
    if ticket.first_response_at is not None:
        met = ticket.first_response_at <= ticket.sla_due_at
        return {"breached": not met, "due": False, "minutes": 0,
                "label": "answered" if met else "answered late"}  # fmt: skip
    minutes = int((ticket.sla_due_at - (now or utcnow())).total_seconds() // 60)
    span = abs(minutes)
    text = f"{span // 60}h {span % 60:02d}m" if span >= 60 else f"{span}m"
    if span >= 48 * 60:
        text = f"{span // 1440}d {span % 1440 // 60}h"
    label = f"{text} left" if minutes >= 0 else f"breached {text} ago"
    return {"breached": minutes < 0, "due": 0 <= minutes < DUE_SOON, "minutes": minutes,
            "label": label}  # fmt: skip
