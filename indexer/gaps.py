"""Knowledge gaps: what people ask or complain about in public that no own KB article answers.

1. Members (:func:`indexer.gap_members.member_posts`): the window's complaints and questions
   that still need a reply; never answers, praise, answered or solved posts, follow-ups or
   peers' replies.
2. Coverage of each member: the best cosine to an own KB article. A post is answered, and never
   in a gap, when that is at least ``coverage`` and not clearly below the best third-party match
   (``margin``): E5's cosines are compressed (unrelated texts ~0.78, answers ~0.85-0.93), so a
   community answer far closer than any own article shows what is missing. A post is answered
   too when it says what a post the brand answered with an own article says (``precedent``: a
   brand reply with a link to the article, :func:`cited_posts`): the team answers that
   matter with the knowledge base even where the post's words are far from the article's
   ("no internet since this morning in Glasgow" and an article on outages and compensation).
   And when the answers stored for it (webapp.suggestion_job: the suggestion ranking, words
   and both languages' models, that `suggest` shows) put an own article at ``suggested`` or
   above: "¿El reset de fábrica borra la configuración?" is far from the English reset article
   in E5 alone, and first among its suggestions.
3. The rest are clustered by their multilingual E5 vectors (English and Spanish together, so one
   matter asked in two languages is one gap): agglomerative clustering on cosine with the
   linkage and threshold of :data:`DEFAULT` (chosen by bench/gaps.py on the tuning part of a
   labelled set, docs/performance.md); clusters asked by fewer than ``min_size`` customers are
   not reported (one customer's posts of one ticket, on Reddit and again under a video, are
   one ask).
   A member the article cosine alone answered joins a gap whose questions are clearly closer to
   it than any own article (:func:`attach`). A cluster in which no member asks anything (a
   question mark or a sentence opening as a question) is no gap.
4. Each gap is labelled with its most representative question: the member closest to the
   cluster's centroid among those in the cluster's main language (questions first, then
   complaints whose title asks, then complaints that ask), trimmed to its question sentence.
   Growth is counted in the two halves of the window and said in words.
5. Third-party documents are listed under the one gap whose centroid they are closest to, when
   that cosine reaches ``answers`` and their cosine to the label's post ``answers_label``: they
   answer the matter and the question the gap shows.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select

from config import Settings
from crawlers.items import utcnow
from indexer.gap_members import QUESTION, Post, asks, member_posts
from pipelines.models import KnowledgeDoc, Mention
from pipelines.models.db import Database

logger = logging.getLogger(__name__)

MAX_THIRD_PARTY = 5
BASIS_MIN = 20  # fewer posts in the window: cluster the vectors as they are
BASIS_SAMPLE = 5000  # posts the window's leading directions are fitted on
LABEL_CHARS = 120
SHORT_QUESTION = 36  # a shorter question is labelled with the sentence before it
# a question about what the post told before it ("does anyone know how to unblock this?"): it is
# labelled after the post's title, or else the sentence before it
_POINTS_BACK = re.compile(r"\b(this|esto|eso|esta situaci[oó]n)\b", re.IGNORECASE)
_LINK = re.compile(r"https?://[^\s<>\"'()\[\]]+", re.IGNORECASE)


@dataclass(frozen=True)
class Params:
    """Set on the ``tune`` parts of the gap set and the triage scenario (its tune posts alone
    and its whole window), which bench/gaps.py scores beside its own sweep's choice
    (docs/performance.md)."""

    coverage: float = 0.23  # best own-article cosine (flattened vectors) that answers a post
    raw_coverage: float = 0.86  # the same on raw cosines (multilingual-e5-small), small windows
    margin: float = 0.03  # ... unless a third-party document is more than this closer
    precedent: float = 0.94  # cosine to a post the brand answered with an own article
    suggested: float = 0.93  # an own article's similarity among the post's stored suggestions
    attach: float = 0.07  # an answered post this much closer to a gap's centroid joins it
    components: int = 2  # leading directions of the window's posts removed before clustering
    linkage: str = "average"  # scipy linkage: "average", "complete", "single"
    similarity: float = 0.2  # clusters are cut at cosine distance 1 - similarity
    raw_linkage: str = "average"  # on the vectors as they are (too few posts to fit a basis)
    raw_similarity: float = 0.87
    min_size: int = 2  # a gap is a matter asked by two customers or more (tickets, authors)
    answers: float = 0.885  # a third-party document's cosine to a gap's centroid that answers it
    answers_label: float = 0.86  # ... and to the gap's label post


DEFAULT = Params()


@dataclass
class GapInput:
    """What the clustering needs, computed once (bench/gaps.py sweeps parameters over it)."""

    posts: list[Post]
    vectors: Any  # (n, dim) E5 query vectors of the posts
    cosines: Any  # (n, docs) best-chunk cosine of each post to each knowledge document
    docs: list[Any]  # indexer.knowledge.DocInfo, the columns of ``cosines``
    is_kb: Any  # bool per document: own article
    doc_vectors: Any = None  # callable: centroids -> (k, docs) cosines
    basis: Any = None  # (mean, leading directions) of the window's posts: :func:`flatten`
    chunks: Any = None  # (chunk vectors, each document's first chunk) of the knowledge index
    precedent: Any = None  # (n,) best cosine of each post to one answered with an own article
    suggested: Any = None  # (n,) best own article's similarity in each post's stored suggestions
    start: datetime | None = None
    now: datetime | None = None
    since_days: float = 30.0
    extra: dict[str, Any] = field(default_factory=dict)


_WORD = re.compile(r"[^\W\d_]{2}")  # a word of two letters or more


def prepare(
    settings: Settings, db: Database, since_days: float = 30, now: datetime | None = None
) -> GapInput:
    """Embed what is new (mentions and knowledge indexes), then read the members' vectors and
    their cosines to every knowledge document."""
    import numpy as np

    from indexer.build import load_index, update_indexes
    from indexer.knowledge import KnowledgeBase

    now = now or utcnow()
    start = now - timedelta(days=since_days)
    kb = KnowledgeBase(settings, db)
    update_indexes(settings, db, collections=("mentions",))
    index = load_index(settings, "mentions", kb.embedder)
    indexed = index.ids()
    posts = [p for p in member_posts(db, start) if p.id in indexed]
    dim = kb.embedder.dim
    vecs = index.vectors([p.id for p in posts]) if posts else np.zeros((0, dim), np.float32)
    cos = kb.cosines(vecs) if len(kb) else np.zeros((len(posts), 0), dtype=np.float32)
    with db.session() as s:
        window = s.scalars(
            select(Mention.id)
            .where(Mention.created_at >= start, Mention.content_type == "mention")
            .order_by(Mention.id)
        ).all()
    window = [i for i in window if i in indexed]
    if len(window) > BASIS_SAMPLE:
        step = len(window) / BASIS_SAMPLE
        window = [window[int(k * step)] for k in range(BASIS_SAMPLE)]
    basis = fit_basis(index.vectors(window)) if len(window) >= BASIS_MIN else None
    cited = [i for i in cited_posts(db, start) if i in indexed]
    precedent = (vecs @ index.vectors(cited).T).max(axis=1) if cited and posts else None
    own_docs = {d.id for d, own in zip(kb.docs, kb.is_kb, strict=True) if own}
    return GapInput(posts, vecs, cos, list(kb.docs), np.asarray(kb.is_kb, dtype=bool),
                    doc_vectors=kb.cosines, basis=basis, chunks=(kb.vectors, kb.starts),
                    precedent=precedent, suggested=suggested_own(db, posts, own_docs),
                    start=start, now=now, since_days=since_days)  # fmt: skip


def suggested_own(db: Database, posts: list[Post], own_docs: set[int]) -> Any:
    """Per post, the best similarity of an own article among its stored suggestions (0 when
    none are stored)."""
    import numpy as np

    from pipelines.models.records import StoredSuggestion

    best: dict[int, float] = {}
    ids = [p.id for p in posts]
    with db.session() as s:
        for i in range(0, len(ids), 500):
            q = select(StoredSuggestion.mention_id, StoredSuggestion.hits).where(
                StoredSuggestion.mention_id.in_(ids[i : i + 500])
            )
            for mid, hits in s.execute(q):
                own = [h.get("similarity", 0.0) for h in hits or [] if h.get("doc_id") in own_docs]
                best[mid] = max(own, default=0.0)
    return np.array([best.get(p.id, 0.0) for p in posts], dtype=np.float32)


def links(text: str) -> set[str]:
    """The http(s) links in a text, without the punctuation or slash that may end them."""
    return {link.rstrip(".,;:!?/") for link in _LINK.findall(text)}


def cited_posts(db: Database, start: datetime) -> list[int]:
    """Ids of the window's customer posts the brand replied to with a link to an own article."""
    with db.session() as s:
        urls = s.scalars(select(KnowledgeDoc.url).where(KnowledgeDoc.source == "kb")).all()
        articles = {u.rstrip(".,;:!?/") for u in map(http_url, urls) if u}
        replies = s.execute(
            select(Mention.platform, Mention.parent_id, Mention.text).where(
                Mention.by_brand.is_(True), Mention.parent_id.is_not(None),
                Mention.created_at >= start)
        ).all()  # fmt: skip
        answered: dict[str, set[str]] = {}
        for platform, parent, text in replies:
            if links(text or "") & articles:
                answered.setdefault(platform, set()).add(parent)
        out = []
        for platform, parents in answered.items():
            ids = sorted(parents)
            for i in range(0, len(ids), 500):
                out += s.scalars(
                    select(Mention.id).where(Mention.platform == platform,
                                             Mention.source_id.in_(ids[i : i + 500]),
                                             Mention.by_brand.is_(False))
                ).all()  # fmt: skip
    return sorted(out)


