"""Gaps (knowledge managers): what people ask in public that the own KB does not answer, the
posts behind each gap and the third-party answers; "draft article" from a third-party answer,
with attribution, exported as Markdown.

The clusters are the indexer's (``indexer.gaps.find_gaps``: public questions and complaints no
own article covers, clustered across languages, with the third-party documents that answer
them), recomputed at most every GAPS_TTL seconds, and at once after a `listenpost forget` in any
process (``webapp.cache_generation``). Before the indexes are built (a fresh install,
the tests) the page groups the stored posts by their classified topic instead and pairs each
group with the third-party documents of the same category that no own KB article covers.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, request
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from pipelines.models.records import KnowledgeDoc, Mention
from webapp import cache_generation, get_session
from webapp.auth import requires
from webapp.params import id_arg

logger = logging.getLogger(__name__)

bp = Blueprint("gaps", __name__, url_prefix="/gaps")


GAPS_TTL = 600.0
# index directory -> (expiry, the cache generation it was computed under, the gaps)
_gaps: dict[str, tuple[float, int, list[dict[str, Any]]]] = {}
_gaps_lock = threading.Lock()


def _indexer_gaps(settings: Any, session: Session, limit: int) -> list[dict[str, Any]]:
    from indexer.gaps import find_gaps

    key = str(Path(settings.index_dir).resolve())
    now = time.monotonic()
    generation = cache_generation(session)
    with _gaps_lock:
        hit = _gaps.get(key)
    if hit is None or hit[0] < now or hit[1] != generation:
        found = find_gaps(settings, current_app.extensions["listenpost.db"])["gaps"]
        hit = (now + GAPS_TTL, generation, found)
        with _gaps_lock:
            _gaps[key] = hit
    out = []
    for gap in hit[2][:limit]:
        ids = list(gap["mention_ids"])[:10]
        posts = list(
            session.scalars(
                select(Mention).where(Mention.source_id.in_(ids)).order_by(Mention.created_at)
            )
        )
        refs = list(gap["third_party"])
        answers = list(
            session.scalars(
                select(KnowledgeDoc).where(
                    KnowledgeDoc.source != "kb",
                    or_(KnowledgeDoc.url.in_(refs), KnowledgeDoc.source_id.in_(refs)),
                )
            )
        )
        out.append({"label": gap["label"], "size": gap["size"], "growth": gap.get("growth"),
                    "posts": posts, "answers": answers})  # fmt: skip
    return out


def gap_report(settings: Any, session: Session, limit: int = 20) -> list[dict[str, Any]]:
    """Clusters: dicts with label, size, posts (Mention rows) and answers (KnowledgeDoc rows)."""
    from webapp.suggestions import index_built

    if index_built(settings, "knowledge") and index_built(settings, "mentions"):
        try:
            return _indexer_gaps(settings, session, limit)
        except Exception:  # noqa: BLE001 - fall back to the topic grouping
            logger.exception("indexer gap report failed; grouping by topic")
    covered = set(
        session.scalars(
            select(KnowledgeDoc.category).where(
                KnowledgeDoc.source == "kb", KnowledgeDoc.category.is_not(None)
            )
        )
    )
    topics = session.execute(
        select(Mention.topic, func.count(Mention.id))
        .where(Mention.topic.is_not(None), Mention.by_brand.is_(False))
        .group_by(Mention.topic)
        .order_by(func.count(Mention.id).desc())
        .limit(limit)
    ).all()
    out = []
    for topic, n in topics:
        if topic in covered:
            continue
        posts = list(
            session.scalars(
                select(Mention)
                .where(Mention.topic == topic, Mention.by_brand.is_(False))
                .order_by(Mention.created_at.desc())
                .limit(10)
            )
        )
        answers = list(
            session.scalars(
                select(KnowledgeDoc)
                .where(KnowledgeDoc.source != "kb", KnowledgeDoc.category == topic)
                .order_by(KnowledgeDoc.score.desc())
                .limit(5)
            )
        )
        out.append({"label": topic, "size": n, "posts": posts, "answers": answers})
    return out


def third_party(session: Session, limit: int = 30) -> list[KnowledgeDoc]:
    return list(
        session.scalars(
            select(KnowledgeDoc)
            .where(KnowledgeDoc.source != "kb")
            .order_by(KnowledgeDoc.score.desc(), KnowledgeDoc.id.desc())
            .limit(limit)
        )
    )


def article_markdown(title: str, body: str, doc: KnowledgeDoc | None) -> str:
    """The draft as Markdown. Everything from the source is text: Markdown syntax in it is
    escaped, and the attribution links only to an http(s) URL."""
    from webapp.html import http_url

    lines = [f"# {md_escape(title.strip() or 'Untitled')}", "", body.strip(), ""]
    if doc is not None:
        who = md_escape(doc.author or "a community member")
        where = md_escape(doc.platform or doc.source)
        url = http_url(doc.url)
        cite = f"[{md_escape(doc.title)}](<{url}>)" if url else md_escape(doc.title)
        lines += ["---", "", f"Adapted from {cite} by {who} on {where}, with thanks.", ""]
    return "\n".join(lines)


_MD = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def md_escape(text: str) -> str:
    return _MD.sub(r"\\\1", " ".join(text.split()))


def draft_body(doc: KnowledgeDoc) -> str:
    return (doc.body or "").strip()


@bp.get("/")
@requires("gaps")
def index() -> Any:
    session = get_session()
    clusters = gap_report(current_app.config["LISTENPOST_SETTINGS"], session)
    return render_template("gaps/index.html", clusters=clusters, answers=third_party(session))


@bp.get("/draft")
@requires("gaps")
def draft() -> Any:
    doc = get_session().get(KnowledgeDoc, id_arg(request.args, "doc") or -1)
    if doc is None or doc.source == "kb":
        abort(404)
    return render_template("gaps/draft.html", doc=doc, title=doc.title, body=draft_body(doc))


@bp.post("/draft.md")
@requires("gaps")
def export() -> Response:
    doc = get_session().get(KnowledgeDoc, id_arg(request.form, "doc") or -1)
    text = article_markdown(request.form.get("title", ""), request.form.get("body", ""), doc)
    name = re.sub(r"[^a-z0-9]+", "-", (request.form.get("title") or "article").lower())[:60]
    filename = f"{name.strip('-') or 'article'}.md"
    disposition = f"attachment; filename={filename}"
    return Response(text, mimetype="text/markdown", headers={"Content-Disposition": disposition})
