"""What the shared YouTube quota count costs each API call: the time of one charge
(pipelines.quota.QuotaLedger.spend, one transaction) on SQLite and on PostgreSQL, with one
crawler process and with several charging at once, and a check that the units granted add up to
the budget exactly (none granted twice, none past it).

    python bench/quota_ledger.py [--charges 400] [--processes 1 4] [--postgres URL]

``--postgres`` takes a server URL (postgresql+psycopg://postgres@127.0.0.1:5432/test): a
database of its own is created there and dropped afterwards. Without it only SQLite is measured.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from web import pg_database  # noqa: E402  (bench/web.py: a fresh PostgreSQL database)

DAY = "2026-12-02"


def _charge(args: tuple[str, str, int, int]) -> tuple[list[float], list[int]]:
    """One crawler process: ``n`` charges of 1 unit; each charge's seconds, the totals granted."""
    from config import load_settings
    from pipelines.models.db import Database
    from pipelines.quota import QuotaLedger

    home, url, n, budget = args
    db = Database(load_settings(home=home, database_url=url))
    ledger = QuotaLedger(db)
    times, granted = [], []
    try:
        for _ in range(n):
            start = time.perf_counter()
            total = ledger.spend("bench", DAY, 1, 1, budget)
            times.append(time.perf_counter() - start)
            if total is not None:
                granted.append(total)
    finally:
        db.dispose()
    return times, granted


def measure(home: str, url: str, charges: int, processes: int) -> dict[str, float]:
    from config import load_settings
    from pipelines.models.db import Database
    from pipelines.models.records import YouTubeQuota

    db = Database(load_settings(home=home, database_url=url))
    db.init()
    with db.session() as s:
        s.query(YouTubeQuota).delete()
    budget = charges * processes * 3 // 4  # a quarter of the attempts are refused
    ctx = multiprocessing.get_context("spawn")
    start = time.perf_counter()
    with ctx.Pool(processes) as pool:
        results = pool.map(_charge, [(home, url, charges, budget)] * processes)
    wall = time.perf_counter() - start
    times = [t for ts, _ in results for t in ts]
    granted = sorted(g for _, gs in results for g in gs)
    with db.session() as s:
        spent = s.get(YouTubeQuota, ("bench", DAY)).units
    db.dispose()
    return {
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": statistics.quantiles(times, n=20)[18] * 1000,
        "wall_s": wall,
        "exact": granted == list(range(1, budget + 1)) and spent == budget,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--charges", type=int, default=400, help="charges per process")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--postgres", default="", help="a PostgreSQL server URL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("sqlite", f"sqlite:///{tmp}/bench.db", None)]
        if args.postgres:
            url, drop = pg_database(args.postgres)
            targets.append(("postgresql", url, drop))
        try:
            for name, url, _ in targets:
                for n in args.processes:
                    r = measure(tmp, url, args.charges, n)
                    print(
                        f"{name}: {n} process(es) x {args.charges} charges: median "
                        f"{r['median_ms']:.2f} ms, p95 {r['p95_ms']:.2f} ms a charge, "
                        f"{r['wall_s']:.1f} s in all; every unit granted once, none past "
                        f"the budget: {r['exact']}"
                    )
        finally:
            for _, _, drop in targets:
                if drop is not None:
                    drop()  # type: ignore[operator]


if __name__ == "__main__":
    main()
