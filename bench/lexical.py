"""The indexer's own BM25 (indexer.retrieval.BM25Scorer) against the bm25s library on the same
data: MRR@10 and recall@10, index build time, and queries per second, both for a top-10 search
and for the full score row per query that the project's ``routed`` retrieval blends
(indexer.retrieval.blend needs every document's BM25 score, not only the top ten).

Reads the public sets beside the repository, never copied into it (bench/retrieval.py's
readers): XQuAD derived_en and derived_es (question -> paragraph, 1,190 queries, 240 paragraphs
each), the Stack Exchange fixture (question -> accepted answers) and banking77 as paraphrase
retrieval. Both implementations get the same words (indexer.retrieval.tokenize: case- and
accent-folded ``\\w+``) and the same parameters (k1=1.2, b=0.75, Lucene's idf). Two variants:
``bm25s own tokens`` is bm25s with its own tokenizer (lower case, words of two or more
characters, no accent folding); ``listenpost, query counts`` is the indexer's BM25 counting a
query word as often as the query repeats it, as bm25s does (the indexer counts it once).
Speed is also measured on ``--copies`` copies of every corpus together (ids made unique; 10
copies: 15,770 documents), a large knowledge base. Each time is the best of ``--repeat`` runs.

    python bench/lexical.py [--shared ../shared] [--copies 10] [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from indexer.retrieval import BM25Scorer, evaluate, tokenize, top_k

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from retrieval import datasets  # noqa: E402 - bench/retrieval.py's readers of the same sets

K1, B = 1.2, 0.75


class Own:
    """The indexer's BM25: a sparse weight matrix, one sparse product per query batch."""

    name = "listenpost BM25Scorer"

    def __init__(self, texts: Sequence[str]) -> None:
        self.scorer = BM25Scorer(texts, k1=K1, b=B)

    def scores(self, queries: Sequence[str]) -> np.ndarray:
        return self.scorer.scores(queries)

    def top10(self, queries: Sequence[str]) -> list[list[int]]:
        return top_k(self.scores(queries), 10)


class OwnCounts(Own):
    """The indexer's BM25 with each query word counted as often as the query repeats it (as
    bm25s and Lucene do), instead of once."""

    name = "listenpost, query counts"

    def scores(self, queries: Sequence[str]) -> np.ndarray:
        s = self.scorer
        if s.vec is None:
            return np.zeros((len(queries), 0), dtype=np.float32)
        q = s.vec.transform(queries)
        return np.asarray((q @ s.weights.T).todense(), dtype=np.float32)


class Bm25s:
    """bm25s with the project's words (or, with ``own_tokens``, its own tokenizer)."""

    def __init__(self, texts: Sequence[str], own_tokens: bool = False) -> None:
        import bm25s

        self.own_tokens = own_tokens
        self.name = "bm25s own tokens" if own_tokens else "bm25s"
        self.retriever = bm25s.BM25(k1=K1, b=B, method="lucene")
        self.retriever.index(self._tokens(texts), show_progress=False)
        self.n = len(texts)

    def _tokens(self, texts: Sequence[str]) -> Any:
        import bm25s

        if self.own_tokens:
            return bm25s.tokenize(list(texts), stopwords=None, show_progress=False)
        return [tokenize(t) for t in texts]

    def _query_tokens(self, queries: Sequence[str]) -> list[list[str]]:
        if not self.own_tokens:
            return [tokenize(q) for q in queries]
        tokens = self._tokens(queries)
        vocab = {i: w for w, i in tokens.vocab.items()}
        return [[vocab[i] for i in ids] for ids in tokens.ids]

    def scores(self, queries: Sequence[str]) -> np.ndarray:
        rows = [self.retriever.get_scores(q) for q in self._query_tokens(queries)]
        return np.vstack(rows) if rows else np.zeros((0, self.n), dtype=np.float32)

    def top10(self, queries: Sequence[str]) -> list[list[int]]:
        tokens = [q or [""] for q in self._query_tokens(queries)]  # bm25s rejects an empty query
        docs, _scores = self.retriever.retrieve(tokens, k=min(10, self.n), show_progress=False)
        return [list(map(int, row)) for row in docs]


