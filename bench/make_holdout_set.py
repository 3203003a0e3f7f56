"""Write the holdout world (bench/data/holdout/): Lumen Energía, an invented electricity, gas and
fibre retailer in Spain with English- and Spanish-speaking customers.

A third labelled world in the formats of bench/data/triage (its README defines every file and
label, and its own README says how it has been used). The stories are scripted thread by thread in
bench/holdout_stories.py, bench/holdout_matters.py, bench/holdout_chatter.py and
bench/holdout_two_matters.py, the help centre is bench/holdout_kb.py;
only the start time of each thread is drawn (seeded), so every run writes the same files. Labels
and true KPIs come from bench/triage_truth.py, with the definitions of the triage scenario.

Run: python bench/make_holdout_set.py, then python bench/triage.py --data bench/data/holdout.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from holdout_chatter import CHATTER, GAPS  # noqa: E402
from holdout_kb import KB  # noqa: E402
from holdout_matters import MATTERS  # noqa: E402
from holdout_stories import PEOPLE, STORIES  # noqa: E402
from holdout_two_matters import TWO_MATTERS  # noqa: E402
from scripted_world import ScriptedWorld, crm_rows  # noqa: E402
from triage_truth import write_world  # noqa: E402

OUT = Path(__file__).with_name("data") / "holdout"
REF = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)  # the world's "now"
START = REF - timedelta(days=21)
LATEST = REF - timedelta(minutes=61)  # nothing is posted after this
OPEN_BY = REF - timedelta(hours=3)  # no thread starts after this: every SLA is decided
BRAND_HANDLES = {"reddit": "LumenEnergia_Care", "youtube": "Lumen Energía", "forum": "equipo_lumen"}
URLS = {"reddit": "https://www.reddit.com/r/LumenEnergia/comments/{t}/_/{i}",
        "youtube": "https://www.youtube.com/watch?v={t}&lc={i}",
        "forum": "https://foro.lumenenergia.example/t/{t}/{i}"}  # fmt: skip
KB_URL = "https://ayuda.lumenenergia.example/{lang}/{topic}"
CONFIG = """# The holdout world's brand and its own accounts (bench/triage.py uses them).
[brand]
name = "Lumen Energía"
queries = ["lumen", "Lumen Energía", "Lumen Fibra"]

[brand.accounts]
reddit = ["LumenEnergia_Care"]
youtube = ["Lumen Energía"]
forum = ["equipo_lumen"]
"""

# one-off handles that are a different person on each platform (identity decoys)
DECOYS = frozenset({"pablo", "sam"})
THREADS = STORIES + MATTERS + GAPS + CHATTER + TWO_MATTERS


def kb_id(topic: str, lang: str) -> str:
    return f"lum-{topic}-{lang}"


def main() -> None:
    world = ScriptedWorld(
        PEOPLE, THREADS, BRAND_HANDLES, URLS, (START, OPEN_BY, LATEST), seed=11, decoys=DECOYS
    ).build()
    crm = crm_rows(world, "LUM", "buzon.example")
    truth = write_world(OUT, world, REF, KB, kb_id, KB_URL, crm, CONFIG)
    print(json.dumps(truth["counts"]))


if __name__ == "__main__":
    main()