def fit_basis(vectors: Any, k: int = 5) -> tuple[Any, Any]:
    """The mean and the ``k`` leading principal directions of a sample of posts."""
    import numpy as np

    mean = vectors.mean(axis=0)
    _, _, vt = np.linalg.svd(vectors - mean, full_matrices=False)
    return mean, vt[:k]


def flatten(vectors: Any, basis: tuple[Any, Any] | None, components: int) -> Any:
    """Vectors for clustering: centred on the window's mean, without its ``components`` leading
    directions, normalised. Those directions are what every post shares rather than what it is
    about (measured on the labelled set: the first separates English from Spanish); without them
    the same matter in two languages comes closer and different matters further apart
    (bench/gaps.py)."""
    import numpy as np

    if basis is None or components <= 0:
        return vectors  # the caller cuts at ``raw_similarity``
    mean, directions = basis
    centred = vectors - mean
    top = directions[:components]
    flat = centred - (centred @ top.T) @ top
    norms = np.linalg.norm(flat, axis=1, keepdims=True)
    return flat / np.where(norms > 0, norms, 1.0)


def coverage_cosines(data: GapInput, params: Params = DEFAULT) -> tuple[Any, float]:
    """Each member's cosine to each knowledge document (its best chunk), and the coverage
    threshold on that scale: posts and chunks flattened like the clusters' vectors when the
    window is large enough (measured on the triage scenario's tune part: same-matter articles
    stand out better once what every post shares is gone), else raw cosines."""
    import numpy as np

    if data.basis is None or params.components <= 0 or data.chunks is None:
        return data.cosines, params.raw_coverage
    vectors, starts = data.chunks
    if not len(vectors) or not len(data.posts):
        return data.cosines, params.raw_coverage
    posts = flatten(data.vectors, data.basis, params.components)
    chunks = flatten(vectors, data.basis, params.components)
    return np.maximum.reduceat(posts @ chunks.T, starts, axis=1), params.coverage


