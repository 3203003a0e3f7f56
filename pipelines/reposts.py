"""Re-posts: a customer's post that says it repeats an earlier request of theirs ("(repost,
nobody answered)", "posting this again", "second time asking", "still no answer", "lo vuelvo a
preguntar porque nadie contesta", "sigo sin respuesta", "otra vez con lo mismo") continues their
latest unresolved ticket, however long ago they asked within ``[identity] repost_window_days``.

A customer left without an answer posts the matter again in a new thread, often days later and
in other words: outside ``[identity] ticket_window_hours`` neither closeness nor waiting joins
it, and the team would see two tickets for one matter. The cue (:func:`is_repost`) says the
post repeats a request, so the open ticket it repeats is the customer's latest one that still
waits for the brand (:func:`unresolved`: a post of it is owed a reply, or no brand response came
after its last customer post that is not praise, the KPIs' reading of a resolved ticket); a
ticket the brand settled or an agent closed is no longer waiting, and the re-post opens its own.
The help centre's reading (pipelines.matter_topic) still vetoes a ticket whose posts it reads
apart from the re-post: "asking again" about another matter is another matter.

The bound, ``[identity] repost_window_days`` (30), is the period the KPIs are read over by default
(``listenpost kpis --days 30``): the cue, not the time between, ties a re-post to its request, and
the bound only keeps a ticket nobody settled or closed for longer than a team's reporting period
from taking in whatever its customer asks again months later.

The cues name the asking or the posting, not the fault: "card declined again", "otra vez sin
fibra", "third time this month" tell a fault that recurs, and "I'm reposting the video link",
"again, thanks!" or "otra vez gracias" repeat no request.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crawlers.items import as_utc
from pipelines.conversation import said_in
from pipelines.models import Mention as MentionRow
from pipelines.models import Ticket
from pipelines.status import owes_reply, solved

# Verbs that repeat a post only with an object pronoun before them or a reason after them:
# "lo vuelvo a poner porque nadie contesta", not "vuelvo a poner la tarjeta".
_ES_PLACE = r"(poner|subir|escribir|colgar|mandar|enviar|comentar|contar)"
_ES_PLACED = r"(pongo|subo|escribo|cuelgo|mando|env[ií]o|comento|cuento)"
_ES_ASK = r"(preguntar|publicar|postear|plantear|repetir)"
_ES_ASKED = r"(pregunto|publico|posteo|planteo|repito)"
_REASON = r"\s*(\(|:|,|;|\.|$|porque|ya que|por si|a ver si|que nadie|since|because|as\b|in case)"
_ORDINAL = r"(second|2nd|third|3rd|fourth|4th|fifth|5th|segunda|tercera|cuarta|quinta)"

REPOST_CUE = re.compile(
    r"[(\[]\s*re-?post|^\W*re-?post(ed|ing)?\b\s*[:\-–—,!.]|"
    r"\bre-?post(ed|ing)?( (this|it|my (question|post|problem|issue|request|complaint|query)))?"
    + _REASON
    + r"|\b(posting|asking|ask|post) (this |it |my question |the same question )?"
    r"(once )?(again|one more time)\b|"
    rf"\b{_ORDINAL} time (i'?m |i am |i'?ve |i have |that i |i )?(asking|posting|asked|posted|ask|"
    r"post|writing|write)\b|"
    r"\b(already|previously) (asked|posted)( about)? (this|it)\b|"
    r"\b(asked|posted) (this|it|about this|about it) (before|already|earlier|last week|yesterday|"
    r"(a few|a couple of|two|three|\d+) (days|weeks) ago)\b|"
    r"\bno (answer|reply|response)s? (to|on) my (first|last|earlier|previous|original|other) "
    r"(post|question|thread|one)|\bnothing on (the|my) (first|last|earlier|previous|original|"
    r"other) (one|post|question|thread)|"
    r"\b(since|because|as|cause) (nobody|no one|no-one|noone) (has |have )?(answered|replied|"
    r"responded)|"
    r"\bstill (no|without an?|haven'?t (had|got|gotten|received) an?) (answer|reply|response)s?\b|"
    r"\bstill waiting (for|on) (an? )?(answer|reply|response)|"
    r"\bbump(ing)? (this|my (post|question|thread))\b|^\W*(2nd|second|3rd|third) (try|attempt)"
    r"\s*[:\-–—]|"
    rf"\bvuelvo a {_ES_ASK}\b|\b(lo|la|los|las|le|os|les) vuelvo a {_ES_PLACE}\b|"
    rf"\bvuelvo a {_ES_PLACE}\b(?=(esto|esta pregunta|mi pregunta|el mensaje|mi mensaje|el post|"
    rf"mi post)?{_REASON})|"
    rf"\b{_ES_ASKED} (otra vez|de nuevo|nuevamente)\b|"
    rf"\b(lo|la|los|las) {_ES_PLACED} (otra vez|de nuevo|nuevamente)\b|"
    rf"\b{_ES_PLACED} (otra vez|de nuevo|nuevamente)(?={_REASON})|"
    r"[(\[]\s*repito|^\W*repito\b|\brepito (la pregunta|el mensaje|el post|mi pregunta)|"
    rf"\brepito(?={_REASON})|"
    r"\b(segunda|tercera|cuarta|quinta) vez que (lo |la |os |te )?(pregunto|pongo|escribo|"
    r"publico|pido|reclamo|comento|posteo|subo)\b|"
    r"\bya (lo |la )?(pregunt[eé]|publiqu[eé]|plante[eé])\b|"
    r"\bya (lo |la )?(puse|escrib[ií]|coment[eé]|sub[ií]|colgu[eé])"
    r"(?= (antes|hace|el otro d[ií]a|la semana pasada|ayer|aqu[ií]|por aqu[ií]|y nadie|"
    r"pero nadie))|"
    r"\b(porque|ya que|como) nadie (de \w+ )?(me |nos |os )?(ha )?(contesta|contestado|responde|"
    r"respondido)\b|"
    r"\bsigo sin (respuesta|contestaci[oó]n|que nadie (me )?(conteste|responda))|"
    r"\b(todav[ií]a|a[uú]n) sin (respuesta|contestaci[oó]n)|"
    r"\bllevo (\w+ ){1,3}sin (respuesta|contestaci[oó]n)|\bsigo esperando (una )?respuesta|"
    r"\b(otra vez|de nuevo) (con|por) lo mismo\b",
    re.IGNORECASE | re.MULTILINE,
)


def is_repost(*texts: str | None) -> bool:
    """The post (its title and text) says it repeats an earlier request of the writer's."""
    return any(REPOST_CUE.search(t) for t in texts if t)


