"""Gap quality on labelled data: purity and recall per gap topic, answered posts inside gaps and
third-party answers shown under the right gap.

Two sets, each in a ``tune`` and a ``test`` part: the triage scenario (bench/data/triage, its
``gap`` labels; skipped when absent) and the gap set written for this bench
(bench/data/gaps_set.jsonl): a fictional telco's own KB (English and Spanish), third-party help
(some answering a gap topic, some unrelated), and four topics per part that no own article
covers, asked four or five times in English and Spanish, among decoys: questions an own article
answers, users' answers, praise, questions the brand answered in their thread, duplicates,
one-off questions and posts older than the window. Every row goes through the real pipeline
chain on a fresh SQLite database and the real index; a post's ``role`` comes from its label
unless the chain set one (``--roles chain`` keeps the chain's).

It sweeps the clustering (linkage, leading directions removed, similarity), the coverage and
the third-party threshold on the ``tune`` parts together (the scenario twice: its tune posts
alone, and its whole window clustered at once with the tune posts scored, as bench/triage.py
scores `listenpost gaps`), picks the best (topics found as one
gap, then fewest answered posts in gaps, then recall, purity and third-party precision and
recall; among equals the most robust) and reports it beside the shipped default
(indexer.gaps.DEFAULT) on every part.

Run: python bench/gaps.py [--json] [--roles labels|chain] [--keep DIR]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from crawlers.items import HelpDoc, Mention, utcnow  # noqa: E402
from indexer import gaps as G  # noqa: E402

SET = Path(__file__).with_name("data") / "gaps_set.jsonl"
SCENARIO = Path(__file__).with_name("data") / "triage"
NOT_MEMBERS = {"covered", "answer", "praise", "answered", "dup", "brand", "old"}


def load_set(path: Path = SET) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def items(rows: list[dict[str, Any]], now: Any) -> list[Any]:
    """The set's rows as the chain's items (knowledge first, posts oldest first)."""
    out: list[Any] = []
    for r in rows:
        if r["kind"] in ("kb", "help"):
            out.append(HelpDoc(source="kb" if r["kind"] == "kb" else "third_party",
                               source_id=r["id"], lang=r["lang"], title=r["title"],
                               body=r["body"], url=r["url"], author=r.get("author"),
                               platform=r.get("platform")))  # fmt: skip
    posts = sorted((r for r in rows if r["kind"] == "post"), key=lambda r: -r["days_ago"])
    for r in posts:
        out.append(Mention(platform=r["platform"], source_id=r["id"], author=r["author"],
                           text=r["text"], title=r.get("title"), lang=r["lang"],
                           thread_id=r["thread_id"], parent_id=r.get("parent_id"),
                           by_brand=r["by_brand"],
                           created_at=now - timedelta(days=r["days_ago"])))  # fmt: skip
    return out


def ingest(settings: Any, db: Any, rows: list[dict[str, Any]], now: Any, roles: str = "labels"
           ) -> dict[str, Any]:  # fmt: skip
    """Run the set through the chain; give posts their labelled role where the chain set none
    (``roles="labels"``) and return what happened."""
    from sqlalchemy import select, update

    from pipelines.chain import Chain
    from pipelines.models import Mention as Row

    with Chain(settings, db) as chain:
        for item in items(rows, now):
            chain.process(item)
    labelled = {r["id"]: r["role"] for r in rows if r["kind"] == "post"}
    with db.session() as s:
        chain_roles = dict(s.execute(select(Row.source_id, Row.role)).all())
        if roles == "labels":
            for sid, role in labelled.items():
                if chain_roles.get(sid) is None:
                    s.execute(update(Row).where(Row.source_id == sid).values(role=role))
    set_by_chain = sum(1 for sid in labelled if chain_roles.get(sid) is not None)
    return {"posts": len(labelled), "roles_set_by_chain": set_by_chain}


def subset(data: G.GapInput, keep: set[str]) -> G.GapInput:
    rows = [i for i, p in enumerate(data.posts) if p.source_id in keep]
    precedent = None if data.precedent is None else data.precedent[rows]
    return replace(data, posts=[data.posts[i] for i in rows], vectors=data.vectors[rows],
                   cosines=data.cosines[rows], precedent=precedent)  # fmt: skip


def measure(gaps: list[dict[str, Any]], rows: list[dict[str, Any]], split: str,
            strict: bool = False) -> dict[str, Any]:  # fmt: skip
    """Purity, recall and "found as one gap" per topic; answered posts in gaps; third-party
    precision (shown answers that answer the gap's topic) and recall (topics with a
    third-party answer in the set that show it)."""
    posts = {r["id"]: r for r in rows if r["kind"] == "post" and r["split"] == split}
    label = {sid: r["label"] for sid, r in posts.items()}
    topics = Counter(lbl for lbl in label.values() if lbl not in NOT_MEMBERS | {"solo"})
    # strict (the triage scenario's definition): only a gap topic can be a cluster's topic
    impure = NOT_MEMBERS | ({"solo"} if strict else set())
    helps = {r["id"]: r.get("answers") for r in rows if r["kind"] == "help"}
    per_gap = []
    answered_in = []
    for gap in gaps:
        members = [m for m in gap["mention_ids"] if m in label]  # the split's posts
        answered_in += [m for m in members if label[m] in NOT_MEMBERS]
        if len(members) < 2:
            continue  # (whole window) a gap with one post of the split is no gap of it
        labels = [label[m] for m in members]
        top, n = Counter(lb for lb in labels if lb not in impure).most_common(1)[0] if any(
            lb not in impure for lb in labels) else ("-", 0)  # fmt: skip
        shown = [a["source_id"] for a in gap["answers"]]
        right = [d for d in shown if helps.get(d) == top]
        per_gap.append({"label": gap["label"], "size": len(labels), "topic": top,
                        "purity": round(n / len(labels), 3), "members": dict(Counter(labels)),
                        "third_party": shown, "third_party_right": right})  # fmt: skip
    per_topic = {}
    for topic, total in sorted(topics.items()):
        mine = [g for g in per_gap if g["topic"] == topic]
        best = max((g["members"].get(topic, 0) for g in mine), default=0)
        found = len(mine) == 1 and mine[0]["purity"] >= 0.8 and best / total >= 0.5
        per_topic[topic] = {"posts": total, "gaps": len(mine), "recall": round(best / total, 3),
                            "purity": mine[0]["purity"] if len(mine) == 1 else None,
                            "found": found}  # fmt: skip
    sizes = sum(g["size"] for g in per_gap)
    shown = [d for g in per_gap for d in g["third_party"]]
    right = [d for g in per_gap for d in g["third_party_right"]]
    answerable = {t for t in helps.values() if t in topics}
    shown_topics = {helps[d] for g in per_gap for d in g["third_party_right"]}
    return {
        "gaps": len(per_gap),
        "purity": round(sum(g["purity"] * g["size"] for g in per_gap) / sizes, 3)
        if sizes
        else None,
        "topics_found": sum(t["found"] for t in per_topic.values()),
        "topics": len(per_topic),
        "answered_in_gaps": len(answered_in),
        "answered_ids": answered_in,
        "third_party_shown": len(shown),
        "third_party_precision": round(len(right) / len(shown), 3) if shown else None,
        "third_party_recall": round(len(shown_topics) / len(answerable), 3) if answerable else None,
        "recall": round(sum(t["recall"] for t in per_topic.values()) / max(1, len(per_topic)), 3),
        "per_topic": per_topic,
        "per_gap": per_gap,
    }


def objective(m: dict[str, Any]) -> tuple:
    """Topics found as one gap, then fewest answered posts in gaps, then the topics' mean
    recall, purity and the third-party answers' precision and recall."""
    recall = sum(t["recall"] for t in m["per_topic"].values()) / max(1, m["topics"])
    return (m["topics_found"], -m["answered_in_gaps"], round(recall, 3), m["purity"] or 0.0,
            m["third_party_precision"] or 0.0, m["third_party_recall"] or 0.0)  # fmt: skip


