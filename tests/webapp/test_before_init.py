"""Commands before `listenpost init`: the ones that only read say so in one line and create
nothing; init, the imports and the crawls create the database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.engine import make_url

from tests.helpers import write_jsonl
from webapp.cli import main

READERS = [
    ["mentions"],
    ["mentions", "--json"],
    ["tickets", "--json"],
    ["customers"],
    ["gaps"],
    ["suggest", "1"],
    ["suggest", "--ticket", "1"],
    ["kpis"],
    ["index"],
    ["index", "check"],
    ["sources"],
    ["triage", "refresh"],
    ["publish"],
    ["serve", "--port", "0"],
    ["forget", "--expired"],
    ["customers", "merge", "1", "2"],
]


@pytest.mark.parametrize("args", READERS, ids=" ".join)
def test_a_command_before_init_says_so_and_creates_nothing(
    cli: CliRunner, home: Path, args: list[str]
) -> None:
    result = cli.invoke(main, args)
    assert result.exit_code == 1
    db = home.resolve() / "listenpost.db"
    assert result.output.splitlines() == [
        f"Error: no database at {db}: run 'listenpost init' first"
    ]
    assert not home.exists()


def test_a_database_file_without_the_schema_is_no_database(cli: CliRunner, home: Path) -> None:
    home.mkdir()
    sqlite3.connect(home / "listenpost.db").close()  # an empty file, no tables
    result = cli.invoke(main, ["mentions"])
    assert result.exit_code == 1 and "run 'listenpost init' first" in result.output
    with sqlite3.connect(home / "listenpost.db") as conn:
        assert conn.execute("select count(*) from sqlite_master").fetchone() == (0,)


def test_init_then_the_same_commands_answer(cli: CliRunner, home: Path) -> None:
    assert cli.invoke(main, ["init"]).exit_code == 0
    result = cli.invoke(main, ["mentions", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_an_import_creates_the_database(cli: CliRunner, home: Path, tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "m.jsonl", [{"id": "1", "platform": "other", "author": "a", "text": "t"}]
    )
    result = cli.invoke(main, ["import", "mentions", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["new"] == 1
    listed = json.loads(cli.invoke(main, ["mentions", "--json"]).stdout)
    assert [m["source_id"] for m in listed] == ["1"]


@pytest.mark.postgres
def test_postgresql_without_the_schema_is_no_database(
    cli: CliRunner, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LISTENPOST_DATABASE_URL", pg_url)
    result = cli.invoke(main, ["tickets", "--json"])
    assert result.exit_code == 1
    shown = make_url(pg_url).render_as_string(hide_password=True)
    assert result.output.splitlines() == [
        f"Error: no database at {shown}: run 'listenpost init' first"
    ]
    assert cli.invoke(main, ["init"]).exit_code == 0
    result = cli.invoke(main, ["tickets", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []
