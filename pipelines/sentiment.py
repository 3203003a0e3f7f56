"""The sentiment model's training data and class priors.

The sentiment model (a ``TextModel`` in pipelines/classifier.py, three classes in
``SENTIMENTS`` order) trains on the seed set's sentiment labels plus
``pipelines/data/sentiment_seed.jsonl``: short social posts written for the project, English and
Spanish, about airlines, telcos, banks, shops, trains and other services (complaints, neutral
questions and news-like posts, praise, sarcasm, emoji, mixed feelings). A news headline about a
brand takes the sentiment of what it reports for the brand: a strike, a fine or lay-offs negative,
an award, a called-off strike or a fare sale positive, a schedule or a statement neutral. Each
line is ``{"text": ..., "sentiment": "negative"|"neutral"|"positive", "lang": "en"|"es"}``; a bad
line stops training with one line naming it.

The model's two regressions are blended with ``TFIDF_WEIGHT`` on the TF-IDF one (the complaint
and role models weigh both equally), and ``PRIOR`` adds a log-offset to each class's probability
before renormalising. Both were chosen on half A of the airline tweets in ../shared/eval
(``python bench/sentiment.py --tune``), and the figures in docs/performance.md are measured on
half B. The model works on the e5 vector the classify stage already computed for the post, so
it adds a few milliseconds a post. Its limit is the features: a regression on e5 vectors trained
on the tweets' own labels (``--in-domain``, a diagnostic) reaches about 0.76 English and 0.58
Spanish macro-F1, and the Universal Sentence Encoder, VADER and a Spanish naive Bayes, measured
the same way, add nothing beyond that (docs/performance.md, "Sentiment").
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from typing import Any

import numpy as np

from pipelines.classifier import SENTIMENTS, DataError, jsonl_objects

SENTIMENT_RESOURCE = "data/sentiment_seed.jsonl"
LANGS = ("en", "es")
# set on half A of the airline tweets: the TF-IDF regression's share of the blend, and the
# log-offsets for negative, neutral, positive
TFIDF_WEIGHT = 0.25
WEIGHTS = (0.5, 0.35, 0.25, 0.0)  # what --tune tries
PRIOR = (0.0, -0.7, 0.0)


def parse_rows(data: str, name: str) -> list[dict[str, str]]:
    """The rows of a sentiment JSONL file; DataError names the first bad line."""
    rows = []
    for n, obj in jsonl_objects(data, name):
        if not isinstance(obj, dict):
            raise DataError(f"{name} line {n} is not an object")
        text, label, lang = obj.get("text"), obj.get("sentiment"), obj.get("lang")
        if not isinstance(text, str) or not text.strip():
            raise DataError(f"{name} line {n} has no text")
        if label not in SENTIMENTS:
            raise DataError(f"{name} line {n}: sentiment {label!r} is not one of {SENTIMENTS}")
        if lang not in LANGS:
            raise DataError(f"{name} line {n}: lang {lang!r} is not one of {LANGS}")
        rows.append({"text": text, "sentiment": label, "lang": lang})
    return rows


def sentiment_rows() -> list[dict[str, str]]:
    """The sentiment examples shipped with the package."""
    data = resources.files("pipelines").joinpath(SENTIMENT_RESOURCE).read_text(encoding="utf-8")
    return parse_rows(data, SENTIMENT_RESOURCE)


def training_set(seed: Sequence[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Texts and sentiments: the seed set's rows, then the sentiment examples (a text in both
    keeps the sentiment file's label)."""
    label: dict[str, str] = {r["text"]: r["sentiment"] for r in seed if r.get("sentiment")}
    for row in sentiment_rows():
        label[row["text"]] = row["sentiment"]
    return list(label), list(label.values())


def apply_prior(probs: np.ndarray, prior: Sequence[float] | None = None) -> np.ndarray:
    """Probabilities (SENTIMENTS order) times exp(prior) (default PRIOR), renormalised per row."""
    prior = PRIOR if prior is None else prior
    scaled = np.asarray(probs, dtype=float) * np.exp(np.asarray(prior, dtype=float))
    return scaled / scaled.sum(axis=1, keepdims=True)


def fit_prior(
    probs: np.ndarray, gold: Sequence[str], step: float = 0.1, span: float = 2.0
) -> tuple[float, float, float]:
    """The offsets (negative fixed at 0) that maximise macro-F1 of argmax over the given
    probabilities (a grid of ``step`` within +-``span``)."""
    from sklearn.metrics import f1_score

    y = np.array([SENTIMENTS.index(g) for g in gold])
    logp = np.log(np.clip(np.asarray(probs, dtype=float), 1e-12, 1.0))
    grid = np.round(np.arange(-span, span + step / 2, step), 4)
    best = (-1.0, 0.0, 0.0)
    for neu in grid:
        for pos in grid:
            pred = (logp + np.array([0.0, neu, pos])).argmax(axis=1)
            f1 = float(f1_score(y, pred, average="macro", labels=[0, 1, 2]))
            if f1 > best[0] + 1e-9:
                best = (f1, float(neu), float(pos))
    return (0.0, best[1], best[2])
