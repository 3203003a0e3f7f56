"""Suggested answers for a ticket: the one path the ticket page, its fragment, the JSON API,
`listenpost suggest` and the job that stores them all use (:func:`for_ticket`, :func:`rank`).

A ticket's suggestions are for its matter (pipelines.tickets: the posts that state the problem,
not the follow-ups): the indexer's hits for each matter post (``indexer.suggest``: retrieval
over the knowledge index; a short reply is searched with the post it replies to), an article
scoring its mean over the posts, its two language versions counting as one, best score first,
each post's own best article among those shown (a ticket can hold two problems). The
drafts are written for the post the agent answers (its channel's format, its author), by the
indexer's ``draft``. Embedding a post takes a sizeable part of a second of CPU, so it happens in
jobs only: `listenpost index` and every `listenpost watch` run store the hits of every open
ticket's matter posts (webapp.suggestion_job, table ``mention_suggestion``, with the knowledge
index's version and each post's key). Pages and the API read them and never embed: what is not
stored yet (a post joined since the last run, an edited post, a rebuilt index) shows as
pending. `listenpost suggest` computes and stores what is missing. A stored suggestion is shown
while its version is the one the indexer published in the database (indexer.version), so a web
process needs no index files: in a cluster they are on the indexer's host only.

Before the knowledge index is built (a fresh install) every ticket's suggestions are pending:
`listenpost index` builds it and stores them, `listenpost suggest` builds it when missing.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer.version import served_version
from pipelines.models.records import KnowledgeDoc, Mention, StoredSuggestion, Ticket

logger = logging.getLogger(__name__)

K = 5  # suggestions per post (the page, the fragment and the API all show this many)
CLI_KEYS = ("doc_id", "source_id", "source", "title", "url", "score", "similarity", "lang",
            "draft")  # fmt: skip
"""A suggestion as `listenpost suggest --json` prints it (the indexer's keys)."""
WEB_KEYS = ("doc_id", "source", "platform", "title", "body", "url", "author", "lang", "score",
            "similarity", "draft", "needs_human")  # fmt: skip
"""A suggestion as the ticket page and the API show it."""


def mention_key(m: Any, context: Any = None) -> str:
    """What a post's suggestions depend on: its words, author, channel, language and severity
    cues (``needs_human``), and the words of the post it replies to when that is searched with
    it (``context``: indexer.suggest.context_of)."""
    parts = [m.title, m.text, m.author, m.platform, m.lang, m.severity]
    if context is not None:
        parts += [context.id, context.title, context.text]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:40]


def index_built(settings: Any, collection: str) -> bool:
    return (Path(settings.index_dir) / f"{collection}.manifest.json").exists()


def stored_hits(
    settings: Any, session: Session, posts: list[Any]
) -> dict[int, list[dict[str, Any]]]:
    """Per post with current stored suggestions: its hits."""
    from indexer.suggest import context_of

    version = served_version(settings, session)
    if version is None or not posts:
        return {}
    keys = {p.id: mention_key(p, context_of(session, p)) for p in posts}
    rows = session.scalars(
        select(StoredSuggestion).where(StoredSuggestion.mention_id.in_(list(keys)))
    )
    return {r.mention_id: r.hits for r in rows
            if r.kb_version == version and r.mention_key == keys[r.mention_id]}  # fmt: skip


def _merge(per_post: list[list[dict[str, Any]]], k: int) -> list[dict[str, Any]]:
    """One ranking from the hits of several posts: an article scores its mean over the posts
    (one that did not list it counts the post's lowest listed score); the two language versions
    of one article (``twin``) are one article, shown in the version that scored best. The ``k``
    shown are the best by mean, but each post's own best article is among them (after the
    best by mean), so a ticket whose posts raise different problems shows an answer to each.
    Best first."""
    if len(per_post) == 1:
        return sorted(per_post[0], key=lambda h: (-h["score"], h["doc_id"]))[:k]
    topic = {}  # doc id -> the article it is a version of
    for hits in per_post:
        for h in hits:
            topic.setdefault(h["doc_id"], min(h["doc_id"], h.get("twin") or h["doc_id"]))
    total: dict[int, float] = {}
    shown: dict[int, dict[str, Any]] = {}
    for hits in per_post:
        floor = min((h["score"] for h in hits), default=0.0)
        mine: dict[int, float] = {}
        for h in hits:
            t = topic[h["doc_id"]]
            mine[t] = max(mine.get(t, h["score"]), h["score"])
            have = shown.get(t)
            if have is None or h["score"] > have["score"]:
                shown[t] = h
            if h.get("similarity") is not None and shown[t].get("similarity") is not None:
                shown[t] = {**shown[t], "similarity": max(h["similarity"], shown[t]["similarity"])}
        for t in set(topic.values()):
            total[t] = total.get(t, 0.0) + mine.get(t, floor)
    out = [{"doc_id": shown[t]["doc_id"], "score": round(total[t] / len(per_post), 4),
            "similarity": shown[t].get("similarity")} for t in total]  # fmt: skip
    ranked = sorted(out, key=lambda h: (-h["score"], h["doc_id"]))
    own = [topic[max(hits, key=lambda h: (h["score"], -h["doc_id"]))["doc_id"]]
           for hits in per_post if hits]  # fmt: skip
    order = [topic[h["doc_id"]] for h in ranked[:1]] + own + [topic[h["doc_id"]] for h in ranked]
    keep = set(list(dict.fromkeys(order))[:k])
    return [h for h in ranked if topic[h["doc_id"]] in keep]


