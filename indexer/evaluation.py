"""`listenpost eval retrieval`: the project's retrieval over a BEIR-format set.

BEIR: queries.jsonl ({"_id", "text"}), corpus.jsonl ({"_id", "title", "text"}) and qrels.tsv
(query-id, corpus-id, score; an optional header line).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from config import Settings
from config.errors import ListenpostError
from indexer.retrieval import DEFAULT_METHOD, Doc, Retriever, evaluate

logger = logging.getLogger(__name__)


class BeirError(ListenpostError):
    """A BEIR file that cannot be read, with the file and line. Raised by the readers below."""


def _jsonl(path: Path, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    out = []
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise BeirError(f"cannot read {path}: {exc.strerror or exc}") from None
    with fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BeirError(f"{path}:{lineno}: not JSON ({exc.msg})") from None
            if not isinstance(record, dict) or any(
                not isinstance(record.get(f), str) for f in fields
            ):
                raise BeirError(f"{path}:{lineno}: needs string fields {', '.join(fields)}")
            out.append(record)
    return out


def read_queries(path: Path) -> dict[str, str]:
    return {r["_id"]: r["text"] for r in _jsonl(path, ("_id", "text"))}


def read_corpus(path: Path) -> list[Doc]:
    docs = []
    for r in _jsonl(path, ("_id", "text")):
        title = r.get("title") or ""
        docs.append(Doc(r["_id"], f"{title}\n{r['text']}" if title else r["text"], title=title))
    return docs


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise BeirError(f"cannot read {path}: {exc.strerror or exc}") from None
    with fh:
        for lineno, line in enumerate(fh, 1):
            parts = line.rstrip("\n").split("\t")
            if not line.strip() or (lineno == 1 and parts[0] == "query-id"):
                continue
            if len(parts) != 3:
                raise BeirError(f"{path}:{lineno}: expected query-id, corpus-id, score (tabs)")
            try:
                score = int(parts[2])
            except ValueError:
                raise BeirError(f"{path}:{lineno}: score {parts[2]!r} is not an integer") from None
            qrels.setdefault(parts[0], {})[parts[1]] = score
    return qrels


def run_eval(
    settings: Settings,
    queries_path: Path,
    corpus_path: Path,
    qrels_path: Path,
    baseline: str | None = None,
    method: str = DEFAULT_METHOD,
) -> dict[str, Any]:
    """{"n", "mrr@10", "recall@10", "ndcg@10"} for the project's retrieval, and the same for
    the baseline under "baseline" when asked (same queries, same corpus, same run)."""
    queries = read_queries(queries_path)
    docs = read_corpus(corpus_path)
    qrels = read_qrels(qrels_path)
    known = {d.id for d in docs}
    unknown = sorted({qid for qid in qrels if qid not in queries})
    if unknown:
        raise BeirError(f"{qrels_path}: query id {unknown[0]!r} is not in {queries_path}")
    for rels in qrels.values():
        for did in rels:
            if did not in known:
                raise BeirError(f"{qrels_path}: corpus id {did!r} is not in {corpus_path}")
    qids = [q for q in queries if q in qrels]
    texts = [queries[q] for q in qids]

    def score(name: str) -> dict[str, Any]:
        retriever = Retriever(docs, method=name, model=settings.index.model,
                              batch_size=settings.index.batch_size,
                              english_model=settings.index.english_model)  # fmt: skip
        ranked = {
            qid: [d for d, _ in hits]
            for qid, hits in zip(qids, retriever.search(texts, k=10), strict=True)
        }
        return evaluate(ranked, qrels)

    result = score(method)
    if baseline:
        result["baseline"] = {"method": baseline, **score(baseline)}
    return result
