"""Hostile or careless input at the command line: every good line lands, every bad one is one
skip line naming file and line, the command exits 3, and nothing stored breaks a later run."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from config import load_settings
from crawlers.items import MAX_TEXT
from pipelines.models import KnowledgeDoc
from pipelines.models import Mention as MentionRow
from pipelines.models.db import Database
from tests.helpers import write_jsonl
from webapp.cli import main

POST = {"platform": "reddit", "author": "maria_q", "lang": "en"}


def _rows(cli: CliRunner) -> dict[str, dict]:
    result = cli.invoke(main, ["mentions", "--json"])
    assert result.exit_code == 0, result.output
    return {m["source_id"]: m for m in json.loads(result.stdout)}


def test_dates_out_of_range_are_skipped_alone(cli: CliRunner, tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "m.jsonl",
        [
            {**POST, "id": "a", "text": "billed twice", "created_at": "2026-11-18T10:00:00Z"},
            {"id": "b"},
            {**POST, "id": "c", "text": "still billed", "created_at": "0001-01-01T00:00:00Z"},
            {**POST, "id": "d", "text": "router down", "created_at": "9999-12-31T23:59:59Z"},
            {**POST, "id": "e", "text": "no signal", "created_at": "9999-12-31T23:59:59-14:00"},
            {**POST, "id": "f", "text": "app crashes", "created_at": "2026-11-19T10:00:00Z"},
        ],
    )
    result = cli.invoke(main, ["import", "mentions", str(path), "--json"])
    assert result.exit_code == 3, result.output
    assert json.loads(result.stdout)["new"] == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "skipped m.jsonl:2: missing field 'platform'"
    assert [line.split(": ", 1)[0] for line in lines[1:]] == [
        "skipped m.jsonl:3",
        "skipped m.jsonl:4",
        "skipped m.jsonl:5",
    ]
    assert all("field 'created_at': " in ln and "out of range" in ln for ln in lines[1:])
    assert set(_rows(cli)) == {"a", "f"}


def test_a_clean_import_exits_0(cli: CliRunner, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "m.jsonl", [{**POST, "id": "a", "text": "billed twice"}])
    assert cli.invoke(main, ["import", "mentions", str(path)]).exit_code == 0


@pytest.mark.parametrize("stored", [datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59)])
def test_a_stored_date_out_of_range_does_not_break_later_imports(
    cli: CliRunner, tmp_path: Path, stored: datetime
) -> None:
    first = write_jsonl(
        tmp_path / "a.jsonl",
        [{**POST, "id": "a", "text": "Nubefon billed me twice this month, fix it",
          "created_at": "2026-11-18T10:00:00Z"}],
    )  # fmt: skip
    assert cli.invoke(main, ["import", "mentions", str(first)]).exit_code == 0
    assert _rows(cli)["a"]["ticket_id"] is not None
    db = Database(load_settings())
    with db.session() as s:  # a row stored before dates were bounded
        s.execute(update(MentionRow).values(created_at=stored))
    db.dispose()
    later = write_jsonl(
        tmp_path / "b.jsonl",
        [{**POST, "id": "b", "text": "Nubefon billed me twice again, still not fixed",
          "created_at": "2026-11-19T10:00:00Z"}],
    )  # fmt: skip
    for _ in range(2):
        result = cli.invoke(main, ["import", "mentions", str(later)])
        assert result.exit_code == 0, result.output
    rows = _rows(cli)
    assert rows["b"]["ticket_id"] is not None
    assert cli.invoke(main, ["triage", "refresh"]).exit_code == 0
    assert cli.invoke(main, ["tickets", "--json"]).exit_code == 0


def test_a_huge_line_keeps_a_marked_raw_and_cut_text(cli: CliRunner, tmp_path: Path) -> None:
    text = "my router keeps dropping " * 200_000  # 5 MB
    path = write_jsonl(tmp_path / "m.jsonl", [{**POST, "id": "big", "text": text}])
    assert cli.invoke(main, ["import", "mentions", str(path)]).exit_code == 0
    db = Database(load_settings())
    with db.session() as s:
        row = s.scalars(select(MentionRow)).one()
        assert len(row.text) == MAX_TEXT - 1  # cut, then the trailing space stripped
        assert row.raw == {
            "truncated": True,
            "bytes": len(json.dumps({**POST, "id": "big", "text": text}).encode()),
            "keys": ["platform", "author", "lang", "id", "text"],
        }
    db.dispose()


LONG = [
    {**POST, "id": "long-author", "author": "a" * 300, "text": "billed twice"},
    {**POST, "id": "x" * 256, "text": "id too long"},
    {**POST, "id": "nul-thread", "thread_id": "t\u0000", "text": "NUL in an id"},
    {**POST, "id": "surrogate", "text": "broken \ud800 text"},
]
KB_LONG = [
    {"id": "kb-1", "title": "Reset", "body": "Hold 10 s", "category": "c" * 100},
    {"id": "kb-2", "title": "Factura", "body": "Cómo leerla", "lang": "x" * 17},
]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_cli(request: pytest.FixtureRequest, cli: CliRunner, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    if request.param == "postgres":
        monkeypatch.setenv("LISTENPOST_DATABASE_URL", request.getfixturevalue("pg_url"))
    return cli


def test_values_past_their_columns_on_both_databases(any_cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in LONG) + "\n", encoding="utf-8")
    result = any_cli.invoke(main, ["import", "mentions", str(path), "--json"])
    assert result.exit_code == 3, result.output
    assert result.stderr.splitlines() == [
        "skipped m.jsonl:2: field 'source_id': longer than 255 characters",
        "skipped m.jsonl:3: field 'thread_id': contains a control character",
    ]
    rows = _rows(any_cli)
    assert set(rows) == {"long-author", "surrogate"}
    assert rows["long-author"]["author"] == "a" * 255
    assert rows["surrogate"]["text"] == "broken \ufffd text"
    kb = write_jsonl(tmp_path / "kb.jsonl", KB_LONG)
    result = any_cli.invoke(main, ["kb", "import", str(kb)])
    assert result.exit_code == 3, result.output
    assert result.stderr == "skipped kb.jsonl:2: field 'lang': longer than 16 characters\n"
    db = Database(load_settings())
    with db.session() as s:
        doc = s.scalars(select(KnowledgeDoc)).one()
        assert doc.category == "c" * 64
    db.dispose()


CRM_HEADER = "customer_id,name,email,reddit,youtube,forum\n"


def test_crm_rows_past_their_columns_are_skipped(any_cli: CliRunner, tmp_path: Path) -> None:
    csv = tmp_path / "crm.csv"
    csv.write_text(
        CRM_HEADER + "C-1,Ana,,ana_r,,\n" + f"C-2,{'n' * 256},,,,\n" + f"C-3,Bo,,{'h' * 256},,\n"
        "C-4,Cy\x01,,,,\n",
        encoding="utf-8",
    )
    result = any_cli.invoke(main, ["customers", "import", str(csv), "--json"])
    assert result.exit_code == 3, result.output
    assert json.loads(result.stdout)["customers"] == 1
    assert result.stderr.splitlines() == [
        "skipped line 3: field 'name' is longer than 255 characters",
        "skipped line 4: field 'reddit' is longer than 255 characters",
        "skipped line 5: field 'name' contains a control character",
    ]


def test_a_crm_file_that_is_not_utf8_is_one_line(cli: CliRunner, tmp_path: Path) -> None:
    csv = tmp_path / "crm.csv"
    csv.write_bytes(CRM_HEADER.encode() + b"C-1,Ana,,,,\nC-2,\xe9l\xe8ve,,,,\n")
    result = cli.invoke(main, ["customers", "import", str(csv)])
    assert result.exit_code == 1
    assert result.output == "Error: crm.csv:3: not valid UTF-8\n"


def test_dates_read_back_clamped_by_kind(db: Database) -> None:
    from datetime import timedelta

    from crawlers.items import utcnow
    from pipelines.models import Customer, Ticket

    due = utcnow() + timedelta(days=3)  # a deadline may lie days ahead: kept as it is
    with db.session() as s:
        customer = Customer()
        s.add(customer)
        s.flush()
        s.add(Ticket(customer_id=customer.id, status="open", sla_due_at=due))
        s.add(Ticket(customer_id=customer.id, status="open", sla_due_at=datetime(9999, 12, 31)))
    with db.session() as s:
        kept, far = s.scalars(select(Ticket.sla_due_at).order_by(Ticket.id)).all()
    assert kept == due
    assert far.year == 9000  # far enough for any arithmetic: + timedelta never overflows
    assert far + timedelta(days=365) > far
