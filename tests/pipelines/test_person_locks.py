"""Two writers storing posts by one person at once (a cluster's workers): the second waits for
the first's commit (pipelines.locks, PostgreSQL advisory locks), then joins what it stored."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from config import load_settings
from pipelines.chain import Chain
from pipelines.locks import lock_key
from pipelines.models import Customer, Persona
from pipelines.models.db import Database
from tests.helpers import mention

STAGES = [
    "pipelines.normalize.Normalize",
    "pipelines.language.Language",
    "pipelines.identity.Identity",
    "pipelines.store.Store",
]


def test_lock_keys_are_stable_signed_64_bit() -> None:
    assert lock_key("person:ana") == lock_key("person:ana") != lock_key("person:bo")
    assert -(2**63) <= lock_key("customer:7") < 2**63


@pytest.mark.postgres
def test_a_second_writer_waits_and_finds_the_person_stored(pg_url: str, home: Path) -> None:
    settings = load_settings(home=str(home), database_url=pg_url)
    db = Database(settings)
    db.init()
    first = Chain(settings, db, stages=STAGES)
    second = Chain(settings, db, stages=STAGES)
    try:
        # the first writer is in the middle of its batch: written, not committed
        post = mention("p1", "my router drops every night", author="Ana_Ruiz")
        *stages, store = first.stages
        for stage in stages:
            (post,) = stage.process_batch([post])
        store._write([post])  # type: ignore[attr-defined]

        done: list[object] = []
        comment = mention("p2", "still no signal here either", author="Ana_Ruiz", parent_id="p1")
        waiter = threading.Thread(target=lambda: done.extend(second.process_batch([comment])))
        waiter.start()
        time.sleep(1.5)
        assert waiter.is_alive() and not done  # waits for the first writer's person lock
        first.ctx.session.commit()
        waiter.join(timeout=30)
        assert done and not isinstance(done[0], Exception)
        with db.session() as s:
            personas = s.scalar(select(func.count()).select_from(Persona))
            customers = s.scalar(select(func.count()).select_from(Customer))
        assert personas == 1 and customers == 1
    finally:
        first.close()
        second.close()
        db.dispose()