def rank(
    settings: Any,
    session: Session,
    posts: list[Any],
    target: Any | None = None,
    k: int = K,
    db: Any = None,
    compute: bool = False,
) -> dict[str, Any]:
    """Suggestions for the matter ``posts`` (stored Mention rows), drafted for ``target`` (the
    post the agent answers; default the first of ``posts``): {"mention_id" (the target's id),
    "needs_human", "pending" (not computed yet), "suggestions": [...]}, each suggestion with
    every key of WEB_KEYS and CLI_KEYS, best score first, and "gap": the label of the knowledge
    gap one of ``posts`` is in (indexer.gap_store.gap_of: no own article answers it, so
    ``needs_human``), else None. Stored hits are read; with ``compute`` (jobs and the CLI only,
    never a web request) what is missing is computed with the indexer (``db``) and stored
    first."""
    from indexer.gap_store import gap_of
    from indexer.suggest import MIN_SCORE

    target = target if target is not None else (posts[0] if posts else None)
    gap = gap_of(session, [p.id for p in posts])
    out: dict[str, Any] = {"mention_id": getattr(target, "id", None),
                           "needs_human": gap is not None, "gap": gap, "pending": False,
                           "suggestions": []}  # fmt: skip
    if not posts:
        return out
    if k > K and compute:
        from webapp.suggestion_job import live_hits

        found = live_hits(settings, db, posts, k)
    else:
        found = stored_hits(settings, session, posts)
        missing = [p.id for p in posts if p.id not in found]
        if missing and compute:
            from webapp.suggestion_job import store_posts

            session.commit()  # the job opens its own sessions
            store_posts(settings, db, missing)
            found = stored_hits(settings, session, posts)
    if any(p.id not in found for p in posts):
        out["pending"] = True
        return out
    merged = _merge([found[p.id] for p in posts], k)
    sims = [h["similarity"] for h in merged if h.get("similarity") is not None]
    out["needs_human"] = (gap is not None or any(p.severity for p in posts)
                          or max(sims, default=0.0) < MIN_SCORE)  # fmt: skip
    out["suggestions"] = _served(session, merged, target, out["needs_human"])
    return out


def _served(
    session: Session, hits: list[dict[str, Any]], target: Any, needs_human: bool
) -> list[dict[str, Any]]:
    """Hits as shown, each drafted for ``target`` (documents gone since are left out)."""
    from indexer.suggest import draft, hit_of, query_of

    ids = [h["doc_id"] for h in hits]
    docs = {d.id: d for d in session.scalars(select(KnowledgeDoc).where(KnowledgeDoc.id.in_(ids)))}
    query = query_of(target)
    out = []
    for h in hits:
        doc = docs.get(h["doc_id"])
        if doc is None:
            continue
        out.append({
            "doc_id": doc.id, "source_id": doc.source_id,
            "source": "kb" if doc.source == "kb" else "third_party", "platform": doc.platform,
            "title": doc.title, "body": doc.body, "url": doc.url, "author": doc.author,
            "lang": doc.lang, "score": h["score"], "similarity": h.get("similarity"),
            "draft": draft(hit_of(doc, h["score"]), query), "needs_human": needs_human,
        })  # fmt: skip
    return out


def matter_posts(session: Session, ticket: Ticket) -> list[Mention]:
    """What a ticket's suggestions are searched for: its matter as stored rows, oldest first
    (each searched with the post it replies to when short: indexer.suggest.context_of)."""
    from pipelines.tickets import ticket_matter

    ids = ticket_matter(session, ticket)
    rows = {m.id: m for m in session.scalars(select(Mention).where(Mention.id.in_(ids)))}
    return [rows[i] for i in ids if i in rows]


def for_ticket(
    settings: Any,
    session: Session,
    ticket: Ticket,
    target: Any | None = None,
    k: int = K,
    db: Any = None,
    compute: bool = False,
) -> dict[str, Any]:
    """:func:`rank` for the ticket's matter, with "ticket_id" and "matter" (the mention ids)."""
    posts = matter_posts(session, ticket)
    matter = [p.id for p in posts]
    if target is None:
        target = posts[0] if posts else None
    out = rank(settings, session, posts, target, k=k, db=db, compute=compute)
    return {"ticket_id": ticket.id, "matter": matter, **out}


def store_pending(settings: Any, db: Any) -> dict[str, int]:
    """The job (webapp.suggestion_job.store_pending): store what open tickets' matters lack."""
    from webapp.suggestion_job import store_pending as job

    return job(settings, db)


def project(found: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """``found`` with each suggestion cut down to ``keys``."""
    return {**found, "suggestions": [{k: s[k] for k in keys} for s in found["suggestions"]]}
