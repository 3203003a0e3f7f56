"""The queue (agents; the home page): open tickets by priority with SLA countdowns."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for

from webapp import accounts, get_session, triage
from webapp.auth import current_user, requires
from webapp.params import MAX_PAGE, int_arg

bp = Blueprint("queue", __name__)


@bp.get("/")
def index() -> Any:
    user = current_user()
    if user is not None and not accounts.can(user, "queue"):
        return redirect(url_for(accounts.HOME[user.role]))
    return _queue()


@requires("queue")
def _queue() -> Any:
    session = get_session()
    f = triage.QueueFilter.from_args(request.args)
    page = int_arg(request.args, "page", 1, 1, MAX_PAGE)
    rows, total, counts = triage.queue(session, f, current_user().username, page)
    return render_template(
        "queue/index.html",
        rows=rows,
        total=total,
        counts=counts,
        f=f,
        page=page,
        pages=max((total + triage.PAGE_SIZE - 1) // triage.PAGE_SIZE, 1),
        facets=triage.facets(session),
        agents=accounts.agents(session),
        statuses=triage.STATUSES,
        channels=triage.CHANNELS,
        sla=triage.sla_state,
    )
