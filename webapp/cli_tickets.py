"""`listenpost mentions` (the stored mentions, newest first), `listenpost triage refresh` (the
open tickets' priorities), `listenpost suggest` (for a mention, a ticket's matter or a text: the
ranking the ticket page shows, webapp.suggestions) and `listenpost kpis` (the care team's KPIs
from the tickets' true times, webapp.kpi_queries, the computation of the KPI page). Registered in
webapp/cli.py."""

from __future__ import annotations

import json
from typing import Any

import click

from webapp.cli_common import pass_obj


def _num(value: float | None, unit: str, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}{unit}"


@click.command()
@click.option("--days", type=click.FloatRange(min=0, min_open=True), default=30,
              show_default=True, help="The period: the last N days.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def kpis(obj: Any, days: float, as_json: bool) -> None:
    """First response, resolution, first-contact resolution, closed per hour and SLA met."""
    from webapp.kpi_queries import measure, summary

    with obj.db.session() as s:
        k = summary(measure(s, days))
    if as_json:
        click.echo(json.dumps(k))
        return
    frt, res = k["first_response_minutes"], k["resolution_hours"]
    pct = {name: None if k[name] is None else k[name] * 100 for name in ("fcr", "sla_met")}
    click.echo(f"last {days:g} days")
    click.echo(f"first response: median {_num(frt['median'], ' min')}, "
               f"p90 {_num(frt['p90'], ' min')} ({frt['n']} tickets)")  # fmt: skip
    click.echo(f"resolution: median {_num(res['median'], ' h')}, p90 {_num(res['p90'], ' h')} "
               f"({res['n']} closed)")  # fmt: skip
    click.echo(f"first-contact resolution: {_num(pct['fcr'], '%')}")
    click.echo(f"closed per hour: {k['closed_per_hour']:.3f}")
    click.echo(f"SLA met: {_num(pct['sla_met'], '%')}")


@click.command()
@click.argument("mention_id", type=int, required=False)
@click.option("--ticket", "ticket_id", type=int, default=None,
              help="Suggest for this ticket's matter (the posts stating its problem).")  # fmt: skip
@click.option("--text", help="Suggest for this text instead of a stored mention.")
@click.option("--channel", type=click.Choice(["reddit", "youtube", "forum"]), default="forum",
              show_default=True, help="Draft format for --text.")  # fmt: skip
@click.option("--k", type=click.IntRange(min=1), default=5, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def suggest(
    obj: Any, mention_id: int | None, ticket_id: int | None, text: str | None, channel: str,
    k: int, as_json: bool,
) -> None:  # fmt: skip
    """Suggested answers from the knowledge base, with a draft reply for the mention's channel.
    Stored suggestions are read; what is missing is computed and stored (webapp.suggestions)."""
    from indexer.suggest import suggest as run_suggest

    if sum(x is not None for x in (mention_id, ticket_id, text)) != 1:
        raise click.ClickException("give a MENTION_ID, --ticket ID or --text TEXT (one of them)")
    if text is not None and not text.strip():
        raise click.ClickException("--text is empty")
    if text is not None:
        result = run_suggest(obj.settings, obj.db, text=text, k=k, channel=channel)
    else:
        result = _stored_suggest(obj, mention_id, ticket_id, k)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    flag = "needs a human" if result["needs_human"] else "suggestions ready"
    if result["gap"] is not None:
        flag += f" (no own article answers it: knowledge gap {result['gap']!r})"
    what = f"ticket {ticket_id}, matter {result['matter']}" if ticket_id is not None else (
        f"mention {result['mention_id'] or '-'}")  # fmt: skip
    click.echo(f"{what}: {flag}")
    if not result["suggestions"]:
        click.echo("no knowledge documents to suggest (import a KB, then run `listenpost index`)")
    for n, sug in enumerate(result["suggestions"], 1):
        click.echo(f"\n{n}. [{sug['source']}] {sug['title']} ({sug['lang'] or '?'}, "
                   f"score {sug['score']:.3f}) {sug['url'] or ''}")  # fmt: skip
        click.echo("   " + sug["draft"].replace("\n", "\n   "))


def _stored_suggest(obj: Any, mention_id: int | None, ticket_id: int | None, k: int) -> Any:
    """`suggest MENTION_ID` and `suggest --ticket ID`: the one ranking the ticket page and the
    API show (webapp.suggestions), computing and storing what is missing."""
    from indexer.build import update_indexes
    from indexer.version import kb_version
    from pipelines.models import Mention, Ticket
    from webapp import suggestions

    settings, db = obj.settings, obj.db
    if kb_version(settings) is None:
        update_indexes(settings, db, collections=("knowledge",))
    with db.session() as s:
        if ticket_id is not None:
            ticket = s.get(Ticket, ticket_id)
            if ticket is None:
                raise click.ClickException(f"no ticket with id {ticket_id}")
            found = suggestions.for_ticket(settings, s, ticket, k=k, db=db, compute=True)
            keys = ("mention_id", "needs_human", "gap", "suggestions", "ticket_id", "matter")
        else:
            m = s.get(Mention, mention_id)
            if m is None:
                raise click.ClickException(f"no mention with id {mention_id}")
            found = suggestions.rank(settings, s, [m], m, k=k, db=db, compute=True)
            keys = ("mention_id", "needs_human", "gap", "suggestions")
        found = suggestions.project(found, suggestions.CLI_KEYS)
    return {key: found[key] for key in keys}


def mention_json(row: Any) -> dict[str, Any]:
    from pipelines.status import effective_status

    return {
        "id": row.id,
        "source_id": row.source_id,
        "platform": row.platform,
        "kind": row.kind,
        "author": row.author,
        "title": row.title,
        "text": row.text,
        "url": row.url,
        "lang": row.lang,
        "created_at": row.created_at.isoformat(),
        "thread_id": row.thread_id,
        "parent_id": row.parent_id,
        "by_brand": row.by_brand,
        "content_type": row.content_type,
        "score": row.score,
        "replies": row.replies,
        "views": row.views,
        "customer_id": row.persona.customer_id if row.persona_id else None,
        "ticket_id": row.ticket_id,
        "role": row.role,  # complaint, question, praise, answer, other (None: help content)
        "needs_reply": row.needs_reply,  # the brand owes it a public reply now
        "is_complaint": row.is_complaint,
        "complaint_score": row.complaint_score,
        "sentiment": row.sentiment,
        "status": effective_status(row),
        "priority": row.priority,
        "topic": row.topic,
        "team": row.team,
        "duplicate_of": row.duplicate_of_id,  # the first-seen mention's id
    }


@click.group("triage")
def triage_group() -> None:
    """Priority of the open tickets."""


@triage_group.command("refresh")
@pass_obj
def triage_refresh(obj: Any) -> None:
    """Recompute the priority of every ticket not closed (its SLA part grows with time)."""
    from pipelines.triage import refresh

    with obj.db.session() as s:
        n = refresh(s, obj.settings)
    click.echo(f"{n} tickets")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N, newest first.")
@pass_obj
def mentions(obj: Any, as_json: bool, limit: int | None) -> None:
    """List stored mentions, newest first."""
    from sqlalchemy import select

    from pipelines.models import Mention

    with obj.db.session() as s:
        q = select(Mention).order_by(Mention.created_at.desc(), Mention.id.desc())
        if limit:
            q = q.limit(limit)
        rows = [mention_json(m) for m in s.scalars(q)]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for m in rows:
        snippet = " ".join((m["title"] or m["text"]).split())[:80]
        when, who = m["created_at"][:16], m["author"][:20]
        click.echo(f"{m['id']:>6} {when} {m['platform']:<8} {who:<20} {snippet}")