RAW = [round(0.83 + 0.01 * i, 2) for i in range(9)]  # cosines of the vectors as they are
FLAT = [round(0.1 + 0.05 * i, 2) for i in range(15)]  # of centred, flattened vectors
RAW_COVER = [0.84, 0.85, 0.86, 0.87, 0.88]
COVER = [round(0.15 + 0.02 * i, 2) for i in range(10)]  # post-article cosine, flattened
GRID = {
    "linkage": ["average", "complete"],
    "shape": [(0, s) for s in RAW] + [(c, s) for c in (1, 2, 3, 4) for s in FLAT],
    "min_size": [2],  # a gap is a matter asked at least twice
    "coverage": COVER,
    "answers": [0.86, 0.87, 0.88, 0.885, 0.89, 0.9],
}


# name, its input, rows, strict, whole (the whole window clustered at once, each split scored
# on its own posts, as bench/triage.py scores `listenpost gaps`; else each split alone)
Part = tuple[str, G.GapInput, list[dict[str, Any]], bool, bool]


def candidates() -> list[G.Params]:
    out = []
    for values in itertools.product(*GRID.values()):
        chosen = dict(zip(GRID, values, strict=True))
        components, similarity = chosen.pop("shape")
        if components:
            chosen.update({"components": components, "similarity": similarity})
        else:
            if chosen["coverage"] not in COVER[: len(RAW_COVER)]:
                continue  # raw cosines: their own coverage grid, once
            raw_cover = RAW_COVER[COVER.index(chosen.pop("coverage"))]
            chosen.update({"components": 0, "raw_similarity": similarity,
                           "raw_linkage": chosen["linkage"],
                           "raw_coverage": raw_cover})  # fmt: skip
        out.append(replace(G.DEFAULT, **chosen))
    return out


