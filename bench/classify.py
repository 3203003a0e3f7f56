"""The complaint classifier against the TF-IDF baseline, on the same folds, in one run.

Datasets (the public ones are read from ../shared/eval, never copied):

* airline-en: US airline tweets; complaint = negative with a stated reason (not "Can't Tell");
* airline-es: Spanish airline tweets; complaint = negative (a proxy: negative is not always a
  complaint);
* seed: the project's own seed set (pipelines/data/complaints_seed.jsonl);
* any labelled CSV/JSONL given with --data (same formats as `listenpost classifier evaluate`).

For each: macro-F1, accuracy, AUC, Brier score, training seconds (per fold, the project's
including the embedding of its training posts) and posts/s at inference (including embedding).
Sentiment is measured by bench/sentiment.py.

    python bench/classify.py [--sample 3500] [--folds 10] [--data FILE ...]
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from pathlib import Path

import numpy as np

from pipelines import classifier as clf

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / ".." / "shared" / "eval" / "airline-tweets-es-en"


def airline(lang: str, sample: int) -> tuple[list[str], list[int]]:
    name = "us_airline_tweets_public.csv" if lang == "en" else "tweets_public_es.utf8.csv"
    with open(EVAL / name, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rng = random.Random(0)  # noqa: S311 - a reproducible sample
    if sample and sample < len(rows):
        rows = rng.sample(rows, sample)
    texts = [r["text"] for r in rows]
    if lang == "en":
        labels = [
            int(
                r["airline_sentiment"] == "negative"
                and r["negativereason"] not in ("", "Can't Tell")
            )
            for r in rows
        ]
    else:
        labels = [int(r["airline_sentiment"] == "negative") for r in rows]
    return texts, labels


def metrics(y: np.ndarray, prob: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, brier_score_loss, f1_score, roc_auc_score

    pred = (prob >= 0.5).astype(int)
    return {
        "f1_macro": f1_score(y, pred, average="macro"),
        "accuracy": accuracy_score(y, pred),
        "auc": roc_auc_score(y, prob),
        "brier": brier_score_loss(y, prob),
    }


def compare(name: str, texts: list[str], labels: list[int], folds: int) -> None:
    from sklearn.model_selection import StratifiedKFold

    y = np.asarray(labels)
    splits = list(StratifiedKFold(folds, shuffle=True, random_state=0).split(texts, y))
    clf._vectors.clear()  # time real embedding, not the in-process cache
    start = time.perf_counter()
    vectors = clf.embed(texts)
    embed_per_post = (time.perf_counter() - start) / len(texts)

    results = {}
    for method in ("project", "baseline"):
        prob = np.zeros(len(y))
        train_s = infer_s = 0.0
        for train, test in splits:
            tr = [texts[i] for i in train]
            te = [texts[i] for i in test]
            t0 = time.perf_counter()
            if method == "project":
                model = clf.TextModel().fit(tr, y[train], vectors[train])
                train_s += time.perf_counter() - t0 + embed_per_post * len(train)
                t0 = time.perf_counter()
                prob[test] = model.predict_proba(te, vectors[test])[:, 1]
                infer_s += time.perf_counter() - t0 + embed_per_post * len(test)
            else:
                model = clf.baseline_model().fit(tr, y[train])
                train_s += time.perf_counter() - t0
                t0 = time.perf_counter()
                prob[test] = model.predict_proba(te)[:, 1]
                infer_s += time.perf_counter() - t0
        results[method] = {
            **metrics(y, prob),
            "train_s": train_s / folds,
            "posts_per_s": len(y) / infer_s,
        }
    print(f"\n{name}: {len(y)} posts, {int(y.sum())} complaints, {folds} folds (same folds)")
    print(f"  {'method':<22}{'macro-F1':>9}{'accuracy':>9}{'AUC':>8}{'Brier':>8}"
          f"{'train s/fold':>14}{'posts/s':>9}")  # fmt: skip
    for method, r in results.items():
        label = "e5 + TF-IDF (project)" if method == "project" else "TF-IDF + LR baseline"
        print(
            f"  {label:<22}{r['f1_macro']:>9.4f}{r['accuracy']:>9.4f}{r['auc']:>8.4f}"
            f"{r['brier']:>8.4f}{r['train_s']:>14.2f}{r['posts_per_s']:>9.0f}"
        )
    gain = results["project"]["f1_macro"] - results["baseline"]["f1_macro"]
    print(f"  macro-F1 gain over the baseline: {gain:+.4f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=3500, help="airline tweets per language")
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--data", type=Path, action="append", default=[], help="labelled CSV/JSONL")
    ap.add_argument("--skip-airline", action="store_true")
    args = ap.parse_args()
    if not args.skip_airline and EVAL.is_dir():
        for lang in ("en", "es"):
            texts, labels = airline(lang, args.sample)
            compare(f"airline-{lang}", texts, labels, args.folds)
    elif not args.skip_airline:
        print(f"(no airline tweets at {EVAL.resolve()}: skipped)")
    rows = clf.seed_rows()
    compare("seed", [r["text"] for r in rows], [r["label"] for r in rows], args.folds)
    for path in args.data:
        texts, labels = clf.load_labelled(path)
        compare(path.name, texts, labels, args.folds)


if __name__ == "__main__":
    main()