def unresolved(session: Session, ticket_ids: list[int], at: datetime) -> list[int]:
    """Of the tickets, those still waiting for the brand at ``at``: one of their customer posts
    before ``at`` is owed a reply, or no brand response came after their last customer post
    (praise aside) before ``at`` and the customer's last word does not say the matter is over
    (pipelines.status.solved: "it arrived this morning", "ya funciona")."""
    if not ticket_ids:
        return []
    at = as_utc(at)
    columns = (MentionRow.ticket_id, MentionRow.platform, MentionRow.thread_id,
               MentionRow.parent_id, MentionRow.source_id, MentionRow.created_at,
               MentionRow.role, MentionRow.needs_reply, MentionRow.status, MentionRow.by_brand,
               MentionRow.text)  # fmt: skip
    posts = [
        p
        for p in session.execute(
            select(*columns).where(
                MentionRow.ticket_id.in_(ticket_ids), MentionRow.by_brand.is_(False)
            )
        )
        if as_utc(p.created_at) < at
    ]
    last: dict[int, datetime] = {}
    waiting = set()
    latest: dict[int, Any] = {}
    for p in sorted(posts, key=lambda p: as_utc(p.created_at)):
        if owes_reply(p):
            waiting.add(p.ticket_id)
        latest[p.ticket_id] = p
        if p.role != "praise":
            last[p.ticket_id] = as_utc(p.created_at)
    settled = {t for t, p in latest.items() if solved(p.text or "")}
    said = said_in(session, {(p.platform, p.thread_id) for p in posts if p.thread_id}, sent=True)
    answered = {
        p.ticket_id
        for p in posts
        if p.thread_id and p.ticket_id in last
        for s in said.answering(p)
        if last[p.ticket_id] < s.at < at
    }
    return [t for t in ticket_ids if t in waiting or not (t in answered or t in settled)]


def reposted(
    session: Session,
    row: MentionRow,
    ticket_ids: list[int],
    horizon: timedelta,
    same_topic: Callable[[Session, MentionRow, list[int]], list[int]],
) -> Ticket | None:
    """The open ticket a re-post continues: of ``ticket_ids`` (the customer's open tickets),
    the one with the latest post among those begun before the row, with a post at most
    ``horizon`` before it, still waiting for the brand (:func:`unresolved`) and not read apart
    from the row by the help centre (``same_topic``)."""
    spans = session.execute(
        select(MentionRow.ticket_id, func.max(MentionRow.created_at))
        .where(MentionRow.ticket_id.in_(ticket_ids), MentionRow.id != row.id,
               MentionRow.by_brand.is_(False), MentionRow.created_at < row.created_at)
        .group_by(MentionRow.ticket_id)
    ).all()  # fmt: skip
    at = as_utc(row.created_at)
    recent = {tid: as_utc(last) for tid, last in spans if as_utc(last) >= at - horizon}
    found = same_topic(session, row, unresolved(session, sorted(recent), at))
    if not found:
        return None
    best = max(found, key=lambda tid: (recent[tid], tid))
    return session.get(Ticket, best)
