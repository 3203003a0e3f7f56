"""The sentiment model's training data (pipelines/data/sentiment_seed.jsonl) and class prior."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from pipelines import classifier as clf
from pipelines import sentiment


def test_shipped_examples_are_bilingual_with_every_class() -> None:
    rows = sentiment.sentiment_rows()
    counts = Counter((r["lang"], r["sentiment"]) for r in rows)
    for lang in sentiment.LANGS:
        for label in clf.SENTIMENTS:
            assert counts[(lang, label)] >= 50, (lang, label)
    assert len({r["text"] for r in rows}) == len(rows)
    seed = {r["text"] for r in clf.seed_rows()}
    assert not seed & {r["text"] for r in rows}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 2 is not JSON"),
        ('["a", "b"]', "line 2 is not an object"),
        ('{"sentiment": "negative", "lang": "en"}', "line 2 has no text"),
        ('{"text": "  ", "sentiment": "negative", "lang": "en"}', "line 2 has no text"),
        ('{"text": "ok", "sentiment": "angry", "lang": "en"}', "sentiment 'angry' is not one"),
        ('{"text": "ok", "lang": "en"}', "sentiment None is not one"),
        ('{"text": "ok", "sentiment": "neutral", "lang": "fr"}', "lang 'fr' is not one"),
    ],
)
def test_a_bad_line_fails_naming_it(line: str, message: str) -> None:
    good = json.dumps({"text": "late again", "sentiment": "negative", "lang": "en"})
    with pytest.raises(clf.DataError, match=message):
        sentiment.parse_rows(f"{good}\n{line}\n", "s.jsonl")


def test_a_bad_shipped_file_stops_training(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def joinpath(self, name: str) -> Broken:
            return self

        def read_text(self, encoding: str) -> str:
            return '{"text": "fine", "sentiment": "meh", "lang": "en"}\n'

    monkeypatch.setattr(sentiment.resources, "files", lambda package: Broken())
    with pytest.raises(clf.DataError, match="data/sentiment_seed.jsonl line 1"):
        sentiment.training_set(clf.seed_rows())


def test_training_set_is_the_seed_set_plus_the_examples() -> None:
    seed = clf.seed_rows()
    texts, labels = sentiment.training_set(seed)
    label = dict(zip(texts, labels, strict=True))
    for row in seed:
        assert label[row["text"]] == row["sentiment"]
    for row in sentiment.sentiment_rows():
        assert label[row["text"]] == row["sentiment"]
    assert len(texts) == len(seed) + len(sentiment.sentiment_rows())


def test_the_examples_label_wins_over_the_seed_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sentiment, "sentiment_rows", lambda: [{"text": "meh", "sentiment": "neutral", "lang": "en"}]
    )
    texts, labels = sentiment.training_set([{"text": "meh", "sentiment": "negative"}])
    assert (texts, labels) == (["meh"], ["neutral"])


def test_prior_scales_and_renormalises() -> None:
    probs = np.array([[0.5, 0.3, 0.2], [0.2, 0.2, 0.6]])
    out = sentiment.apply_prior(probs, (0.0, np.log(2.0), 0.0))
    assert np.allclose(out.sum(axis=1), 1.0)
    assert np.allclose(out[0], np.array([0.5, 0.6, 0.2]) / 1.3)
    assert out[0].argmax() == 1  # the neutral offset turned this row


def test_fit_prior_corrects_a_biased_model() -> None:
    # a model that leans to "neutral": true negatives sit at 0.45 negative / 0.5 neutral
    probs = np.array([[0.45, 0.5, 0.05]] * 6 + [[0.1, 0.85, 0.05]] * 3 + [[0.1, 0.2, 0.7]] * 3)
    gold = ["negative"] * 6 + ["neutral"] * 3 + ["positive"] * 3
    prior = sentiment.fit_prior(probs, gold)
    pred = sentiment.apply_prior(probs, prior).argmax(axis=1)
    assert [clf.SENTIMENTS[k] for k in pred] == gold
    assert prior[0] == 0.0 and prior[1] < 0.0


def test_the_model_applies_the_prior(monkeypatch: pytest.MonkeyPatch) -> None:
    class Fixed:
        classes = ["positive", "negative", "neutral"]

        def predict_proba(self, texts: list[str], vectors: np.ndarray, weight: float) -> np.ndarray:
            return np.array([[0.2, 0.45, 0.35]])

    models = clf.Models(complaint=None, sentiment=Fixed(), n_seed=0, n_feedback=0)  # type: ignore[arg-type]
    monkeypatch.setattr(sentiment, "PRIOR", (0.0, 0.0, 0.0))
    assert np.allclose(models.sentiment_proba(["x"], np.zeros((1, 384))), [[0.45, 0.35, 0.2]])
    monkeypatch.setattr(sentiment, "PRIOR", (0.0, np.log(2.0), 0.0))
    assert models.sentiment_proba(["x"], np.zeros((1, 384))).argmax() == 1


class _Constant:
    def __init__(self, probs: list[float]) -> None:
        self.probs = np.array([probs])

    def predict_proba(self, inputs: object) -> np.ndarray:
        return self.probs


def test_the_sentiment_blend_uses_its_weight(monkeypatch: pytest.MonkeyPatch) -> None:
    model = clf.TextModel(classes=list(clf.SENTIMENTS))
    model.tfidf, model.dense = _Constant([0.0, 0.0, 1.0]), _Constant([1.0, 0.0, 0.0])
    assert np.allclose(model.predict_proba(["x"], np.zeros((1, 384))), [[0.5, 0.0, 0.5]])
    models = clf.Models(complaint=None, sentiment=model, n_seed=0, n_feedback=0)  # type: ignore[arg-type]
    monkeypatch.setattr(sentiment, "PRIOR", (0.0, 0.0, 0.0))
    monkeypatch.setattr(sentiment, "TFIDF_WEIGHT", 0.25)
    assert np.allclose(models.sentiment_proba(["x"], np.zeros((1, 384))), [[0.75, 0.0, 0.25]])


@pytest.mark.slow
def test_the_shipped_model_reads_sarcasm_and_questions(home: Path) -> None:
    models = clf.get_models(home)
    texts = [
        "Oh great, another two hour delay. Thanks so much",
        "¿A qué hora abre la oficina el sábado?",
        "Muchas gracias, el técnico lo dejó todo funcionando",
    ]
    probs = models.sentiment_proba(texts, clf.embed(texts))
    assert [clf.SENTIMENTS[k] for k in probs.argmax(axis=1)] == ["negative", "neutral", "positive"]


def test_the_seed_cache_key_covers_the_examples(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first = clf._seed_cache_path()
    real = sentiment.resources.files

    class Changed:
        def __init__(self, package: str) -> None:
            self.root = real(package)

        def joinpath(self, name: str):  # noqa: ANN202
            if name == sentiment.SENTIMENT_RESOURCE:
                path = tmp_path / "s.jsonl"
                path.write_bytes(self.root.joinpath(name).read_bytes() + b"\n")
                return path
            return self.root.joinpath(name)

    monkeypatch.setattr(clf.resources, "files", Changed)
    assert clf._seed_cache_path() != first