def sweep(parts: list[Part], split: str = "tune") -> tuple[G.Params, dict[str, Any]]:
    """The best settings on the ``split`` part of every set together (the objective's terms
    added up), the most robust among equals."""
    pieces = []
    for _name, data, rows, strict, whole in parts:
        keep = {r["id"] for r in rows if r["kind"] == "post" and r["split"] == split}
        pieces.append((data if whole else subset(data, keep), rows, strict))
    scored = []
    for params in candidates():
        keys = [objective(measure(G.build(d, params), rows, split, strict))
                for d, rows, strict in pieces]  # fmt: skip
        scored.append((tuple(round(sum(k), 3) for k in zip(*keys, strict=True)), params))
    best = max(k for k, _ in scored)
    # among the best, the most robust: whose neighbours (the next value either side of the
    # similarity, coverage and third-party thresholds) score best too, so the choice sits
    # inside a plateau rather than on its edge
    by_params = {p: k for k, p in scored}
    ties = [p for k, p in scored if k == best]

    def neighbours(p: G.Params) -> tuple:
        cut = "similarity" if p.components else "raw_similarity"
        cover = ("coverage", COVER) if p.components else ("raw_coverage", RAW_COVER)
        axes = [(cut, FLAT if p.components else RAW), cover, ("answers", GRID["answers"])]
        keys = []
        for name, grid in axes:
            i = grid.index(getattr(p, name))
            for j in (i - 1, i + 1):
                near = replace(p, **{name: grid[j]}) if 0 <= j < len(grid) else None
                if near in by_params:
                    keys.append(by_params[near])
        return (min(keys) if keys else best, sum(k == best for k in keys))

    chosen = max(ties, key=neighbours)
    top = sorted(scored, key=lambda kp: kp[0], reverse=True)[:10]
    return chosen, {"ties": len(ties), "top": [(k, asdict(p)) for k, p in top]}


def prepared(roles: str, keep: str | None) -> tuple[G.GapInput, dict[str, Any]]:
    """The set ingested and embedded (in ``keep``, reused on the next run, or a temporary
    directory)."""
    from config import load_settings
    from pipelines.models.db import Database

    rows = load_set()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(keep or tmp)
        stamp = home / "ingested_at"
        settings = load_settings(home=str(home))
        db = Database(settings)
        db.init()
        started = time.perf_counter()
        if stamp.exists():
            now = datetime.fromisoformat(stamp.read_text())
            info = {"posts": sum(r["kind"] == "post" for r in rows), "reused": str(home)}
        else:
            now = utcnow()
            info = ingest(settings, db, rows, now, roles=roles)
            stamp.write_text(now.isoformat())
        data = G.prepare(settings, db, since_days=30, now=now)
        info["ingest_and_embed_s"] = round(time.perf_counter() - started, 1)
        db.dispose()
    return data, info


def scenario_rows(data: Path = SCENARIO) -> list[dict[str, Any]]:
    """The triage scenario's posts as this bench's rows: a post's label is its gap topic, else
    "answered" (needs no reply), "covered" (an own article answers it) or "solo"."""

    def lines(name: str) -> list[dict[str, Any]]:
        with (data / name).open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]

    labels = {r["id"]: r for r in lines("labels.jsonl")}
    rows: list[dict[str, Any]] = [{**d, "kind": "kb"} for d in lines("kb.jsonl")]
    for m in lines("mentions.jsonl"):
        lab = labels[m["id"]]
        label = lab["gap"] or ("answered" if not lab["needs_reply"] else
                               "covered" if lab["kb"] else "solo")  # fmt: skip
        rows.append({**m, "kind": "post", "label": label, "role": lab["role"],
                     "split": lab["split"]})  # fmt: skip
    return rows


