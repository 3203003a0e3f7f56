"""Keep the FAISS indexes in step with the database: embed new or changed texts (by content
hash), drop ids the database no longer has."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from config import Settings
from indexer.embedder import EmbedderError, load_embedder
from indexer.faiss_index import IndexerError, VectorIndex
from pipelines.models import KnowledgeDoc, Mention
from pipelines.models.db import Database

logger = logging.getLogger(__name__)

__all__ = ["IndexerError", "update_indexes", "collection_rows"]

MAX_CHARS = 2000  # the model sees about 256 tokens; more text only costs time


def collection_rows(db: Database, collection: str) -> Iterator[tuple[int, str, str]]:
    """(id, text to embed, content hash) for every row of a collection."""
    with db.session() as s:
        if collection == "mentions":
            q = select(Mention.id, Mention.title, Mention.text, Mention.content_hash).order_by(
                Mention.id
            )
        else:
            q = select(
                KnowledgeDoc.id, KnowledgeDoc.title, KnowledgeDoc.body, KnowledgeDoc.content_hash
            ).order_by(KnowledgeDoc.id)
        for row_id, title, body, digest in s.execute(q):
            text = f"{title}\n{body}" if title else body
            yield row_id, text[:MAX_CHARS], digest


def update_indexes(
    settings: Settings, db: Database, rebuild: bool = False, progress: bool = False
) -> dict[str, Any]:
    try:
        embedder = load_embedder(settings.index.model)
    except EmbedderError as exc:
        raise IndexerError(str(exc)) from None
    directory = settings.index_dir
    result: dict[str, Any] = {"model": embedder.name}
    for collection in ("mentions", "knowledge"):
        if rebuild:
            index = VectorIndex(collection, embedder.name, embedder.dim)
        else:
            index = VectorIndex.load(directory, collection, embedder.name, embedder.dim)
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

            bar = tqdm(total=len(todo), desc=f"embedding {collection}", file=sys.stderr)
        for start in range(0, len(todo), batch):
            chunk = todo[start : start + batch]
            vecs = embedder.encode([t for _, t, _ in chunk], batch_size=settings.index.batch_size)
            index.add([i for i, _, _ in chunk], vecs, [h for _, _, h in chunk])
            if bar:
                bar.update(len(chunk))
        if bar:
            bar.close()
        index.save(directory)
        result[collection] = {"embedded": len(todo), "removed": len(gone), "count": index.count}
    return result
