"""The shipped sentiment model on the airline tweets' three classes, beside a peer, in one run.

The tweets (English and Spanish, labelled negative / neutral / positive) are read from
../shared/eval/airline-tweets-es-en, never copied and never trained on. Per language a fixed
sample (seed 0, stratified by label, ``--sample`` tweets) is split in two seeded halves: half A
is where the blend weight and class prior of the shipped model (pipelines/sentiment.py,
TFIDF_WEIGHT and PRIOR) were chosen (``--tune`` prints the choice), half B is held out and is
what the figures report.

Methods, all trained on the same data (the project's seed set plus
pipelines/data/sentiment_seed.jsonl, nothing from the tweets):

* ``project``: ``Models.sentiment_proba`` exactly as the classify stage calls it;
* ``baseline``: TF-IDF word 1-2-grams + logistic regression (the peer).

Printed per language and method: accuracy, macro-F1 and F1 per class, and the shipped model's
posts per second given the post's e5 vector (the classify stage embeds each post once for all its
models, so this is what sentiment adds to a post). Embedding is the slow part; the tweets' vectors
are cached under the temp directory (keyed by text), so a second run takes seconds.

``--in-domain`` adds a diagnostic, not a method: per language, a logistic regression on the
tweets' own e5 vectors (C 1, 4 and 16) and the project's TF-IDF regression, trained and scored by
5-fold cross-validation on the whole sample with the tweets' own labels. It is what the shipped
features can reach with in-domain labels, a ceiling for any model trained on them.

    python bench/sentiment.py [--sample 2000] [--json] [--tune] [--in-domain]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval" / "airline-tweets-es-en"
FILES = {"en": "us_airline_tweets_public.csv", "es": "tweets_public_es.utf8.csv"}
CLASSES = ("negative", "neutral", "positive")


def scores(gold: list[str], pred: list[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 over the three classes and F1 per class."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
    n = len(gold)
    per: dict[str, float] = {}
    for c in CLASSES:
        tp = sum(g == c and p == c for g, p in zip(gold, pred, strict=True))
        wrong = sum((g == c) != (p == c) for g, p in zip(gold, pred, strict=True))
        per[c] = round(2 * tp / (2 * tp + wrong), 4) if tp + wrong else 0.0
    correct = sum(g == p for g, p in zip(gold, pred, strict=True))
    return {
        "n": n,
        "accuracy": round(correct / n, 4) if n else None,
        "macro_f1": round(sum(per.values()) / len(CLASSES), 4),
        "f1": per,
    }


def sample(rows: list[dict[str, str]], size: int, seed: int = 0) -> list[dict[str, str]]:
    """A stratified sample: each label keeps its share of the set (all rows when size >= n)."""
    if size <= 0 or size >= len(rows):
        return list(rows)
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample
    by_label: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_label.setdefault(row["airline_sentiment"], []).append(row)
    out = []
    for label in sorted(by_label):
        group = by_label[label]
        out += rng.sample(group, round(size * len(group) / len(rows)))
    rng.shuffle(out)
    return out


def halves(n: int, seed: int = 1) -> tuple[list[int], list[int]]:
    """Indices of half A (tuning) and half B (held out)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)  # noqa: S311
    return sorted(order[: n // 2]), sorted(order[n // 2 :])


def load(lang: str, size: int) -> tuple[list[str], list[str]]:
    path = EVAL / FILES[lang]
    if not path.is_file():
        raise SystemExit(f"bench/sentiment.py: no airline tweets at {path}")
    with open(path, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["airline_sentiment"] in CLASSES]
    rows = sample(rows, size)
    return [r["text"] for r in rows], [r["airline_sentiment"] for r in rows]


def vectors(texts: list[str]) -> Any:
    """Embeddings of the texts, from the temp-dir cache when this list was embedded before."""
    import numpy as np

    from pipelines import classifier as clf

    digest = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:20]
    cache = Path(tempfile.gettempdir()) / "listenpost-bench-sentiment" / f"{digest}.npy"
    if cache.is_file():
        return np.load(cache)
    vecs = clf.embed(texts)
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.save(cache, vecs)
    return vecs


def in_domain(texts: list[str], gold: list[str], vecs: Any) -> dict[str, float]:
    """Macro-F1 of 5-fold cross-validated regressions on the tweets' own labels (a ceiling)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from pipelines import classifier as clf

    y = np.array([CLASSES.index(g) for g in gold])
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(vecs, y))
    out: dict[str, float] = {}
    probs: dict[str, Any] = {}
    for name, c in (("e5 C1", 1.0), ("e5 C4", 4.0), ("e5 C16", 16.0), ("tfidf C4", 4.0)):
        p = np.zeros((len(y), len(CLASSES)))
        for train, test in folds:
            if name.startswith("tfidf"):
                model = clf._tfidf_lr(c).fit([texts[i] for i in train], y[train])
                p[test] = model.predict_proba([texts[i] for i in test])
            else:
                model = LogisticRegression(C=c, max_iter=3000).fit(vecs[train], y[train])
                p[test] = model.predict_proba(vecs[test])
        probs[name] = p
    best_e5 = max((k for k in probs if k.startswith("e5")), key=lambda k: _f1(y, probs[k]))
    probs[f"mean of {best_e5} and tfidf C4"] = (probs[best_e5] + probs["tfidf C4"]) / 2
    for name, p in probs.items():
        out[name] = _f1(y, p)
    return out


def _f1(y: Any, probs: Any) -> float:
    pred = [CLASSES[int(k)] for k in probs.argmax(axis=1)]
    return float(scores([CLASSES[int(k)] for k in y], pred)["macro_f1"])


def posts_per_second(models: Any, texts: list[str], vecs: Any, n: int = 200) -> float:
    """Posts a second through ``Models.sentiment_proba``, one post a call as the classify stage
    calls it, given each post's vector (the embedding is shared with the stage's other models)."""
    n = min(n, len(texts))
    t0 = time.perf_counter()
    for i in range(n):
        models.sentiment_proba(texts[i : i + 1], vecs[i : i + 1])
    return round(n / (time.perf_counter() - t0), 1)


def run(size: int, tune: bool, diagnose: bool = False) -> dict[str, Any]:
    import numpy as np

    from pipelines import classifier as clf
    from pipelines import sentiment

    t0 = time.perf_counter()
    train_texts, train_labels = sentiment.training_set(clf.seed_rows())
    models = clf.train_models()
    peer = clf.baseline_model().fit(train_texts, train_labels)
    result: dict[str, Any] = {
        "sample_per_language": size,
        "train_posts": len(train_texts),
        "tfidf_weight": sentiment.TFIDF_WEIGHT,
        "prior": dict(zip(CLASSES, sentiment.PRIOR, strict=True)),
        "train_seconds": round(time.perf_counter() - t0, 1),
    }
    tune_parts: list[Any] = []
    tune_gold: list[str] = []
    for lang in ("en", "es"):
        texts, gold = load(lang, size)
        vecs = vectors(texts)
        tune_idx, test_idx = halves(len(texts))
        probs = models.sentiment_proba(texts, vecs)
        order = [models.sentiment.classes.index(c) for c in CLASSES]
        parts = (models.sentiment.tfidf.predict_proba(texts)[:, order],
                 models.sentiment.dense.predict_proba(vecs)[:, order])  # fmt: skip
        peer_probs = peer.predict_proba(texts)[:, [list(peer.classes_).index(c) for c in CLASSES]]
        held = [gold[i] for i in test_idx]
        out: dict[str, Any] = {"n_held_out": len(test_idx), "n_tuning": len(tune_idx)}
        out["posts_per_second"] = posts_per_second(models, texts, vecs)
        if diagnose:
            out["in_domain_macro_f1"] = in_domain(texts, gold, vecs)
        for name, p in (("project", probs), ("baseline", peer_probs)):
            pred = [CLASSES[int(k)] for k in np.asarray(p)[test_idx].argmax(axis=1)]
            out[name] = scores(held, pred)
        result[lang] = out
        tune_parts.append((parts[0][tune_idx], parts[1][tune_idx]))
        tune_gold += [gold[i] for i in tune_idx]
    if tune:  # one weight and prior for both languages, from both halves A
        tfidf = np.concatenate([p[0] for p in tune_parts])
        dense = np.concatenate([p[1] for p in tune_parts])
        best: tuple[float, float, Any] = (-1.0, 0.0, None)
        for w in sentiment.WEIGHTS:
            blend = w * tfidf + (1 - w) * dense
            prior = sentiment.fit_prior(blend, tune_gold)
            pred = sentiment.apply_prior(blend, prior).argmax(axis=1)
            f1 = scores(tune_gold, [CLASSES[int(k)] for k in pred])["macro_f1"]
            if f1 > best[0]:
                best = (f1, w, prior)
        result["tuned_tfidf_weight"] = best[1]
        result["tuned_prior"] = dict(zip(CLASSES, best[2], strict=True))
        result["tuned_macro_f1_half_a"] = best[0]
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=2000, help="tweets per language (0: all)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--tune", action="store_true", help="also fit the priors on half A")
    ap.add_argument("--in-domain", action="store_true", help="also the in-domain diagnostic")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    result = run(args.sample, args.tune, args.in_domain)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"trained on {result['train_posts']} posts; sample {args.sample} per language; "
          f"figures on the held-out half B")  # fmt: skip
    for lang in ("en", "es"):
        r = result[lang]
        print(f"\n{lang}: {r['n_held_out']} held-out tweets")
        head = "".join(f"{h:>9}" for h in ("accuracy", "macro-F1", "F1 neg", "F1 neu", "F1 pos"))
        print(f"  {'method':<10}{head}")
        for name in ("project", "baseline"):
            s = r[name]
            f = s["f1"]
            cells = (s["accuracy"], s["macro_f1"], f["negative"], f["neutral"], f["positive"])
            print(f"  {name:<10}" + "".join(f"{c:>9.4f}" for c in cells))
        print(f"  project: {r['posts_per_second']} posts/s given the e5 vectors, one post a call")
        for name, f1 in r.get("in_domain_macro_f1", {}).items():
            print(f"  in-domain 5-fold CV, {name}: macro-F1 {f1:.4f}")
    if "tuned_prior" in result:
        print(f"\nfitted on both halves A: TF-IDF weight {result['tuned_tfidf_weight']}, "
              f"prior {result['tuned_prior']}")  # fmt: skip


if __name__ == "__main__":
    main()
