"""The periodic jobs of a cluster as Celery tasks, scheduled by ``listenpost beat`` and run by
``listenpost worker`` (on the jobs queue, ``<[cluster] queue>.jobs``). Each calls the function its
command calls on one machine (``listenpost index``, ``triage refresh``, ``publish``; ``watch``
calls the same ones), and runs on one host at a time: a PostgreSQL advisory lock held for the
job's length; a job whose lock is taken is skipped, its next turn comes soon."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import text

from config import Settings
from pipelines.cluster.app import _state, app

logger = logging.getLogger(__name__)

JOBS = {
    "listenpost.job.index": "index_interval",
    "listenpost.job.triage": "triage_interval",
    "listenpost.job.publish": "publish_interval",
}


def beat_schedule(settings: Settings) -> dict[str, dict[str, Any]]:
    """Celery beat's schedule: each job every ``[cluster] <job>_interval`` seconds."""
    return {
        name: {"task": name, "schedule": float(getattr(settings.cluster, key))}
        for name, key in JOBS.items()
    }


@contextmanager
def _one_at_a_time(name: str) -> Iterator[Any]:
    """The database while this process holds ``name``'s lock; None when another holds it."""
    from pipelines.models.db import Database

    settings: Settings = _state["settings"]
    db = Database(settings)
    try:
        with db.engine.connect() as conn:
            key = zlib.crc32(name.encode())
            if conn.dialect.name == "postgresql":
                got = conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": key})
                conn.commit()
                if not got:
                    yield None
                    return
            try:
                yield db
            finally:
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                    conn.commit()
    finally:
        db.dispose()


def _job(name: str, work: Callable[[Settings, Any], dict[str, Any]]) -> dict[str, Any]:
    with _one_at_a_time(name) as db:
        if db is None:
            logger.info("%s: running on another host; skipped", name)
            return {"skipped": 1}
        done = work(_state["settings"], db)
        logger.info("%s: %s", name, done)
        return done


def _index(settings: Settings, db: Any) -> dict[str, Any]:
    from indexer.build import update_indexes
    from webapp.suggestions import store_pending

    result = update_indexes(settings, db)
    result["suggestions"] = store_pending(settings, db)
    return result


def _triage(settings: Settings, db: Any) -> dict[str, Any]:
    from pipelines.triage import refresh

    with db.session() as s:
        return {"tickets": refresh(s, settings)}


def _publish(settings: Settings, db: Any) -> dict[str, Any]:
    from webapp.publisher import publish_pending

    return publish_pending(settings, db)


@app.task(name="listenpost.job.index")
def index_job() -> dict[str, Any]:
    return _job("listenpost.job.index", _index)


@app.task(name="listenpost.job.triage")
def triage_job() -> dict[str, Any]:
    return _job("listenpost.job.triage", _triage)


@app.task(name="listenpost.job.publish")
def publish_job() -> dict[str, Any]:
    return _job("listenpost.job.publish", _publish)
