"""`listenpost user add`, `listenpost token create` and `listenpost publish`: web app accounts,
API tokens and the outbox sent once. Registered in webapp/cli.py."""

from __future__ import annotations

import json
import sys

import click

from webapp.cli_common import Obj, format_counts, pass_obj


@click.group()
def user() -> None:
    """Web app accounts (roles: agent, knowledge, marketing, admin)."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["agent", "knowledge", "marketing", "admin"]),
              required=True)  # fmt: skip
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@pass_obj
def user_add(obj: Obj, name: str, role: str, password_stdin: bool) -> None:
    """Create the user NAME (or reset its role and password)."""
    from webapp.accounts import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with obj.db.session() as s:
        create_user(s, name, role, password)
    click.echo(f"user {name} ({role}) saved")


@click.group()
def token() -> None:
    """API tokens (send them as Authorization: Bearer TOKEN)."""


@token.command("create")
@click.argument("name")
@pass_obj
def token_create(obj: Obj, name: str) -> None:
    """Print a new API token for the user NAME (shown once; only its hash is stored)."""
    from webapp.accounts import create_token

    with obj.db.session() as s:
        value = create_token(s, name)
    click.echo(value)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_obj
def publish(obj: Obj, as_json: bool) -> None:
    """Send the queued replies of the outbox to their channels (failed ones again too)."""
    from webapp.publisher import publish_pending

    done = publish_pending(obj.settings, obj.db, retry_failed=True)
    click.echo(json.dumps(done) if as_json else format_counts(done))
