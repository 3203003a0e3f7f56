"""Stored gap reports on SQLite and PostgreSQL: the newest per window, fresh while nothing they
were computed from changed, dropped when a post is forgotten. No model: the reports here are
the real clustering (indexer.gaps.build) over vectors given by the test."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from sqlalchemy import func, select

from crawlers.items import utcnow
from indexer.forget import run_forget
from indexer.gap_store import inputs, is_fresh, latest, save
from indexer.gaps import GapInput, Post, build
from pipelines.forget import forget_persona
from pipelines.models import GapReport, Mention
from tests.helpers import mention


def _report(db, now):  # noqa: ANN001, ANN202
    with db.session() as s:
        rows = s.scalars(select(Mention).order_by(Mention.id)).all()
        posts = [Post(m.id, m.source_id, m.text, "en", "question", m.created_at) for m in rows]
    vectors = np.tile(np.array([[1.0, 0.0, 0.0]], dtype=np.float32), (len(posts), 1))
    data = GapInput(posts, vectors, np.zeros((len(posts), 0), np.float32), [],
                    np.zeros(0, dtype=bool), now=now)  # fmt: skip
    return {"gaps": build(data), "since_days": 30.0, "computed_at": now.isoformat()}


def test_reports_are_stored_read_and_invalidated(any_db) -> None:  # noqa: ANN001
    from pipelines.chain import Chain

    now = utcnow()
    with Chain(any_db.settings, any_db) as chain:
        for i, author in enumerate(["ana_gz", "ana_gz", "bruno_k"]):
            chain.process(mention(f"r{i}", f"How do I set up voicemail, try {i}?", author=author,
                                  created_at=now - timedelta(days=i + 1)))  # fmt: skip
    with any_db.session() as s:
        digest = inputs(s, any_db.settings, 30.0)
    save(any_db, 30.0, "old", {**_report(any_db, now - timedelta(hours=2)), "gaps": []})
    save(any_db, 30.0, digest, _report(any_db, now))
    with any_db.session() as s:
        row = latest(s, 30.0)
        assert s.scalar(select(func.count(GapReport.id))) == 1  # the older report went
        assert row.report["gaps"][0]["size"] == 3 and is_fresh(row, digest)
        assert not is_fresh(row, digest, now=now + timedelta(days=1, minutes=1))
        assert latest(s, 7.0) is None
    with Chain(any_db.settings, any_db) as chain:
        chain.process(mention("r9", "And how do I change the voicemail PIN?", author="cara_m",
                              created_at=now))  # fmt: skip
    with any_db.session() as s:
        assert inputs(s, any_db.settings, 30.0) != digest  # a new post: not fresh any more
    run_forget(any_db, any_db.settings,
               lambda s: forget_persona(s, any_db.settings, "reddit:ana_gz", "test"))  # fmt: skip
    with any_db.session() as s:
        assert latest(s, None) is None  # a stored label may be the forgotten person's words
