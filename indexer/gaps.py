"""Knowledge gaps: what people ask or complain about in public that no own KB article answers.

1. The public questions and complaints of the window (not the brand's own posts, not help
   content, not duplicates): ``is_complaint`` from the classifier, or, while it has not run, a
   question mark or a complaint cue.
2. Coverage of each post: the best cosine to an own KB article. A post is answered, and never
   appears in a gap, when that is at least ``COVERAGE`` and not clearly below the best
   third-party match (``MARGIN``): E5's cosines are compressed (unrelated texts ~0.78, answers
   ~0.85-0.93), so a community answer far closer than any own article shows what is missing.
3. The rest are clustered by their multilingual embeddings (English and Spanish together, so one
   topic asked in two languages is one gap): average-linkage agglomerative clustering on cosine.
4. Clusters are ranked by size, then growth (posts in the recent half of the window against the
   earlier half), named by their most distinctive words and phrases (class-based TF-IDF), and
   listed with the third-party documents that answer them ("answered by the community, not by
   us").
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from config import Settings
from crawlers.items import utcnow
from indexer.build import load_index, update_indexes
from indexer.knowledge import KnowledgeBase
from indexer.retrieval import fold
from pipelines.models import Mention
from pipelines.models.db import Database

logger = logging.getLogger(__name__)

COVERAGE = 0.85  # best own-article cosine (multilingual-e5-small) at which a post is answered
MARGIN = 0.03  # ... unless a third-party document is more than this closer
CLUSTER_SIMILARITY = 0.87  # average cosine within a gap (same topic across languages ~0.92)
ANSWERS = 0.84  # a third-party document at this cosine to a gap's posts answers it
MAX_THIRD_PARTY = 5

_CUES = re.compile(
    r"\?|¿|\b(not working|doesn'?t work|broken|charged|refund|cancel|can'?t|cannot|won'?t|"
    r"error|problem|issue|help|no funciona|problema|cobrad|reembolso|cancelar|no puedo|ayuda|"
    r"fallo|error)",
    re.IGNORECASE,
)

STOP_WORDS = set(
    """a an the and or but if of to in on at for from by with about as is are was were be been
    being it its this that these those i me my we our you your he she they them their what which
    who whom how why when where there here do does did doing have has had having not no so than
    too very can could would should will just don t s am any all some more most other such only
    own same into over after before again further then once up down out off get got also still
    el la los las un una unos unas y o pero si de del al a en con por para sin sobre es son
    era fue ser estar esta este esto estos estas eso esa ese lo le les se me mi mis te tu tus su
    sus nos que qué como cómo cuando cuándo donde dónde porque por qué ya muy más mas no ni hay
    ha he han tengo tiene tienen hace hacer puedo puede yo tú él ella ellos ellas nosotros
    alguien algo otra otro todo toda todos todas""".split()
)
STOP_WORDS = {fold(w) for w in STOP_WORDS}


def looks_public_issue(text: str, is_complaint: bool | None) -> bool:
    if is_complaint is not None:
        return is_complaint or "?" in text or "¿" in text
    return bool(_CUES.search(text))


def _label(texts_by_cluster: list[list[str]], n: int = 3, brand: str = "") -> list[str]:
    """The most distinctive words and two-word phrases of each cluster (class-based TF-IDF),
    leaving out stop words and the brand's own name (every post has it)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    skip = STOP_WORDS | set(re.findall(r"\w+", fold(brand)))

    def words(text: str) -> list[str]:
        toks = [t for t in re.findall(r"\w+", fold(text)) if t not in skip and len(t) > 2]
        return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]

    docs = [" \n ".join(texts) for texts in texts_by_cluster]
    vec = TfidfVectorizer(analyzer=words, sublinear_tf=True)
    matrix = vec.fit_transform(docs)
    terms = vec.get_feature_names_out()
    labels = []
    for row in range(matrix.shape[0]):
        data = matrix.getrow(row).toarray().ravel()
        order = sorted(range(len(data)), key=lambda i: (-data[i], -len(terms[i]), terms[i]))
        chosen: list[str] = []
        for i in order:
            if data[i] <= 0 or len(chosen) >= n:
                break
            term = terms[i]
            if any(term in c or c in term for c in chosen):
                continue
            chosen.append(term)
        labels.append(" / ".join(chosen) or "(no words)")
    return labels


