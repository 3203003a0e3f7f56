"""Suggested answers for a ticket, with their sources (own KB vs third-party).

The ranking and the drafts are the indexer's (``indexer.suggest``: retrieval over the knowledge
index, a draft in the customer's language and the channel's format). Embedding a post takes a
sizeable part of a second of CPU, so it happens outside the web request: :func:`store_pending`
(run by `listenpost index` and after every `listenpost watch` run) computes the suggestions of
every open ticket's newest customer post and stores them (``StoredSuggestion``) with the
knowledge index's version and the post's key. The pages and the API read the stored ones; when
they are missing or stale (the index was rebuilt, the post was edited, a post joined the ticket
since the last run, an agent answers another post) the request computes them once and stores
them for the next one.

When the knowledge index has not been built yet (a fresh install, the tests) or the indexer
fails, a plain word-overlap ranking over the stored documents stands in, so the composer still
has something to offer; its drafts are still the indexer's (``indexer.suggest.draft``: the same
language, channel format and attribution), and the page and the API shape are the same either way.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipelines.models.records import KnowledgeDoc, Mention, StoredSuggestion, Ticket

logger = logging.getLogger(__name__)

K = 5  # suggestions per post (the page, the fragment and the API all show this many)
WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
STOP = frozenset("this that with have from your what when where which there their about would "
                 "could should been were they them then than just like also only more some "
                 "into over after before again still even very much para pero como esta este "
                 "está tengo desde hace porque".split())  # fmt: skip
SCAN = 5000
OPEN_STATUSES = ("open", "active", "pending")


def _words(text: str, stop: frozenset[str] = STOP) -> set[str]:
    return {w for w in (m.group(0).lower() for m in WORD.finditer(text)) if w not in stop}


def _as_dict(doc: KnowledgeDoc, score: float) -> dict[str, Any]:
    return {
        "doc_id": doc.id,
        "source": "kb" if doc.source == "kb" else "third_party",
        "platform": doc.platform,
        "title": doc.title,
        "body": doc.body,
        "url": doc.url,
        "author": doc.author,
        "lang": doc.lang,
        "score": round(score, 3),
    }


# -- versions: when stored suggestions are still the right ones ----------------------------------

_versions: dict[str, tuple[Any, str]] = {}  # index directory -> (its manifests' stats, version)
_versions_lock = threading.Lock()


def kb_version(settings: Any) -> str | None:
    """The knowledge index's version: a digest of the ``[index]`` settings, the drafts' format
    (``indexer.suggest.DRAFT_FORMAT``) and the knowledge collection's manifests (models, index
    checksums, every document's content hash), or None while the index has not been built. The
    files are read again only when they change."""
    directory = Path(settings.index_dir)
    try:
        paths = sorted(directory.glob("knowledge*.manifest.json"))
        stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
        if not any(name == "knowledge.manifest.json" for name, _, _ in stamp):
            return None
        with _versions_lock:
            hit = _versions.get(str(directory))
        if hit is not None and hit[0] == stamp:
            return hit[1]
        from indexer.suggest import DRAFT_FORMAT

        digest = hashlib.sha256(settings.index.model_dump_json().encode())
        digest.update(f"drafts {DRAFT_FORMAT}".encode())
        for p in paths:
            digest.update(p.read_bytes())
    except OSError:
        return None
    version = digest.hexdigest()[:40]
    with _versions_lock:
        _versions[str(directory)] = (stamp, version)
    return version


def mention_key(m: Any) -> str:
    """What a post's suggestions depend on: its words, author (the greeting), channel (the
    draft's format), language and severity cues (``needs_human``)."""
    parts = [m.title, m.text, m.author, m.platform, m.lang, m.severity]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:40]


def _hits(found: dict[str, Any]) -> list[dict[str, Any]]:
    """What is stored of the indexer's answer: the documents' ids, scores and the drafts."""
    return [{"doc_id": h["doc_id"], "score": h["score"], "draft": h["draft"]}
            for h in found["suggestions"]]  # fmt: skip


