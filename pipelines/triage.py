"""The triage stage: topic and team of a complaint or question; priority and SLA of its ticket.

Topic: the configured topic whose keywords (``[triage] topics``, English and Spanish) occur most
often in the post; else the category of the own KB article (knowledge_doc, source "kb") sharing
the most title words (at least two) with the post; else None. Team: ``[triage] teams[topic]``,
else ``[triage] default_team`` -- by skill, never by channel.

Priority (0..100) of a complaint or question, written by the store once the ticket is known
(:func:`update_ticket`) and recomputed for open tickets by ``listenpost triage refresh``
(:func:`refresh`), because the SLA part grows with time; what matters most comes first: posts
the brand owes a reply, complaints before questions, severity, then age, reach and repeat
contacts::

    priority = 100 * (0.30 * S + 0.15 * R + 0.20 * V + 0.10 * C + 0.25 * Q) * N
    S = min(age_minutes / sla_minutes, 2) / 2       # SLA age: 0.5 at the due time, 1 at twice
    R = min(log10(1 + score + 2 * replies + views / 100) / 4, 1)   # reach
    V = min(len(severity cues) / 2, 1)              # safety, legal, cancel, amplification
    C = min((contacts - 1) / 4, 1)                  # the customer's complaints, this one included
    Q = 1 for a complaint, 0.6 for a question, 0 otherwise (praise, answers, other posts)
    N = 1 when the post needs a reply, 0.5 when it does not

A ticket takes the highest priority of its posts, halved when its customer's latest post says
the matter is over ("That worked, thanks!", "portabilidad hecha": pipelines.status.solved): the
brand still owes a public word, the least urgent in the queue.

Status: an ``open`` ticket none of whose posts the brand owes a reply any more (answered in
public or by a sent reply, or marked "no reply needed") becomes ``pending``: the brand has
spoken and waits on the customer; a ``pending`` ticket with a post that needs a reply again is
``open``. ``active`` (an agent works on it) and ``closed`` are the agents' to set.
``age`` runs from the ticket's first post until its first response (or now); ``sla_minutes`` is
``[triage] sla_minutes[channel]`` (``other`` for channels not listed; default 60) and
``sla_due_at`` = first post + sla_minutes. The queue orders reassigned tickets first, then
priority, then sla_due_at (webapp/triage.py).
"""

from __future__ import annotations

import logging
import math
import re
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from config.settings import Settings
from crawlers.items import Item, Mention, as_utc
from pipelines.chain import Stage
from pipelines.models import KnowledgeDoc, Persona, Ticket
from pipelines.models import Mention as MentionRow
from pipelines.models.records import utcnow

logger = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
OPEN = ("open", "active", "pending")


def keyword_topic(text: str, topics: dict[str, list[str]]) -> str | None:
    folded = " " + " ".join(_WORD.findall(text.casefold())) + " "
    best, hits = None, 0
    for topic, words in topics.items():
        n = sum(folded.count(" " + " ".join(_WORD.findall(w.casefold())) + " ") for w in words)
        if n > hits:
            best, hits = topic, n
    return best


def sla_minutes(settings: Settings, platform: str) -> int:
    table = settings.triage.sla_minutes
    return int(table.get(platform, table.get("other", 60)))


ROLE_WEIGHT = {"complaint": 1.0, "question": 0.6}
SETTLED = 0.5  # a ticket whose customer said last that the matter is over


def priority_score(
    age_minutes: float,
    sla: float,
    score: int = 0,
    replies: int = 0,
    views: int = 0,
    severity: list[str] | None = None,
    contacts: int = 1,
    role: str | None = "complaint",
    needs_reply: bool | None = True,
) -> float:
    s = min(max(age_minutes, 0.0) / max(sla, 1.0), 2.0) / 2.0
    r = min(math.log10(1 + max(score, 0) + 2 * max(replies, 0) + max(views, 0) / 100) / 4, 1.0)
    v = min(len(severity or []) / 2, 1.0)
    c = min(max(contacts - 1, 0) / 4, 1.0)
    q = ROLE_WEIGHT.get(role or "", 0.0)
    n = 1.0 if needs_reply else 0.5
    return round(100 * (0.30 * s + 0.15 * r + 0.20 * v + 0.10 * c + 0.25 * q) * n, 2)


