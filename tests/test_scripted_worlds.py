"""The scripted worlds (bench/data/probe, holdout, blind, unseen and fresh): their files agree
with each other and with their generators."""

from __future__ import annotations

import csv
import importlib
import json
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))
WORLDS = {
    "probe": "make_probe_set",
    "holdout": "make_holdout_set",
    "blind": "make_blind_set",
    "unseen": "make_unseen_set",
    "fresh": "make_fresh_set",
}

pytestmark = pytest.mark.parametrize("world", sorted(WORLDS))


def _jsonl(world: str, name: str) -> list[dict]:
    path = BENCH / "data" / world / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_generator_writes_the_committed_files(world: str, tmp_path: Path, monkeypatch) -> None:
    generator = importlib.import_module(WORLDS[world])
    data = BENCH / "data" / world
    monkeypatch.setattr(generator, "OUT", tmp_path)
    generator.main()
    for name in ("mentions.jsonl", "labels.jsonl", "kb.jsonl", "customers.csv", "truth.json",
                 "listenpost.toml"):  # fmt: skip
        assert (tmp_path / name).read_bytes() == (data / name).read_bytes(), name


def test_ids_labels_and_articles_agree(world: str) -> None:
    data = BENCH / "data" / world
    posts = _jsonl(world, "mentions.jsonl")
    ids = [p["id"] for p in posts]
    assert len(ids) == len(set(ids))
    labels = {row["id"]: row for row in _jsonl(world, "labels.jsonl")}
    assert set(labels) == set(ids)
    kb = [row["id"] for row in _jsonl(world, "kb.jsonl")]
    assert len(kb) == len(set(kb))
    assert {lab["kb"] for lab in labels.values() if lab["kb"]} <= set(kb)
    by_id = {p["id"]: p for p in posts}
    for p in posts:
        lab = labels[p["id"]]
        assert lab["by_brand"] == p["by_brand"] and (lab["person"] == "brand") == p["by_brand"]
        assert p.get("parent_id") is None or by_id[p["parent_id"]]["thread_id"] == p["thread_id"]
        if lab["duplicate_of"]:
            original = labels[lab["duplicate_of"]]
            assert (original["person"], original["matter"]) == (lab["person"], lab["matter"])
        if lab["kb"] or lab["gap"]:
            assert lab["matter"] and lab["is_matter"] and not (lab["kb"] and lab["gap"])
    reference = json.loads((data / "truth.json").read_text(encoding="utf-8"))["reference"]
    ref = datetime.fromisoformat(reference.replace("Z", "+00:00"))
    assert all(datetime.fromisoformat(p["created_at"].replace("Z", "+00:00")) < ref for p in posts)


def test_gaps_are_asked_in_both_languages_and_no_article_is_named_after_them(world: str) -> None:
    posts = _jsonl(world, "mentions.jsonl")
    labels = {row["id"]: row for row in _jsonl(world, "labels.jsonl")}
    gaps: dict[str, set[str]] = defaultdict(set)
    askers: dict[str, set[str]] = defaultdict(set)
    for p in posts:
        gap = labels[p["id"]]["gap"]
        if gap:
            gaps[gap].add(p["lang"])
            askers[gap].add(labels[p["id"]]["person"])
    assert len(gaps) == 3 and all(v == {"en", "es"} for v in gaps.values())
    assert all(len(people) >= 4 for people in askers.values())
    topics = {row["id"].split("-")[1] for row in _jsonl(world, "kb.jsonl")}
    assert not topics & set(gaps)


def test_every_crm_handle_is_a_poster_and_the_brand_accounts_are_configured(world: str) -> None:
    import tomllib

    data = BENCH / "data" / world
    posts = _jsonl(world, "mentions.jsonl")
    personas = {(p["platform"], p["author"]) for p in posts if not p["by_brand"]}
    with (data / "customers.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for platform in ("reddit", "youtube", "forum"):
                if row[platform]:
                    assert (platform, row[platform]) in personas, row
    config = tomllib.loads((data / "listenpost.toml").read_text(encoding="utf-8"))
    brand = {(p["platform"], p["author"]) for p in posts if p["by_brand"]}
    accounts = {(k, h) for k, handles in config["brand"]["accounts"].items() for h in handles}
    assert brand <= accounts


def test_a_handle_two_people_use_is_a_declared_decoy(world: str) -> None:
    """One handle on two platforms is one person, unless the world declares it a decoy."""
    generator = importlib.import_module(WORLDS[world])
    labels = {row["id"]: row for row in _jsonl(world, "labels.jsonl")}
    people: dict[str, set[str]] = defaultdict(set)
    for p in _jsonl(world, "mentions.jsonl"):
        if not p["by_brand"]:
            people[p["author"].casefold()].add(labels[p["id"]]["person"])
    shared = {handle for handle, who in people.items() if len(who) > 1}
    assert shared == set(generator.DECOYS)