def _own_coverage(data: GapInput, params: Params) -> tuple[Any, Any]:
    """Each member's best own-article cosine (:func:`coverage_cosines`) and whether an own
    article answers it (step 2)."""
    import numpy as np

    n = len(data.posts)
    own = data.is_kb
    cos, threshold = coverage_cosines(data, params)
    best_own = cos[:, own].max(axis=1) if own.any() else np.zeros(n)
    best_third = cos[:, ~own].max(axis=1) if (~own).any() else np.zeros(n)
    answered = (best_own >= threshold) & (best_own >= best_third - params.margin)
    if data.precedent is not None:
        answered |= data.precedent >= params.precedent
    if data.suggested is not None:
        answered |= data.suggested >= params.suggested
    return best_own, answered


def open_rows(data: GapInput, params: Params = DEFAULT) -> list[int]:
    """Rows of the members no own article answers (step 2)."""
    _, answered = _own_coverage(data, params)
    return [i for i in range(len(data.posts)) if not answered[i]]


def attach(data: GapInput, groups: list[list[int]], params: Params = DEFAULT) -> None:
    """Add to each gap (``groups``: rows of ``data``) the members its article cosine alone
    answered that are clearly closer to that gap's questions than to any own article: the
    flattened cosine to the gap's centroid at least ``attach`` above the best own article's
    ("¿Tiene llamadas por wifi?" is near the Wi-Fi article, and far nearer the Wi-Fi calling
    gap). A post like one the brand answered with an article stays answered (``precedent``)."""
    import numpy as np

    if not groups or data.basis is None or params.components <= 0:
        return  # the cosines of raw vectors have another scale
    best_own, answered = _own_coverage(data, params)
    flat = flatten(data.vectors, data.basis, params.components)
    centroids = np.vstack([flat[g].mean(axis=0) for g in groups])
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-9)
    cited = data.precedent if data.precedent is not None else np.zeros(len(data.posts))
    for row in np.flatnonzero(answered & (cited < params.precedent)):
        sims = centroids @ flat[row]
        best = int(sims.argmax())
        if sims[best] >= best_own[row] + params.attach:
            groups[best].append(int(row))


