"""The matter rule (pipelines.tickets.matter_ids) on the triage scenario's true tickets and
roles (bench/data/triage): for every labelled ticket, which of its customer posts the rule puts
in the matter, against the labels' ``is_matter``. The grouping and the roles are the labels', so
this measures the rule alone. The word limits of pipelines.tickets (MIN_MATTER_WORDS,
FOLLOW_UP_MAX_WORDS) were picked on the ``tune`` split; ``test`` is the report.

    python bench/matter.py [--sweep]
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "triage"
sys.path.insert(0, str(ROOT))

import pipelines.tickets as tickets  # noqa: E402


class Post:
    def __init__(self, record: dict, label: dict) -> None:
        self.id = record["id"]
        self.text = record["text"]
        self.created_at = datetime.fromisoformat(record["created_at"].replace("Z", "+00:00"))
        self.role = label["role"]
        self.by_brand = label["by_brand"]
        self.is_complaint = None


def load() -> tuple[dict, dict]:
    def read(name: str) -> dict:
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
        return {r["id"]: r for r in map(json.loads, filter(None, lines))}

    return read("labels.jsonl"), read("mentions.jsonl")


def score(labels: dict, posts: dict, split: str) -> dict:
    groups: dict[str, list[Post]] = {}
    for i, lab in labels.items():
        if lab["matter"] and not lab["by_brand"] and split in ("all", lab["split"]):
            groups.setdefault(lab["matter"], []).append(Post(posts[i], lab))
    tp = fp = fn = tn = 0
    for group in groups.values():
        got = set(tickets.matter_ids(group))
        for p in group:
            want, have = labels[p.id]["is_matter"], p.id in got
            tp, fp = tp + (want and have), fp + (have and not want)
            fn, tn = fn + (want and not have), tn + (not want and not have)
    return {
        "split": split,
        "tickets": len(groups),
        "matter_posts": tp + fn,
        "follow_ups": fp + tn,
        "accuracy": round((tp + tn) / max(tp + tn + fp + fn, 1), 3),
        "precision": round(tp / max(tp + fp, 1), 3),
        "recall": round(tp / max(tp + fn, 1), 3),
    }


def main() -> None:
    labels, posts = load()
    if "--sweep" in sys.argv:
        for low in (2, 3, 4, 5, 6):
            for high in (12, 16, 20, 25, 30):
                tickets.MIN_MATTER_WORDS, tickets.FOLLOW_UP_MAX_WORDS = low, high
                print(low, high, json.dumps(score(labels, posts, "tune")))
        return
    for split in ("tune", "test", "all"):
        print(json.dumps(score(labels, posts, split)))


if __name__ == "__main__":
    main()
