"""Search the knowledge collection (own KB and third-party help) the way bench/retrieval.py
measured it: the configured embedding model's cosine from the FAISS index (``LEXICAL`` adds BM25
by reciprocal rank fusion; off by default, see indexer.retrieval.DEFAULT_METHOD)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from config import Settings
from indexer.build import MAX_CHARS, load_index, update_indexes
from indexer.retrieval import POOL, BM25Scorer, rrf, top_k
from pipelines.models import KnowledgeDoc
from pipelines.models.db import Database

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

LEXICAL = False  # fuse BM25 (measured: helps copied wording, hurts paraphrases and es -> en)
KB_BONUS = 0.05  # at (about) equal relevance the brand's own article comes first
LANG_BONUS = 0.10  # ... and an article in the customer's language before one in another


@dataclass
class DocInfo:
    id: int
    source: str
    source_id: str
    title: str
    body: str
    url: str | None
    lang: str | None
    author: str | None
    platform: str | None


@dataclass
class Hit:
    doc: DocInfo
    score: float  # cosine of the query and the document (the configured model)
    fused: float  # the ranking score (RRF with the own-KB and language bonuses)


class KnowledgeBase:
    """Every knowledge document with its vector (from the index) and a BM25 index over its text.
    Brings the knowledge index up to date first (only new or changed documents are embedded)."""

    def __init__(self, settings: Settings, db: Database, refresh: bool = True) -> None:
        import numpy as np

        if refresh:
            update_indexes(settings, db, collections=("knowledge",))
        index = load_index(settings, "knowledge")
        from indexer.build import configured_embedder

        self.embedder = configured_embedder(settings)
        with db.session() as s:
            rows = s.scalars(select(KnowledgeDoc).order_by(KnowledgeDoc.id)).all()
            self.docs = [
                DocInfo(r.id, r.source, r.source_id, r.title, r.body, r.url, r.lang, r.author,
                        r.platform)
                for r in rows
            ]  # fmt: skip
        indexed = index.ids()
        self.docs = [d for d in self.docs if d.id in indexed]
        self.vectors = (
            index.vectors([d.id for d in self.docs])
            if self.docs
            else np.zeros((0, self.embedder.dim), dtype=np.float32)
        )
        texts = [f"{d.title}\n{d.body}"[:MAX_CHARS] for d in self.docs]
        self.bm25 = BM25Scorer(texts)
        self.is_kb = np.array([d.source == "kb" for d in self.docs], dtype=bool)

    def __len__(self) -> int:
        return len(self.docs)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self.embedder.encode([t[:MAX_CHARS] for t in texts], kind="query")

    def cosines(self, qvecs: np.ndarray) -> np.ndarray:
        return qvecs @ self.vectors.T

    def search(
        self,
        texts: list[str],
        k: int = 5,
        lang: str | None = None,
        qvecs: np.ndarray | None = None,
        own_only: bool = False,
    ) -> list[list[Hit]]:
        """Per query, the k best documents (own KB first at about equal relevance)."""
        if not self.docs:
            return [[] for _ in texts]
        qv = self.encode_queries(texts) if qvecs is None else qvecs
        dense = self.cosines(qv)
        sparse = self.bm25.scores(texts) if LEXICAL else dense
        if own_only:
            dense = dense.copy()
            dense[:, ~self.is_kb] = -2.0
            sparse = sparse.copy()
            sparse[:, ~self.is_kb] = -1.0
        out = []
        for q in range(len(texts)):
            lists = [(top_k(dense[q : q + 1], POOL)[0], 1.0)]
            if LEXICAL:
                lists.append((_nonzero_top(sparse[q]), 1.0))
            ranked = rrf(lists)
            hits = []
            for idx, fused in ranked:
                doc = self.docs[idx]
                if own_only and doc.source != "kb":
                    continue
                bonus = 1.0 + (KB_BONUS if doc.source == "kb" else 0.0)
                if lang and doc.lang == lang:
                    bonus += LANG_BONUS
                hits.append(Hit(doc, float(dense[q, idx]), fused * bonus))
            hits.sort(key=lambda h: (-h.fused, h.doc.source != "kb", h.doc.id))
            out.append(hits[:k])
        return out


def _nonzero_top(row: Any) -> list[int]:
    """BM25's ranking, without documents sharing no word with the query."""
    [order] = top_k(row[None, :], POOL)
    return [i for i in order if row[i] > 0]
