"""Suggested answers for a mention: knowledge documents with a draft reply for its channel.

The draft addresses the author, sums up the article, cites it (title and link) and follows the
channel's rules: Reddit markdown with the link, YouTube plain text within the comment limit,
plain forum text. It is written in the customer's language when the suggested article is in that
language (the ranking prefers such an article at about equal relevance). ``needs_human`` is true
when the best match is weak or the case is severe (the classifier's severity cues); a stored
mention that is in a knowledge gap (indexer.gap_store.gap_of: no own article answers it) needs
a human too.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from config import Settings
from config.errors import ListenpostError
from crawlers.urls import http_url
from indexer.knowledge import DocInfo, Hit, KnowledgeBase
from pipelines.models import KnowledgeDoc, Mention
from pipelines.models.db import Database

logger = logging.getLogger(__name__)

# below this cosine (multilingual-e5-small) the best match is too weak to suggest on its own;
# measured on the project's test KB: related but wrong articles score below it
MIN_SCORE = 0.84
YOUTUBE_LIMIT = 10_000  # characters in a YouTube comment
SUMMARY_CHARS = 280
# The format of drafts and scores: stored suggestions (webapp.suggestions) made with another one
# are made again.
DRAFT_FORMAT = 4
CONTEXT_WORDS = 20
"""A post of at most this many words that replies to another author ("same here in Zaragoza",
"+1, same issue", "how do I get it back?" under a video) is about what it replies to: that post
is searched with it (:func:`context_of`). Chosen on the triage scenario's tune split (hit@1 and
hit@3 of ticket suggestions rise up to 20 words and stay level to 60)."""
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)

TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "greet": "Hi {author},",
        "greet_anon": "Hi,",
        "kb": "our help article covers this:",
        "third_party": "this community answer covers it:",
        "source": "Source",
        "by": "answer by {author}",
        "close": "If that does not solve it, reply here and we will look into it with you.",
    },
    "es": {
        "greet": "Hola, {author}:",
        "greet_anon": "Hola:",
        "kb": "nuestro artículo de ayuda lo explica:",
        "third_party": "esta respuesta de la comunidad lo explica:",
        "source": "Fuente",
        "by": "respuesta de {author}",
        "close": "Si no se resuelve, responde aquí y lo revisamos contigo.",
    },
}


class SuggestError(ListenpostError):
    """A mention id that does not exist. Raised by :func:`suggest`."""


@dataclass
class Query:
    mention_id: int | None
    text: str
    platform: str
    author: str | None
    lang: str | None
    severity: list[str] | None


def _customer_lang(text: str, stored: str | None) -> str | None:
    if stored and stored != "unknown":
        return stored
    try:
        from pipelines.language import detect
    except ImportError:  # pragma: no cover - the language stage is part of the project
        return None
    lang, _ = detect(text)
    return None if lang == "unknown" else lang


_LIST_MARK = re.compile(r"\d{1,2}[.)]")  # a numbered step's number, split off as a sentence


def summary(body: str, limit: int = SUMMARY_CHARS) -> str:
    """The first sentences of a body, whole sentences up to ``limit`` characters; a numbered
    step's number stays with its step."""
    text = " ".join(body.split())
    sentences: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if sentences and _LIST_MARK.fullmatch(sentences[-1]):
            sentences[-1] += " " + sentence  # "1." begins the step that follows it
        else:
            sentences.append(sentence)
    out = ""
    for sentence in sentences:
        if out and len(out) + 1 + len(sentence) > limit:
            break
        out = f"{out} {sentence}".strip()
    if len(out) > limit:
        out = out[: limit - 1].rsplit(" ", 1)[0] + "…"
    return out


def _md_escape(text: str) -> str:
    return re.sub(r"([\[\]()*_`>#\\])", r"\\\1", text)


def draft(hit: Hit, query: Query) -> str:
    """The reply for the query's channel, in the article's language (the customer's when the
    article is in it)."""
    doc = hit.doc
    url = http_url(doc.url)  # only http(s) links are cited; the title stands alone otherwise
    t = TEMPLATES.get(doc.lang or "", TEMPLATES["en"])
    author = (query.author or "").strip()
    platform = query.platform
    intro = t["kb"] if doc.source == "kb" else t["third_party"]
    body = summary(doc.body)
    credit = ""
    if doc.source != "kb" and doc.author:
        credit = t["by"].format(author=doc.author)
    if platform == "reddit":
        who = f"u/{author.removeprefix('u/')}" if author else ""
        greet = t["greet"].format(author=who) if who else t["greet_anon"]
        link = f"[{_md_escape(doc.title)}]({url})" if url else _md_escape(doc.title)
        cite = f"{t['source']}: {link}" + (f" ({_md_escape(credit)})" if credit else "")
        quoted = "> " + _md_escape(body)
        return f"{greet} {intro}\n\n{quoted}\n\n{cite}\n\n{t['close']}"
    if platform == "youtube":
        who = f"@{author.removeprefix('@')}" if author else ""
        greet = t["greet"].format(author=who) if who else t["greet_anon"]
        cite = f"{t['source']}: {doc.title}" + (f" ({credit})" if credit else "")
        if url:
            cite += f" {url}"
        text = f"{greet} {intro} {body}\n\n{cite}\n\n{t['close']}"
        if len(text) > YOUTUBE_LIMIT:  # keep the citation, shorten the summary
            spare = YOUTUBE_LIMIT - (len(text) - len(body)) - 1
            text = f"{greet} {intro} {body[: max(0, spare)]}…\n\n{cite}\n\n{t['close']}"
        return text
    greet = t["greet"].format(author=author) if author else t["greet_anon"]
    cite = f"{t['source']}: {doc.title}" + (f" ({credit})" if credit else "")
    if url:
        cite += f"\n{url}"
    opening = intro[:1].upper() + intro[1:]  # a paragraph of its own under the greeting
    return f"{greet}\n\n{opening} {body}\n\n{cite}\n\n{t['close']}"


