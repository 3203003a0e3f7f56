"""The job that computes suggested answers outside web requests (webapp.suggestions reads
them): `listenpost index` and every `listenpost watch` run call :func:`store_pending`;
`listenpost suggest` calls :func:`store_posts` for what it finds missing.

The indexer's one suggestion function (``indexer.suggest.suggest_many``, batch-first) computes
them: one search per language over a whole batch, posts already in the mentions index keeping
their vectors, the others embedded together, once per distinct text."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import func, select

from indexer.faiss_index import INDEX_LOCK
from indexer.version import kb_version, publish
from pipelines.locks import held
from pipelines.models import OPEN_STATUSES
from pipelines.models.records import Mention, StoredSuggestion, Ticket
from webapp.suggestions import K, index_built, mention_key

logger = logging.getLogger(__name__)

BATCH = 256  # posts searched and stored per transaction
COLS = (Mention.id, Mention.ticket_id, Mention.title, Mention.text, Mention.author,
        Mention.platform, Mention.lang, Mention.severity, Mention.content_hash, Mention.thread_id,
        Mention.parent_id)  # fmt: skip


def _hits(found: dict[str, Any]) -> list[dict[str, Any]]:
    """What is stored of the indexer's answer: the documents' ids and scores, best first, and
    each document's version in another language (``twin``, indexer.knowledge.twins)."""
    return [{"doc_id": h["doc_id"], "score": h["score"], "similarity": h["similarity"],
             "twin": h["twin"]} for h in found["suggestions"]]  # fmt: skip


def _save(db: Any, rows: list[dict[str, Any]]) -> None:
    """Store (or replace) suggestions; another process storing the same post at the same moment
    is no error (its rows are as good)."""
    from sqlalchemy.exc import IntegrityError

    try:
        with db.session() as s:
            for row in rows:
                s.merge(StoredSuggestion(**row))
    except IntegrityError:
        logger.debug("suggestions stored meanwhile by another process")


def _rows(db: Any, ids: list[int]) -> list[Any]:
    out = []
    with db.session() as s:
        for start in range(0, len(ids), 500):
            out.extend(s.execute(select(*COLS).where(Mention.id.in_(ids[start : start + 500]))))
    return out


def _targets(db: Any) -> list[int]:
    """The matter posts of every open ticket (its first customer post when none is stored)."""
    from pipelines.tickets import ticket_matter

    ids: list[int] = []
    with db.session() as s:
        bare = []
        for t in s.scalars(select(Ticket).where(Ticket.status.in_(OPEN_STATUSES))):
            if t.matter:
                ids.extend(ticket_matter(s, t))
            else:
                bare.append(t.id)
        for start in range(0, len(bare), 500):
            first = (
                select(Mention.ticket_id, func.min(Mention.created_at).label("at"))
                .where(Mention.ticket_id.in_(bare[start : start + 500]),
                       Mention.by_brand.is_(False))
                .group_by(Mention.ticket_id)
                .subquery()
            )  # fmt: skip
            found = s.execute(
                select(Mention.ticket_id, func.min(Mention.id))
                .join(first, (first.c.ticket_id == Mention.ticket_id)
                      & (first.c.at == Mention.created_at))
                .where(Mention.by_brand.is_(False))
                .group_by(Mention.ticket_id)
            )  # fmt: skip
            ids.extend(mid for _, mid in found)
    return list(dict.fromkeys(ids))


def store_pending(settings: Any, db: Any) -> dict[str, int]:
    """Compute and store the suggestions of every open ticket's matter posts that have none
    stored or stale ones (another knowledge index, an edited post), first publishing the
    version they are stored for (indexer.version). Nothing is done while the knowledge index
    has not been built. Returns counts: targets, current, stored, embedded
    (posts embedded here), reused (vectors taken from the mentions index)."""
    counts = {"targets": 0, "current": 0, "stored": 0, "embedded": 0, "reused": 0}
    with held(db, INDEX_LOCK), db.session() as s:  # the pages show what is stored for it
        if publish(settings, s) is None:
            return counts
    ids = _targets(db)
    counts["targets"] = len(ids)
    done = store_posts(settings, db, ids)
    counts.update(done, current=len(ids) - done["stored"])
    return counts


def store_posts(settings: Any, db: Any, ids: list[int]) -> dict[str, int]:
    """Compute and store the suggestions of the posts ``ids`` that have none current."""

    counts = {"stored": 0, "embedded": 0, "reused": 0}
    version = kb_version(settings)
    if version is None or not ids:
        return counts
    have: dict[int, tuple[str, str]] = {}
    cols = (StoredSuggestion.mention_id, StoredSuggestion.kb_version, StoredSuggestion.mention_key)
    with db.session() as s:
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            for mid, v, key in s.execute(
                select(*cols).where(StoredSuggestion.mention_id.in_(part))
            ):
                have[mid] = (v, key)
    from indexer.knowledge import KnowledgeBase
    from indexer.suggest import context_of, load_queries, suggest_many

    rows = _rows(db, ids)
    with db.session() as s:
        keys = {r.id: mention_key(r, context_of(s, r)) for r in rows}
    todo = [r for r in rows if have.get(r.id) != (version, keys[r.id])]
    if not todo:
        return counts
    kb = KnowledgeBase(settings, db, refresh=False)
    indexed = _mentions_index(settings)
    known: dict[str, Any] = {}  # query text -> vector, for posts with the same words
    for start in range(0, len(todo), BATCH):
        chunk = todo[start : start + BATCH]
        queries = load_queries(db, [r.id for r in chunk])
        for r, q in zip(chunk, queries, strict=True):
            alone = q.text == (f"{r.title}\n{r.text}" if r.title else r.text)  # no context
            if (alone and q.text not in known and indexed is not None
                    and indexed.manifest.hashes.get(str(r.id)) == r.content_hash):  # fmt: skip
                try:
                    known[q.text] = indexed.vectors([r.id])[0]
                    counts["reused"] += 1
                except KeyError:
                    continue
        before = len(known)
        answers = suggest_many(settings, db, queries, k=K, kb=kb, vectors=known)
        counts["embedded"] += len(known) - before
        stored = [{"mention_id": r.id, "kb_version": version, "mention_key": keys[r.id],
                   "hits": _hits(found)}
                  for r, found in zip(chunk, answers, strict=True)]  # fmt: skip
        _save(db, stored)
        counts["stored"] += len(stored)
    return counts


def live_hits(settings: Any, db: Any, posts: list[Any], k: int) -> dict[int, list[dict[str, Any]]]:
    """Per post, the indexer's k best hits computed now and not stored (more than are stored)."""
    from indexer.knowledge import KnowledgeBase
    from indexer.suggest import load_queries, suggest_many

    kb = KnowledgeBase(settings, db, refresh=False)
    queries = load_queries(db, [p.id for p in posts])
    answers = suggest_many(settings, db, queries, k=k, kb=kb)
    return {p.id: _hits(found) for p, found in zip(posts, answers, strict=True)}


def _mentions_index(settings: Any) -> Any | None:
    """The mentions index when built (its vectors are the posts' query vectors), else None."""
    if not index_built(settings, "mentions"):
        return None
    from indexer.build import load_index

    try:
        return load_index(settings, "mentions")
    except Exception:  # noqa: BLE001 - the posts are embedded instead
        logger.exception("cannot load the mentions index; embedding the posts")
        return None