IMPLEMENTATIONS: list[tuple[str, Callable[[Sequence[str]], Any]]] = [
    ("listenpost BM25Scorer", Own),
    ("listenpost, query counts", OwnCounts),
    ("bm25s", Bm25s),
    ("bm25s own tokens", lambda texts: Bm25s(texts, own_tokens=True)),
]


def best_of(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        out = run()
        best = min(best, time.perf_counter() - started)
    return best, out


def measure(
    make: Callable[[Sequence[str]], Any],
    queries: dict[str, str],
    corpus: dict[str, str],
    qrels: dict[str, dict[str, int]] | None,
    repeat: int,
) -> dict[str, Any]:
    ids, texts = list(corpus), list(corpus.values())
    qids = [q for q in queries if qrels is None or q in qrels]
    qtexts = [queries[q] for q in qids]
    build, index = best_of(repeat, lambda: make(texts))
    search, ranked = best_of(repeat, lambda: index.top10(qtexts))
    full, _ = best_of(repeat, lambda: index.scores(qtexts))
    out: dict[str, Any] = {
        "docs": len(texts),
        "queries": len(qtexts),
        "build_s": round(build, 4),
        "top10_qps": round(len(qtexts) / search, 1),
        "scores_qps": round(len(qtexts) / full, 1),
    }
    if qrels is not None:
        run = {q: [ids[i] for i in row] for q, row in zip(qids, ranked, strict=True)}
        scores = evaluate(run, qrels)
        out |= {"mrr@10": scores["mrr@10"], "recall@10": scores["recall@10"]}
    return out


def copies(sets: dict[str, tuple], n: int) -> tuple[dict[str, str], dict[str, str]]:
    """Every corpus ``n`` times with unique ids, and every set's queries, for timing only."""
    corpus: dict[str, str] = {}
    queries: dict[str, str] = {}
    for name, (q, c, _r) in sets.items():
        for copy in range(n):
            corpus |= {f"{name}/{copy}/{i}": t for i, t in c.items()}
        queries |= {f"{name}/{i}": t for i, t in q.items()}
    return queries, corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--copies", type=int, default=10, help="Copies of the corpora for timing.")
    ap.add_argument("--repeat", type=int, default=3, help="Runs per timing (the best counts).")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    sets = {k: v for k, v in datasets(args.shared).items() if k != "es->en xquad"}
    results: dict[str, dict[str, Any]] = {}
    for set_name, (queries, corpus, qrels) in sets.items():
        for name, make in IMPLEMENTATIONS:
            results.setdefault(set_name, {})[name] = measure(
                make, queries, corpus, qrels, args.repeat
            )
    big_q, big_c = copies(sets, args.copies)
    big = f"all corpora x{args.copies}"
    for name, make in IMPLEMENTATIONS:
        results.setdefault(big, {})[name] = measure(make, big_q, big_c, None, args.repeat)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'set':<22} {'implementation':<26} {'docs':>6} {'queries':>7} {'MRR@10':>7} "
          f"{'R@10':>6} {'build s':>8} {'top10 q/s':>10} {'scores q/s':>10}")  # fmt: skip
    for set_name, by_impl in results.items():
        for name, r in by_impl.items():
            mrr = f"{r['mrr@10']:.4f}" if "mrr@10" in r else "-"
            rec = f"{r['recall@10']:.3f}" if "recall@10" in r else "-"
            print(f"{set_name:<22} {name:<26} {r['docs']:>6} {r['queries']:>7} {mrr:>7} "
                  f"{rec:>6} {r['build_s']:>8.3f} {r['top10_qps']:>10.0f} "
                  f"{r['scores_qps']:>10.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
