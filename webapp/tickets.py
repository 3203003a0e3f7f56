"""The ticket page: thread context, the customer's posts across channels, the identity card,
suggested answers, the composer and the outbox; claim, assign, status, notes, feedback."""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from pipelines.models.records import Mention, Persona, PersonaLink, Reply, Ticket
from webapp import accounts, corrections, get_session, publisher, suggestions, triage
from webapp.auth import current_user, requires
from webapp.params import id_arg, int_arg

logger = logging.getLogger(__name__)

bp = Blueprint("tickets", __name__, url_prefix="/tickets")

LABELS = {"reddit": "Reply on Reddit", "youtube": "Reply on YouTube",
          "forum": "Copy and open thread", "import": "Copy reply"}  # fmt: skip


def _ticket(ticket_id: int) -> Ticket:
    ticket = get_session().get(Ticket, ticket_id)
    if ticket is None:
        abort(404)
    return ticket


def _back(ticket_id: int, **args: Any) -> Any:
    return redirect(url_for("tickets.show", ticket_id=ticket_id, **args))


def reply_target(view: triage.TicketView, wanted: int | None) -> Mention | None:
    """The mention a reply answers: the one asked for, else the newest customer post."""
    own = [m for m in view.mentions if not m.by_brand]
    if wanted is not None:
        return next((m for m in view.mentions if m.id == wanted), None)
    return own[-1] if own else None


@bp.get("/<id:ticket_id>")
@requires("tickets")
def show(ticket_id: int) -> Any:
    chosen = None
    if request.args.get("suggestion", "").strip():
        chosen = int_arg(request.args, "suggestion", -1, -1, suggestions.K)
    return _page(ticket_id, id_arg(request.args, "to"), chosen)


def _page(
    ticket_id: int, to: int | None, chosen: int | None, text: str | None = None,
    confirm_reopen: bool = False,
) -> Any:  # fmt: skip
    """The ticket page; ``text`` refills the composer, ``confirm_reopen`` asks the agent to
    confirm a reply that reopens the closed ticket."""
    session = get_session()
    view = triage.ticket_view(session, ticket_id)
    if view is None:
        abort(404)
    target = reply_target(view, to)
    # Suggestions for the ticket's matter, drafted for the post answered: what the jobs stored
    # (never embedded in a request); "pending" until `listenpost index` / `watch` stored them.
    settings = current_app.config["LISTENPOST_SETTINGS"]
    found = suggestions.for_ticket(settings, session, view.ticket, target) if target else None
    pending = bool(found and found["pending"])
    suggested = found["suggestions"] if found is not None and not pending else None
    draft = text or ""
    if text is None and suggested and chosen is not None and 0 <= chosen < len(suggested):
        draft = suggested[chosen]["draft"]
    html = render_template(
        "tickets/show.html",
        v=view,
        t=view.ticket,
        target=target,
        suggestions=suggested,
        pending=pending,
        gap=found["gap"] if found is not None else None,
        chosen=chosen,
        draft=draft,
        limit=publisher.LIMITS.get(target.platform, 10_000) if target else 10_000,
        label=LABELS.get(target.platform, "Send reply") if target else "",
        key=publisher.new_key(),
        agents=accounts.agents(session),
        statuses=triage.STATUSES,
        not_complaint_roles=corrections.NOT_COMPLAINT_ROLES,
        sla=triage.sla_state(view.ticket),
        me=current_user().username,
        sent=sent_in_thread(view),
        brand=settings.brand.name,
        confirm_reopen=confirm_reopen,
        shown_status=publisher.shown_status,
        publishing=publisher.publisher_running(session),
    )
    return (html, 409) if confirm_reopen else html


def sent_in_thread(view: triage.TicketView) -> dict[int, list[Reply]]:
    """The outbox's replies by the post they answer, to show in the thread: every reply but
    drafts, and not those collected back from the platform as a brand post of the thread."""
    collected = {
        p.source_id.removeprefix("t1_").removeprefix("t3_")
        for th in view.threads.values()
        for p in th.posts
        if p.by_brand
    }
    out: dict[int, list[Reply]] = {}
    for r in view.replies:
        if r.status == "draft" or (r.remote_id and r.remote_id.removeprefix("t1_") in collected):
            continue
        out.setdefault(r.mention_id, []).append(r)
    return out


@bp.get("/<id:ticket_id>/suggestions")
@requires("tickets")
def suggestions_fragment(ticket_id: int) -> Any:
    """The suggested answers of one ticket (for its matter, drafted for the post ``to``) as an
    HTML fragment (escaped by the template)."""
    session = get_session()
    ticket = _ticket(ticket_id)
    target = session.get(Mention, id_arg(request.args, "to") or -1)
    if target is None or target.ticket_id != ticket.id:
        abort(404)
    settings = current_app.config["LISTENPOST_SETTINGS"]
    found = suggestions.for_ticket(settings, session, ticket, target)
    return render_template("tickets/_suggestions.html", t=ticket, target=target,
                           suggestions=None if found["pending"] else found["suggestions"],
                           pending=found["pending"], gap=found["gap"], chosen=None)  # fmt: skip


