"""The JSON API under /api/: token auth only (``Authorization: Bearer TOKEN``, tokens from
`listenpost token create NAME`), the same roles as the pages. No session cookie is accepted
here, so the API needs no CSRF token."""

from __future__ import annotations

from functools import wraps
from typing import Any

from flask import Blueprint, abort, current_app, g, jsonify, request

from pipelines.models.records import Mention, Ticket
from webapp import (
    accounts,
    forecasting,
    get_session,
    kpis,
    publisher,
    reputation,
    suggestions,
    triage,
)
from webapp.gaps import gap_report
from webapp.params import MAX_ID, MAX_PAGE, clean_text, id_arg, int_arg, json_body

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.before_request
def _token() -> Any:
    auth = request.headers.get("Authorization", "")
    token = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
    user = accounts.user_for_token(get_session(), token) if token else None
    if user is None:
        resp = jsonify({"error": "send Authorization: Bearer TOKEN (listenpost token create)"})
        resp.status_code = 401
        resp.headers["WWW-Authenticate"] = 'Bearer realm="listenpost"'
        return resp
    get_session().commit()  # last_used_at
    g.api_user = user
    return None


def allowed(family: str) -> Any:
    def deco(view: Any) -> Any:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not accounts.can(g.api_user, family):
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return deco


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _ticket_json(t: Ticket, row: triage.QueueRow | None = None) -> dict[str, Any]:
    out = {
        "id": t.id,
        "priority": t.priority,
        "status": t.status,
        "team": t.team,
        "topic": t.topic,
        "assignee": t.assignee,
        "reassigned": t.reassigned,
        "customer_id": t.customer_id,
        "sla_due_at": _iso(t.sla_due_at),
        "first_response_at": _iso(t.first_response_at),
        "closed_at": _iso(t.closed_at),
        "created_at": _iso(t.created_at),
    }
    if row is not None:
        out.update(
            channel=row.channels[0] if row.channels else None,
            channels=row.channels,
            langs=row.langs,
            customer=row.customer,
            mention_ids=row.mention_ids,
        )
    return out


def _mention_json(m: Mention) -> dict[str, Any]:
    return {
        "id": m.id, "platform": m.platform, "source_id": m.source_id, "kind": m.kind,
        "thread_id": m.thread_id, "parent_id": m.parent_id, "url": m.url, "author": m.author,
        "title": m.title, "text": m.text, "lang": m.lang, "created_at": _iso(m.created_at),
        "by_brand": m.by_brand, "is_complaint": m.is_complaint, "sentiment": m.sentiment,
        "role": m.role, "needs_reply": m.needs_reply, "ticket_id": m.ticket_id,
    }  # fmt: skip


@bp.get("/queue")
@allowed("queue")
def queue() -> Any:
    f = triage.QueueFilter.from_args(request.args)
    page = int_arg(request.args, "page", 1, 1, MAX_PAGE)
    size = int_arg(request.args, "per_page", triage.PAGE_SIZE, 1, 500)
    rows, total, counts = triage.queue(get_session(), f, g.api_user.username, page, size)
    return {"tickets": [_ticket_json(r.ticket, r) for r in rows], "total": total,
            "counts": counts, "page": page}  # fmt: skip


def _view(ticket_id: int) -> triage.TicketView:
    view = triage.ticket_view(get_session(), ticket_id)
    if view is None:
        abort(404)
    return view


@bp.get("/tickets/<id:ticket_id>")
@allowed("tickets")
def ticket(ticket_id: int) -> Any:
    v = _view(ticket_id)
    row = triage.rows_for(get_session(), [v.ticket])[0]
    return {
        "ticket": _ticket_json(v.ticket, row),
        "mentions": [_mention_json(m) for m in v.mentions],
        "threads": {str(k): [p.id for p in th.posts] for k, th in v.threads.items()},
        "customer": None
        if v.customer is None
        else {
            "id": v.customer.id,
            "name": v.customer.name,
            "external_id": v.customer.external_id,
            "personas": [
                {"id": p.id, "platform": p.platform, "handle": p.handle} for p in v.personas
            ],
            "links": [
                {
                    "id": link.id,
                    "a": link.persona_a_id,
                    "b": link.persona_b_id,
                    "evidence": link.evidence,
                    "confidence": link.confidence,
                    "status": link.status,
                }
                for link, _a, _b in v.links
            ],
        },  # fmt: skip
        "customer_posts": [m.id for m in v.customer_posts],
        "replies": [
            {
                "id": r.id,
                "mention_id": r.mention_id,
                "channel": r.channel,
                "status": r.status,
                "remote_id": r.remote_id,
                "error": r.error,
                "agent": r.agent,
                "text": r.text,
            }
            for r in v.replies
        ],  # fmt: skip
        "notes": [
            {"author": n.author, "text": n.text, "created_at": _iso(n.created_at)} for n in v.notes
        ],  # fmt: skip
    }


@bp.post("/tickets/<id:ticket_id>/claim")
@allowed("tickets")
def claim(ticket_id: int) -> Any:
    session = get_session()
    if session.get(Ticket, ticket_id) is None:
        abort(404)
    try:
        t = triage.claim(session, ticket_id, g.api_user.username)
    except triage.Conflict as exc:
        return {"error": f"held by {exc.holder}", "assignee": exc.holder}, 409
    session.commit()
    return {"id": t.id, "assignee": t.assignee, "status": t.status}


