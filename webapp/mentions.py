"""Mentions: every stored post, newest first."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from sqlalchemy import func, select

from pipelines.models import Mention
from webapp import get_session
from webapp.auth import requires
from webapp.params import MAX_PAGE, int_arg

bp = Blueprint("mentions", __name__)

PAGE_SIZE = 50


@bp.get("/mentions")
@requires("mentions")
def index() -> str:
    session = get_session()
    page = int_arg(request.args, "page", 1, 1, MAX_PAGE)
    platform = request.args.get("platform") or None
    q = select(Mention)
    count_q = select(func.count(Mention.id))
    if platform:
        q = q.where(Mention.platform == platform)
        count_q = count_q.where(Mention.platform == platform)
    total = session.scalar(count_q) or 0
    rows = session.scalars(
        q.order_by(Mention.created_at.desc(), Mention.id.desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return render_template(
        "mentions/index.html",
        mentions=rows,
        total=total,
        page=page,
        pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        platform=platform,
    )