@bp.post("/<id:ticket_id>/claim")
@requires("tickets")
def claim(ticket_id: int) -> Any:
    session = get_session()
    _ticket(ticket_id)
    try:
        triage.claim(session, ticket_id, current_user().username)
        session.commit()
        flash(f"You have ticket {ticket_id}.")
    except triage.Conflict as exc:
        flash(f"Ticket {ticket_id} is already held by {exc.holder}.", "error")
    return _back(ticket_id)


@bp.post("/<id:ticket_id>/assign")
@requires("tickets")
def assign(ticket_id: int) -> Any:
    session = get_session()
    _ticket(ticket_id)
    to = (request.form.get("assignee") or "").strip() or None
    was = (request.form.get("was") or "").strip() or None
    if to is not None and to not in accounts.agents(session):
        flash("No such agent.", "error")
        return _back(ticket_id)
    try:
        triage.assign(session, ticket_id, to, was, current_user().username)
        session.commit()
        flash(f"Ticket {ticket_id} is now {'with ' + to if to else 'unassigned'}.")
    except triage.Conflict as exc:
        flash(f"Ticket {ticket_id} changed hands meanwhile: it is held by "
              f"{exc.holder or 'nobody'}.", "error")  # fmt: skip
    return _back(ticket_id)


@bp.post("/<id:ticket_id>/status")
@requires("tickets")
def status(ticket_id: int) -> Any:
    session = get_session()
    ticket = _ticket(ticket_id)
    try:
        triage.set_status(session, ticket, request.form.get("status", ""), current_user().username)
    except ValueError as exc:
        flash(str(exc), "error")
        return _back(ticket_id)
    session.commit()
    flash(f"Ticket {ticket_id} is {ticket.status}.")
    return _back(ticket_id)


@bp.post("/<id:ticket_id>/notes")
@requires("tickets")
def note(ticket_id: int) -> Any:
    session = get_session()
    ticket = _ticket(ticket_id)
    text = (request.form.get("text") or "").strip()
    if text:
        triage.add_note(session, ticket, text, current_user().username)
        session.commit()
    return _back(ticket_id)


@bp.post("/<id:ticket_id>/not-complaint")
@requires("tickets")
def not_complaint(ticket_id: int) -> Any:
    session = get_session()
    ticket = _ticket(ticket_id)
    mention = session.get(Mention, id_arg(request.form, "mention_id") or -1)
    if mention is None or mention.ticket_id != ticket.id:
        abort(400)
    try:
        corrections.not_a_complaint(session, ticket, mention, current_user().username,
                                    request.form.get("role") or "other")  # fmt: skip
    except ValueError as exc:
        flash(str(exc), "error")
        return _back(ticket_id)
    session.commit()
    flash("Thanks: stored as \u201cnot a complaint\u201d for the next training run.")
    return _back(ticket_id)


@bp.post("/<id:ticket_id>/no-reply")
@requires("tickets")
def no_reply(ticket_id: int) -> Any:
    session = get_session()
    ticket = _ticket(ticket_id)
    ids = corrections.no_reply_needed(session, ticket, current_user().username)
    session.commit()
    flash(f"Ticket {ticket_id} needs no reply ({len(ids)} posts): it left the queue.")
    return _back(ticket_id)


def holder_conflict(ticket: Ticket, username: str) -> str | None:
    if ticket.assignee and ticket.assignee != username:
        return ticket.assignee
    return None


@bp.post("/<id:ticket_id>/reply")
@requires("tickets")
def reply(ticket_id: int) -> Any:
    session = get_session()
    ticket = _ticket(ticket_id)
    me = current_user().username
    mention = session.get(Mention, id_arg(request.form, "mention_id") or -1)
    if mention is None or mention.ticket_id != ticket.id:
        abort(400)
    holder = holder_conflict(ticket, me)
    if holder:
        flash(f"Ticket {ticket_id} is held by {holder}: claim it first.", "error")
        return _back(ticket_id)
    text = request.form.get("text") or ""
    if ticket.status == "closed":
        if request.form.get("reopen") != "1":  # a reply reopens it: the agent confirms first
            return _page(ticket_id, mention.id, None, text=text, confirm_reopen=True)
        triage.set_status(session, ticket, "active" if ticket.assignee == me else "open", me)
    if ticket.assignee is None:
        try:
            triage.claim(session, ticket_id, me)
        except triage.Conflict as exc:
            flash(f"Ticket {ticket_id} was just taken by {exc.holder}.", "error")
            return _back(ticket_id)
    try:
        row, _created = publisher.queue_reply(
            session,
            mention=mention,
            text=text,
            agent=me,
            key=request.form.get("idempotency_key"),
            ticket_id=ticket.id,
        )
    except ValueError as exc:
        flash(str(exc), "error")
        return _back(ticket_id, to=mention.id)
    session.commit()
    _queued_flash(row)
    return _back(ticket_id)


