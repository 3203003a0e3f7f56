"""Gaps (knowledge managers): what people ask in public that the own KB does not answer, the
posts behind each gap and the third-party answers that answer it; "draft article" from a
third-party answer, with attribution, exported as Markdown.

The page and ``GET /api/gaps`` read the report a job stored (indexer.gap_store: `listenpost
index` and every `listenpost watch` run compute it) and say when it was computed and whether
posts or articles changed since; nothing here embeds or reads an index. Posts and documents
deleted since the report are left out (a label whose post is gone is taken from the next
representative post).
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, request
from sqlalchemy import select
from sqlalchemy.orm import Session

from crawlers.items import as_utc, utcnow
from pipelines.models.records import KnowledgeDoc, Mention
from webapp import get_session
from webapp.auth import requires
from webapp.params import id_arg

logger = logging.getLogger(__name__)

bp = Blueprint("gaps", __name__, url_prefix="/gaps")

POSTS_SHOWN = 10


def _age(at: datetime, now: datetime) -> str:
    minutes = int((now - at).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 90:
        return f"{minutes} min ago"
    hours = minutes / 60
    return f"{hours:.0f} h ago" if hours < 36 else f"{hours / 24:.0f} days ago"


def gap_report(settings: Any, session: Session, limit: int = 20) -> dict[str, Any]:
    """The stored report as the page and the API show it: ``clusters`` (label, lang, size,
    growth in words, posts as Mention rows, answers as (KnowledgeDoc, score)), ``computed_at``,
    ``age``, ``since_days`` and ``changed`` (posts or articles changed since), or no clusters
    and ``computed_at`` None before a job stored one."""
    from indexer.gap_store import SINCE_DAYS, inputs, latest
    from indexer.gaps import trim_question

    row = latest(session, SINCE_DAYS) or latest(session, None)
    if row is None:
        return {"clusters": [], "computed_at": None, "age": None, "since_days": SINCE_DAYS,
                "changed": False}  # fmt: skip
    stored = row.report
    gaps = stored.get("gaps", [])[:limit]
    ids = {i for g in gaps for i in g.get("ids", [])}
    doc_ids = {a["doc_id"] for g in gaps for a in g.get("answers", [])}
    posts = {m.id: m for m in session.scalars(select(Mention).where(Mention.id.in_(ids)))}
    docs = {d.id: d for d in session.scalars(
        select(KnowledgeDoc).where(KnowledgeDoc.id.in_(doc_ids)))}  # fmt: skip
    clusters = []
    for g in gaps:
        members = [posts[i] for i in g.get("ids", []) if i in posts]
        if not members:
            continue
        label = g["label"]
        if g.get("label_id") not in posts:  # its post was deleted: the next representative one
            same = [m for m in members if m.lang == g.get("lang")] or members
            label = trim_question(f"{same[0].title}\n{same[0].text}" if same[0].title
                                  else same[0].text)  # fmt: skip
        answers = [(docs[a["doc_id"]], a["score"]) for a in g.get("answers", [])
                   if a["doc_id"] in docs]  # fmt: skip
        clusters.append({"id": g["id"], "label": label, "lang": g.get("lang"),
                         "size": len(members), "growth": g.get("growth"),
                         "growth_text": g.get("growth_text"), "recent": g.get("recent"),
                         "earlier": g.get("earlier"), "coverage": g.get("coverage"),
                         "posts": members[:POSTS_SHOWN], "mention_ids": [m.id for m in members],
                         "source_ids": [m.source_id for m in members],
                         "answers": answers})  # fmt: skip
    computed_at = as_utc(row.computed_at)
    changed = row.inputs != inputs(session, settings, row.since_days)
    return {"clusters": clusters, "computed_at": computed_at, "age": _age(computed_at, utcnow()),
            "since_days": row.since_days, "changed": changed}  # fmt: skip


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
    report = gap_report(current_app.config["LISTENPOST_SETTINGS"], get_session())
    return render_template("gaps/index.html", report=report, clusters=report["clusters"])


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
