"""Labels and true KPIs of the triage scenario from its posts (definitions in
bench/data/triage/README.md). Used by bench/make_triage_set.py and bench/make_probe_set.py."""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

SLA_MINUTES = 60
KPI_DAYS = 30


def percentile(values: list[float], p: float) -> float | None:
    """Nearest rank: the smallest value with at least p% of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(p / 100 * len(ordered)))) - 1]


def _stamp(t: datetime | None) -> str | None:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ") if t else None


def _splits(posts: list[dict]) -> dict[str, str]:
    """tune/test by connected threads and people (no thread or person in both)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    for p in posts:
        union(p["id"], "t:" + p["thread_id"])
        person = p["_label"].get("person")
        if person and person != "brand":
            union(p["id"], "p:" + person)
    groups: dict[str, list[str]] = defaultdict(list)
    for p in posts:
        groups[find(p["id"])].append(p["id"])
    sizes = {"tune": 0, "test": 0}
    out = {}
    for members in sorted(groups.values(), key=lambda g: (-len(g), g[0])):
        split = "tune" if sizes["tune"] <= sizes["test"] else "test"
        sizes[split] += len(members)
        for m in members:
            out[m] = split
    return out


def labels_and_truth(
    posts: list[dict],
    ref: datetime,
    kb_id: Callable[[str, str], str],
    unlinked: frozenset[str] | set[str] = frozenset(),
) -> tuple[list[dict], dict[str, Any]]:
    """The labels of every post and the true tickets and KPIs; `kb_id(topic, lang)` names the
    world's own article of a topic. A matter of a person in ``unlinked`` (accounts on two
    channels that no evidence links) is one ticket per account."""

    by_id = {p["id"]: p for p in posts}
    brand_times: dict[str, list[datetime]] = defaultdict(list)
    for p in posts:
        if p["by_brand"]:
            brand_times[p["thread_id"]].append(p["_t"])

    def answer_time(p: dict) -> datetime | None:
        later = [t for t in brand_times[p["thread_id"]] if t > p["_t"]]
        own = min(later) if later else None
        orig = p["_label"].get("duplicate_of")
        if orig:
            other = answer_time(by_id[orig])
            own = min(t for t in (own, other) if t) if (own or other) else None
        return own

    splits = _splits(posts)
    labels = []
    for p in posts:
        lab = p["_label"]
        role = lab.get("role", "other")
        asks = role in ("complaint", "question") and not p["by_brand"]
        topic = lab.get("kb_topic")
        row = {
            "id": p["id"],
            "role": role,
            "needs_reply": bool(asks and answer_time(p) is None),
            "person": lab.get("person"),
            "matter": lab.get("matter"),
            "is_matter": bool(lab.get("is_matter", False)),
            "kb": kb_id(topic, p["lang"]) if topic and lab.get("is_matter") else None,
            "gap": lab.get("gap"),
            "split": splits[p["id"]],
            "by_brand": p["by_brand"],
            "duplicate_of": lab.get("duplicate_of"),
        }
        labels.append(row)
    lab_by_id = {row["id"]: row for row in labels}

    matters: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for p in posts:
        lab = lab_by_id[p["id"]]
        m = lab["matter"]
        if m and not p["by_brand"]:
            account = f"{p['platform']}:{p['author']}" if lab["person"] in unlinked else ""
            matters[(m, account)].append(p)
    tickets = []
    for (m, account), mposts in sorted(matters.items()):
        first = min(p["_t"] for p in mposts if lab_by_id[p["id"]]["is_matter"])
        threads = {p["thread_id"] for p in mposts}
        replies = sorted(t for th in threads for t in brand_times[th] if t > first)
        open_ = any(lab_by_id[p["id"]]["needs_reply"] for p in mposts)
        own = {p["id"] for p in mposts}
        last = max(
            p["_t"]
            for p in mposts
            if lab_by_id[p["id"]]["role"] != "praise"
            and lab_by_id[p["id"]]["duplicate_of"] not in own  # a copy in the same ticket
        )
        after = [t for t in replies if t > last]
        resolved = after[0] if after and not open_ else None
        tickets.append({
            "matter": m,
            **({"account": account} if account else {}),
            "split": lab_by_id[mposts[0]["id"]]["split"],
            "posts": [p["id"] for p in sorted(mposts, key=lambda p: p["_t"])],
            "first_post_at": first,
            "first_response_at": replies[0] if replies else None,
            "resolved_at": resolved,
            "replies_to_resolve": sum(1 for t in replies if resolved and t <= resolved),
        })  # fmt: skip
    truth = {"kpis": kpis(tickets, ref), "counts": counts(labels, posts, tickets)}
    truth["tickets"] = [
        {**t, "first_post_at": _stamp(t["first_post_at"]),
         "first_response_at": _stamp(t["first_response_at"]),
         "resolved_at": _stamp(t["resolved_at"])}
        for t in tickets
    ]  # fmt: skip
    return labels, truth


