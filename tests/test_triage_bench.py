"""The triage scenario (bench/data/triage) and the scores of bench/triage.py."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
DATA = BENCH / "data" / "triage"
sys.path.insert(0, str(BENCH))

from triage_metrics import (  # noqa: E402
    binary,
    classification,
    gap_scores,
    hits,
    kpi_errors,
    pairwise,
    queue_scores,
)


def _jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]


def test_generator_writes_the_committed_files(tmp_path: Path, monkeypatch) -> None:
    import make_triage_set

    monkeypatch.setattr(make_triage_set, "OUT", tmp_path)
    make_triage_set.main()
    for name in ("mentions.jsonl", "labels.jsonl", "kb.jsonl", "customers.csv", "truth.json"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


def test_needs_reply_follows_its_definition_from_the_posts_alone() -> None:
    posts = _jsonl("mentions.jsonl")
    labels = {row["id"]: row for row in _jsonl("labels.jsonl")}
    t = {p["id"]: datetime.fromisoformat(p["created_at"].replace("Z", "+00:00")) for p in posts}
    brand = defaultdict(list)
    for p in posts:
        if p["by_brand"]:
            brand[p["thread_id"]].append(t[p["id"]])
    by_id = {p["id"]: p for p in posts}

    def answered(pid: str) -> bool:
        p = by_id[pid]
        own = any(b > t[pid] for b in brand[p["thread_id"]])
        orig = labels[pid]["duplicate_of"]
        return own or bool(orig and answered(orig))

    for p in posts:
        lab = labels[p["id"]]
        asks = lab["role"] in ("complaint", "question") and not p["by_brand"]
        assert lab["needs_reply"] == (asks and not answered(p["id"])), p["id"]
    assert sum(lab["needs_reply"] for lab in labels.values()) >= 100


def test_scenario_shape() -> None:
    posts = _jsonl("mentions.jsonl")
    labels = {row["id"]: row for row in _jsonl("labels.jsonl")}
    kb = {row["id"] for row in _jsonl("kb.jsonl")}
    assert len(posts) >= 400 and set(labels) == {p["id"] for p in posts}
    langs = [p["lang"] for p in posts]
    assert abs(langs.count("en") - langs.count("es")) <= len(posts) * 0.1
    assert 25 <= len(kb) <= 40
    assert {lab["kb"] for lab in labels.values() if lab["kb"]} <= kb
    reference = json.loads((DATA / "truth.json").read_text())["reference"]
    ref = datetime.fromisoformat(reference.replace("Z", "+00:00"))
    times = [datetime.fromisoformat(p["created_at"].replace("Z", "+00:00")) for p in posts]
    assert max(times) < ref and (ref - min(times)).days <= 30
    # no thread and no person in both splits
    for key in ("thread", "person"):
        seen: dict[str, str] = {}
        for p in posts:
            lab = labels[p["id"]]
            k = p["thread_id"] if key == "thread" else lab["person"]
            if k == "brand":
                continue
            assert seen.setdefault(k, lab["split"]) == lab["split"], (key, k)
    gaps = defaultdict(set)
    for p in posts:
        if labels[p["id"]]["gap"]:
            gaps[labels[p["id"]]["gap"]].add(p["lang"])
    assert 4 <= len(gaps) <= 6 and all(v == {"en", "es"} for v in gaps.values())


def test_classification_and_binary() -> None:
    r = classification(["complaint", "praise", "question", "praise"],
                       ["complaint", "praise", "praise", "praise"])  # fmt: skip
    assert r["accuracy"] == 0.75
    # F1: complaint 1, praise 0.8, question 0
    assert r["macro_f1"] == pytest.approx((1 + 0.8 + 0) / 3, abs=1e-4)
    assert r["confusion"]["question"] == {"praise": 1} and r["confusion"]["praise"] == {"praise": 2}
    b = binary([True, True, False, False], [True, False, True, False])
    assert (b["precision"], b["recall"]) == (0.5, 0.5)
    assert binary([True], [False])["precision"] is None


def test_pairwise_grouping() -> None:
    truth = {"a": "m1", "b": "m1", "c": "m1", "d": "m2"}
    assert pairwise(truth, {"a": 1, "b": 1, "c": 2, "d": 2}) == {
        "items": 4, "true_pairs": 3, "predicted_pairs": 2, "precision": 0.5, "recall": 0.3333,
    }  # fmt: skip
    # unplaced posts (None or absent) are in no group
    r = pairwise(truth, {"a": None, "b": None})
    assert r["predicted_pairs"] == 0 and r["precision"] is None and r["recall"] == 0


def test_hits_count_a_missing_ticket_as_a_miss() -> None:
    r = hits([["x", "kb-1"], None, ["kb-2"]], [{"kb-1"}, {"kb-1"}, {"kb-2"}])
    assert r == {"n": 3, "hit@1": 0.3333, "hit@3": 0.6667}


def test_gap_scores() -> None:
    gap_of = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "x": None, "y": None}
    clusters = [["a1", "a2", "x"], ["b1", "b2", "a3"], ["y"]]
    r = gap_scores(clusters, gap_of, answered={"y"}, scope=set(gap_of))
    assert r["purity"] == round(4 / 6, 4)
    assert r["per_topic"]["A"] == {"posts": 3, "recall": 0.6667, "purity": 0.6667, "found": False}
    assert r["per_topic"]["B"]["found"] is False and r["found"] == 0
    assert r["answered_inside"] == 1
    pure = gap_scores([["a1", "a2", "a3"], ["b1", "b2"]], gap_of, set(), set(gap_of))
    assert pure["purity"] == 1.0 and pure["found"] == 2
    # one post of two, alone in its cluster, is not a found gap
    alone = gap_scores([["b1"], ["b2", "x"]], gap_of, set(), {"b1", "b2", "x"})
    assert alone["per_topic"]["B"]["recall"] == 0.5 and alone["found"] == 0


def test_queue_scores_read_the_queue_in_order() -> None:
    owed = {"a1": "A", "a2": "A", "b1": "B", "c1": "C"}
    # three queued tickets: one owing (A, twice over), one owing nothing, one owing (B)
    queue = [["a1", "a2"], ["x"], ["b1", "y"]]
    r = queue_scores(queue, owed, top=2)
    assert r == {"tickets": 3, "precision": 0.6667, "precision@2": 0.5, "recall": 0.6667,
                 "owing_nothing": 1}  # fmt: skip
    assert queue_scores([], owed)["precision"] is None
    assert queue_scores([["c1"]], owed)["recall"] == round(1 / 3, 4)


def test_kpi_errors() -> None:
    truth = json.loads((DATA / "truth.json").read_text())["kpis"]
    assert kpi_errors(None, truth) == {"available": False}
    same = kpi_errors(truth, truth)
    assert same["exact"] == same["fields"] == 9
    off = json.loads(json.dumps(truth))
    off["first_response_minutes"]["median"] += 5
    off["sla_met"] = None
    r = kpi_errors(off, truth)
    assert r["exact"] == 7
    assert r["detail"]["first_response_minutes.median"]["error"] == 5
    assert r["detail"]["sla_met"]["error"] == "missing"


def test_shifted_moves_the_reference_to_now() -> None:
    from triage import shifted

    ref = datetime(2026, 11, 30, 12, tzinfo=UTC)
    now = datetime(2027, 1, 5, 8, 30, 15, tzinfo=UTC)
    out = shifted([{"id": "x", "created_at": "2026-11-30T11:00:00Z"}], ref, now)
    assert out[0]["created_at"] == "2027-01-05T07:30:15Z"


def test_link_labels_carry_their_evidence() -> None:
    import csv

    posts = _jsonl("mentions.jsonl")
    labels = {row["id"]: row for row in _jsonl("labels.jsonl")}
    crm = list(csv.DictReader((DATA / "customers.csv").read_text(encoding="utf-8").splitlines()))
    accounts: dict[str, dict[str, str]] = defaultdict(dict)
    texts: dict[str, str] = defaultdict(str)
    kind = {}
    for p in posts:
        lab = labels[p["id"]]
        if lab["link"]:
            accounts[lab["person"]][p["platform"]] = p["author"]
            texts[lab["person"]] += " " + p["text"]
            kind[lab["person"]] = lab["link"]
    assert len(kind) >= 20 and all(len(a) == 2 for a in accounts.values())
    for person, k in kind.items():
        handles = set(accounts[person].values())
        listed = [{row[c] for c in ("reddit", "youtube", "forum")} for row in crm]
        if k == "same_handle":
            assert len(handles) == 1
        elif k == "crm":
            assert any(handles <= row for row in listed), person
        elif k == "selfref":
            assert any(h in texts[person] for h in handles), person
        elif k == "crm_name":
            yt = accounts[person]["youtube"]
            other = (handles - {yt}).pop()
            assert any(row["name"] == yt and other in row.values() for row in crm), person