@bp.get("/tickets/<id:ticket_id>/suggest")
@allowed("tickets")
def suggest(ticket_id: int) -> Any:
    """Suggestions for the ticket's matter, drafted for ``mention_id`` (default: the newest
    customer post); ``pending`` while the jobs have not stored them."""
    v = _view(ticket_id)
    target = next((m for m in reversed(v.mentions) if not m.by_brand), None)
    wanted = id_arg(request.args, "mention_id")
    if wanted is not None:
        target = next((m for m in v.mentions if m.id == wanted), None)
    if target is None:
        return {"mention_id": None, "suggestions": [], "pending": False, "matter": []}
    settings = current_app.config["LISTENPOST_SETTINGS"]
    found = suggestions.for_ticket(settings, get_session(), v.ticket, target)
    found = suggestions.project(found, suggestions.WEB_KEYS)
    return {"mention_id": target.id, "suggestions": found["suggestions"],
            "pending": found["pending"], "matter": found["matter"],
            "needs_human": found["needs_human"], "gap": found["gap"]}  # fmt: skip


@bp.post("/tickets/<id:ticket_id>/reply")
@allowed("tickets")
def reply(ticket_id: int) -> Any:
    session = get_session()
    t = session.get(Ticket, ticket_id)
    if t is None:
        abort(404)
    body = json_body()
    if not isinstance(body, dict) or not isinstance(body.get("text"), str):
        return {"error": 'send JSON {"text": ..., "mention_id": ...}'}, 400
    text = clean_text("text", body["text"])
    wanted = body.get("mention_id")
    if isinstance(wanted, bool) or not isinstance(wanted, int):
        return {"error": "mention_id must be a post of this ticket"}, 400
    mention = session.get(Mention, wanted) if 1 <= wanted <= MAX_ID else None
    if mention is None or mention.ticket_id != t.id:
        return {"error": "mention_id must be a post of this ticket"}, 400
    me = g.api_user.username
    if t.assignee and t.assignee != me:
        return {"error": f"held by {t.assignee}", "assignee": t.assignee}, 409
    key = body.get("idempotency_key") or request.headers.get("Idempotency-Key")
    if key is not None:
        key = clean_text("idempotency_key", key, limit=64)
    if t.status == "closed":  # a reply reopens it: the caller says so
        if body.get("reopen") is not True:
            return {"error": f'ticket {t.id} is closed: send "reopen": true to reopen it with '
                             "this reply", "status": "closed"}, 409  # fmt: skip
        triage.set_status(session, t, "active" if t.assignee == me else "open", me)
    try:
        if t.assignee is None:
            triage.claim(session, ticket_id, me)
        row, created = publisher.queue_reply(session, mention=mention, text=text,
                                             agent=me, key=key, ticket_id=t.id)  # fmt: skip
    except triage.Conflict as exc:
        return {"error": f"held by {exc.holder}", "assignee": exc.holder}, 409
    except ValueError as exc:
        return {"error": str(exc)}, 400
    session.commit()  # queued: the publisher sends it (webapp.publisher.publish_pending)
    out = {"reply_id": row.id, "status": row.status, "channel": row.channel,
           "remote_id": row.remote_id, "error": row.error}  # fmt: skip
    return out, 201 if created else 200


@bp.get("/gaps")
@allowed("gaps")
def gaps() -> Any:
    from webapp.html import http_url

    report = gap_report(current_app.config["LISTENPOST_SETTINGS"], get_session())
    at = report["computed_at"]
    return {
        "computed_at": at.isoformat() if at else None,
        "since_days": report["since_days"],
        "changed_since": report["changed"],
        "clusters": [
            {"id": c["id"], "label": c["label"], "lang": c["lang"], "size": c["size"],
             "growth": c["growth"], "growth_text": c["growth_text"], "recent": c["recent"],
             "earlier": c["earlier"], "coverage": c["coverage"],
             "mention_ids": c["mention_ids"], "source_ids": c["source_ids"],
             "answers": [{"id": d.id, "title": d.title, "url": http_url(d.url) or None,
                          "author": d.author, "platform": d.platform, "source": d.source,
                          "score": score} for d, score in c["answers"]]}
            for c in report["clusters"]
        ],
    }  # fmt: skip


@bp.get("/reputation")
@allowed("reputation")
def reputation_() -> Any:
    days = int_arg(request.args, "days", 30, 1, 365)
    r = reputation.report(get_session(), days)
    return {
        "days": days,
        "labels": r["daily"]["labels"],
        "channels": r["daily"]["channels"],
        "sentiment": r["daily"]["sentiment"],
        "channel_sentiment": r["daily"]["channel_sentiment"],
        "topics": [{"topic": t, "mentions": n, "negative": k} for t, n, k in r["topics"]],
        "spikes": [
            {
                "window": s["window"],
                "count": s["count"],
                "baseline": s["baseline"],
                "mention_ids": [m.id for m in s["posts"]],
            }
            for s in r["spikes"]
        ],  # fmt: skip
    }


@bp.get("/forecast")
@allowed("kpis")
def forecast_() -> Any:
    """The same JSON as `listenpost forecast --json` (days, by)."""
    return forecasting.forecast_json(
        get_session(), current_app.config["LISTENPOST_SETTINGS"], request.args
    )


@bp.get("/staffing")
@allowed("kpis")
def staffing_() -> Any:
    """The same JSON as `listenpost staffing --json` (days, service_level, within_minutes,
    aht_minutes, shrinkage, max_occupancy)."""
    return forecasting.staffing_json(
        get_session(), current_app.config["LISTENPOST_SETTINGS"], request.args
    )


@bp.get("/kpis")
@allowed("kpis")
def kpis_() -> Any:
    days = int_arg(request.args, "days", 30, 1, 365)
    return kpis.compute(get_session(), days)
