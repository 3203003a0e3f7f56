"""`listenpost customers`, `tickets`, `forget` and the identity fields of `mentions --json`:
two posts by one person on two platforms, linked by each kind of evidence, are one customer and
one ticket; forgetting them leaves nothing in the database or the index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from config import load_settings
from indexer.embedder import load_embedder
from indexer.faiss_index import VectorIndex
from indexer.manifest import Manifest
from pipelines.models import AuditLog, Tombstone
from pipelines.models.db import Database
from tests.helpers import write_jsonl
from webapp.cli import main

ROUTER = "My NubeBox router drops the wifi every hour and support keeps closing my case"
AGAIN = "Still the same: the NubeBox router loses the wifi connection every single hour"

CASES = {
    "same_handle": ("maria_quintana88", "Maria_Quintana88", "", "", None),
    "self_reference": ("maria_q", "MQ Fixes", "", " I posted this on Reddit too, u/maria_q", None),
    "contact": ("kw_one", "Kettle W", " Order #NB-558812-22.", " My order 55881222 is lost.", None),
    "crm": ("maria_q", "MQ Fixes", "", "", "C-9,Maria,,maria_q,MQ Fixes,\n"),
}


def _json(result) -> object:  # noqa: ANN001
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _posts(tmp_path: Path, reddit: str, youtube: str, extra_r: str, extra_y: str) -> Path:
    return write_jsonl(
        tmp_path / "m.jsonl",
        [
            {"id": "r1", "platform": "reddit", "author": reddit, "text": ROUTER + extra_r,
             "created_at": "2026-11-18T10:00:00Z", "thread_id": "t3_x"},
            {"id": "y1", "platform": "youtube", "author": youtube, "text": AGAIN + extra_y,
             "created_at": "2026-11-18T14:00:00Z", "thread_id": "vid"},
            {"id": "f1", "platform": "forum", "author": "john",
             "text": "My dishwasher leaks on the floor", "created_at": "2026-11-18T11:00:00Z"},
        ],
    )  # fmt: skip


@pytest.mark.parametrize("evidence", list(CASES))
def test_two_platforms_one_customer_one_ticket_then_forgotten(
    cli: CliRunner, tmp_path: Path, home: Path, evidence: str
) -> None:
    reddit, youtube, extra_r, extra_y, crm = CASES[evidence]
    if crm:
        csv = tmp_path / "crm.csv"
        csv.write_text("customer_id,name,email,reddit,youtube,forum\n" + crm, encoding="utf-8")
        assert cli.invoke(main, ["customers", "import", str(csv)]).exit_code == 0
    path = _posts(tmp_path, reddit, youtube, extra_r, extra_y)
    assert cli.invoke(main, ["import", "mentions", str(path)]).exit_code == 0
    rows = {m["source_id"]: m for m in _json(cli.invoke(main, ["mentions", "--json"]))}
    r1, y1, f1 = rows["r1"], rows["y1"], rows["f1"]
    assert r1["customer_id"] is not None and r1["customer_id"] == y1["customer_id"]
    assert r1["ticket_id"] is not None and r1["ticket_id"] == y1["ticket_id"]
    assert f1["customer_id"] != r1["customer_id"] and f1["ticket_id"] != r1["ticket_id"]

    customers = _json(cli.invoke(main, ["customers", "--json"]))
    mine = next(c for c in customers if c["id"] == r1["customer_id"])
    assert {p["platform"] for p in mine["personas"]} == {"reddit", "youtube"}
    assert evidence in {link["evidence"] for link in mine["links"]}
    tickets = _json(cli.invoke(main, ["tickets", "--json"]))
    ticket = next(t for t in tickets if t["id"] == r1["ticket_id"])
    assert [p["channel"] for p in ticket["posts"]] == ["reddit", "youtube"]

    assert cli.invoke(main, ["index"]).exit_code == 0
    result = cli.invoke(main, ["forget", "--customer", str(r1["customer_id"]), "--json"])
    counts = _json(result)
    assert counts["mentions"] == 2 and counts["vectors_mentions"] == 2
    rows = _json(cli.invoke(main, ["mentions", "--json"]))
    assert [m["source_id"] for m in rows] == ["f1"]
    customers = _json(cli.invoke(main, ["customers", "--json"]))
    handles = {p["handle"] for c in customers for p in c["personas"]}
    assert reddit not in handles and youtube not in handles

    directory = home / "index"
    manifest = Manifest.load(directory, "mentions")
    index = VectorIndex.load(directory, "mentions", manifest.model, manifest.dim)
    assert index.ids() == {f1["id"]}
    vec = load_embedder("").encode([ROUTER], kind="query")
    assert [i for i, _ in index.search(vec, k=5)[0]] == [f1["id"]]
    raw = (home / "listenpost.db").read_bytes()
    assert b"NubeBox router" not in raw and reddit.encode() not in raw

    # forgetting sticks: the same posts again are dropped, the CRM row is skipped
    result = cli.invoke(main, ["import", "mentions", str(path), "--json"])
    assert _json(result)["dropped"] == 2
    rows = _json(cli.invoke(main, ["mentions", "--json"]))
    assert [m["source_id"] for m in rows] == ["f1"]
    if crm:
        result = cli.invoke(main, ["customers", "import", str(csv)])
        assert result.exit_code == 0
        assert result.stderr.strip() == "skipped line 2: a forgotten customer, not imported"
        assert "Maria" not in result.output and reddit not in result.output
        customers = _json(cli.invoke(main, ["customers", "--json"]))
        assert all(c["external_id"] != "C-9" for c in customers)


def test_a_lifted_tombstone_lets_that_account_back(
    cli: CliRunner, tmp_path: Path, home: Path
) -> None:
    path = _posts(tmp_path, "maria_quintana88", "Maria_Quintana88", "", "")
    assert cli.invoke(main, ["import", "mentions", str(path)]).exit_code == 0
    rows = {m["source_id"]: m for m in _json(cli.invoke(main, ["mentions", "--json"]))}
    assert cli.invoke(main, ["forget", "--customer", str(rows["r1"]["customer_id"])]).exit_code == 0
    assert _json(cli.invoke(main, ["import", "mentions", str(path), "--json"]))["dropped"] == 2

    # the handle written another way is the same account; only the Reddit one is lifted
    result = cli.invoke(main, ["forget", "--lift", "reddit:u/Maria_Quintana88", "--agent", "ana"])
    assert result.exit_code == 0, result.output
    assert result.output == "tombstone lifted\n"
    result = cli.invoke(main, ["import", "mentions", str(path), "--json"])
    assert _json(result)["dropped"] == 1  # the YouTube account is still forgotten
    rows = {m["source_id"] for m in _json(cli.invoke(main, ["mentions", "--json"]))}
    assert rows == {"r1", "f1"}

    again = cli.invoke(main, ["forget", "--lift", "reddit:maria_quintana88"])
    assert again.exit_code == 1 and "not forgotten" in again.output
    db = Database(load_settings(home=str(home)))
    try:
        with db.session() as s:
            lifted = s.scalars(select(AuditLog).where(AuditLog.action == "lift_tombstone")).all()
            assert [a.actor for a in lifted] == ["ana"]
            assert "maria" not in f"{lifted[0].target_id} {lifted[0].detail}".lower()
            assert s.scalar(select(func.count(Tombstone.id))) == 1  # the YouTube account's
    finally:
        db.dispose()


def test_agent_commands_split_merge_confirm(cli: CliRunner, tmp_path: Path) -> None:
    # the same handle on two platforms about two matters: a proposed link only (the same
    # matter asked twice would be evidence enough to link it on its own)
    path = _posts(tmp_path, "dkowalski", "dkowalski", "", "")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows[1]["text"] = "How do I see how much mobile data is left this month in the Nubefon app?"
    write_jsonl(path, rows)
    assert cli.invoke(main, ["import", "mentions", str(path)]).exit_code == 0
    customers = _json(cli.invoke(main, ["customers", "--json"]))
    link = next(link for c in customers for link in c["links"])
    assert link["status"] == "proposed"
    result = cli.invoke(main, ["customers", "confirm", str(link["id"]), "--agent", "ana"])
    assert result.exit_code == 0, result.output
    rows = _json(cli.invoke(main, ["mentions", "--json"]))
    by_id = {m["source_id"]: m for m in rows}
    assert by_id["r1"]["customer_id"] == by_id["y1"]["customer_id"]

    result = cli.invoke(main, ["customers", "split", "youtube:dkowalski", "--agent", "ana"])
    assert result.exit_code == 0, result.output
    by_id = {m["source_id"]: m for m in _json(cli.invoke(main, ["mentions", "--json"]))}
    a, b = by_id["r1"]["customer_id"], by_id["y1"]["customer_id"]
    assert a != b and by_id["r1"]["ticket_id"] != by_id["y1"]["ticket_id"]

    result = cli.invoke(main, ["customers", "merge", str(a), str(b), "--agent", "ana"])
    assert result.exit_code == 0, result.output
    by_id = {m["source_id"]: m for m in _json(cli.invoke(main, ["mentions", "--json"]))}
    assert by_id["r1"]["customer_id"] == by_id["y1"]["customer_id"]

    listing = cli.invoke(main, ["customers"])
    assert "reddit:dkowalski" in listing.output and "confirmed" in listing.output


def test_user_mistakes_are_one_line_errors(cli: CliRunner, tmp_path: Path) -> None:
    for args in (
        ["customers", "split", "reddit:nobody"],
        ["customers", "confirm", "99"],
        ["customers", "merge", "1", "2"],
        ["forget"],
        ["forget", "--customer", "5", "--persona", "reddit:x"],
        ["forget", "--customer", "42"],
        ["forget", "--lift", "reddit:never_forgotten"],
        ["forget", "--lift", "no-platform-given"],
        ["forget", "--lift", "myspace:someone"],
    ):
        result = cli.invoke(main, args)
        assert result.exit_code == 1, args
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    bad = tmp_path / "crm.csv"
    bad.write_text("id,name\n1,x\n", encoding="utf-8")
    result = cli.invoke(main, ["customers", "import", str(bad)])
    assert result.exit_code == 1 and "header" in result.output
