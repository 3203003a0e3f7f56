"""Retrieval methods and their fusion, shared by suggestions, gaps, `listenpost eval retrieval`
and bench/retrieval.py (so the measured method is the shipped method).

- ``tfidf``: TF-IDF cosine over accent-folded words (the baseline);
- ``bm25``: Okapi BM25 (k1=1.2, b=0.75) over the same words;
- ``dense:MODEL``: cosine of sentence embeddings (indexer.embedder);
- fusions (``e5+bm25`` ...): reciprocal rank fusion (RRF, k=60) of several of the above;
- ``dense``: the configured ``[index] model`` alone; ``hybrid``: the same fused with BM25;
- ``routed`` -- the project's retrieval (suggestions, `listenpost eval retrieval`), chosen by
  bench/retrieval.py (docs/performance.md): the configured model's cosine, plus a small BM25
  term over the documents in the query's own language, plus, for English queries, the ``[index]
  english_model``'s cosine (:func:`blend`).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

RRF_K = 60
POOL = 100  # each method's top-N that goes into the fusion
_WORD = re.compile(r"\w+")

# method name -> components (name, weight) fused by RRF; a single component is used as it is
METHODS: dict[str, tuple[tuple[str, float], ...]] = {
    "tfidf": (("tfidf", 1.0),),
    "bm25": (("bm25", 1.0),),
    "minilm": (("dense:all-MiniLM-L6-v2", 1.0),),
    "e5": (("dense:multilingual-e5-small-q4", 1.0),),
    "e5+bm25": (("dense:multilingual-e5-small-q4", 1.0), ("bm25", 1.0)),
    "e5+minilm": (("dense:multilingual-e5-small-q4", 1.0), ("dense:all-MiniLM-L6-v2", 1.0)),
    "e5+minilm+bm25": (
        ("dense:multilingual-e5-small-q4", 1.0),
        ("dense:all-MiniLM-L6-v2", 1.0),
        ("bm25", 1.0),
    ),
}
# the configured [index] model alone, and fused with BM25
METHODS["dense"] = (("dense", 1.0),)
METHODS["hybrid"] = (("dense", 1.0), ("bm25", 1.0))
METHODS["routed"] = (("dense", 1.0), ("bm25", 1.0), ("dense:english", 1.0))
# Measured by bench/retrieval.py (docs/performance.md): E5 alone is the best single method on
# Spanish and Spanish -> English; rank fusion with BM25 helps where questions copy the passage's
# words (XQuAD) but hurts paraphrases (banking77, Stack Exchange) and drags cross-lingual search
# down from 0.90 to 0.54 (BM25 sees no shared words across languages); MiniLM is the best English
# paraphrase matcher and poor in Spanish. ``routed`` keeps each where it helps: BM25 only over
# documents in the query's language and at a small weight of the cosine scale, MiniLM only for
# English queries. The weights were chosen on half of each set's queries and checked on the
# other half (docs/performance.md).
DEFAULT_METHOD = "routed"
LEXICAL_WEIGHT = 0.03  # x BM25 scaled to the query's best same-language match (0..1)
ENGLISH_WEIGHT = 0.2  # x the English model's cosine, English queries only


def fold(text: str) -> str:
    """Case- and accent-folded text ("Facturación" -> "facturacion")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@dataclass
class Doc:
    id: str
    text: str  # the title (if any), a newline, the body
    lang: str | None = None  # detected when None (the routed method needs it)
    title: str = ""

    @property
    def body(self) -> str:
        head = f"{self.title}\n"
        return self.text[len(head) :] if self.title and self.text.startswith(head) else self.text


def blend(
    dense: np.ndarray,
    lexical: np.ndarray | None,
    english: np.ndarray | None,
    query_langs: Sequence[str | None],
    doc_langs: Sequence[str | None],
) -> np.ndarray:
    """The ``routed`` score of every document (columns) for every query (rows): ``dense``
    cosine + LEXICAL_WEIGHT x BM25 over same-language documents (scaled by the query's best) +
    ENGLISH_WEIGHT x ``english`` cosine for English queries. ``lexical`` and ``english`` may be
    None (left out); ``english`` rows of non-English queries are ignored."""
    import numpy as np

    out = np.array(dense, dtype=np.float32, copy=True)
    langs = np.asarray(list(doc_langs), dtype=object)
    for q, lang in enumerate(query_langs):
        if lexical is not None and lang:
            same = np.where(langs == lang, lexical[q], 0.0)
            best = float(same.max()) if same.size else 0.0
            if best > 0:
                out[q] += LEXICAL_WEIGHT * same / best
        if english is not None and lang == "en":
            out[q] += ENGLISH_WEIGHT * english[q]
    return out


