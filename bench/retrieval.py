"""Compare retrieval methods in one run: English, Spanish and Spanish -> English MRR@10, with the
ingest speed of each embedding model beside them.

Reads the public sets beside the repository (never copied into it):

- English: ../shared/eval/banking77 as paraphrase retrieval (a test question must find a training
  question of the same intent: 10 per intent form the corpus, 5 test questions per intent are the
  queries), ../shared/fixtures/stackexchange/derived (question -> accepted answers) and
  ../shared/eval/xquad-es-en/derived_en (question -> paragraph);
- Spanish: xquad-es-en/derived_es;
- Spanish -> English: the Spanish questions of derived_es against the English paragraphs of
  derived_en (same ids).

``routed`` is the project's retrieval (indexer.retrieval.blend: E5's cosine, a small BM25 term over
same-language documents, MiniLM's cosine for English queries); its weights were chosen on the
even-numbered queries of each set and checked on the odd-numbered ones: ``--split`` prints both
halves.

    python bench/retrieval.py [--shared ../shared] [--methods tfidf,bm25,...] [--split] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from config import load_settings
from indexer.embedder import load_embedder
from indexer.retrieval import METHODS, BM25Scorer, TfidfScorer, blend, detect_langs, evaluate, fuse

ROOT = Path(__file__).resolve().parents[1]


def beir(folder: Path) -> tuple[dict[str, str], dict[str, str], dict[str, dict[str, int]]]:
    queries, corpus = {}, {}
    with open(folder / "queries.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            queries[r["_id"]] = r["text"]
    with open(folder / "corpus.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            corpus[r["_id"]] = f"{r.get('title') or ''}\n{r['text']}".strip()
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    with open(folder / "qrels.tsv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if row and row[0] != "query-id":
                qrels[row[0]][row[1]] = int(row[2])
    return queries, corpus, dict(qrels)


def banking(folder: Path, per_intent_docs: int = 10, per_intent_queries: int = 5):  # noqa: ANN201
    corpus, queries, qrels = {}, {}, defaultdict(dict)
    by_intent: dict[str, list[str]] = defaultdict(list)
    with open(folder / "train.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if len(by_intent[r["category"]]) < per_intent_docs:
                did = f"d{len(corpus)}"
                corpus[did] = r["text"]
                by_intent[r["category"]].append(did)
    seen: dict[str, int] = defaultdict(int)
    with open(folder / "test.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if seen[r["category"]] < per_intent_queries:
                seen[r["category"]] += 1
                qid = f"q{len(queries)}"
                queries[qid] = r["text"]
                qrels[qid] = {d: 1 for d in by_intent[r["category"]]}
    return queries, corpus, dict(qrels)


def datasets(shared: Path) -> dict[str, tuple]:
    x = shared / "eval" / "xquad-es-en"
    q_es, c_es, r_es = beir(x / "derived_es")
    q_en, c_en, r_en = beir(x / "derived_en")
    return {
        "en banking77": banking(shared / "eval" / "banking77"),
        "en stackexchange": beir(shared / "fixtures" / "stackexchange" / "derived"),
        "en xquad": (q_en, c_en, r_en),
        "es xquad": (q_es, c_es, r_es),
        "es->en xquad": (q_es, c_en, r_en),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    shown = [m for m in METHODS if m not in ("dense", "hybrid")]  # those two repeat e5, e5+bm25
    ap.add_argument("--methods", default=",".join(shown))
    ap.add_argument(
        "--split",
        action="store_true",
        help="also score even- and odd-numbered queries apart (tuning / check halves)",
    )
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    methods = args.methods.split(",")
    default_model = load_embedder("").name
    english_model = load_settings().index.english_model
    names = {"dense": f"dense:{default_model}", "dense:english": f"dense:{english_model}"}
    recipes = {m: tuple((names.get(n, n), w) for n, w in METHODS[m]) for m in methods}
    models = sorted({n.split(":", 1)[1] for r in recipes.values() for n, _ in r if ":" in n})
    sets = datasets(args.shared)
    speed: dict[str, dict[str, float]] = defaultdict(dict)
    results: dict[str, dict[str, float]] = defaultdict(dict)
    doc_cache: dict[tuple[str, int], np.ndarray] = {}  # the xquad corpora are shared by two sets
    for set_name, (queries, corpus, qrels) in sets.items():
        qids, dids = list(queries), list(corpus)
        qtexts, dtexts = [queries[q] for q in qids], [corpus[d] for d in dids]
        comp: dict[str, np.ndarray] = {}
        t = time.perf_counter()
        comp["tfidf"] = TfidfScorer(dtexts).scores(qtexts)
        comp["bm25"] = BM25Scorer(dtexts).scores(qtexts)
        speed["tfidf+bm25"][set_name] = len(dtexts) / (time.perf_counter() - t)
        for model in models:
            emb = load_embedder(model)
            key = (model, hash(tuple(dtexts)))
            if key not in doc_cache:
                t = time.perf_counter()
                doc_cache[key] = emb.encode(dtexts, kind="passage")
                speed[model][set_name] = round(len(dtexts) / (time.perf_counter() - t), 1)
            t = time.perf_counter()
            qv = emb.encode(qtexts, kind="query")
            speed[model][set_name + " queries"] = round(len(qtexts) / (time.perf_counter() - t), 1)
            comp["dense:" + model] = qv @ doc_cache[key].T
        qlangs, dlangs = detect_langs(qtexts), detect_langs(dtexts)
        for method in methods:
            if method == "routed":  # the project's retrieval: indexer.retrieval.blend
                [dense, _, english] = [comp[n] for n, _ in recipes[method]]
                scores = blend(dense, comp["bm25"], english, qlangs, dlangs)
                fused = fuse([(scores, 1.0)], k=10)
            else:
                fused = fuse([(comp[n], w) for n, w in recipes[method]], k=10)
            ranked = {qids[i]: [dids[j] for j, _ in hits] for i, hits in enumerate(fused)}
            results[method][set_name] = evaluate(ranked, qrels)["mrr@10"]
            if args.split:
                for half, name in ((0, "tune"), (1, "check")):
                    part = {q: r for i, (q, r) in enumerate(ranked.items()) if i % 2 == half}
                    sub = {q: qrels[q] for q in part if q in qrels}
                    results[f"{method} ({name} half)"][set_name] = evaluate(part, sub)["mrr@10"]
    if args.json:
        print(json.dumps({"mrr@10": results, "texts_per_second": speed}, indent=1))
        return
    cols = list(sets)
    print("MRR@10".ljust(24) + "".join(c.rjust(18) for c in cols))
    for method in results:
        print(method.ljust(24) + "".join(f"{results[method][c]:18.3f}" for c in cols))
    print("\ntexts per second (passages, then queries), 2-core run")
    for model, row in speed.items():
        print(model.ljust(28) + ", ".join(f"{k} {v:.0f}" for k, v in row.items()))


if __name__ == "__main__":
    main()
