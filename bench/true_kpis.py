"""The triage scenario's true tickets stored and measured by `listenpost kpis`' own code: a check
that, given the right tickets, the KPI code gives every figure of truth.json. Beside it, the
same with every matter of a person whose accounts nothing links (label ``link`` "none", kept in
truth.json as one ticket per account, as any tool that never guesses an identity keeps them)
held as one ticket: what the KPIs would be were those people known.

    python bench/true_kpis.py [--json]

Prints the nine KPI fields against truth.json for both, as bench/triage.py scores them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data" / "triage"
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from sqlalchemy import select  # noqa: E402
from triage_metrics import kpi_errors  # noqa: E402

from config.settings import load_settings  # noqa: E402
from pipelines.models import Mention, Ticket  # noqa: E402
from pipelines.models.db import Database  # noqa: E402
from pipelines.tickets import update_facts  # noqa: E402
from webapp.kpi_queries import measure, summary  # noqa: E402


def _at(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def _jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]


def unlinkable(posts: list[dict], labels: dict[str, dict]) -> set[str]:
    """Matters written from two accounts of one person that no evidence links."""
    accounts: dict[str, set[tuple[str, str]]] = {}
    for p in posts:
        lab = labels[p["id"]]
        if lab["matter"] and not p["by_brand"] and lab.get("link") == "none":
            accounts.setdefault(lab["matter"], set()).add((p["platform"], p["author"]))
    return {m for m, acc in accounts.items() if len(acc) > 1}


def true_ticket_kpis(db: Database, merged: bool = False) -> dict[str, Any]:
    """Store the scenario with its true tickets (``merged``: the matters of people nothing
    links one ticket each, not one per account), roles and needs_reply; the ticket times as the
    tickets stage writes them; the KPIs scored against truth.json."""
    posts = _jsonl("mentions.jsonl")
    labels = {row["id"]: row for row in _jsonl("labels.jsonl")}
    truth = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))
    split = set() if merged else unlinkable(posts, labels)

    def key(p: dict) -> str:
        matter = labels[p["id"]]["matter"]
        return f"{matter}:{p['platform']}:{p['author']}" if matter in split else matter

    with db.session() as s:
        tickets: dict[str, Ticket] = {}
        rows = {}
        for p in posts:
            lab, customer = labels[p["id"]], not p["by_brand"]
            ticket = None
            if customer and lab["matter"]:
                ticket = tickets.get(key(p))
                if ticket is None:
                    ticket = tickets[key(p)] = Ticket(status="open")
                    s.add(ticket)
                    s.flush()
            rows[p["id"]] = Mention(
                platform=p["platform"], source_id=p["id"], thread_id=p["thread_id"],
                parent_id=p.get("parent_id"), author=p["author"], title=p.get("title"),
                text=p["text"], lang=p["lang"], created_at=_at(p["created_at"]),
                by_brand=p["by_brand"], content_hash=hashlib.sha256(p["id"].encode()).hexdigest(),
                role=lab["role"] if customer else None,
                needs_reply=lab["needs_reply"] if customer else None,
                ticket_id=ticket.id if ticket is not None else None,
            )  # fmt: skip
            s.add(rows[p["id"]])
        s.flush()
        for p in posts:
            if labels[p["id"]]["duplicate_of"]:
                rows[p["id"]].duplicate_of_id = rows[labels[p["id"]]["duplicate_of"]].id
        s.flush()
        for ticket in tickets.values():
            own = list(s.scalars(select(Mention).where(Mention.ticket_id == ticket.id)))
            update_facts(s, ticket, own, 60)
        s.flush()
        measured = summary(measure(s, truth["kpis"]["days"], _at(truth["reference"])))
    return kpi_errors(measured, truth["kpis"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    posts = _jsonl("mentions.jsonl")
    labels = {row["id"]: row for row in _jsonl("labels.jsonl")}
    out: dict[str, Any] = {"unlinkable_matters": sorted(unlinkable(posts, labels))}
    for name, merged in (("true_tickets", False), ("unlinkable_merged", True)):
        with tempfile.TemporaryDirectory(prefix="listenpost-kpis-") as home:
            db = Database(load_settings(home=home))
            db.init()
            try:
                out[name] = true_ticket_kpis(db, merged)
            finally:
                db.dispose()
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"matters of people no evidence links: {', '.join(out['unlinkable_matters']) or 'none'}")
    for name in ("true_tickets", "unlinkable_merged"):
        res = out[name]
        print(f"{name}: {res['exact']} of {res['fields']} exact")
        for field, d in res["detail"].items():
            print(
                f"  {field:32} {d['measured']!s:>10}  truth {d['truth']!s:>10}  error {d['error']}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
