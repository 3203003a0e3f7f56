"""The status stage: is a post still owed a reply?

A customer's complaint or question (``role``; without a role, ``is_complaint`` true) is "open"
until one of the brand's accounts answers it: posts later in its conversation (the thread; on
YouTube the comment thread, not the whole video: pipelines.conversation) or replies to it; then
it is "answered". An agent closing its ticket makes it "closed" (read through
:func:`effective_status`, so the web app's status change needs no second write). A new post by
the same author in the thread reopens the author's earlier answered posts there, and their ticket
if an agent had closed it, unless the new post says the matter is over ("solved, thanks": it
reopens nothing, and answers nothing either: only the brand's reply, or an agent's "no reply
needed", settles a post). Other posts, brand posts and help content have no status (None).

``needs_reply`` (every mention; None for help content): the brand owes the post a public reply
now. True iff it is a customer's complaint or question, not answered by a brand account later in
its conversation, and not a duplicate of a post of the same writer that was answered (the same
handle, or another account the identity stage linked to the same customer: the brand's reply to
one person answers that person's copies elsewhere, never another person who wrote the same
words; a copy from a linked account is settled when its ticket is assigned,
pipelines.tickets). When a brand post arrives, or an agent's reply sent through listenpost is marked
sent (:func:`reply_sent`, called by the publisher), the earlier posts it answers, and the same
writers' duplicates elsewhere, stop needing a reply; a new customer post after the brand's
reply needs one again on its own. An agent's "not a complaint" or "no reply needed"
(webapp.corrections) sets it false.

The stage decides (``item.status``, ``item.needs_reply``; ``item.notes["status"]``), the store
writes: it calls :func:`apply_status` in the mention's transaction, before the ticket is assigned,
so a reopened ticket is found again by the tickets stage.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from crawlers.items import Item, Mention, as_utc
from pipelines.chain import Stage
from pipelines.conversation import Parents, Said, answered, answers, of, parents_in, reply_to
from pipelines.models import Mention as MentionRow
from pipelines.models import Reply, Ticket

logger = logging.getLogger(__name__)

NEEDS_REPLY_ROLES = ("complaint", "question")


def writer_key(author: str | None) -> str:
    """The author's handle key (pipelines.identity.handles), imported on use: the identity
    package loads Scrapy, and light commands import this module."""
    from pipelines.identity.handles import handle_key

    return handle_key(author or "")


QUESTION = re.compile(r"[?¿]")  # a question mark, either way up
# the author's own later word that the matter is over ("solved, thanks", "ya funciona"), when
# it neither asks nor denies ("still not fixed", "¿ya está solucionado?"); in other words, what was
# awaited has happened: "all sorted now", "done, the number moved this morning", "portabilidad
# hecha", "listo, ya me llegó", "the refund came through"; or what kept failing has held since:
# "it's stayed signed in all night", "ha aguantado conectado todo el fin de semana"
_SOLVED = re.compile(
    r"\b(solved|resolved|fixed|sorted|works now|working now|got it working|all good now|"
    r"(that|it|this) worked|solucionado|resuelto|arreglado|ya funciona|funciona ya|"
    r"(me )?funcion[oó]|ya va bien|todo bien ya|(came|went) through|"
    r"(arrived|moved|ported|showed up|is active|is live|activated) "
    r"(this morning|today|yesterday|overnight|now|at last|in the end)|"
    r"finally (arrived|came|moved|went through|active)|"
    r"(portabilidad|port|porting|transfer|switch|cambio|traslado|alta|baja|devoluci[oó]n|"
    r"reembolso|refund) (hech[oa]|done|complete|completed|completad[oa]|realizad[oa])|"
    r"ya (lo |la )?tengo|ya est[áa] (hech[oa]|activad[oa]|resuelto|solucionado|arreglado))\b"
    r"|\b(stayed|stays|kept|held|has held) (connected|signed in|logged in|online|up|stable) "
    r"(all (night|day|weekend|week)|ever since|since then)\b(?![^.!?\n]*\b(then|but|until|till)\b)"
    r"|\b(ha aguantado|aguant[óo]|se ha mantenido|se mantuvo)( conectad[oa]| estable| "
    r"encendid[oa])? (toda la (noche|semana)|todo el (d[ií]a|fin de semana)|desde entonces)\b"
    r"(?![^.!?\n]*\b(luego|pero|hasta)\b)"
    r"|\bya (me |te )?(ha )?lleg(ó|o|ado)\s*([,.!]|$)"  # "ya me llegó la factura mal" is not
    r"|^\W*(done|listo|lista|hecho|hecha)\s*([,.!:]|$)",
    re.IGNORECASE,
)
# the brand (or its technician) put it right within a short time, told in the past: "Orbita me
# lo devolvió en un día", "fixed it in 10 min", "lo arreglaron al día siguiente", "refunded it
# within a day"; weeks and months are not quick ("lo arreglaron en tres semanas" is a grievance)
_FIXED_FAST = re.compile(
    r"\b(devolvi\w*|arregl\w*|solucion\w*|resolvi\w*|repar\w*|cambi(ó|o|aron)|reemplaz\w*|"
    r"refunded|fixed|sorted|solved|resolved|replaced|swapped|repaired|credited|restored)\b"
    r"[^.?!\n]{0,40}?"
    r"(\b(en|in|within)\s+(menos de\s+|under\s+|less than\s+)?(un|una|one|a|an|dos|two|tres|three|"
    r"pocos|pocas|a few|cinco|five|diez|ten|media|half an?|\d+)\s+(par de\s+)?"
    r"(minutos?|min|horas?|d[ií]as?|minutes?|mins?|hours?|hrs?|days?)\b|"
    r"\b(same day|next day|el mismo d[ií]a|al d[ií]a siguiente|overnight|in no time|enseguida|"
    r"al momento)\b)",
    re.IGNORECASE,
)
_DENIES = re.compile(r"\b(not|no|never|nothing|nobody|still|yet|sigue|siguen|todav[ií]a|a[uú]n|"
                     r"nada|nadie)\b|n't\b",
                     re.IGNORECASE)  # fmt: skip


# besides a question or a denial, words that a matter persists or came back: "again", "sigo",
# "otra vez", "igual", "back to square one"
_PERSISTS = re.compile(
    r"\b(none|again|same|anymore|back to|sigo|seguimos|nunca|ning[uú]n\w*|otra vez|de nuevo|"
    r"igual|tampoco)\b",
    re.IGNORECASE,
)


def goes_on(text: str) -> bool:
    """The post says its matter is not over, or asks (pipelines.reactions)."""
    return bool(QUESTION.search(text) or _DENIES.search(text) or _PERSISTS.search(text))


_THANKS = re.compile(
    r"\b(thanks?|thank you|thx|cheers|grateful|appreciated?|gracias|"
    r"agradec\w*)\b|[\U0001F64F\U0001F44D\U0001F64C]",
    re.IGNORECASE,
)


def solved(text: str) -> bool:
    """The author says the matter is over (or that it was put right quickly)."""
    said = _SOLVED.search(text) or _FIXED_FAST.search(text)
    return bool(said) and not QUESTION.search(text) and not _DENIES.search(text)


def praise_of_fix(text: str) -> bool:
    """The post says its matter is over and thanks for it ("Factory reset fixed my router.
    Thank you!", "ya funciona, gracias"), or says it was put right quickly ("tuve un problema
    con la factura y me lo devolvieron en un día"): praise of a fix, whatever it says went
    wrong first."""
    return solved(text) and bool(_THANKS.search(text) or _FIXED_FAST.search(text))


# the brand (its chat, its forum team, its technician) acted within minutes or hours: "had a clear
# answer in half an hour", "en diez minutos me dijeron que...", "texted within ten minutes";
# a promise that failed ("said they'd call back in 10 minutes and nobody did") is not: nothing
# after the time, in its sentence, may deny it (_DENIES)
_QUICK = re.compile(
    r"(\b(within|in|en|under)\s+(less than\s+|menos de\s+|about\s+|unos\s+|unas\s+)?"
    r"(\d+|an?|one|two|three|five|ten|fifteen|twenty|un|una|dos|tres|cinco|diez|quince|veinte|"
    r"half an?|media)\s+(minutes?|mins?|hours?|hrs?|minutos?|horas?)\b|"
    r"\b(in|within|en) (half an hour|media hora)\b)(?P<rest>[^.!?\n]*)",
    re.IGNORECASE,
)


def quick_help(text: str) -> bool:
    """The post tells of help given within minutes or hours: praise of the speed, whatever it
    says went wrong first ("no me llegaba un Bizum ... y en diez minutos me lo explicaron")."""
    return any(not _DENIES.search(m.group("rest")) for m in _QUICK.finditer(text))


def customer_of(session: Any, row: Any) -> int | None:
    """The customer a stored post's persona belongs to (None: not linked yet)."""
    from pipelines.models import Persona

    if row.persona_id is None:
        return None
    return session.scalar(select(Persona.customer_id).where(Persona.id == row.persona_id))


def owes_reply(post: Any) -> bool:
    """The brand owes the customer post a reply (``needs_reply``; before this stage has
    decided, an open status)."""
    if post.by_brand:
        return False
    return bool(post.needs_reply) or (post.needs_reply is None and post.status == "open")


def asks(item: Any) -> bool:
    """A customer's post that asks something of the brand: a complaint or a question."""
    if item.by_brand or item.content_type != "mention":
        return False
    if item.role is not None:
        return item.role in NEEDS_REPLY_ROLES
    return item.is_complaint is True


class Status(Stage):
    """Batched: one query finds the newest brand post of every thread in the batch; a brand
    post in the same batch (not stored yet) counts too."""

    def process_item(self, item: Item, spider: Any = None) -> Item:
        return self.process_batch([item])[0]  # type: ignore[return-value]

    def process_batch(self, items: list[Item]) -> list[Item | Exception]:
        mentions = [i for i in items if isinstance(i, Mention) and i.content_type == "mention"]
        for item in mentions:
            item.notes["status"] = "brand" if item.by_brand else "customer"
            if not asks(item):
                item.status = None
                item.needs_reply = False
        asking = [i for i in mentions if asks(i)]
        done = answered(self.ctx.session, asking, mentions)
        for item in asking:
            item.status = "answered" if id(item) in done else "open"
        answered_dups = self._answered_originals(asking, items)
        for item in asking:
            item.needs_reply = item.status == "open" and id(item) not in answered_dups
        return list(items)

    def _answered_originals(self, asking: list[Mention], items: list[Item]) -> set[int]:
        """id() of the batch's duplicates whose first-seen post, by the same writer, was
        answered."""
        in_batch = {(i.platform, i.source_id): i for i in items if isinstance(i, Mention)}
        keys: dict[int, tuple[str, str]] = {}
        ids: dict[int, int] = {}
        for item in asking:
            if item.duplicate_of_id is not None:
                ids[id(item)] = item.duplicate_of_id
            elif "duplicate_of" in item.notes:
                keys[id(item)] = tuple(item.notes["duplicate_of"])  # type: ignore[assignment]
        if not keys and not ids:
            return set()
        stored: dict[Any, tuple[str | None, str]] = {}
        if ids:
            for mid, status, author in self.ctx.session.execute(
                select(MentionRow.id, MentionRow.status, MentionRow.author).where(
                    MentionRow.id.in_(ids.values())
                )
            ):
                stored[mid] = (status, author)
        for platform in {k[0] for k in keys.values()}:
            wanted = [k[1] for k in keys.values() if k[0] == platform]
            for sid, status, author in self.ctx.session.execute(
                select(MentionRow.source_id, MentionRow.status, MentionRow.author).where(
                    MentionRow.platform == platform, MentionRow.source_id.in_(wanted)
                )
            ):
                stored[(platform, sid)] = (status, author)
        writer = {id(i): writer_key(i.author) for i in asking}
        out = set()
        for ref, target in [*ids.items(), *keys.items()]:
            first = in_batch.get(target) if isinstance(target, tuple) else None
            if first is not None:
                status, author = first.status, first.author
            else:
                status, author = stored.get(target, (None, ""))
            if status == "answered" and writer_key(author) == writer[ref]:
                out.add(ref)
        return out


def apply_status(session: Session, row: MentionRow, item: Mention) -> set[int]:
    """Write what a new post changes for the earlier posts of its thread; the ids of the tickets
    whose posts changed (their priority is due again)."""
    who = item.notes.get("status")
    if who is None or not row.thread_id:
        return set()
    same_thread = (
        MentionRow.platform == row.platform,
        MentionRow.thread_id == row.thread_id,
        MentionRow.id != row.id,
        MentionRow.created_at < row.created_at,
    )
    if who == "brand":
        parents = parents_in(session, [(row.platform, row.thread_id)])
        talk = of(row, parents)
        said = Said(row.platform, row.thread_id, talk, row.parent_id, as_utc(row.created_at))
        return answer_thread(session, said, row.id, parents=parents)
    if solved(row.text or ""):
        return set()  # the author's word that it is over reopens nothing and answers nothing
    reopen = session.scalars(
        select(MentionRow).where(
            *same_thread,
            MentionRow.author == row.author,
            MentionRow.status.is_not(None),
        )
    ).all()
    for m in reopen:
        m.status = "open"
        if m.ticket_id is not None:
            ticket = session.get(Ticket, m.ticket_id)
            if ticket is not None and ticket.status == "closed":
                ticket.status = "open"
                ticket.closed_at = None
    if reopen:
        logger.debug("mention %s reopens %d earlier posts", row.id, len(reopen))
    session.flush()
    return {m.ticket_id for m in reopen if m.ticket_id is not None}


def answer_thread(
    session: Session,
    said: Said,
    exclude: int | None = None,
    only: int | None = None,
    parents: Parents | None = None,
) -> set[int]:
    """What the brand ``said``: the earlier posts it answers (pipelines.conversation.answers;
    ``parents``: the thread's, read when not given), and the post ``only`` (the one an agent's
    reply went to), need no reply, nor do their writers' copies; their tickets without a first
    response get its time. The ids of the tickets whose posts changed."""
    posts = []
    if said.thread_id:
        posts.append(and_(MentionRow.platform == said.platform,
                          MentionRow.thread_id == said.thread_id,
                          MentionRow.created_at < said.at, MentionRow.id != exclude))  # fmt: skip
    if only is not None:
        posts.append(MentionRow.id == only)
    if not posts:
        return set()
    if parents is None:
        parents = parents_in(session, [(said.platform, said.thread_id)])
    earlier = [
        m
        for m in session.scalars(
            select(MentionRow).where(
                or_(*posts), or_(MentionRow.status == "open", MentionRow.needs_reply.is_(True))
            )
        ).all()
        if m.id == only or answers(said, m, parents)
    ]
    at = said.at
    for m in earlier:
        if m.status == "open":
            m.status = "answered"
        m.needs_reply = False
        if m.ticket_id is not None:
            ticket = session.get(Ticket, m.ticket_id)
            if ticket is not None and ticket.first_response_at is None:
                ticket.first_response_at = at
    touched = {m.ticket_id for m in earlier if m.ticket_id is not None}
    for m in copies_of(session, earlier):
        m.needs_reply = False
        if m.ticket_id is not None:
            touched.add(m.ticket_id)
    session.flush()
    return touched


def copies_of(session: Any, posts: list[Any], pending: bool = True) -> list[Any]:
    """The stored copies of ``posts`` by the same writer (the same handle, or another account
    linked to the same customer): posts of the same duplicate group (the first-seen post and
    those marked its duplicates, whoever wrote that first one) written after the post they copy.
    An earlier post is not a copy of a later one: the brand's answer to a re-post leaves the
    first post owed, its own thread showing no answer. ``pending``: only those that still need
    a reply."""
    if not posts:
        return []
    root = {m.id: m.duplicate_of_id or m.id for m in posts}
    roots = set(root.values())
    q = select(MentionRow).where(
        or_(MentionRow.id.in_(roots), MentionRow.duplicate_of_id.in_(roots)),
        MentionRow.id.not_in(list(root)),
    )
    if pending:
        q = q.where(MentionRow.needs_reply.is_(True))
    return [
        m
        for m in session.scalars(q).all()
        if any(_copies(session, m, p) for p in posts if root[p.id] == (m.duplicate_of_id or m.id))
    ]


def _copies(session: Any, copy: Any, post: Any) -> bool:
    """``copy`` (of ``post``'s duplicate group) is its writer's later copy of ``post``."""
    return (as_utc(copy.created_at), copy.id) > (as_utc(post.created_at), post.id) and (
        writer_key(copy.author) == writer_key(post.author) or _same_customer(session, copy, post)
    )


def copy_of_answered(session: Any, row: Any) -> bool:
    """The post copies an earlier post of the same writer (or customer) that the brand
    answered."""
    if row.duplicate_of_id is None:
        return False
    group = session.scalars(
        select(MentionRow).where(
            or_(MentionRow.id == row.duplicate_of_id,
                MentionRow.duplicate_of_id == row.duplicate_of_id),
            MentionRow.id != row.id, MentionRow.status == "answered",
            MentionRow.needs_reply.is_(False),
        )
    ).all()  # fmt: skip
    return any(_copies(session, row, m) for m in group)


def _same_customer(session: Any, a: Any, b: Any) -> bool:
    """Two stored posts written by one customer (accounts the identity stage linked)."""
    mine = customer_of(session, a)
    return mine is not None and mine == customer_of(session, b)


def reply_sent(session: Session, reply: Reply) -> set[int]:
    """An agent's reply sent through listenpost answers its thread as the brand's post will
    once crawled: written when the reply is marked sent, without waiting for the crawl."""
    mention = session.get(MentionRow, reply.mention_id)
    if mention is None or reply.sent_at is None:
        return set()
    parents = parents_in(session, [(mention.platform, mention.thread_id)])
    said = reply_to(mention, reply.sent_at, parents)
    return answer_thread(session, said, only=mention.id, parents=parents)


def effective_status(row: MentionRow) -> str | None:
    """The mention's status as an agent sees it: "closed" once its ticket is closed."""
    if row.status is None:
        return None
    if row.ticket_id is not None:
        ticket = row.ticket if hasattr(row, "ticket") else None
        if ticket is None:
            from sqlalchemy.orm import object_session

            session = object_session(row)
            ticket = session.get(Ticket, row.ticket_id) if session else None
        if ticket is not None and ticket.status == "closed":
            return "closed"
    return row.status
