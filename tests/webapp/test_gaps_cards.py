"""Every card of the gaps page has a heading: a third-party answer without a title shows the
first words of its body. The report is the real clustering over vectors given by the test."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from sqlalchemy import select

from crawlers.items import utcnow
from indexer.gap_store import save
from indexer.gaps import GapInput, Post, build
from indexer.knowledge import DocInfo
from pipelines.models import KnowledgeDoc, Mention
from tests.webapp.support import login


def test_an_answer_without_a_title_is_headed_by_its_words(client, db) -> None:  # noqa: ANN001
    now = utcnow()
    with db.session() as s:
        for i in range(2):
            s.add(Mention(platform="reddit", source_id=f"q{i}", author=f"user{i}",
                          text=f"How do I reset the router PIN, attempt {i}?", thread_id=f"q{i}",
                          created_at=now - timedelta(days=i + 1), content_hash=f"q{i}",
                          role="question", needs_reply=True))  # fmt: skip
        s.add(KnowledgeDoc(source="third_party", source_id="yt-1", platform="youtube", title="",
                           body="Hold the reset button for ten seconds, then log in with the "
                           "PIN printed under the router.", url="https://video.example/1",
                           author="RouterRescue", content_hash="yt-1"))  # fmt: skip
        s.flush()
        rows = s.scalars(select(Mention).order_by(Mention.id)).all()
        posts = [Post(m.id, m.source_id, m.text, "en", "question", m.created_at) for m in rows]
        doc = DocInfo.of(s.scalars(select(KnowledgeDoc)).one())
    data = GapInput(posts, np.ones((2, 4), dtype=np.float32) / 2.0, np.zeros((2, 1), np.float32),
                    [doc], np.array([False]), doc_vectors=lambda c: np.full((len(c), 1), 0.95),
                    now=now)  # fmt: skip
    save(db, 30.0, "cards", {"gaps": build(data), "since_days": 30.0,
                             "computed_at": now.isoformat()})  # fmt: skip
    login(client, db, "kim", "knowledge")
    html = client.get("/gaps/").get_data(as_text=True)
    assert "<b>Hold the reset button for ten seconds, then log in with the PIN printed" in html
    assert "<b></b>" not in html
