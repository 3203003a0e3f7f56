"""The KPIs' definitions against the triage scenario's true KPIs (bench/data/triage/README.md):
with the scenario's true tickets, roles and needs_reply stored, the ticket times written by the
tickets stage (pipelines.tickets.update_facts) and `listenpost kpis` (webapp.kpi_queries) give
every figure of truth.json exactly (within its rounding, as bench/triage.py scores it)."""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from pipelines.models import Mention, Ticket
from pipelines.models.db import Database
from pipelines.tickets import update_facts
from webapp.kpi_queries import measure, summary

BENCH = Path(__file__).resolve().parents[2] / "bench"
DATA = BENCH / "data" / "triage"
sys.path.insert(0, str(BENCH))

from triage_metrics import kpi_errors  # noqa: E402


def _at(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def _jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]


def test_true_tickets_give_the_true_kpis(db: Database) -> None:
    posts = _jsonl("mentions.jsonl")
    labels = {row["id"]: row for row in _jsonl("labels.jsonl")}
    truth = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))
    with db.session() as s:
        tickets = {}
        for t in truth["tickets"]:
            tickets[t["matter"]] = Ticket(status="open")
            s.add(tickets[t["matter"]])
        s.flush()
        rows = {}
        for p in posts:
            lab = labels[p["id"]]
            customer = not p["by_brand"]
            rows[p["id"]] = Mention(
                platform=p["platform"], source_id=p["id"], thread_id=p["thread_id"],
                parent_id=p.get("parent_id"), author=p["author"], title=p.get("title"),
                text=p["text"], lang=p["lang"], created_at=_at(p["created_at"]),
                by_brand=p["by_brand"], content_hash=hashlib.sha256(p["id"].encode()).hexdigest(),
                role=lab["role"] if customer else None,
                needs_reply=lab["needs_reply"] if customer else None,
                ticket_id=tickets[lab["matter"]].id if customer and lab["matter"] else None,
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
    scored = kpi_errors(measured, truth["kpis"])
    assert scored["exact"] == scored["fields"] == 9, scored["detail"]
