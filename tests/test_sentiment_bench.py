"""The scores and samples of bench/sentiment.py, on small hand-made inputs."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import sentiment as bench  # noqa: E402


def test_scores_by_hand() -> None:
    gold = ["negative", "negative", "negative", "neutral", "positive", "positive"]
    pred = ["negative", "negative", "neutral", "neutral", "positive", "negative"]
    result = bench.scores(gold, pred)
    # negative: tp 2, fp 1, fn 1 -> 4/6; neutral: tp 1, fp 1 -> 2/3; positive: tp 1, fn 1 -> 2/3
    assert result["f1"] == {"negative": 0.6667, "neutral": 0.6667, "positive": 0.6667}
    assert result["accuracy"] == round(4 / 6, 4)
    assert result["macro_f1"] == 0.6667
    assert result["n"] == 6


def test_a_class_never_seen_nor_predicted_scores_zero() -> None:
    result = bench.scores(["negative", "neutral"], ["negative", "neutral"])
    assert result["f1"]["positive"] == 0.0
    assert result["macro_f1"] == round(2 / 3, 4)


def test_scores_refuse_lists_of_different_lengths() -> None:
    with pytest.raises(ValueError, match="2 gold labels but 1 predictions"):
        bench.scores(["negative", "neutral"], ["negative"])


def test_the_sample_keeps_each_labels_share() -> None:
    rows = [{"airline_sentiment": s, "text": f"{s} {i}"} for s, k in
            (("negative", 60), ("neutral", 30), ("positive", 10)) for i in range(k)]  # fmt: skip
    picked = bench.sample(rows, 50)
    assert Counter(r["airline_sentiment"] for r in picked) == {
        "negative": 30,
        "neutral": 15,
        "positive": 5,
    }
    assert picked == bench.sample(rows, 50)  # seeded
    assert bench.sample(rows, 0) == rows


def test_the_halves_split_every_index_once() -> None:
    a, b = bench.halves(11)
    assert sorted(a + b) == list(range(11)) and len(a) == 5
    assert bench.halves(11) == (a, b)


def test_missing_tweets_are_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(bench, "EVAL", tmp_path / "nowhere")
    with pytest.raises(SystemExit, match=r"^bench/sentiment.py: no airline tweets at .*nowhere"):
        bench.load("en", 10)


def _three_topics(n: int = 60) -> tuple[list[str], list[str]]:
    words = {
        "negative": "delayed lost awful",
        "neutral": "schedule gate info",
        "positive": "thanks great lovely",
    }
    gold = [bench.CLASSES[i % 3] for i in range(n)]
    return [f"{words[g]} post {i}" for i, g in enumerate(gold)], gold


def test_in_domain_finds_a_signal_the_vectors_carry() -> None:
    import numpy as np

    texts, gold = _three_topics()
    rng = np.random.default_rng(0)
    vecs = np.eye(3)[[bench.CLASSES.index(g) for g in gold]] + 0.1 * rng.normal(size=(60, 3))
    result = bench.in_domain(texts, gold, vecs)
    assert set(result) == {"e5 C1", "e5 C4", "e5 C16", "tfidf C4", "mean of e5 C1 and tfidf C4"}
    assert min(result.values()) == 1.0


def test_in_domain_scores_noise_as_noise() -> None:
    import numpy as np

    rng = np.random.default_rng(1)
    gold = [bench.CLASSES[int(k)] for k in rng.integers(0, 3, 150)]
    texts = [f"post number {i}" for i in range(150)]
    result = bench.in_domain(texts, gold, rng.normal(size=(150, 8)))
    assert max(v for k, v in result.items() if k.startswith("e5")) < 0.6


def test_posts_per_second_calls_the_model_once_a_post() -> None:
    import numpy as np

    calls: list[int] = []

    class Counting:
        def sentiment_proba(self, texts: list[str], vectors: np.ndarray) -> np.ndarray:
            calls.append(len(texts))
            return np.full((len(texts), 3), 1 / 3)

    rate = bench.posts_per_second(Counting(), ["a", "b", "c"], np.zeros((3, 4)))
    assert calls == [1, 1, 1] and rate > 0
