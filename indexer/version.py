"""The knowledge index's version: what stored suggestions are computed for (webapp.suggestions).

:func:`kb_version` is the version of the index files on this host (a digest of the ``[index]``
settings, the drafts' format and the knowledge collection's manifests). Whatever writes the files
(``update_indexes``, ``forget``) and the job that stores suggestions publish it in the database
(table ``index_version``, :func:`publish`), and the pages compare stored suggestions with the
published version (:func:`served_version`), so a web process shows them on any host, with or
without the index files: in a cluster the files live on the indexer's host only.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from crawlers.items import utcnow
from pipelines.models import IndexVersion

KNOWLEDGE = "knowledge"

_versions: dict[str, tuple[Any, str]] = {}  # index directory -> (its manifests' stats, version)
_versions_lock = threading.Lock()


def kb_version(settings: Any) -> str | None:
    """The version of the knowledge index files on this host: a digest of the ``[index]``
    settings, the drafts' format (``indexer.suggest.DRAFT_FORMAT``) and the knowledge
    collection's manifests (models, index checksums, every document's content hash), or None
    while the index has not been built here. The files are read again only when they change."""
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


def publish(settings: Any, session: Session) -> str | None:
    """Write this host's knowledge index version in ``session`` (the caller commits), unless
    the files are not here; the version, or None. Called under the files' lock
    (``INDEX_LOCK``), so what is published is what a writer finished."""
    from pipelines.runs import host_name

    version = kb_version(settings)
    if version is None:
        return None
    values = {"version": version, "host": host_name(), "published_at": utcnow()}
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = insert(IndexVersion).values(name=KNOWLEDGE, **values)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=[IndexVersion.name], set_=values, where=IndexVersion.version != version
        )
    )
    return version


def published(session: Session) -> IndexVersion | None:
    """The knowledge index version its writer published, or None before the first."""
    return session.get(IndexVersion, KNOWLEDGE)


def served_version(settings: Any, session: Session) -> str | None:
    """The version stored suggestions must carry to be shown: the published one (the same on
    every host), else, before anything was published, this host's files'."""
    row = published(session)
    return row.version if row is not None else kb_version(settings)