def find_gaps(
    settings: Settings,
    db: Database,
    since_days: float = 30,
    coverage: float = COVERAGE,
    now: Any = None,
) -> dict[str, Any]:
    import numpy as np

    now = now or utcnow()
    start = now - timedelta(days=since_days)
    middle = now - timedelta(days=since_days / 2)
    kb = KnowledgeBase(settings, db)
    update_indexes(settings, db, collections=("mentions",))
    index = load_index(settings, "mentions", kb.embedder)
    with db.session() as s:
        rows = s.execute(
            select(
                Mention.id,
                Mention.source_id,
                Mention.title,
                Mention.text,
                Mention.created_at,
                Mention.is_complaint,
            )
            .where(Mention.created_at >= start)
            .where(Mention.by_brand.is_(False))
            .where(Mention.content_type == "mention")
            .where(Mention.duplicate_of_id.is_(None))
            .order_by(Mention.id)
        ).all()
    posts = []
    for mid, source_id, title, text, created, is_complaint in rows:
        full = f"{title}\n{text}" if title else text
        if looks_public_issue(full, is_complaint):
            posts.append((mid, source_id, full, created))
    indexed = index.ids()
    posts = [p for p in posts if p[0] in indexed]
    if not posts:
        return {"gaps": []}
    vecs = index.vectors([p[0] for p in posts])
    cos = kb.cosines(vecs) if len(kb) else np.zeros((len(posts), 0), dtype=np.float32)
    own = kb.is_kb
    best_own = cos[:, own].max(axis=1) if own.any() else np.zeros(len(posts))
    best_third = cos[:, ~own].max(axis=1) if (~own).any() else np.zeros(len(posts))
    answered = (best_own >= coverage) & (best_own >= best_third - MARGIN)
    open_rows = [i for i in range(len(posts)) if not answered[i]]
    if not open_rows:
        return {"gaps": []}
    clusters = _cluster(vecs[open_rows])
    texts_by_cluster = [[posts[open_rows[i]][2] for i in members] for members in clusters]
    labels = _label(texts_by_cluster, brand=settings.brand.name)
    third = ~own
    gaps = []
    for members, label in zip(clusters, labels, strict=True):
        rows_ = [open_rows[i] for i in members]
        recent = sum(1 for r in rows_ if posts[r][3] >= middle)
        earlier = len(rows_) - recent
        answers: list[tuple[float, str]] = []
        if third.any():
            best_tp = cos[rows_][:, third].max(axis=0)
            tp_docs = [d for d, is_tp in zip(kb.docs, third, strict=True) if is_tp]
            answers = sorted(
                ((float(sc), d.url or d.source_id) for sc, d in zip(best_tp, tp_docs, strict=True)
                 if sc >= ANSWERS),
                key=lambda a: -a[0],
            )  # fmt: skip
        gaps.append(
            {
                "label": label,
                "size": len(rows_),
                "growth": recent - earlier,
                "coverage": round(float(best_own[rows_].max()), 4),
                "mention_ids": [posts[r][1] for r in rows_],
                "third_party": list(dict.fromkeys(u for _, u in answers))[:MAX_THIRD_PARTY],
            }
        )
    gaps.sort(key=lambda g: (-g["size"], -g["growth"], g["label"]))
    for n, gap in enumerate(gaps, 1):
        gap["id"] = f"gap-{n}"
    keys = ("id", "label", "size", "growth", "coverage", "mention_ids", "third_party")
    return {"gaps": [{k: g[k] for k in keys} for g in gaps]}


def _cluster(vecs: Any) -> list[list[int]]:
    """Row indices per cluster (average-linkage, cosine), biggest first."""
    if len(vecs) == 1:
        return [[0]]
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=None,
        metric="cosine",
        linkage="average",
        distance_threshold=1.0 - CLUSTER_SIMILARITY,
    )
    labels = model.fit_predict(vecs)
    groups: dict[int, list[int]] = {}
    for row, label in enumerate(labels):
        groups.setdefault(int(label), []).append(row)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))