def _queued_flash(row: Reply) -> None:
    """What the agent reads once a reply is in the outbox (the request never sends it)."""
    if row.status == "manual":
        flash("Copy the reply, post it in the forum thread, then mark it as sent.")
    elif row.status != "queued" or publisher.failed(row):
        flash(f"That reply is already {publisher.shown_status(row)}.")
    elif publisher.publisher_running(get_session()):
        flash(f"Reply queued for {row.channel}: it goes out within seconds.")
    else:
        flash(f"Reply queued for {row.channel}: sent by `listenpost watch` or "
              "`listenpost publish`.")  # fmt: skip


@bp.post("/<id:ticket_id>/replies/<id:reply_id>/retry")
@requires("tickets")
def retry(ticket_id: int, reply_id: int) -> Any:
    session = get_session()
    row = session.get(Reply, reply_id)
    if row is None or row.ticket_id != ticket_id:
        abort(404)
    if publisher.requeue(row, current_user().username):
        session.commit()
    _queued_flash(row)
    return _back(ticket_id)


@bp.get("/<id:ticket_id>/replies.json")
@requires("tickets")
def replies_json(ticket_id: int) -> Any:
    """The ticket's outbox as the page polls it while a reply is queued: each reply's status
    (``label``: what the agent reads, failed for a refused one) and whether a publisher runs."""
    session = get_session()
    _ticket(ticket_id)
    rows = session.scalars(
        select(Reply).where(Reply.ticket_id == ticket_id).order_by(Reply.id)
    ).all()
    return {
        "ticket_id": ticket_id,
        "publisher_running": publisher.publisher_running(session),
        "replies": [
            {"id": r.id, "mention_id": r.mention_id, "channel": r.channel, "status": r.status,
             "label": publisher.shown_status(r), "error": r.error, "remote_id": r.remote_id,
             "sent_at": r.sent_at.isoformat() if r.sent_at else None}
            for r in rows
        ],
    }  # fmt: skip


@bp.post("/<id:ticket_id>/replies/<id:reply_id>/sent")
@requires("tickets")
def mark_sent(ticket_id: int, reply_id: int) -> Any:
    session = get_session()
    row = session.get(Reply, reply_id)
    if row is None or row.ticket_id != ticket_id:
        abort(404)
    if publisher.mark_sent(session, row, current_user().username):
        session.commit()
        flash("Marked as sent.")
    return _back(ticket_id)


# -- identity card -----------------------------------------------------------------------------


def _owns(session: Any, ticket: Ticket, action: str, obj_id: int) -> bool:
    """Whether the link (confirm, reject) or persona (split) is on this ticket's identity card:
    a persona of the ticket's customer, or a link with one."""
    if ticket.customer_id is None:
        return False
    if action == "split":
        persona = session.get(Persona, obj_id)
        return persona is not None and persona.customer_id == ticket.customer_id
    link = session.get(PersonaLink, obj_id)
    if link is None:
        return False
    ends = session.scalars(
        select(Persona.customer_id).where(Persona.id.in_((link.persona_a_id, link.persona_b_id)))
    )
    return ticket.customer_id in set(ends)


def _identity(action: str, ticket_id: int, obj_id: int) -> Any:
    from pipelines import identity

    session = get_session()
    if not _owns(session, _ticket(ticket_id), action, obj_id):
        abort(404)
    me = current_user().username
    try:
        if action == "confirm":
            identity.confirm_link(session, current_app.config["LISTENPOST_SETTINGS"], obj_id, me)
        elif action == "reject":
            identity.reject_link(session, obj_id, me)
        else:
            identity.split_persona(session, obj_id, me)
    except identity.IdentityError as exc:
        session.rollback()
        flash(str(exc), "error")
        return _back(ticket_id)
    session.commit()
    flash({"confirm": "Link confirmed.", "reject": "Link rejected.",
           "split": "Persona split into its own customer."}[action])  # fmt: skip
    return _back(ticket_id)


@bp.post("/<id:ticket_id>/links/<id:link_id>/confirm")
@requires("tickets")
def confirm_link(ticket_id: int, link_id: int) -> Any:
    return _identity("confirm", ticket_id, link_id)


@bp.post("/<id:ticket_id>/links/<id:link_id>/reject")
@requires("tickets")
def reject_link(ticket_id: int, link_id: int) -> Any:
    return _identity("reject", ticket_id, link_id)


@bp.post("/<id:ticket_id>/personas/<id:persona_id>/split")
@requires("tickets")
def split(ticket_id: int, persona_id: int) -> Any:
    return _identity("split", ticket_id, persona_id)