def _served(
    session: Session, hits: list[dict[str, Any]], needs_human: bool
) -> list[dict[str, Any]]:
    """Stored hits as the page and the API show them (documents gone since are left out)."""
    ids = [h["doc_id"] for h in hits]
    docs = {d.id: d for d in session.scalars(select(KnowledgeDoc).where(KnowledgeDoc.id.in_(ids)))}
    out = []
    for h in hits:
        doc = docs.get(h["doc_id"])
        if doc is not None:
            item = _as_dict(doc, h["score"])
            item["draft"] = h["draft"]
            item["needs_human"] = needs_human
            out.append(item)
    return out


def _save(db: Any, rows: list[dict[str, Any]]) -> None:
    """Store (or replace) suggestions; another process storing the same post at the same moment
    is no error (its rows are as good)."""
    from sqlalchemy.exc import IntegrityError

    try:
        with db.session() as s:
            for row in rows:
                s.merge(StoredSuggestion(**row))
    except IntegrityError:
        logger.debug("suggestions stored meanwhile by another request")


def stored(settings: Any, session: Session, mention: Mention) -> list[dict[str, Any]] | None:
    """The stored suggestions of ``mention`` if they are current, else None."""
    version = kb_version(settings)
    if version is None:
        return None
    row = session.get(StoredSuggestion, mention.id)
    if row is None or row.kb_version != version or row.mention_key != mention_key(mention):
        return None
    return _served(session, row.hits, row.needs_human)


# -- computing them ------------------------------------------------------------------------------

# manifest path -> ((its mtime, the cache generation), KnowledgeBase)
_kb: dict[str, tuple[tuple[float, int], Any]] = {}
_kb_loading: set[str] = set()
_kb_lock = threading.Lock()


def index_built(settings: Any, collection: str) -> bool:
    return (Path(settings.index_dir) / f"{collection}.manifest.json").exists()


def _knowledge_base(settings: Any, db: Any, generation: int = 0) -> Any | None:
    """The indexer's KnowledgeBase for the built index, or None while it loads: loading the
    embedding model takes seconds, so it happens in a background thread and requests meanwhile
    get the word-overlap suggestions instead of waiting (and holding a connection). One loaded
    under another cache ``generation`` (before a `listenpost forget`) is never used again."""
    manifest = Path(settings.index_dir) / "knowledge.manifest.json"
    stamp = (manifest.stat().st_mtime, generation)
    key = str(manifest.resolve())
    with _kb_lock:
        hit = _kb.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        if hit is not None and hit[0][1] != generation:
            hit = None  # loaded before someone was forgotten: never used again
        if key in _kb_loading:
            return hit[1] if hit is not None else None
        _kb_loading.add(key)

    def load() -> None:
        from indexer.knowledge import KnowledgeBase

        try:
            kb = KnowledgeBase(settings, db, refresh=False)
            with _kb_lock:
                _kb[key] = (stamp, kb)
        except Exception:  # noqa: BLE001 - suggestions fall back to word overlap
            logger.exception("cannot load the knowledge index; using word overlap")
        finally:
            with _kb_lock:
                _kb_loading.discard(key)

    threading.Thread(target=load, name="listenpost-kb-load", daemon=True).start()
    return hit[1] if hit is not None else None


def _computed(
    settings: Any, session: Session, mention: Mention, version: str
) -> list[dict[str, Any]] | None:
    """The indexer's suggestions computed now (and stored for the next request), or None while
    the knowledge base loads or when the indexer fails."""
    from flask import current_app

    from indexer.suggest import suggest as indexer_suggest
    from webapp import cache_generation

    db = current_app.extensions["listenpost.db"]
    kb = _knowledge_base(settings, db, cache_generation(session))
    if kb is None:
        return None
    key = mention_key(mention)
    # end the request's read transaction first: the indexer opens its own session, and a
    # request holding two pooled connections at once can starve the pool under load
    session.commit()
    try:
        found = indexer_suggest(settings, db, mention_id=mention.id, k=K,
                                channel=mention.platform, kb=kb)  # fmt: skip
    except Exception:  # noqa: BLE001 - the composer still works without the indexer
        logger.exception("indexer suggestions failed; using word overlap")
        return None
    served = _served(session, _hits(found), found["needs_human"])
    kept = {item["doc_id"] for item in served}  # documents deleted meanwhile are not stored
    hits = [h for h in _hits(found) if h["doc_id"] in kept]
    _save(db, [{"mention_id": mention.id, "kb_version": version, "mention_key": key,
                "needs_human": found["needs_human"], "hits": hits}])  # fmt: skip
    return served


