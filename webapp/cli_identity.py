"""`listenpost customers [import|merge|split|confirm|reject]`, `listenpost tickets` and
`listenpost forget`: customer identities (pipelines/identity), their tickets, and forgetting a
person with everything stored about them. Registered in webapp/cli.py."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from webapp.cli_common import Obj, agent_option, format_counts, pass_obj
from webapp.cli_import import exit_if_skipped


def _identity_action(obj: Obj, action: Callable[[Any], Any]) -> Any:
    with obj.db.session() as s:
        return action(s)


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.pass_context
def customers(ctx: click.Context, as_json: bool) -> None:
    """List customers with their personas and link evidence; subcommands change them."""
    if ctx.invoked_subcommand is not None:
        return
    from pipelines.identity import customers_view

    obj = ctx.find_object(Obj)
    with obj.db.session() as s:
        rows = customers_view(s)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for c in rows:
        label = f" {c['name']}" if c["name"] else ""
        crm = f" (CRM {c['external_id']})" if c["external_id"] else ""
        click.echo(f"customer {c['id']}{label}{crm}")
        for p in c["personas"]:
            click.echo(f"  persona {p['id']} {p['platform']}:{p['handle']}")
        for link in c["links"]:
            a, b = link["personas"]
            click.echo(f"  link {link['id']} {a}-{b} {link['evidence']} "
                       f"{link['confidence']:.2f} {link['status']}")  # fmt: skip


@customers.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@agent_option
@pass_obj
def customers_import(obj: Obj, file: Path, as_json: bool, agent: str) -> None:
    """Import a CRM export: customer_id,name,email,reddit,youtube,forum (';' between handles)."""
    from crawlers.importers import read_crm_text
    from pipelines.identity import import_customers

    text = read_crm_text(file)
    stats = _identity_action(obj, lambda s: import_customers(s, obj.settings, text, agent))
    summary = {"customers": stats.customers, "personas": stats.personas, "links": stats.links,
               "joined": stats.joined, "proposed": stats.proposed}  # fmt: skip
    for line in stats.skipped:
        click.echo(f"skipped {line}", err=True)
    click.echo(json.dumps(summary) if as_json else format_counts(summary))
    exit_if_skipped(stats.bad)


@customers.command("merge")
@click.argument("a", type=int)
@click.argument("b", type=int)
@agent_option
@pass_obj
def customers_merge(obj: Obj, a: int, b: int, agent: str) -> None:
    """Merge customers A and B into one."""
    from pipelines.identity import merge_customers

    keep = _identity_action(obj, lambda s: merge_customers(s, obj.settings, a, b, agent).id)
    click.echo(f"merged into customer {keep}")


@customers.command("split")
@click.argument("persona")
@agent_option
@pass_obj
def customers_split(obj: Obj, persona: str, agent: str) -> None:
    """Take PERSONA (an id or PLATFORM:HANDLE) out of its customer into a new one."""
    from pipelines.identity import parse_persona_ref, split_persona

    new = _identity_action(
        obj, lambda s: split_persona(s, parse_persona_ref(s, persona).id, agent).id
    )
    click.echo(f"persona {persona} is now customer {new}")


@customers.command("confirm")
@click.argument("link_id", type=int)
@agent_option
@pass_obj
def customers_confirm(obj: Obj, link_id: int, agent: str) -> None:
    """Confirm a proposed link: its two personas become one customer."""
    from pipelines.identity import confirm_link

    _identity_action(obj, lambda s: confirm_link(s, obj.settings, link_id, agent))
    click.echo(f"link {link_id} confirmed")


@customers.command("reject")
@click.argument("link_id", type=int)
@agent_option
@pass_obj
def customers_reject(obj: Obj, link_id: int, agent: str) -> None:
    """Reject a proposed link; it never joins its personas."""
    from pipelines.identity import reject_link

    _identity_action(obj, lambda s: reject_link(s, link_id, agent))
    click.echo(f"link {link_id} rejected")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--status", default=None, help="Only tickets with this status.")
@pass_obj
def tickets(obj: Obj, as_json: bool, status: str | None) -> None:
    """List tickets with their posts from every channel in time order."""
    from pipelines.tickets import tickets_view

    with obj.db.session() as s:
        rows = tickets_view(s, status)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for t in rows:
        click.echo(f"ticket {t['id']} customer {t['customer_id']} {t['status']} "
                   f"({', '.join(t['channels'])})")  # fmt: skip
        for p in t["posts"]:
            click.echo(f"  {p['created_at'][:16]} {p['channel']:<8} mention {p['mention_id']}")


@click.command()
@click.option("--customer", "customer_id", type=int, default=None, help="Forget this customer.")
@click.option("--persona", default=None, help="Forget this persona (PLATFORM:HANDLE or id).")
@click.option("--expired", is_flag=True, help="Forget mentions past [identity] retention_days.")
@click.option(
    "--lift",
    default=None,
    metavar="PLATFORM:HANDLE",
    help="Let a forgotten account (or crm:ID) be collected again: remove its tombstone.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@agent_option
@pass_obj
def forget(obj: Obj, customer_id: int | None, persona: str | None, expired: bool,
           lift: str | None, as_json: bool, agent: str) -> None:  # fmt: skip
    """Delete a customer or persona with their posts, replies, links and index vectors."""
    from indexer.forget import run_forget
    from pipelines.forget import forget_customer, forget_expired, forget_persona, lift_tombstone

    given = (customer_id, persona, expired, lift)
    if sum(x is not None and x is not False for x in given) != 1:
        raise click.ClickException("give exactly one of --customer, --persona, --expired, --lift")
    if lift is not None:
        with obj.db.session() as s:
            lift_tombstone(s, obj.settings, lift, agent)
        click.echo(json.dumps({"tombstones_lifted": 1}) if as_json else "tombstone lifted")
        return
    if customer_id is not None:
        cid = customer_id
        action: Callable[[Any], Any] = lambda s: forget_customer(s, obj.settings, cid, agent)  # noqa: E731
    elif persona is not None:
        ref = persona
        action = lambda s: forget_persona(s, obj.settings, ref, agent)  # noqa: E731
    else:
        action = lambda s: forget_expired(s, obj.settings, agent)  # noqa: E731
    out = run_forget(obj.db, obj.settings, action)
    click.echo(json.dumps(out.counts) if as_json else "forgotten: " + format_counts(out.counts))
