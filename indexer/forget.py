"""Remove forgotten records' vectors from the FAISS indexes (`listenpost forget`).

FAISS ids are database ids, so the ids the database deleted are the vectors to remove. The
indexes are loaded with the model their manifest names (no embedder is loaded), the ids removed
and the files rewritten; an exact index compacts its storage on removal, so the vectors are gone
from the saved file. A failure here is repaired by the next `listenpost index`, which drops every
id the database no longer has.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from sqlalchemy.orm import Session

from config import Settings
from indexer.faiss_index import INDEX_LOCK, VectorIndex
from indexer.manifest import Manifest
from indexer.version import publish
from pipelines.forget import Forgotten, scrub
from pipelines.locks import held
from pipelines.models.db import Database

logger = logging.getLogger(__name__)


def remove_vectors(
    db: Database,
    settings: Settings,
    ids_by_collection: dict[str, Iterable[int]],
    session: Session,
) -> dict[str, int]:
    """Remove ``ids`` from each collection's saved index; how many vectors each lost. The
    files' one writer at a time (``INDEX_LOCK``); the knowledge index's new version is
    published in ``session`` (the forgetting transaction: committed with the deletions)."""
    with held(db, INDEX_LOCK):
        removed = _remove_vectors(settings, ids_by_collection)
        publish(settings, session)
        return removed


def _remove_vectors(
    settings: Settings, ids_by_collection: dict[str, Iterable[int]]
) -> dict[str, int]:
    directory = settings.index_dir
    removed: dict[str, int] = {}
    for collection, ids in ids_by_collection.items():
        id_list = sorted(set(ids))
        manifest = Manifest.load(directory, collection)
        if not id_list or manifest is None:
            removed[collection] = 0
            continue
        index = VectorIndex.load(
            directory, collection, manifest.model, manifest.dim, settings.index.exact_max
        )
        removed[collection] = index.remove(id_list)
        index.save(directory)
        logger.info("removed %d vectors from the %s index", removed[collection], collection)
    return removed


def run_forget(
    db: Database, settings: Settings, action: Callable[[Session], Forgotten]
) -> Forgotten:
    """Forget end to end: ``action`` deletes the rows (pipelines.forget), the same ids leave the
    indexes before the commit (a failure leaves the rows in place to retry), then the database
    files are scrubbed. Stored gap reports go with the rows (recomputed by the next job)."""
    from indexer.gap_store import invalidate

    with db.session() as session:
        out = action(session)
        if out.mention_ids or out.knowledge_ids:  # a stored gap label is a post's words
            out.add("gap_reports", invalidate(session))
        removed = remove_vectors(
            db, settings, {"mentions": out.mention_ids, "knowledge": out.knowledge_ids}, session
        )
        for name, n in removed.items():
            out.add(f"vectors_{name}", n)
    scrub(db)
    return out
