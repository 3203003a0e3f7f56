"""Suggested answers for a ticket, with their sources (own KB vs third-party).

The ranking and the drafts are the indexer's (``indexer.suggest``: hybrid retrieval over the
knowledge index, a draft in the customer's language and the channel's format). When the
knowledge index has not been built yet (a fresh install, the tests) or the indexer fails, a
plain word-overlap ranking over the stored documents stands in, so the composer still has
something to offer; the page and the API shape are the same either way.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipelines.models.records import KnowledgeDoc, Mention

logger = logging.getLogger(__name__)

WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
STOP = frozenset("this that with have from your what when where which there their about would "
                 "could should been were they them then than just like also only more some "
                 "into over after before again still even very much para pero como esta este "
                 "está tengo desde hace porque".split())  # fmt: skip
SCAN = 5000


def _words(text: str, stop: frozenset[str] = STOP) -> set[str]:
    return {w for w in (m.group(0).lower() for m in WORD.finditer(text)) if w not in stop}


def draft_for(doc: dict[str, Any], author: str | None = None) -> str:
    """A reply drafted from one source, with attribution for third-party answers."""
    hello = f"Hi {author}, " if author else "Hi, "
    body = " ".join((doc.get("body") or "").split())
    if len(body) > 600:
        body = body[:600].rsplit(" ", 1)[0] + "…"
    url = doc.get("url") or ""
    if doc.get("source") == "kb":
        tail = f"\n\nMore in our help article: {url}" if url else ""
        return f"{hello}sorry for the trouble. {body}{tail}"
    who = doc.get("author") or "a community member"
    where = doc.get("platform") or "the community"
    cite = f"\n\n(Tip shared by {who} on {where}{': ' + url if url else ''})"
    return f"{hello}sorry for the trouble. {body}{cite}"


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


_kb: dict[str, tuple[float, Any]] = {}  # manifest path -> (its mtime, KnowledgeBase)
_kb_loading: set[str] = set()
_kb_lock = threading.Lock()


def index_built(settings: Any, collection: str) -> bool:
    return (Path(settings.index_dir) / f"{collection}.manifest.json").exists()


def _knowledge_base(settings: Any, db: Any) -> Any | None:
    """The indexer's KnowledgeBase for the built index, or None while it loads: loading the
    embedding model takes seconds, so it happens in a background thread and requests meanwhile
    get the word-overlap suggestions instead of waiting (and holding a connection)."""
    manifest = Path(settings.index_dir) / "knowledge.manifest.json"
    stamp = manifest.stat().st_mtime
    key = str(manifest.resolve())
    with _kb_lock:
        hit = _kb.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
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


def _indexer(
    settings: Any, session: Session, mention: Mention, k: int
) -> list[dict[str, Any]] | None:
    from flask import current_app

    from indexer.suggest import suggest as indexer_suggest

    db = current_app.extensions["listenpost.db"]
    kb = _knowledge_base(settings, db)
    if kb is None:
        return None
    # end the request's read transaction first: the indexer opens its own session, and a
    # request holding two pooled connections at once can starve the pool under load
    session.commit()
    found = indexer_suggest(settings, db, mention_id=mention.id, k=k,
                            channel=mention.platform, kb=kb)  # fmt: skip
    out = []
    for hit in found["suggestions"]:
        doc = session.get(KnowledgeDoc, hit["doc_id"])
        if doc is not None:
            item = _as_dict(doc, hit["score"])
            item["draft"] = hit["draft"]
            item["needs_human"] = found.get("needs_human", False)
            out.append(item)
    return out


SUGGEST_TTL = 600.0  # seconds one mention's suggestions are reused (same text, same index)
SUGGEST_MAX = 4096
_suggested: OrderedDict[tuple[Any, ...], tuple[float, list[dict[str, Any]]]] = OrderedDict()
_suggested_lock = threading.Lock()


def suggest(settings: Any, session: Session, mention: Mention, k: int = 5) -> list[dict[str, Any]]:
    """Up to ``k`` suggestions for ``mention``: dicts with doc_id, source ("kb" or
    "third_party"), platform, title, body, url, author, lang, score and draft.

    Kept per process for SUGGEST_TTL seconds, keyed by the post's content hash and the knowledge
    index's manifest (a rebuilt index or an edited post gets fresh ones): the ticket page and
    the "use this" link that follows it would otherwise embed the same post twice."""
    manifest = Path(settings.index_dir) / "knowledge.manifest.json"
    try:
        stamp = manifest.stat().st_mtime_ns
    except OSError:
        stamp = 0
    key = (str(session.get_bind().url), mention.id, mention.content_hash, mention.author,
           stamp, k)  # fmt: skip
    now = time.monotonic()
    with _suggested_lock:
        hit = _suggested.get(key)
        if hit is not None and hit[0] > now:
            _suggested.move_to_end(key)
            return [dict(s) for s in hit[1]]
    found, final = _suggest(settings, session, mention, k, built=stamp != 0)
    if not final:  # word overlap while the index loads: ask the indexer next time
        return found
    with _suggested_lock:
        _suggested[key] = (now + SUGGEST_TTL, [dict(s) for s in found])
        while len(_suggested) > SUGGEST_MAX:
            _suggested.popitem(last=False)
    return found


def _suggest(
    settings: Any, session: Session, mention: Mention, k: int, built: bool
) -> tuple[list[dict[str, Any]], bool]:
    """The suggestions, and whether they are the final answer (False: a stand-in)."""
    found: list[dict[str, Any]] | None = None
    if built:
        try:
            found = _indexer(settings, session, mention, k)
        except Exception:  # noqa: BLE001 - the composer still works without the indexer
            logger.exception("indexer suggestions failed; using word overlap")
            found = None
    final = found is not None or not built
    if found is None:
        brand = getattr(settings, "brand", None)
        names = " ".join([brand.name, *brand.queries]) if brand is not None else ""
        found = _word_overlap(session, mention, k, STOP | _words(names))
    for s in found:
        s.setdefault("draft", draft_for(s, mention.author))
    return found, final


CACHE_TTL = 120.0  # seconds the documents' word sets are reused
_cache: dict[str, tuple[float, list[tuple[int, frozenset[str], float]]]] = {}
_cache_lock = threading.Lock()


def _doc_words(session: Session, stop: frozenset[str]) -> list[tuple[int, frozenset[str], float]]:
    """(doc id, words, trust) of the newest SCAN documents, kept for CACHE_TTL seconds."""
    key = f"{session.get_bind().url}|{hash(stop)}"
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(key)
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
    """Documents sharing the most words with the post (the brand's own name does not count)."""
    want = _words(f"{mention.title or ''} {mention.text or ''}", stop)
    if not want:
        return []
    scored: list[tuple[float, int]] = []
    for doc_id, have, trust in _doc_words(session, stop):
        hits = len(want & have)
        if hits:
            scored.append((hits / (len(want) ** 0.5 * max(len(have), 1) ** 0.5) * trust, doc_id))
    scored.sort(key=lambda x: (-x[0], -x[1]))
    out = []
    for score, doc_id in scored[:k]:
        doc = session.get(KnowledgeDoc, doc_id)
        if doc is not None:
            out.append(_as_dict(doc, score))
    return out
