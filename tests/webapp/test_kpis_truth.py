"""The KPIs' definitions against the triage scenario's true KPIs (bench/data/triage/README.md):
with the scenario's true tickets, roles and needs_reply stored, the ticket times written by the
tickets stage (pipelines.tickets.update_facts) and `listenpost kpis` (webapp.kpi_queries) give
every figure of truth.json exactly (within its rounding, as bench/triage.py scores it)."""

from __future__ import annotations

import sys
from pathlib import Path

from pipelines.models.db import Database

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from kpi_ceiling import true_ticket_kpis  # noqa: E402


def test_true_tickets_give_the_true_kpis(db: Database) -> None:
    scored = true_ticket_kpis(db)
    assert scored["exact"] == scored["fields"] == 9, scored["detail"]


def test_a_matter_kept_apart_across_unlinked_accounts_changes_the_kpis(db: Database) -> None:
    """One matter written from two accounts, held as two tickets, resolves early on one of
    them: the resolution figures move (the scoring sees the difference)."""
    scored = true_ticket_kpis(db, {"m011"})
    assert scored["detail"]["resolution_hours.n"]["error"] == 1.0