def detect_langs(texts: Sequence[str]) -> list[str | None]:
    from pipelines.language import detect

    return [detect(t)[0] for t in texts]


class Scorer:
    """Scores every corpus document for each query: ``scores(queries) -> (nq, nd)``."""

    def scores(self, queries: Sequence[str]) -> np.ndarray:
        raise NotImplementedError


class TfidfScorer(Scorer):
    def __init__(self, texts: Sequence[str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vec = TfidfVectorizer(analyzer=tokenize, sublinear_tf=True)
        self.matrix = self.vec.fit_transform(texts) if texts else None

    def scores(self, queries: Sequence[str]) -> np.ndarray:
        import numpy as np

        if self.matrix is None:
            return np.zeros((len(queries), 0), dtype=np.float32)
        q = self.vec.transform(queries)
        return np.asarray((q @ self.matrix.T).todense(), dtype=np.float32)


class BM25Scorer(Scorer):
    def __init__(self, texts: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        import numpy as np
        from scipy import sparse
        from sklearn.feature_extraction.text import CountVectorizer

        self.n = len(texts)
        if not texts:
            self.vec = None
            return
        self.vec = CountVectorizer(analyzer=tokenize)
        tf = self.vec.fit_transform(texts).tocsr().astype(np.float32)
        dl = np.asarray(tf.sum(axis=1)).ravel()
        avgdl = float(dl.mean()) or 1.0
        df = np.bincount(tf.indices, minlength=tf.shape[1])
        idf = np.log(1.0 + (self.n - df + 0.5) / (df + 0.5)).astype(np.float32)
        rows = np.repeat(np.arange(tf.shape[0]), np.diff(tf.indptr))
        norm = k1 * (1 - b + b * dl[rows] / avgdl)
        data = tf.data * (k1 + 1) / (tf.data + norm) * idf[tf.indices]
        self.weights = sparse.csr_matrix((data, tf.indices, tf.indptr), shape=tf.shape)

    def scores(self, queries: Sequence[str]) -> np.ndarray:
        import numpy as np

        if self.vec is None:
            return np.zeros((len(queries), 0), dtype=np.float32)
        q = self.vec.transform(queries)
        q.data[:] = 1.0
        return np.asarray((q @ self.weights.T).todense(), dtype=np.float32)


class DenseScorer(Scorer):
    """Cosine against precomputed passage vectors (from the FAISS index or freshly encoded).
    With ``starts`` the vectors are chunks (indexer.chunks), document i's running from
    ``starts[i]``, and a document scores as its best chunk."""

    def __init__(
        self, embedder: Any, vectors: np.ndarray, starts: np.ndarray | None = None
    ) -> None:
        self.embedder = embedder
        self.vectors = vectors
        self.starts = starts

    @classmethod
    def encode(cls, embedder: Any, docs: Sequence[Doc], batch_size: int = 64) -> DenseScorer:
        """Every document's chunks encoded as passages, the way `listenpost index` does."""
        import numpy as np

        from indexer.chunks import split

        chunks = [split(d.title, d.body) for d in docs]
        starts = np.cumsum([0] + [len(c) for c in chunks[:-1]])
        flat = [c for cs in chunks for c in cs]
        return cls(embedder, embedder.encode(flat, batch_size=batch_size, kind="passage"), starts)

    def query_vectors(self, queries: Sequence[str]) -> np.ndarray:
        return self.embedder.encode(list(queries), kind="query")

    def scores(self, queries: Sequence[str], qvecs: np.ndarray | None = None) -> np.ndarray:
        import numpy as np

        qv = self.query_vectors(queries) if qvecs is None else qvecs
        cos = qv @ self.vectors.T
        if self.starts is None or not len(self.starts):
            return cos
        return np.maximum.reduceat(cos, self.starts, axis=1)


def top_k(scores: np.ndarray, k: int) -> list[list[int]]:
    """For each row, the column indices of the k best scores, best first (ties: lower index)."""
    import numpy as np

    if scores.shape[1] == 0:
        return [[] for _ in range(scores.shape[0])]
    k = min(k, scores.shape[1])
    out = []
    for row in scores:
        part = np.argpartition(-row, k - 1)[:k] if k < len(row) else np.arange(len(row))
        order = sorted(part.tolist(), key=lambda i: (-row[i], i))
        out.append(order)
    return out


def rrf(rankings: Sequence[tuple[list[int], float]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal rank fusion of ranked index lists (each with a weight), best first."""
    fused: dict[int, float] = {}
    for ranking, weight in rankings:
        for rank, idx in enumerate(ranking):
            fused[idx] = fused.get(idx, 0.0) + weight / (k + rank + 1)
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))


def fuse(
    component_scores: Sequence[tuple[np.ndarray, float]], k: int, pool: int = POOL
) -> list[list[tuple[int, float]]]:
    """Per query, the fused top k (doc index, fused score) from component score matrices."""
    if len(component_scores) == 1:
        [(scores, _)] = component_scores
        return [[(i, float(scores[q, i])) for i in row] for q, row in enumerate(top_k(scores, k))]
    tops = [(top_k(s, pool), w) for s, w in component_scores]
    nq = component_scores[0][0].shape[0]
    return [rrf([(t[q], w) for t, w in tops])[:k] for q in range(nq)]


class Retriever:
    """One retrieval method over one in-memory corpus of (id, text)."""

    def __init__(
        self,
        docs: Sequence[Doc],
        method: str = DEFAULT_METHOD,
        vectors: dict[str, np.ndarray] | None = None,
        batch_size: int = 64,
        model: str = "",
        english_model: str = "",
    ) -> None:
        """``vectors``: precomputed passage vectors per model name (rows in ``docs`` order);
        ``model``: the model of a plain "dense" component (``[index] model``);
        ``english_model``: the routed method's English model (``[index] english_model``; empty:
        routed without it)."""
        from indexer.embedder import load_embedder

        if method not in METHODS:
            raise ValueError(f"unknown retrieval method {method!r}: one of {', '.join(METHODS)}")
        self.docs = list(docs)
        self.method = method
        texts = [d.text for d in self.docs]
        self.components: list[tuple[Scorer, float]] = []
        if method == "routed":
            missing = [i for i, d in enumerate(self.docs) if d.lang is None]
            for i, lang in zip(missing, detect_langs([texts[i] for i in missing]), strict=True):
                self.docs[i].lang = lang
        for name, weight in METHODS[method]:
            if name == "dense:english" and not english_model:
                continue
            if name == "tfidf":
                scorer: Scorer = TfidfScorer(texts)
            elif name == "bm25":
                scorer = BM25Scorer(texts)
            else:
                if name == "dense:english":
                    name = f"dense:{english_model}"
                emb = load_embedder(name.split(":", 1)[1] if ":" in name else model)
                if vectors and emb.name in vectors:
                    scorer = DenseScorer(emb, vectors[emb.name])
                else:
                    scorer = DenseScorer.encode(emb, self.docs, batch_size=batch_size)
            self.components.append((scorer, weight))

    def search_indices(self, queries: Sequence[str], k: int = 10) -> list[list[tuple[int, float]]]:
        if not self.docs:
            return [[] for _ in queries]
        if self.method == "routed":
            dense, lexical, *english = [s.scores(queries) for s, _ in self.components]
            scores = blend(dense, lexical, english[0] if english else None,
                           detect_langs(queries), [d.lang for d in self.docs])  # fmt: skip
            return fuse([(scores, 1.0)], k)
        return fuse([(s.scores(queries), w) for s, w in self.components], k)

    def search(self, queries: Sequence[str], k: int = 10) -> list[list[tuple[str, float]]]:
        return [
            [(self.docs[i].id, score) for i, score in hits]
            for hits in self.search_indices(queries, k)
        ]


# -- evaluation ----------------------------------------------------------------------------


def evaluate(
    ranked: dict[str, list[str]], qrels: dict[str, dict[str, int]], k: int = 10
) -> dict[str, float]:
    """MRR@k, recall@k and nDCG@k (graded relevance) over the queries that have qrels."""
    import math

    n = 0
    mrr = recall = ndcg = 0.0
    for qid, rels in qrels.items():
        relevant = {d: g for d, g in rels.items() if g > 0}
        if not relevant:
            continue
        n += 1
        hits = ranked.get(qid, [])[:k]
        for rank, doc in enumerate(hits, 1):
            if doc in relevant:
                mrr += 1.0 / rank
                break
        recall += len({d for d in hits if d in relevant}) / len(relevant)
        dcg = sum((2 ** relevant.get(d, 0) - 1) / math.log2(r + 1) for r, d in enumerate(hits, 1))
        ideal = sorted(relevant.values(), reverse=True)[:k]
        idcg = sum((2**g - 1) / math.log2(r + 1) for r, g in enumerate(ideal, 1))
        ndcg += dcg / idcg if idcg else 0.0
    if not n:
        return {"n": 0, "mrr@10": 0.0, "recall@10": 0.0, "ndcg@10": 0.0}
    return {
        "n": n,
        f"mrr@{k}": round(mrr / n, 4),
        f"recall@{k}": round(recall / n, 4),
        f"ndcg@{k}": round(ndcg / n, 4),
    }