def cluster(vecs: Any, linkage: str, similarity: float) -> list[list[int]]:
    """Row indices per cluster (agglomerative on cosine distance), biggest first."""
    if len(vecs) == 0:
        return []
    if len(vecs) == 1:
        return [[0]]
    import numpy as np
    from scipy.cluster.hierarchy import fcluster
    from scipy.cluster.hierarchy import linkage as link

    tree = link(np.asarray(vecs, dtype=np.float64), method=linkage, metric="cosine")
    labels = fcluster(tree, t=1.0 - similarity, criterion="distance")
    groups: dict[int, list[int]] = {}
    for row, label in enumerate(labels):
        groups.setdefault(int(label), []).append(row)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def trim_question(text: str, limit: int = LABEL_CHARS) -> str:
    """A post as a label: its first question sentence (else its first sentence), after the
    sentence before it when the question alone is too short to stand ("Does the router allow
    it?") or asks about "this" (after the post's title then), followed by the next sentence when
    it is a fragment or a title ("Billing: ..."), one line, at most ``limit`` characters at a
    word boundary."""
    flat = " ".join(text.split())
    lines = [line for line in text.splitlines() if line.strip()]
    sentences = [s for line in lines for s in re.split(r"(?<=[.!?])\s+", line) if s.strip()]
    sentences = [" ".join(s.split()) for s in sentences] or [flat]
    asked = [i for i, s in enumerate(sentences) if QUESTION.search(s)]
    at = asked[0] if asked else 0
    chosen = sentences[at]
    first = " ".join(lines[0].split()) if lines else ""
    if at > 0 and (len(chosen) < SHORT_QUESTION or _POINTS_BACK.search(chosen)):
        before = sentences[at - 1]
        if _POINTS_BACK.search(chosen) and first and first[-1] not in ".!?:":
            before = first  # a title names what "this" is: "Port-out blocked for 12 days"
        joined = f"{before} {chosen}" if before[-1] in ".!?:" else f"{before}: {chosen}"
        chosen = joined if len(joined) <= limit else chosen
    title = not asked and chosen == first != "" and chosen[-1] not in ".!?:"
    if (len(chosen) < 25 or title) and at + 1 < len(sentences):  # the next sentence too
        after = sentences[at + 1]
        chosen = f"{chosen} {after}" if chosen[-1] in ".!?:" else f"{chosen}: {after}"
    if len(chosen) > limit:
        chosen = chosen[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return chosen


def main_language(langs: list[str | None]) -> str | None:
    known = [lang for lang in langs if lang and lang != "unknown"]
    if not known:
        return None
    counts = Counter(known).most_common()
    return counts[0][0]


def _order_by_centroid(vecs: Any) -> tuple[Any, list[int]]:
    """The normalised centroid and the rows from the closest to it."""
    import numpy as np

    centroid = vecs.mean(axis=0)
    centroid = centroid / (np.linalg.norm(centroid) or 1.0)
    sims = vecs @ centroid
    return centroid, sorted(range(len(vecs)), key=lambda i: (-float(sims[i]), i))


def label_row(posts: list[Post], order: list[int], lang: str | None) -> int:
    """The most representative post: the closest to the centroid in the main language, a
    question first, then a complaint whose title asks ("Outage this morning?"), then one whose
    text asks (a question mark). Never a post with no words to show (an emoji, a link)."""
    order = [i for i in order if _WORD.search(trim_question(posts[i].text))] or order
    in_lang = [i for i in order if lang is None or posts[i].lang == lang] or order
    questions = [i for i in in_lang if posts[i].role == "question"]
    titled = [i for i in in_lang if QUESTION.search(posts[i].title or "")]
    asking = [i for i in in_lang if QUESTION.search(posts[i].text)]
    return (questions or titled or asking or in_lang)[0]


def _days(value: float) -> str:
    n = f"{value:g}"
    return f"{n} day" if n == "1" else f"{n} days"


def growth_text(recent: int, earlier: int, since_days: float) -> str:
    """'5 in the last 15 days, 1 in the 15 days before'."""
    half = _days(since_days / 2)
    return f"{recent} in the last {half}, {earlier} in the {half} before"


def build(data: GapInput, params: Params = DEFAULT) -> list[dict[str, Any]]:
    """The gaps of prepared input, biggest first (steps 2-5)."""
    import numpy as np

    rows = open_rows(data, params)
    raw = data.vectors[rows]
    flat = flatten(raw, data.basis, params.components)
    method, cut = ((params.raw_linkage, params.raw_similarity) if flat is raw
                   else (params.linkage, params.similarity))  # fmt: skip
    clusters = cluster(flat, method, cut)
    groups = [[rows[i] for i in g] for g in clusters
              if len({data.posts[rows[i]].who() for i in g}) >= params.min_size]  # fmt: skip
    attach(data, groups, params)
    # a gap is a matter people ask about: a cluster where nobody asks anything (praise or news
    # read as complaints) has no question to show
    groups = [g for g in groups if any(asks(data.posts[r].text) for r in g)]
    now = data.now or utcnow()
    middle = now - timedelta(days=data.since_days / 2)
    own = data.is_kb
    gaps = []
    centroids = []
    label_rows = []
    for members in groups:
        centroid, order = _order_by_centroid(data.vectors[members])
        members = [members[i] for i in order]
        posts = [data.posts[r] for r in members]
        lang = main_language([p.lang for p in posts])
        at = label_row(posts, list(range(len(posts))), lang)
        label_post = posts[at]
        label_rows.append(members[at])
        recent = sum(1 for p in posts if p.created_at >= middle)
        best_own = data.cosines[members][:, own].max() if own.any() else 0.0
        centroids.append(centroid)
        gaps.append(
            {
                "label": trim_question(label_post.text),
                "label_id": label_post.id,
                "lang": lang,
                "size": len(posts),
                "recent": recent,
                "earlier": len(posts) - recent,
                "growth": 2 * recent - len(posts),  # recent - earlier
                "growth_text": growth_text(recent, len(posts) - recent, data.since_days),
                "coverage": round(float(best_own), 4),
                "mention_ids": [p.source_id for p in posts],
                "ids": [p.id for p in posts],
                "langs": sorted({p.lang for p in posts if p.lang}),
                "answers": [],
            }
        )
    third = np.flatnonzero(~own) if len(own) else np.zeros(0, dtype=int)
    if gaps and len(third) and data.doc_vectors is not None:
        sims = data.doc_vectors(np.vstack(centroids).astype(np.float32))[:, third]
        asked = data.doc_vectors(data.vectors[label_rows].astype(np.float32))[:, third]
        best = sims.argmax(axis=0)  # every document goes under at most one gap: its closest
        for col, doc_index in enumerate(third):
            g, score = int(best[col]), float(sims[best[col], col])
            # it answers the matter (the centroid) and the question the gap shows (its label)
            if score >= params.answers and asked[g, col] >= params.answers_label:
                gaps[g]["answers"].append(_answer(data.docs[doc_index], score))
        for gap in gaps:
            gap["answers"] = sorted(gap["answers"], key=lambda a: -a["score"])[:MAX_THIRD_PARTY]
    for gap in gaps:
        gap["third_party"] = [a["url"] or a["source_id"] for a in gap["answers"]]
    gaps.sort(key=lambda g: (-g["size"], -g["growth"], g["label"]))
    for n, gap in enumerate(gaps, 1):
        gap["id"] = f"gap-{n}"
    return gaps


def http_url(value: str | None) -> str | None:
    """The URL when it is an absolute http(s) URL with a host (a link may be made), else None."""
    url = (value or "").strip()
    if not url or any(ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _answer(doc: Any, score: float) -> dict[str, Any]:
    return {
        "doc_id": doc.id,
        "source_id": doc.source_id,
        "title": doc.title,
        "source": doc.source,
        "platform": doc.platform,
        "author": doc.author,
        "url": http_url(doc.url),
        "score": round(score, 4),
    }


def find_gaps(
    settings: Settings,
    db: Database,
    since_days: float = 30,
    coverage: float | None = None,
    now: Any = None,
    params: Params = DEFAULT,
) -> dict[str, Any]:
    """Compute the gaps now (embeds new posts and articles): {"gaps": [...], "since_days",
    "computed_at"}."""
    if coverage is not None:
        params = replace(params, coverage=coverage)
    now = now or utcnow()
    data = prepare(settings, db, since_days=since_days, now=now)
    gaps = build(data, params) if data.posts else []
    return {"gaps": gaps, "since_days": since_days, "computed_at": now.isoformat()}