class Triage(Stage):
    def process_item(self, item: Item, spider: Any = None) -> Item:
        if not isinstance(item, Mention) or item.status is None:
            return item
        text = f"{item.title or ''}\n{item.text}"
        settings = self.ctx.settings.triage
        item.topic = keyword_topic(text, settings.topics) or self._kb_topic(text)
        item.team = settings.teams.get(item.topic or "", settings.default_team)
        return item

    def _kb_topic(self, text: str) -> str | None:
        cats = getattr(self, "_cats", None)
        if cats is None:
            cats = self._cats = [
                (set(w for w in _WORD.findall(title.casefold()) if len(w) > 3), category)
                for title, category in self.ctx.session.execute(
                    select(KnowledgeDoc.title, KnowledgeDoc.category).where(
                        KnowledgeDoc.source == "kb", KnowledgeDoc.category.is_not(None)
                    )
                )
            ]
        words = set(_WORD.findall(text.casefold()))
        best, hits = None, 1
        for title_words, category in cats:
            n = len(title_words & words)
            if n > hits:
                best, hits = category, n
        return best


def _contacts(session: Session, customer_id: int | None) -> int:
    if customer_id is None:
        return 1
    return int(
        session.scalar(
            select(func.count(MentionRow.id))
            .join(Persona, Persona.id == MentionRow.persona_id)
            .where(Persona.customer_id == customer_id, MentionRow.is_complaint.is_(True))
        )
        or 1
    )


def update_ticket(
    session: Session, settings: Settings, ticket: Ticket, now: datetime | None = None
) -> None:
    """Topic, team, times, matter and priority of a ticket and its complaints."""
    from pipelines.status import owes_reply, solved
    from pipelines.tickets import update_facts

    now = as_utc(now or utcnow())
    posts = session.scalars(
        select(MentionRow)
        .where(MentionRow.ticket_id == ticket.id)
        .order_by(MentionRow.created_at, MentionRow.id)
    ).all()
    if not posts:
        return
    first = posts[0]
    sla = sla_minutes(settings, first.platform)
    update_facts(session, ticket, posts, sla)  # first post, SLA due, first response, matter
    owed = any(owes_reply(p) for p in posts)
    if ticket.status == "open" and not owed:
        ticket.status = "pending"
    elif ticket.status == "pending" and owed:
        ticket.status = "open"
    if ticket.topic is None:
        ticket.topic = next((p.topic for p in posts if p.topic), None)
        ticket.team = settings.triage.teams.get(ticket.topic or "", settings.triage.default_team)
    end = as_utc(ticket.first_response_at or now)
    start = as_utc(first.created_at)
    contacts = _contacts(session, ticket.customer_id)
    best = 0.0
    for p in posts:
        role = p.role or ("complaint" if p.is_complaint else None)
        if p.status is None and role not in ROLE_WEIGHT:
            continue
        p.priority = priority_score(
            (end - start).total_seconds() / 60,
            sla,
            p.score,
            p.replies,
            p.views,
            p.severity,
            contacts,
            role,
            p.needs_reply is not False,
        )
        best = max(best, p.priority)
    last = next((p for p in reversed(posts) if not p.by_brand), None)
    if last is not None and solved(last.text or ""):
        best = round(best * SETTLED, 2)
    ticket.priority = best
    session.flush()


def refresh(session: Session, settings: Settings, now: datetime | None = None) -> int:
    """Recompute the priority of every ticket not closed; returns how many."""
    tickets = session.scalars(select(Ticket).where(Ticket.status.in_(OPEN))).all()
    for t in tickets:
        update_ticket(session, settings, t, now)
    session.commit()
    return len(tickets)
