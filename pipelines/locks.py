"""Decisions serialised per person when several workers write at once (a cluster).

The store takes a PostgreSQL transaction-level advisory lock (``pg_advisory_xact_lock``) for
every persona handle key of a batch before its identity decisions, and one per customer before
its ticket decision: a second worker storing a post by the same person waits until the first
commits, then sees its persona, customer and ticket, so one person never gets two customers or
two tickets for one matter. The locks end with the transaction. Keys are taken in sorted order
(no two batches wait on each other in a circle). SQLite has one writer at a time: no-op there.

:func:`held` keeps one writer of a set of files (the FAISS index files) for a whole job.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from pipelines.models.db import Database


def lock_key(name: str) -> int:
    """A signed 64-bit key for ``name`` (PostgreSQL's bigint)."""
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def lock_for_transaction(session: Session, names: Iterable[str]) -> None:
    """Hold the advisory locks of ``names`` until this transaction ends (PostgreSQL)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for key in sorted({lock_key(name) for name in names}):
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


@contextmanager
def held(db: Database, name: str) -> Iterator[None]:
    """Hold ``name`` for the block, waiting while another process holds it: a PostgreSQL
    session-level advisory lock (every host of a cluster), or on SQLite (one machine) an
    exclusive lock on the file ``<home>/<name>.lock``."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect() as conn:
            key = lock_key(name)
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                conn.commit()
        return
    import fcntl

    home = Path(db.settings.home)
    home.mkdir(parents=True, exist_ok=True)
    with (home / f"{name}.lock").open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