def kpis(tickets: list[dict], ref: datetime) -> dict[str, Any]:
    since = ref - timedelta(days=KPI_DAYS)
    tickets = [t for t in tickets if t["first_post_at"] >= since]
    frt = [(t["first_response_at"] - t["first_post_at"]).total_seconds() / 60
           for t in tickets if t["first_response_at"]]  # fmt: skip
    resolved = [t for t in tickets if t["resolved_at"]]
    res = [(t["resolved_at"] - t["first_post_at"]).total_seconds() / 3600 for t in resolved]
    due = timedelta(minutes=SLA_MINUTES)
    sla = [bool(t["first_response_at"] and t["first_response_at"] <= t["first_post_at"] + due)
           for t in tickets
           if t["first_response_at"] or t["first_post_at"] + due < ref]  # fmt: skip

    def r(x: float | None, n: int = 2) -> float | None:
        return None if x is None else round(x, n)

    return {
        "days": KPI_DAYS,
        "tickets": len(tickets),
        "first_response_minutes": {
            "median": r(percentile(frt, 50)),
            "p90": r(percentile(frt, 90)),
            "n": len(frt),
        },  # fmt: skip
        "resolution_hours": {
            "median": r(percentile(res, 50), 3),
            "p90": r(percentile(res, 90), 3),
            "n": len(res),
        },  # fmt: skip
        "fcr": r(sum(t["replies_to_resolve"] == 1 for t in resolved) / len(resolved), 4)
        if resolved
        else None,
        "closed_per_hour": r(len(resolved) / (KPI_DAYS * 24), 4),
        "sla_met": r(sum(sla) / len(sla), 4) if sla else None,
        "sla_n": len(sla),
    }


def counts(labels: list[dict], posts: list[dict], tickets: list[dict]) -> dict[str, Any]:
    customer = [row for row in labels if not row["by_brand"]]
    return {
        "posts": len(labels),
        "customer_posts": len(customer),
        "brand_posts": len(labels) - len(customer),
        "lang": dict(Counter(p["lang"] for p in posts)),
        "platform": dict(Counter(p["platform"] for p in posts)),
        "role": dict(Counter(row["role"] for row in customer)),
        "needs_reply": sum(row["needs_reply"] for row in customer),
        "tickets": len(tickets),
        "open_tickets": sum(1 for t in tickets if not t["resolved_at"]),
        "people": len({row["person"] for row in customer}),
        "with_kb": sum(1 for row in customer if row["kb"]),
        "gap_posts": dict(Counter(row["gap"] for row in customer if row["gap"])),
        "split": dict(Counter(row["split"] for row in labels)),
        "duplicates": sum(1 for row in labels if row["duplicate_of"]),
    }


def write_world(
    out: Path, world: Any, ref: datetime, kb: dict, kb_id: Callable[[str, str], str],
    kb_url: str, crm: list[list[str]], config: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Write a world's files (mentions, labels, kb, customers, truth; ``config`` as
    listenpost.toml) to ``out`` and return its truth."""
    posts = sorted(world.posts, key=lambda p: (p["_t"], p["id"]))
    accounts: dict[str, set] = {}
    for p in posts:
        if not p["by_brand"]:
            accounts.setdefault(p["_label"]["person"], set()).add((p["platform"], p["author"]))
    linked = {pid: world.people[pid]["kind"] for pid, acc in accounts.items() if len(acc) > 1}
    unlinked = {pid for pid, kind in linked.items() if kind == "none"}
    labels, truth = labels_and_truth(posts, ref, kb_id, unlinked)
    truth["reference"] = ref.strftime("%Y-%m-%dT%H:%M:%SZ")
    truth["counts"]["people_on_two_channels"] = dict(Counter(linked.values()))
    for row in labels:
        row["link"] = linked.get(row["person"])
    out.mkdir(parents=True, exist_ok=True)
    with (out / "mentions.jsonl").open("w", encoding="utf-8") as f:
        for p in posts:
            rec = {k: v for k, v in p.items() if not k.startswith("_") and v is not None}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with (out / "labels.jsonl").open("w", encoding="utf-8") as f:
        for row in labels:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    with (out / "kb.jsonl").open("w", encoding="utf-8") as f:
        for topic, (category, en, es) in kb.items():
            for lang, (title, body) in (("en", en), ("es", es)):
                f.write(json.dumps({"id": kb_id(topic, lang), "title": title, "body": body,
                                    "url": kb_url.format(lang=lang, topic=topic), "lang": lang,
                                    "category": category}, ensure_ascii=False) + "\n")  # fmt: skip
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(crm)
    (out / "customers.csv").write_text(buf.getvalue(), encoding="utf-8")
    if config is not None:
        (out / "listenpost.toml").write_text(config, encoding="utf-8")
    (out / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n",
                                    encoding="utf-8")  # fmt: skip
    return truth