def context_of(session: Session, m: Any) -> Mention | None:
    """What a short reply (:data:`CONTEXT_WORDS`) is about: the post it answers when another
    customer wrote it, else its thread's opening post by another author (a customer's post, or
    the brand's own video or post the comments sit under); None for a longer post, a post
    under the author's own, or when there is no such post stored. ``m``: a stored post (id,
    platform, author, text, thread_id, parent_id)."""
    if len(_WORDS.findall(m.text or "")) > CONTEXT_WORDS:
        return None
    for source_id, root in ((m.parent_id, False), (m.thread_id, True)):
        if not source_id:
            continue
        row = session.scalar(
            select(Mention).where(Mention.platform == m.platform, Mention.source_id == source_id)
        )
        if row is None or row.id == m.id:
            continue
        if row.author == m.author:
            return None  # the author goes on about their own post
        if row.by_brand and not root:
            continue  # a brand reply answers; the brand's opening post sets the subject
        return row
    return None


def query_of(m: Mention, context: Mention | None = None) -> Query:
    """What a stored post asks: its title and text (after the post it replies to, when that
    ``context`` is given), channel, author, language and severity."""
    text = f"{m.title}\n{m.text}" if m.title else m.text
    if context is not None:
        before = f"{context.title}\n{context.text}" if context.title else context.text
        text = f"{before}\n{text}"
    return Query(m.id, text, m.platform, m.author, m.lang, m.severity)


def hit_of(row: KnowledgeDoc, score: float) -> Hit:
    """A stored knowledge document with a stored score (webapp.suggestions) as a hit for
    :func:`draft`; ``score`` is both its score and its ranking score."""
    return Hit(DocInfo.of(row), score, score)


def load_query(db: Database, mention_id: int) -> Query:
    [query] = load_queries(db, [mention_id])
    return query


def load_queries(db: Database, mention_ids: list[int]) -> list[Query]:
    """The queries of stored posts (:func:`query_of` with :func:`context_of`), in the order
    given; a missing id raises SuggestError."""
    out = []
    with db.session() as s:
        for mention_id in mention_ids:
            m = s.get(Mention, mention_id)
            if m is None:
                raise SuggestError(f"no mention with id {mention_id}")
            out.append(query_of(m, context_of(s, m)))
    return out


def _answer(query: Query, hits: list[Hit]) -> dict[str, Any]:
    best = max((h.score for h in hits), default=0.0)
    return {
        "mention_id": query.mention_id,
        "needs_human": bool(query.severity) or best < MIN_SCORE,
        "suggestions": [
            {
                "doc_id": h.doc.id,
                "source_id": h.doc.source_id,
                "source": h.doc.source,
                "title": h.doc.title,
                "url": h.doc.url,
                "score": round(h.fused, 4),
                "similarity": round(h.score, 4),
                "lang": h.doc.lang,
                "draft": draft(h, query),
                "twin": h.twin,
            }
            for h in hits
        ],
    }


def suggest_many(
    settings: Settings,
    db: Database,
    queries: list[Query],
    k: int = 5,
    kb: KnowledgeBase | None = None,
    vectors: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """The suggestions of every query, in order (each as :func:`suggest` returns it, plus each
    suggestion's ``twin``): every distinct text embedded once, one search per language.
    ``vectors``: query vectors known by text (the mentions index's, or earlier batches'); the
    texts embedded here are added to it."""
    import numpy as np

    known = vectors if vectors is not None else {}
    for q in queries:
        q.lang = _customer_lang(q.text, q.lang)
    kb = kb or KnowledgeBase(settings, db)
    if not len(kb):
        return [_answer(q, []) for q in queries]
    missing = sorted({q.text for q in queries} - set(known))
    if missing:
        known.update(zip(missing, kb.encode_queries(missing), strict=True))
    hits: dict[int, list[Hit]] = {}
    for lang in {q.lang for q in queries}:
        group = [i for i, q in enumerate(queries) if q.lang == lang]
        texts = [queries[i].text for i in group]
        found = kb.search(texts, k=k, lang=lang, qvecs=np.stack([known[t] for t in texts]))
        hits.update(zip(group, found, strict=True))
    return [_answer(q, hits[i]) for i, q in enumerate(queries)]


def suggest(
    settings: Settings,
    db: Database,
    mention_id: int | None = None,
    text: str | None = None,
    k: int = 5,
    channel: str = "forum",
    kb: KnowledgeBase | None = None,
) -> dict[str, Any]:
    """{"mention_id", "needs_human", "gap", "suggestions": [...]} for a stored mention or a text
    (:func:`suggest_many` for one query). The suggestions come best first: ``score`` is the
    ranking score (the routed retrieval score with the own-KB and language bonuses,
    indexer.knowledge), ``similarity`` the cosine of the query and the document
    (``needs_human`` when the best is below MIN_SCORE, the case is severe or the mention is in a
    knowledge gap: ``gap``, its label, indexer.gap_store.gap_of; None for a text)."""
    gap = None
    if mention_id is not None:
        from indexer.gap_store import gap_of

        query = load_query(db, mention_id)
        with db.session() as s:
            gap = gap_of(s, [mention_id])
    else:
        query = Query(None, text or "", channel, None, None, None)
    [out] = suggest_many(settings, db, [query], k=k, kb=kb)
    for s in out["suggestions"]:
        del s["twin"]
    return {"mention_id": out["mention_id"], "needs_human": out["needs_human"] or gap is not None,
            "gap": gap, "suggestions": out["suggestions"]}  # fmt: skip