def suggest(settings: Any, session: Session, mention: Mention, k: int = K) -> list[dict[str, Any]]:
    """Up to ``k`` suggestions for ``mention``: dicts with doc_id, source ("kb" or
    "third_party"), platform, title, body, url, author, lang, score and draft (and needs_human
    from the indexer). The stored ones when current, else computed now and stored."""
    version = kb_version(settings)
    found: list[dict[str, Any]] | None = None
    if version is not None:
        found = stored(settings, session, mention)
        if found is None:
            found = _computed(settings, session, mention, version)
    if found is None:
        brand = getattr(settings, "brand", None)
        names = " ".join([brand.name, *brand.queries]) if brand is not None else ""
        found = _word_overlap(session, mention, k, STOP | _words(names))
    return found[:k]


class _Asked:
    """Stands in for the knowledge base in a first pass of the indexer's ``suggest``: records the
    search it asks for (the query text and language) and finds nothing."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], str | None]] = []

    def search(self, texts: list[str], k: int = K, lang: str | None = None, **_: Any) -> Any:
        self.calls.append((list(texts), lang))
        return [[] for _ in texts]


class _Answered:
    """Stands in for the knowledge base in the second pass: the hits found in a batch."""

    def __init__(self, hits: list[Any]) -> None:
        self.hits = hits

    def search(self, texts: list[str], k: int = K, lang: str | None = None, **_: Any) -> Any:
        return [self.hits[:k]]


BATCH = 256  # posts searched and stored per transaction by store_pending


def store_pending(settings: Any, db: Any) -> dict[str, int]:
    """Compute and store the suggestions of every open ticket's newest customer post (the one
    the ticket page and the API answer by default) that has none stored or stale ones (another
    knowledge index, an edited post, a post that joined the ticket). Nothing is done while the
    knowledge index has not been built. Returns counts: targets, current, stored, embedded
    (posts embedded here), reused (vectors taken from the mentions index).

    The indexer's ``suggest`` runs twice per post: first against a stand-in that records the
    search it asks for, then, after one batched search per language over the whole batch
    (posts already in the mentions index keep their vectors, the others are embedded together,
    once per distinct text), against a stand-in that answers with those hits; so the drafts
    and ``needs_human`` are the indexer's own."""
    import numpy as np

    counts = {"targets": 0, "current": 0, "stored": 0, "embedded": 0, "reused": 0}
    version = kb_version(settings)
    if version is None:
        return counts
    cols = (Mention.id, Mention.ticket_id, Mention.title, Mention.text, Mention.author,
            Mention.platform, Mention.lang, Mention.severity, Mention.content_hash)  # fmt: skip
    with db.session() as s:
        newest: dict[int, Any] = {}
        for row in s.execute(
            select(*cols)
            .join(Ticket, Ticket.id == Mention.ticket_id)
            .where(Ticket.status.in_(OPEN_STATUSES), Mention.by_brand.is_(False))
            .order_by(Mention.created_at.asc(), Mention.id.asc())
        ):
            newest[row.ticket_id] = row
        have = {mid: (v, key) for mid, v, key in s.execute(
            select(StoredSuggestion.mention_id, StoredSuggestion.kb_version,
                   StoredSuggestion.mention_key))}  # fmt: skip
    todo = [r for r in newest.values() if have.get(r.id) != (version, mention_key(r))]
    counts["targets"] = len(newest)
    counts["current"] = len(newest) - len(todo)
    if not todo:
        return counts

    from indexer.knowledge import KnowledgeBase
    from indexer.suggest import suggest as indexer_suggest

    def run(r: Any, kb: Any) -> dict[str, Any]:
        return indexer_suggest(settings, db, mention_id=r.id, k=K, channel=r.platform, kb=kb)

    kb = KnowledgeBase(settings, db, refresh=False)
    indexed = _mentions_index(settings)
    known: dict[str, Any] = {}  # query text -> vector, for posts with the same words
    for start in range(0, len(todo), BATCH):
        chunk = todo[start : start + BATCH]
        asked = []
        for r in chunk:
            probe = _Asked()
            run(r, probe)
            [([text], lang)] = probe.calls  # one search for one text
            asked.append((text, lang))
        vectors: dict[int, Any] = {}
        for r in chunk:
            if indexed is not None and indexed.manifest.hashes.get(str(r.id)) == r.content_hash:
                try:
                    vectors[r.id] = indexed.vectors([r.id])[0]
                except KeyError:
                    continue
        counts["reused"] += len(vectors)
        missing = sorted({t for r, (t, _) in zip(chunk, asked, strict=True)
                          if r.id not in vectors and t not in known})  # fmt: skip
        if missing:
            known.update(zip(missing, kb.encode_queries(missing), strict=True))
            counts["embedded"] += len(missing)
        hits: dict[int, Any] = {}
        for lang in {lang for _, lang in asked}:
            group = [(r, t) for r, (t, q_lang) in zip(chunk, asked, strict=True) if q_lang == lang]
            qvecs = np.stack([vectors[r.id] if r.id in vectors else known[t] for r, t in group])
            found = kb.search([t for _, t in group], k=K, lang=lang, qvecs=qvecs)
            hits.update((r.id, h) for (r, _), h in zip(group, found, strict=True))
        rows = []
        for r in chunk:
            found = run(r, _Answered(hits[r.id]))
            rows.append({"mention_id": r.id, "kb_version": version, "mention_key": mention_key(r),
                         "needs_human": found["needs_human"], "hits": _hits(found)})  # fmt: skip
        _save(db, rows)
        counts["stored"] += len(rows)
    return counts


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


