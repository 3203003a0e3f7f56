"""Scores of bench/triage.py: what the commands returned against the scenario's labels.

Pure functions over plain data (no listenpost import), so each can be checked on small cases.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from itertools import combinations
from typing import Any

ROLES = ("complaint", "question", "praise", "answer", "other")
KPI_FIELDS = (
    ("first_response_minutes", "median", 0.01),
    ("first_response_minutes", "p90", 0.01),
    ("first_response_minutes", "n", 0),
    ("resolution_hours", "median", 0.001),
    ("resolution_hours", "p90", 0.001),
    ("resolution_hours", "n", 0),
    ("fcr", None, 0.0001),
    ("closed_per_hour", None, 0.0001),
    ("sla_met", None, 0.0001),
)


def ratio(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None


def classification(truth: list[str], pred: list[str | None], classes: Iterable[str] = ROLES
                   ) -> dict[str, Any]:  # fmt: skip
    """Accuracy, macro-F1 (over the classes present in truth or prediction) and the confusion
    counts (true class -> predicted class -> posts)."""
    n = len(truth)
    if not n:
        return {"n": 0, "accuracy": None, "macro_f1": None}
    correct = sum(t == p for t, p in zip(truth, pred, strict=True))
    f1s = []
    for c in classes:
        tp = sum(t == c and p == c for t, p in zip(truth, pred, strict=True))
        fp = sum(t != c and p == c for t, p in zip(truth, pred, strict=True))
        fn = sum(t == c and p != c for t, p in zip(truth, pred, strict=True))
        if tp + fp + fn:
            f1s.append(2 * tp / (2 * tp + fp + fn))
    confusion: dict[str, dict[str, int]] = {}
    for t, p in zip(truth, pred, strict=True):
        row = confusion.setdefault(t, {})
        row[str(p)] = row.get(str(p), 0) + 1
    return {"n": n, "accuracy": ratio(correct, n), "macro_f1": round(sum(f1s) / len(f1s), 4),
            "confusion": confusion}  # fmt: skip


def binary(truth: list[bool], pred: list[bool]) -> dict[str, Any]:
    tp = sum(t and p for t, p in zip(truth, pred, strict=True))
    return {
        "n": len(truth),
        "true": sum(truth),
        "predicted": sum(pred),
        "precision": ratio(tp, sum(pred)),
        "recall": ratio(tp, sum(truth)),
    }


def _pairs(groups: Mapping[Hashable, Hashable | None]) -> set[frozenset]:
    by: dict[Hashable, list[Hashable]] = defaultdict(list)
    for item, g in groups.items():
        if g is not None:
            by[g].append(item)
    return {
        frozenset(p) for members in by.values() for p in combinations(sorted(members, key=str), 2)
    }


def pairwise(truth: Mapping[Hashable, Hashable | None], pred: Mapping[Hashable, Hashable | None]
             ) -> dict[str, Any]:  # fmt: skip
    """Pairwise precision and recall of a grouping over the items of `truth` (an item missing
    from `pred` or mapped to None is in no group)."""
    true_pairs = _pairs(truth)
    pred_pairs = _pairs({k: pred.get(k) for k in truth})
    hit = len(true_pairs & pred_pairs)
    return {
        "items": len(truth),
        "true_pairs": len(true_pairs),
        "predicted_pairs": len(pred_pairs),
        "precision": ratio(hit, len(pred_pairs)),
        "recall": ratio(hit, len(true_pairs)),
    }


def hits(ranked: list[list[str] | None], relevant: list[set[str]], ks: Iterable[int] = (1, 3)
         ) -> dict[str, Any]:  # fmt: skip
    """hit@k: the share of queries with a relevant id among the first k (None: nothing
    suggested, a miss)."""
    out: dict[str, Any] = {"n": len(relevant)}
    for k in ks:
        got = sum(bool(r and set(r[:k]) & rel) for r, rel in zip(ranked, relevant, strict=True))
        out[f"hit@{k}"] = ratio(got, len(relevant))
    return out


def queue_scores(queue: list[list[str]], owed_matter: Mapping[str, Hashable],
                 top: int = 10) -> dict[str, Any]:  # fmt: skip
    """The queue as an agent reads it: ``queue`` holds the queued tickets in queue order, each
    as its posts' ids; ``owed_matter`` maps every post the brand truly owes a reply to its
    matter. Precision: the share of queued tickets holding an owed post (and of the first
    ``top``); recall: the share of owed matters with an owed post in a queued ticket."""
    true = [any(p in owed_matter for p in posts) for posts in queue]
    found = {owed_matter[p] for posts in queue for p in posts if p in owed_matter}
    matters = set(owed_matter.values())
    return {
        "tickets": len(queue),
        "precision": ratio(sum(true), len(true)),
        f"precision@{top}": ratio(sum(true[:top]), len(true[:top])),
        "recall": ratio(len(found & matters), len(matters)),
        "owing_nothing": len(true) - sum(true),
    }


def gap_scores(clusters: list[list[str]], gap_of: Mapping[str, str | None],
               answered: set[str], scope: set[str]) -> dict[str, Any]:  # fmt: skip
    """Purity over clusters of two or more posts (the share of their posts that carry the
    cluster's most common gap topic), recall and purity per topic (its best cluster; found when
    that cluster holds two or more of the topic's posts, at least half of them, at purity 0.8
    or more), and the posts inside gaps that did not need a reply. Only posts in `scope` count."""
    clusters = [[m for m in c if m in scope] for c in clusters]
    clusters = [c for c in clusters if c]
    topics = sorted({g for m, g in gap_of.items() if g and m in scope})
    big = [c for c in clusters if len(c) >= 2]
    majority = sum(max(Counter(gap_of.get(m) for m in c if gap_of.get(m)).values(), default=0)
                   for c in big)  # fmt: skip
    members = sum(len(c) for c in big)
    per_topic = {}
    for t in topics:
        size = sum(1 for m, g in gap_of.items() if g == t and m in scope)
        best = max(clusters, key=lambda c: sum(gap_of.get(m) == t for m in c), default=[])
        inside = sum(gap_of.get(m) == t for m in best)
        per_topic[t] = {
            "posts": size,
            "recall": ratio(inside, size),
            "purity": ratio(inside, len(best)) if inside else None,
            "found": bool(inside >= 2 and inside / size >= 0.5 and inside / len(best) >= 0.8),
        }
    return {
        "clusters": len(clusters),
        "purity": ratio(majority, members),
        "found": sum(v["found"] for v in per_topic.values()),
        "topics": len(topics),
        "answered_inside": sum(1 for c in clusters for m in c if m in answered),
        "per_topic": per_topic,
    }


def kpi_errors(measured: Mapping[str, Any] | None, truth: Mapping[str, Any]) -> dict[str, Any]:
    """Measured minus true for each KPI; exact when within the rounding of the truth."""
    if measured is None:
        return {"available": False}
    fields = {}
    exact = 0
    for name, sub, tol in KPI_FIELDS:
        t = truth[name][sub] if sub else truth[name]
        m = measured.get(name)
        m = m.get(sub) if sub and isinstance(m, Mapping) else (None if sub else m)
        key = f"{name}.{sub}" if sub else name
        if m is None or t is None:
            ok = m is None and t is None
            fields[key] = {"truth": t, "measured": m, "error": None if ok else "missing"}
        else:
            err = round(float(m) - float(t), 4)
            ok = abs(err) <= tol
            fields[key] = {"truth": t, "measured": m, "error": err}
        exact += ok
    return {"available": True, "exact": exact, "fields": len(KPI_FIELDS), "detail": fields}
