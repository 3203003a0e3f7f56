"""The YouTube quota ledger (pipelines.quota): one count per API key and Pacific-time day that
refuses a charge past the budget, keeps keys and days apart, and never hands one unit to two
crawlers charging at the same moment."""

from __future__ import annotations

import threading

from pipelines.models.db import Database
from pipelines.quota import QuotaLedger


def test_charges_add_up_until_the_budget_refuses(any_db: Database) -> None:
    ledger = QuotaLedger(any_db)
    assert ledger.spent("k1", "2026-12-02") == 0
    assert ledger.spend("k1", "2026-12-02", 100, 101, 250) == 100
    assert ledger.spend("k1", "2026-12-02", 100, 101, 250) == 200
    assert ledger.spend("k1", "2026-12-02", 1, 51, 250) is None  # 200 + 51 > 250: nothing added
    assert ledger.spend("k1", "2026-12-02", 50, 50, 250) == 250
    assert ledger.spent("k1", "2026-12-02") == 250
    # another key and another day have budgets of their own
    assert ledger.spend("k2", "2026-12-02", 100, 100, 250) == 100
    assert ledger.spend("k1", "2026-12-03", 100, 100, 250) == 100
    # the API said the quota is spent: the day counts as spent, never lowered
    ledger.exhaust("k2", "2026-12-02", 250)
    assert ledger.spent("k2", "2026-12-02") == 250
    ledger.exhaust("k1", "2026-12-02", 200)
    assert ledger.spent("k1", "2026-12-02") == 250
    ledger.exhaust("k3", "2026-12-02", 250)  # a day with no charge yet
    assert ledger.spend("k3", "2026-12-02", 1, 1, 250) is None


def test_crawlers_charging_at_once_never_share_a_unit(any_db: Database) -> None:
    ledger = QuotaLedger(any_db)
    budget, granted, errors = 150, [], []
    start = threading.Barrier(6)

    def charge() -> None:
        try:
            start.wait()
            for _ in range(40):
                total = ledger.spend("k", "2026-12-02", 1, 1, budget)
                if total is not None:
                    granted.append(total)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=charge) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    # 240 attempts, 150 granted: each total handed out once, the ledger at the budget
    assert sorted(granted) == list(range(1, budget + 1))
    assert ledger.spent("k", "2026-12-02") == budget