# -- word overlap (no knowledge index yet) --------------------------------------------------------

CACHE_TTL = 120.0  # seconds the documents' word sets are reused
_cache: dict[str, tuple[float, list[tuple[int, frozenset[str], float]]]] = {}
_cache_lock = threading.Lock()


def _doc_words(session: Session, stop: frozenset[str]) -> list[tuple[int, frozenset[str], float]]:
    """(doc id, words, trust) of the newest SCAN documents, kept for CACHE_TTL seconds or until
    a `listenpost forget` (the cache generation is part of the key)."""
    from webapp import cache_generation

    prefix = f"{session.get_bind().url}|{hash(stop)}|"
    key = f"{prefix}{cache_generation(session)}"
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(key)
        # entries of earlier generations are never read again
        for old in [k for k in _cache if k.startswith(prefix) and k != key]:
            del _cache[old]
    if hit is not None and hit[0] > now:
        return hit[1]
    rows = session.execute(
        select(KnowledgeDoc.id, KnowledgeDoc.title, KnowledgeDoc.body, KnowledgeDoc.trust)
        .order_by(KnowledgeDoc.id.desc())
        .limit(SCAN)
    )
    value = [(i, frozenset(_words(f"{t} {(b or '')[:2000]}", stop)), tr or 1.0)
             for i, t, b, tr in rows]  # fmt: skip
    with _cache_lock:
        _cache[key] = (now + CACHE_TTL, value)
    return value


def _word_overlap(
    session: Session, mention: Mention, k: int, stop: frozenset[str] = STOP
) -> list[dict[str, Any]]:
    """Documents sharing the most words with the post (the brand's own name does not count),
    each with the indexer's draft (the same language and channel rules as the indexed path)."""
    from indexer.suggest import draft, hit_of, query_of

    want = _words(f"{mention.title or ''} {mention.text or ''}", stop)
    if not want:
        return []
    scored: list[tuple[float, int]] = []
    for doc_id, have, trust in _doc_words(session, stop):
        hits = len(want & have)
        if hits:
            scored.append((hits / (len(want) ** 0.5 * max(len(have), 1) ** 0.5) * trust, doc_id))
    scored.sort(key=lambda x: (-x[0], -x[1]))
    query = query_of(mention)
    out = []
    for score, doc_id in scored[:k]:
        doc = session.get(KnowledgeDoc, doc_id)
        if doc is not None:
            item = _as_dict(doc, score)
            item["draft"] = draft(hit_of(doc, score), query)
            out.append(item)
    return out
