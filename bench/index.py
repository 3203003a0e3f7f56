"""Index benchmarks in one run:

1. raw ``embedder.encode`` throughput (wall and CPU time) against the ingest pipeline
   (``update_indexes``: read rows from the database, skip unchanged hashes, embed, add to
   FAISS, save with the manifest) on the same texts (target: pipeline overhead at most 10%),
   for mentions and for knowledge documents (split into chunks, embedded by both models of the
   routed retrieval);
2. exact against HNSW search at 100k and 1M vectors: build time, p50 and p99 latency of one query
   at a time, recall@10 against exact search, for each HNSW efSearch in ``--ef`` on the same
   graph (target: p50 <= 5 ms at 1M with recall@10 >= 0.95);
3. peak memory (max RSS) of the process.

Texts for part 1 are the English and Spanish XQuAD questions and paragraphs beside the repository
(../shared/eval/xquad-es-en). The vectors of part 2 are synthetic but shaped like sentence
embeddings (a 48-dimensional latent space projected to the model's dimension plus noise,
L2-normalised): uniform random vectors in 384 dimensions have no neighbourhood structure and
would only measure the worst case.

    python bench/index.py [--texts 400] [--sizes 100000,1000000] [--queries 500] [--ef 128,256,512]
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def texts_from_xquad(shared: Path, n: int, questions: bool = True) -> list[str]:
    """English and Spanish XQuAD texts: half questions, half paragraphs, or paragraphs only."""
    out: list[str] = []
    per = n // 4 if questions else n // 2
    for lang in ("en", "es"):
        folder = shared / "eval" / "xquad-es-en" / f"derived_{lang}"
        if questions:
            with open(folder / "queries.jsonl", encoding="utf-8") as fh:
                out += [json.loads(line)["text"] for line in fh][:per]
        with open(folder / "corpus.jsonl", encoding="utf-8") as fh:
            out += [json.loads(line)["text"] for line in fh][:per]
    return out[:n]


def ingest(shared: Path, n: int, model: str, collection: str) -> dict[str, float]:
    """Raw ``encode`` against ``update_indexes`` on the same texts: XQuAD questions and paragraphs
    as mentions (embedded as queries), or XQuAD paragraphs as knowledge documents (split into
    chunks, embedded as passages by the configured model and by ``[index] english_model``)."""
    from config import load_settings
    from crawlers.items import HelpDoc, Mention
    from indexer.build import english_embedder, update_indexes
    from indexer.chunks import split
    from indexer.embedder import load_embedder
    from pipelines.chain import Chain
    from pipelines.models.db import Database

    texts = texts_from_xquad(shared, n, questions=collection == "mentions")
    with tempfile.TemporaryDirectory() as home:
        settings = load_settings(home=home, index={"model": model})
        models = [load_embedder(model)]
        if collection == "knowledge" and english_embedder(settings) is not None:
            models.append(english_embedder(settings))
        kind = "query" if collection == "mentions" else "passage"
        inputs = (
            texts
            if collection == "mentions"
            else [c for i, t in enumerate(texts) for c in split(f"Article {i}", t)]
        )
        for emb in models:
            emb.encode(inputs[:8], kind=kind)  # warm up
        t, c = time.perf_counter(), time.process_time()
        for emb in models:
            emb.encode(inputs, batch_size=64, kind=kind)
        raw, raw_cpu = time.perf_counter() - t, time.process_time() - c
        db = Database(settings)
        db.init()
        created = datetime(2026, 1, 1, tzinfo=UTC)
        with Chain(settings, db) as chain:
            for i, text in enumerate(texts):
                chain.process(
                    Mention(platform="import", source_id=f"b{i}", author="bench", text=text,
                            created_at=created)
                    if collection == "mentions"
                    else HelpDoc(source="kb", source_id=f"b{i}", title=f"Article {i}", body=text)
                )  # fmt: skip
        t, c = time.perf_counter(), time.process_time()
        result = update_indexes(settings, db, collections=(collection,))
        pipe, pipe_cpu = time.perf_counter() - t, time.process_time() - c
        t = time.perf_counter()
        update_indexes(settings, db, collections=(collection,))
        again = time.perf_counter() - t
        db.dispose()
    assert result[collection]["embedded"] == len(inputs)
    return {
        "collection": collection,
        "models": "+".join(e.name for e in models),
        "texts": len(texts),
        "embedded": len(inputs),
        "raw_encode_texts_per_s": round(len(texts) / raw, 1),
        "pipeline_texts_per_s": round(len(texts) / pipe, 1),
        "pipeline_overhead_pct": round(100 * (pipe - raw) / raw, 1),
        # CPU seconds of the whole process (all threads): steadier than wall time on a busy host
        "raw_encode_cpu_s": round(raw_cpu, 2),
        "pipeline_cpu_s": round(pipe_cpu, 2),
        "pipeline_cpu_overhead_pct": round(100 * (pipe_cpu - raw_cpu) / raw_cpu, 1),
        "unchanged_rerun_s": round(again, 3),
    }


def synthetic(n: int, dim: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    proj = np.random.default_rng(12345).standard_normal((48, dim)).astype(np.float32)
    out = np.empty((n, dim), dtype=np.float32)
    step = 100_000
    for start in range(0, n, step):
        m = min(step, n - start)
        z = rng.standard_normal((m, 48)).astype(np.float32)
        x = z @ proj + 0.5 * rng.standard_normal((m, dim)).astype(np.float32)
        out[start : start + m] = x / np.linalg.norm(x, axis=1, keepdims=True)
    return out


def latency(index, queries: np.ndarray, k: int = 10) -> tuple[float, float, np.ndarray]:  # noqa: ANN001
    times, found = [], []
    for q in queries:
        t = time.perf_counter()
        hits = index.search(q[None, :], k=k)
        times.append(time.perf_counter() - t)
        found.append([i for i, _ in hits[0]])
    ms = np.array(times) * 1000
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 99)), np.array(found)


def search_bench(size: int, dim: int, nq: int, efs: list[int]) -> list[dict[str, float]]:
    """One HNSW graph of ``size`` vectors, searched at every efSearch in ``efs``."""
    from indexer.faiss_index import VectorIndex

    data = synthetic(size, dim, seed=1)
    queries = synthetic(nq, dim, seed=2)
    index = VectorIndex("bench", "synthetic", dim, exact_max=0)
    t = time.perf_counter()
    index.add(list(range(size)), data, [""] * size)
    del data
    flat_add = time.perf_counter() - t
    t = time.perf_counter()
    index.build_hnsw()
    build = time.perf_counter() - t
    truth = np.array([[i for i, _ in row] for row in index.search(queries, k=10, exact=True)])
    exact_q = queries[: min(nq, 100)]
    ep50, ep99, _ = latency(_Exact(index), exact_q)
    rows = []
    for ef in efs:
        index.ef_search = ef
        hp50, hp99, found = latency(index, queries)
        recall = np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth, strict=True)])
        rows.append({
            "vectors": size,
            "ef_search": ef,
            "flat_add_s": round(flat_add, 1),
            "hnsw_build_s": round(build, 1),
            "exact_p50_ms": round(ep50, 2),
            "exact_p99_ms": round(ep99, 2),
            "hnsw_p50_ms": round(hp50, 3),
            "hnsw_p99_ms": round(hp99, 3),
            "hnsw_recall@10": round(float(recall), 4),
            "queries": nq,
        })  # fmt: skip
    return rows


class _Exact:
    def __init__(self, index) -> None:  # noqa: ANN001
        self.index = index

    def search(self, q: np.ndarray, k: int):  # noqa: ANN201
        return self.index.search(q, k=k, exact=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--texts", type=int, default=400)
    ap.add_argument("--model", default="", help="[index] model (default: the packaged default)")
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--dim", type=int, default=384)
    ap.add_argument("--ef", default="128,256,512", help="HNSW efSearch values to measure")
    args = ap.parse_args()
    report: dict[str, object] = {}
    if args.texts:
        report["ingest"] = [
            ingest(args.shared, args.texts, args.model, collection)
            for collection in ("mentions", "knowledge")
        ]
        for row in report["ingest"]:  # type: ignore[attr-defined]
            print(json.dumps({"ingest": row}), flush=True)
    report["search"] = []
    for size in [int(s) for s in args.sizes.split(",") if s]:
        efs = [int(e) for e in args.ef.split(",") if e]
        for row in search_bench(size, args.dim, args.queries, efs):
            report["search"].append(row)  # type: ignore[attr-defined]
            print(json.dumps({"search": row}), flush=True)
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps({"peak_rss_mb": report["peak_rss_mb"]}))


if __name__ == "__main__":
    main()
