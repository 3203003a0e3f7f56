"""A gap's label and the third-party answers listed under it, on vectors given by the test (no
model): the label is a question when the gap holds one, never a post without words; a
third-party document is listed only when it is close to the gap's centroid and to its label."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import numpy as np

from crawlers.items import utcnow
from indexer.gaps import GapInput, Post, build


def _unit(*v: float) -> np.ndarray:
    a = np.array(v, dtype=np.float32)
    return a / np.linalg.norm(a)


def _gaps(posts: list[Post], vectors: list[np.ndarray], docs: list[np.ndarray] = ()) -> list:
    now = utcnow()
    matrix = np.vstack(docs) if len(docs) else np.zeros((0, 4), np.float32)
    infos = [SimpleNamespace(id=i + 1, source_id=f"tp-{i}", title=f"Doc {i}", source="forum",
                             platform="forum", author="peer", url=f"https://forum.example/t/{i}")
             for i in range(len(docs))]  # fmt: skip
    vecs = np.vstack(vectors)
    data = GapInput(posts, vecs, vecs @ matrix.T, infos, np.zeros(len(docs), dtype=bool),
                    doc_vectors=lambda q: q @ matrix.T, now=now)  # fmt: skip
    return build(data)


def _post(n: int, text: str, role: str, title: str | None = None) -> Post:
    full = f"{title}\n{text}" if title else text
    return Post(n, f"m{n}", full, "en", role, utcnow() - timedelta(days=n), title)


# three posts of one matter (pairwise cosine about 0.89) around the centroid (1, 0, 0, 0)
ASKS = _unit(1, 0.3, 0, 0)
NEAR = [_unit(1, -0.15, 0.2, 0), _unit(1, -0.15, -0.2, 0)]


def test_the_label_is_a_question_with_words() -> None:
    posts = [_post(1, "How do I turn on wifi calling on my phone?", "question"),
             _post(2, "Wifi calling greyed out again, useless", "complaint"),
             _post(3, "Still no wifi calling here, what a joke", "complaint"),
             _post(4, "🙏🙏", "question")]  # fmt: skip
    [gap] = _gaps(posts, [ASKS, *NEAR, _unit(1, 0, 0, 0.01)])
    assert gap["size"] == 4
    assert gap["label"] == "How do I turn on wifi calling on my phone?"


def test_a_complaint_whose_title_asks_labels_a_gap_of_complaints() -> None:
    posts = [_post(1, "No signal since 8am. Outage?", "complaint", title="Outage this morning?"),
             _post(2, "Nice app, but maybe fix the network first?", "complaint"),
             _post(3, "No calls, no data, nothing", "complaint")]  # fmt: skip
    [gap] = _gaps(posts, [ASKS, *NEAR])
    assert gap["label"] == "Outage this morning? No signal since 8am."


def test_a_cluster_where_nobody_asks_is_no_gap() -> None:
    praise = [_post(1, "Loving the new fibre, fast as anything", "complaint"),
              _post(2, "Fibre install went great, cheers team", "complaint"),
              _post(3, "Two years on this fibre and zero cuts", "complaint")]  # fmt: skip
    assert _gaps(praise, [ASKS, *NEAR]) == []  # nothing asked: no question to show
    asked = [*praise[:2], _post(3, "does the fibre come with a static IP", "question")]
    [gap] = _gaps(asked, [ASKS, *NEAR])  # one member asks (no mark): the matter is asked
    assert gap["size"] == 3 and gap["label"] == "does the fibre come with a static IP"


def test_a_third_party_answer_must_answer_the_label_too() -> None:
    posts = [_post(1, "How do I turn on wifi calling on my phone?", "question"),
             _post(2, "Wifi calling greyed out again", "complaint"),
             _post(3, "Wifi calling gone since the update", "complaint")]  # fmt: skip
    answers = _unit(1, 0.1, 0, 0)  # close to the centroid and to the question
    beside = _unit(1, -0.45, 0, 0)  # as close to the centroid (0.91), far from the question
    [gap] = _gaps(posts, [ASKS, *NEAR], [answers, beside])
    assert [a["source_id"] for a in gap["answers"]] == ["tp-0"]
    assert gap["third_party"] == ["https://forum.example/t/0"]
