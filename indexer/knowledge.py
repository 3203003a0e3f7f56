"""Search the knowledge collection (own KB and third-party help) the way bench/retrieval.py
measured it: the ``routed`` retrieval of indexer.retrieval (the configured model's cosine from the
FAISS index, a small same-language BM25 term, and for English queries the ``[index]
english_model``'s cosine from its own index of the same documents)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from config import Settings
from indexer.build import (
    ENGLISH,
    MAX_CHARS,
    configured_embedder,
    english_embedder,
    load_index,
    update_indexes,
)
from indexer.retrieval import POOL, BM25Scorer, blend, detect_langs, top_k
from pipelines.models import KnowledgeChunk, KnowledgeDoc
from pipelines.models.db import Database

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

# at about equal relevance (added to the routed score, whose scale is E5's cosine) the brand's
# own article comes first, and an article in the customer's language before one in another
KB_BONUS = 0.03
LANG_BONUS = 0.02
# Two own articles in different languages are one topic (translations) when each is the other's
# best match in the other language at least this close (cosine of their mean chunk vectors). On
# the triage scenario's KB (bench/data/triage, 15 topics in English and Spanish) translations
# score 0.895-0.951 and the best other pair 0.885, always below the article's own translation.
TWIN_COSINE = 0.88


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

    @classmethod
    def of(cls, row: KnowledgeDoc) -> DocInfo:
        """What a ranking and a draft need of a stored knowledge document."""
        return cls(row.id, row.source, row.source_id, row.title, row.body, row.url, row.lang,
                   row.author, row.platform)  # fmt: skip


@dataclass
class Hit:
    doc: DocInfo
    score: float  # cosine of the query and the document (the configured model)
    fused: float  # the ranking score (routed, with the own-KB and language bonuses)
    twin: int | None = None  # the id of the same article in another language (:func:`twins`)


def twins(docs: list[DocInfo], langs: list[str | None], vectors: np.ndarray) -> dict[int, int]:
    """The own articles that are translations of each other, both ways (doc id -> doc id): in
    different languages, each the other's closest own article in that language, at a cosine of
    at least TWIN_COSINE. ``vectors``: one per document (rows in ``docs`` order)."""
    import numpy as np

    own = [i for i, d in enumerate(docs) if d.source == "kb" and langs[i]]
    if len(own) < 2:
        return {}
    v = vectors[own] / np.maximum(np.linalg.norm(vectors[own], axis=1, keepdims=True), 1e-9)
    cos = v @ v.T
    lang = np.array([langs[i] for i in own], dtype=object)
    best: dict[tuple[int, str], int] = {}
    for a in range(len(own)):
        for other in set(lang) - {lang[a]}:
            cols = np.flatnonzero(lang == other)
            b = int(cols[np.argmax(cos[a, cols])])
            if cos[a, b] >= TWIN_COSINE:
                best[(a, other)] = b
    out = {}
    for (a, _other), b in best.items():
        if best.get((b, lang[a])) == a:
            out[docs[own[a]].id] = docs[own[b]].id
    return out


class KnowledgeBase:
    """Every knowledge document with its vectors (from the indexes) and a BM25 index over its
    text. Brings the knowledge indexes up to date first (only new or changed documents are
    embedded)."""

    def __init__(self, settings: Settings, db: Database, refresh: bool = True) -> None:
        import numpy as np

        if refresh:
            update_indexes(settings, db, collections=("knowledge",))
        self.embedder = configured_embedder(settings)
        index = load_index(settings, "knowledge", self.embedder)
        with db.session() as s:
            rows = s.scalars(select(KnowledgeDoc).order_by(KnowledgeDoc.id)).all()
            docs = [DocInfo.of(r) for r in rows]
            chunks = s.execute(
                select(KnowledgeChunk.id, KnowledgeChunk.doc_id).order_by(
                    KnowledgeChunk.doc_id, KnowledgeChunk.ordinal
                )
            ).all()
        indexed = index.ids()
        chunks = [(c, d) for c, d in chunks if c in indexed]
        with_chunks = {d for _, d in chunks}
        self.docs = [d for d in docs if d.id in with_chunks]
        chunk_ids = [c for c, _ in chunks]
        # a document scores as its best chunk: np.maximum.reduceat over each document's run
        self.starts = np.flatnonzero(np.r_[True, np.diff([d for _, d in chunks]) != 0])
        self.vectors = (
            index.vectors(chunk_ids)
            if chunk_ids
            else np.zeros((0, self.embedder.dim), dtype=np.float32)
        )
        self.english = english_embedder(settings)
        self.english_vectors = None
        if self.english is not None:
            english_index = load_index(settings, ENGLISH, self.english)
            if english_index.ids() >= set(chunk_ids):
                self.english_vectors = (
                    english_index.vectors(chunk_ids)
                    if chunk_ids
                    else np.zeros((0, self.english.dim), dtype=np.float32)
                )
            else:
                logger.warning("the %s index is behind: run `listenpost index`", ENGLISH)
        texts = [f"{d.title}\n{d.body}" for d in self.docs]
        self.bm25 = BM25Scorer(texts)
        langs = detect_langs([t for t, d in zip(texts, self.docs, strict=True) if not d.lang])
        self.langs = [d.lang or langs.pop(0) for d in self.docs]
        self.is_kb = np.array([d.source == "kb" for d in self.docs], dtype=bool)
        per_doc = (np.add.reduceat(self.vectors, self.starts, axis=0) if self.docs
                   else np.zeros((0, self.embedder.dim), dtype=np.float32))  # fmt: skip
        self.twins = twins(self.docs, self.langs, per_doc)

    def __len__(self) -> int:
        return len(self.docs)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self.embedder.encode([t[:MAX_CHARS] for t in texts], kind="query")

    def cosines(self, qvecs: np.ndarray, vectors: np.ndarray | None = None) -> np.ndarray:
        """Per query and document, the cosine of the document's best chunk."""
        import numpy as np

        chunk_cos = qvecs @ (self.vectors if vectors is None else vectors).T
        if not self.docs:
            return np.zeros((len(qvecs), 0), dtype=np.float32)
        return np.maximum.reduceat(chunk_cos, self.starts, axis=1)

    def scores(self, texts: list[str], dense: np.ndarray, langs: list[str | None]) -> np.ndarray:
        """The routed score (indexer.retrieval.blend) of every document for every query, from
        the configured model's cosines ``dense`` (:meth:`cosines`)."""
        import numpy as np

        english = None
        en_rows = [i for i, lang in enumerate(langs) if lang == "en"]
        if self.english_vectors is not None and en_rows:
            english = np.zeros((len(texts), len(self.docs)), dtype=np.float32)
            en_vecs = self.english.encode([texts[i][:MAX_CHARS] for i in en_rows], kind="query")
            english[en_rows] = self.cosines(en_vecs, self.english_vectors)
        return blend(dense, self.bm25.scores(texts), english, langs, self.langs)

    def search(
        self,
        texts: list[str],
        k: int = 5,
        lang: str | None = None,
        qvecs: np.ndarray | None = None,
        own_only: bool = False,
    ) -> list[list[Hit]]:
        """Per query, the k best documents (own KB first at about equal relevance), one version
        of each article: of two translations (:func:`twins`) only the better ranked is kept.
        ``lang``: the customer's language (detected from each text when None)."""
        if not self.docs:
            return [[] for _ in texts]
        qv = self.encode_queries(texts) if qvecs is None else qvecs
        langs = [lang] * len(texts) if lang else detect_langs(texts)
        dense = self.cosines(qv)
        routed = self.scores(texts, dense, langs)
        out = []
        for q in range(len(texts)):
            hits = []
            for idx in top_k(routed[q : q + 1], POOL)[0]:
                doc = self.docs[idx]
                if own_only and doc.source != "kb":
                    continue
                bonus = (KB_BONUS if doc.source == "kb" else 0.0) + (
                    LANG_BONUS if langs[q] and doc.lang == langs[q] else 0.0
                )
                hits.append(Hit(doc, float(dense[q, idx]), float(routed[q, idx]) + bonus,
                                self.twins.get(doc.id)))  # fmt: skip
            hits.sort(key=lambda h: (-h.fused, h.doc.source != "kb", h.doc.id))
            kept, seen = [], set()
            for h in hits:
                if h.doc.id in seen:
                    continue
                seen.update((h.doc.id, h.twin))
                kept.append(h)
            out.append(kept[:k])
        return out