def scenario_prepared(rows: list[dict[str, Any]], roles: str, keep: str | None
                      ) -> tuple[G.GapInput, dict[str, Any]]:  # fmt: skip
    """The scenario imported through the chain (times moved so its reference is now), roles
    from the labels unless the chain set them, indexed."""
    from sqlalchemy import select, update

    from config import load_settings
    from crawlers.importers import kb_from_record, mention_from_record
    from pipelines.chain import Chain
    from pipelines.models import Mention as Row
    from pipelines.models.db import Database

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(keep or tmp)
        stamp = home / "ingested_at"
        settings = load_settings(str(SCENARIO / "listenpost.toml"), home=str(home))
        db = Database(settings)
        db.init()
        started = time.perf_counter()
        info: dict[str, Any] = {"posts": sum(r["kind"] == "post" for r in rows)}
        if stamp.exists():
            now = datetime.fromisoformat(stamp.read_text())
        else:
            now = utcnow()
            truth = json.loads((SCENARIO / "truth.json").read_text(encoding="utf-8"))
            shift = now - datetime.fromisoformat(truth["reference"].replace("Z", "+00:00"))
            with Chain(settings, db) as chain:
                for r in rows:
                    if r["kind"] == "kb":
                        chain.process(kb_from_record({k: v for k, v in r.items() if k != "kind"}))
                for r in sorted((r for r in rows if r["kind"] == "post"),
                                key=lambda r: r["created_at"]):  # fmt: skip
                    keys = ("kind", "label", "role", "split")
                    item = mention_from_record({k: v for k, v in r.items() if k not in keys})
                    item.created_at = item.created_at + shift
                    chain.process(item)
            with db.session() as s:
                chain_roles = dict(s.execute(select(Row.source_id, Row.role)).all())
                info["roles_set_by_chain"] = sum(v is not None for v in chain_roles.values())
                if roles == "labels":
                    for r in rows:
                        if r["kind"] == "post" and chain_roles.get(r["id"]) is None:
                            s.execute(update(Row).where(Row.source_id == r["id"])
                                      .values(role=r["role"]))  # fmt: skip
            stamp.write_text(now.isoformat())
        data = G.prepare(settings, db, since_days=30, now=now)
        info["ingest_and_embed_s"] = round(time.perf_counter() - started, 1)
        db.dispose()
    return data, info


def run(roles: str = "labels", keep: str | None = None) -> dict[str, Any]:
    """Sweep on the ``tune`` parts of the gap set and (when present) the triage scenario,
    report both parts of each with the chosen and the shipped settings."""
    rows = load_set()
    data, info = prepared(roles, keep and str(Path(keep) / "gaps_set"))
    parts: list[Part] = [("gap set", data, rows, False, False)]
    sets = {"gap set": info}
    if (SCENARIO / "labels.jsonl").exists():
        srows = scenario_rows()
        sdata, sinfo = scenario_prepared(srows, roles, keep and str(Path(keep) / "triage"))
        parts.append(("triage scenario", sdata, srows, True, False))
        parts.append(("triage scenario, whole window", sdata, srows, True, True))
        sets["triage scenario"] = sinfo
    tuned, swept = sweep(parts)
    out: dict[str, Any] = {"sets": sets, "tuned": asdict(tuned), "default": asdict(G.DEFAULT),
                           "sweep": swept}  # fmt: skip
    for name, params in (("tuned", tuned), ("default", G.DEFAULT)):
        for part, pdata, prows, strict, whole in parts:
            for split in ("tune", "test"):
                ids = {r["id"] for r in prows if r["kind"] == "post" and r["split"] == split}
                gaps = G.build(pdata if whole else subset(pdata, ids), params)
                out[f"{name}/{part}/{split}"] = measure(gaps, prows, split, strict)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--roles", choices=["labels", "chain"], default="labels")
    ap.add_argument("--keep", metavar="DIR", help="keep the ingested set here and reuse it")
    args = ap.parse_args()
    out = run(args.roles, args.keep)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return
    print(f"sets: {out['sets']}")
    print(f"tuned on tune: {out['tuned']}")
    print(f"default:       {out['default']}")
    print(f"ties at the best score: {out['sweep']['ties']}")
    for key, params in out["sweep"]["top"]:
        print(f"  {key} {params}")
    for key in [k for k in out if k.count("/") == 2]:
        m = out[key]
        print(f"\n{key}: gaps {m['gaps']}, purity {m['purity']}, recall {m['recall']}, "
              f"topics found "
              f"{m['topics_found']}/{m['topics']}, answered posts in gaps "
              f"{m['answered_in_gaps']} {m['answered_ids']}, third-party precision "
              f"{m['third_party_precision']} recall {m['third_party_recall']}")  # fmt: skip
        for topic, t in m["per_topic"].items():
            print(f"  {topic:<18} posts {t['posts']} gaps {t['gaps']} recall {t['recall']} "
                  f"purity {t['purity']} found {t['found']}")  # fmt: skip
        for g in m["per_gap"]:
            print(f"  - [{g['topic']} {g['purity']}] {g['label']} {g['members']} "
                  f"tp {g['third_party']}")  # fmt: skip


if __name__ == "__main__":
    main()
