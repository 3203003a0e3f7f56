"""Keep the FAISS indexes in step with the database: embed new or changed texts (by content
hash), drop ids the database no longer has."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from config import Settings
from indexer.embedder import EmbedderError, load_embedder, model_name
from indexer.faiss_index import COLLECTIONS, INDEX_LOCK, IndexerError, VectorIndex
from indexer.manifest import Manifest
from indexer.version import publish
from pipelines.locks import held
from pipelines.models import KnowledgeChunk, Mention
from pipelines.models.db import Database

logger = logging.getLogger(__name__)

__all__ = ["IndexerError", "update_indexes", "collection_rows", "check_indexes", "load_index"]

MAX_CHARS = 2000  # the model sees about 256 tokens; more text only costs time
# Mentions are what people ask: they are compared with articles (suggestions, gap coverage) and
# with each other (gap clusters), so they are embedded as queries ("query: " for E5, which is
# also E5's advice for symmetric similarity); knowledge documents are embedded as passages.
KINDS = {"mentions": "query", "knowledge": "passage"}
# the knowledge collection embedded a second time by [index] english_model, for English queries
# (indexer.retrieval.blend); kept in step with the database like the others
ENGLISH = "knowledge_en"


def collection_rows(db: Database, collection: str) -> Iterator[tuple[int, str, str]]:
    """(id, text to embed, content hash) for every row of a collection: mentions, or the chunks
    of knowledge documents (indexer.chunks)."""
    with db.session() as s:
        if collection == "mentions":
            q = select(Mention.id, Mention.title, Mention.text, Mention.content_hash).order_by(
                Mention.id
            )
            for row_id, title, body, digest in s.execute(q):
                text = f"{title}\n{body}" if title else body
                yield row_id, text[:MAX_CHARS], digest
            return
        q = select(KnowledgeChunk.id, KnowledgeChunk.text, KnowledgeChunk.content_hash)
        for row_id, text, digest in s.execute(q.order_by(KnowledgeChunk.id)):
            yield row_id, text[:MAX_CHARS], digest


def configured_embedder(settings: Settings) -> Any:
    try:
        return load_embedder(settings.index.model)
    except EmbedderError as exc:
        raise IndexerError(str(exc)) from None


def english_embedder(settings: Settings) -> Any | None:
    """The ``[index] english_model`` embedder, or None when it is off or is the main model."""
    name = settings.index.english_model
    if not name:
        return None
    try:
        emb = load_embedder(name)
    except EmbedderError as exc:
        raise IndexerError(f"[index] english_model: {exc}") from None
    return None if emb.name == configured_embedder(settings).name else emb


def planned_indexes(
    settings: Settings, collections: tuple[str, ...] = COLLECTIONS
) -> list[tuple[str, str, Any]]:
    """(index name, database collection, embedder) of every index kept for ``collections``."""
    main = configured_embedder(settings)
    plan = [(c, c, main) for c in collections]
    english = english_embedder(settings) if "knowledge" in collections else None
    if english is not None:
        plan.append((ENGLISH, "knowledge", english))
    return plan


def stored_plan(settings: Settings) -> list[tuple[str, str, str]]:
    """(index name, database collection, model name) of every index :func:`planned_indexes`
    keeps, without loading a model."""
    main = model_name(settings.index.model)
    plan = [(c, c, main) for c in COLLECTIONS]
    english = settings.index.english_model
    if english and model_name(english) != main:
        plan.append((ENGLISH, "knowledge", model_name(english)))
    return plan


def stored_index(settings: Settings, name: str, model: str) -> VectorIndex:
    """The saved index ``name`` made by ``model``, loaded without the model (the vectors'
    dimension is the manifest's); refused when another model made it, empty when never built."""
    manifest = Manifest.load(settings.index_dir, name)
    dim = manifest.dim if manifest is not None else 0
    return VectorIndex.load(settings.index_dir, name, model, dim, settings.index.exact_max,
                            settings.index.hnsw_ef_search)  # fmt: skip


def load_index(settings: Settings, collection: str, embedder: Any = None) -> VectorIndex:
    """The saved index of a collection for the configured model (empty when never built)."""
    embedder = embedder or configured_embedder(settings)
    return VectorIndex.load(
        settings.index_dir,
        collection,
        embedder.name,
        embedder.dim,
        settings.index.exact_max,
        settings.index.hnsw_ef_search,
    )


def update_indexes(
    settings: Settings,
    db: Database,
    rebuild: bool = False,
    progress: bool = False,
    collections: tuple[str, ...] = COLLECTIONS,
) -> dict[str, Any]:
    """Embed what changed and save every index; one process at a time writes the files
    (``INDEX_LOCK``: a PostgreSQL advisory lock on every host, a file lock on SQLite), a second
    one waits, then finds the work done. The knowledge index's version is then published in
    the database (``indexer.version.publish``), where web processes on every host read it."""
    with held(db, INDEX_LOCK):
        result = _update_indexes(settings, db, rebuild, progress, collections)
        with db.session() as s:
            publish(settings, s)
        return result


def _update_indexes(
    settings: Settings,
    db: Database,
    rebuild: bool,
    progress: bool,
    collections: tuple[str, ...],
) -> dict[str, Any]:
    from indexer.chunks import sync_chunks

    directory = settings.index_dir
    result: dict[str, Any] = {"model": configured_embedder(settings).name}
    if "knowledge" in collections:
        result["chunks"] = sync_chunks(db)
    for name, collection, embedder in planned_indexes(settings, collections):
        if rebuild:
            index = VectorIndex(
                name,
                embedder.name,
                embedder.dim,
                exact_max=settings.index.exact_max,
                ef_search=settings.index.hnsw_ef_search,
            )
        else:
            index = load_index(settings, name, embedder)
        rows = list(collection_rows(db, collection))
        known = index.manifest.hashes
        todo = [(i, t, h) for i, t, h in rows if known.get(str(i)) != h]
        gone = index.ids() - {i for i, _, _ in rows}
        index.remove(sorted(gone))
        batch = settings.index.batch_size * 4
        show = progress and sys.stderr.isatty() and len(todo) > batch
        bar = None
        if show:
            from tqdm import tqdm

            bar = tqdm(total=len(todo), desc=f"embedding {name}", file=sys.stderr)
        for start in range(0, len(todo), batch):
            chunk = todo[start : start + batch]
            vecs = embedder.encode(
                [t for _, t, _ in chunk],
                batch_size=settings.index.batch_size,
                kind=KINDS[collection],
            )
            index.add([i for i, _, _ in chunk], vecs, [h for _, _, h in chunk])
            if bar:
                bar.update(len(chunk))
        if bar:
            bar.close()
        index.save(directory)
        result[name] = {
            "embedded": len(todo),
            "removed": len(gone),
            "count": index.count,
            "kind": index.kind,
        }
    return result


def check_indexes(
    settings: Settings, db: Database, sample: int = 200, repair: bool = False
) -> dict[str, Any]:
    """Per collection: recall@10 of the approximate index against exact search on a sample of
    stored vectors, and the ids only the database or only the index has (``repair`` fixes them,
    and re-embeds rows whose text changed). Without ``repair`` no model is loaded: the stored
    vectors are the queries."""
    import random

    result: dict[str, Any] = {"model": model_name(settings.index.model)}
    for name, collection, model in stored_plan(settings):
        index = stored_index(settings, name, model)
        rows = {i: h for i, _, h in collection_rows(db, collection)}
        indexed = index.ids()
        only_db = sorted(set(rows) - indexed)
        only_index = sorted(indexed - set(rows))
        stale = sorted(i for i in set(rows) & indexed if index.manifest.hashes[str(i)] != rows[i])
        recall = None
        if index.count:
            rng = random.Random(0)  # noqa: S311 - a reproducible sample
            ids = sorted(indexed - set(only_index)) or sorted(indexed)
            probe = rng.sample(ids, min(sample, len(ids)))
            vecs = index.vectors(probe)
            approx = index.search(vecs, k=10)
            exact = index.search(vecs, k=10, exact=True)
            found = sum(
                len({i for i, _ in a} & {i for i, _ in e})
                for a, e in zip(approx, exact, strict=True)
            )
            recall = round(found / max(1, sum(len(e) for e in exact)), 4)
        result[name] = {
            "kind": index.kind,
            "count": index.count,
            "recall@10": recall,
            "sample": min(sample, index.count),
            "only_in_database": only_db,
            "only_in_index": only_index,
            "changed": stale,
        }
    from indexer.chunks import stale_documents

    for name, r in result.items():
        if name in ("knowledge", ENGLISH):
            r["unchunked_documents"] = stale_documents(db)  # new or changed since the last split
    if repair:
        result["repaired"] = update_indexes(settings, db)
    return result
