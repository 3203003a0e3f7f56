"""One process at a time writes the index files: a second indexer waits for the first (a
PostgreSQL advisory lock on every host; a file lock on SQLite), then does its own run."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from config import load_settings
from indexer.build import update_indexes
from indexer.faiss_index import INDEX_LOCK
from indexer.manifest import Manifest
from pipelines.locks import lock_key
from pipelines.models.db import Database
from tests.cluster.support import wait_for


def _update_in_thread(settings: Any, db: Database) -> tuple[threading.Thread, dict[str, Any]]:
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["result"] = update_indexes(settings, db, collections=("mentions",))
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            out["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


def _finish(thread: threading.Thread, out: dict[str, Any], settings: Any) -> None:
    thread.join(timeout=600)
    assert not thread.is_alive()
    assert "error" not in out, out.get("error")
    assert Manifest.path_for(settings.index_dir, "mentions").exists()


@pytest.mark.postgres
def test_a_second_indexer_waits_for_the_advisory_lock(pg_url: str, home: Path) -> None:
    settings = load_settings(home=str(home), database_url=pg_url)
    db = Database(settings)
    db.init()
    try:
        with db.engine.connect() as other:  # another host's indexer, writing
            other.execute(text("SELECT pg_advisory_lock(:k)"), {"k": lock_key(INDEX_LOCK)})
            other.commit()
            thread, out = _update_in_thread(settings, db)

            def waiting() -> bool:
                query = (
                    "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                    "WHERE l.locktype = 'advisory' AND NOT l.granted AND l.objid = :low "
                    "AND d.datname = current_database()"
                )
                low = lock_key(INDEX_LOCK) & 0xFFFFFFFF
                return bool(other.scalar(text(query), {"low": low}))

            wait_for(waiting, 120, "the second indexer to wait for the lock")
            assert not Manifest.path_for(settings.index_dir, "mentions").exists()
            other.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": lock_key(INDEX_LOCK)})
            other.commit()
            _finish(thread, out, settings)
    finally:
        db.dispose()


def _waiting_for(path: Path) -> int:
    """Processes waiting for a flock on ``path`` (``->`` lines of /proc/locks)."""
    inode = f":{path.stat().st_ino} "
    lines = Path("/proc/locks").read_text(encoding="ascii").splitlines()
    return sum(1 for line in lines if "-> FLOCK" in line and inode in line)


def test_on_sqlite_a_second_indexer_waits_for_the_file_lock(settings: Any, db: Database) -> None:
    import fcntl

    path = Path(settings.home) / f"{INDEX_LOCK}.lock"
    with path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)  # another process of this machine, writing
        thread, out = _update_in_thread(settings, db)
        wait_for(lambda: _waiting_for(path) > 0, 120, "the indexer to wait for the file lock")
        assert not Manifest.path_for(settings.index_dir, "mentions").exists()
        fcntl.flock(fh, fcntl.LOCK_UN)
    _finish(thread, out, settings)
