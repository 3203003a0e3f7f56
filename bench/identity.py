"""Pairwise precision and recall of identity linking at the configured threshold.

Reads the labelled set written for the project (bench/data/identity_personas.jsonl and
identity_crm.csv, made by bench/make_identity_set.py), imports the CRM file, runs every post
through the real pipeline chain on a fresh SQLite database, and compares, for every pair of
personas, "same customer" with "same person". A wrong merge shows one customer's posts to another,
so precision matters most (target 1.0); recall target >= 0.8. Every person belongs to one half of
the set ("tune" or "test", by a hash of its id): thresholds are chosen on the tune half and
reported on the test half; the whole set's figures count every pair.

Run: python bench/identity.py [--threshold 0.9] [--config FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from config import load_settings  # noqa: E402
from crawlers.items import Mention  # noqa: E402
from pipelines.chain import Chain  # noqa: E402
from pipelines.identity import find_persona, import_customers  # noqa: E402
from pipelines.models import PersonaLink  # noqa: E402
from pipelines.models.db import Database  # noqa: E402

DATA = Path(__file__).with_name("data")


def run(threshold: float | None, config: str | None) -> dict:
    personas = [json.loads(line) for line in (DATA / "identity_personas.jsonl").open()]
    crm = (DATA / "identity_crm.csv").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as home:
        overrides = {"home": home}
        if threshold is not None:
            overrides["identity"] = {"threshold": threshold}
        settings = load_settings(config, **overrides)
        db = Database(settings)
        db.init()
        started = time.perf_counter()
        with db.session() as s:
            import_customers(s, settings, crm, actor="bench")
        posts = sorted(
            ((post["created_at"], rec, post) for rec in personas for post in rec["posts"]),
            key=lambda x: x[0],
        )
        with Chain(settings, db) as chain:
            for created, rec, post in posts:
                chain.process(
                    Mention(platform=rec["platform"], source_id=post["id"], author=rec["handle"],
                            text=post["text"],
                            created_at=datetime.fromisoformat(created.replace("Z", "+00:00")))
                )  # fmt: skip
        elapsed = time.perf_counter() - started
        with db.session() as s:
            customer = {}
            for rec in personas:
                p = find_persona(s, rec["platform"], rec["handle"])
                customer[(rec["platform"], rec["handle"])] = p.customer_id if p else None
            links = Counter((link.evidence, link.status) for link in s.scalars(select_links()))
        db.dispose()
    scores = {half: score(personas, customer, half) for half in ("tune", "test", None)}
    overall = scores.pop(None)
    return {
        "threshold": settings.identity.threshold,
        "personas": len(personas),
        "people": len({p["person"] for p in personas}),
        **overall,
        "halves": scores,
        "links": {f"{e}/{s}": n for (e, s), n in sorted(links.items())},
        "seconds": round(elapsed, 1),
    }


def half_of(person: str) -> str:
    """Each person's half of the set, by a hash of its id: thresholds are chosen on "tune" and
    reported on "test" (pairs across the halves count only in the whole)."""
    return ("tune", "test")[hashlib.sha256(person.encode()).digest()[0] % 2]


def score(personas: list[dict], customer: dict, half: str | None) -> dict:
    tp = fp = fn = 0
    wrong: list[str] = []
    by_group: dict[str, list[int]] = {}
    chosen = [p for p in personas if half is None or half_of(p["person"]) == half]
    for a, b in combinations(chosen, 2):
        same_person = a["person"] == b["person"]
        ca, cb = customer[(a["platform"], a["handle"])], customer[(b["platform"], b["handle"])]
        same_customer = ca is not None and ca == cb
        tp += same_person and same_customer
        fp += (not same_person) and same_customer
        fn += same_person and not same_customer
        if same_person:
            counts = by_group.setdefault(a["group"], [0, 0])
            counts[0] += same_customer
            counts[1] += 1
        if same_person != same_customer:
            kind = "merged, different people" if same_customer else "missed, one person"
            wrong.append(f"{kind}: {a['platform']}:{a['handle']} ({a['person']}) / "
                         f"{b['platform']}:{b['handle']} ({b['person']})")  # fmt: skip
    return {
        "personas_in_half": len(chosen),
        "true_pairs": tp + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 1.0,
        "recall_by_group": {
            g: f"{found}/{total}" for g, (found, total) in sorted(by_group.items())
        },
        "wrong": sorted(wrong),
    }


def select_links():  # noqa: ANN201
    from sqlalchemy import select

    return select(PersonaLink)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=None, help="override [identity]")
    parser.add_argument("--config", default=None, help="a listenpost TOML file")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--explain", action="store_true", help="list the wrong pairs")
    args = parser.parse_args()
    result = run(args.threshold, args.config)
    if args.json:
        print(json.dumps(result))
        return
    print(f"identity linking on {result['personas']} personas of {result['people']} people "
          f"(threshold {result['threshold']})")  # fmt: skip
    print(f"  pairs: {result['true_pairs']} true, tp {result['tp']}, fp {result['fp']}, "
          f"fn {result['fn']}")  # fmt: skip
    print(f"  precision {result['precision']:.3f} (target 1.0)")
    print(f"  recall    {result['recall']:.3f} (target >= 0.80)")
    for half, s in result["halves"].items():
        print(f"  {half} half ({s['personas_in_half']} personas, {s['true_pairs']} true pairs): "
              f"precision {s['precision']:.3f}, recall {s['recall']:.3f} "
              f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")  # fmt: skip
    print("  recall by how the set's people can be linked: "
          + ", ".join(f"{g} {v}" for g, v in result["recall_by_group"].items()))  # fmt: skip
    print("  links: " + ", ".join(f"{k} {v}" for k, v in result["links"].items()))
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"  {result['seconds']} s for the CRM import and every post through the chain "
          f"(load average {load})")  # fmt: skip
    if args.explain:
        print("\n".join(result["wrong"]))


if __name__ == "__main__":
    main()
