"""Write the held-out probe world (bench/data/probe/): Vela, an invented mobile and internet
provider.

A second labelled world in the formats of bench/data/triage (its README defines every file and
label), written separately from Orbita's texts and never used to set a threshold: it shows whether
what was tuned on Orbita holds for another brand. The stories are scripted thread by thread in
bench/probe_stories.py and bench/probe_chatter.py, the help centre is bench/probe_kb.py; only the
start time of each thread is drawn (seeded), so every run writes the same files. Labels and true
KPIs come from bench/triage_truth.py, with the definitions of the triage scenario.

Run: python bench/make_probe_set.py, then python bench/triage.py --data bench/data/probe.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe_chatter import CHATTER  # noqa: E402
from probe_kb import KB  # noqa: E402
from probe_stories import PEOPLE, STORIES  # noqa: E402
from scripted_world import ScriptedWorld, crm_rows  # noqa: E402
from triage_truth import write_world  # noqa: E402

OUT = Path(__file__).with_name("data") / "probe"
REF = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)  # the world's "now"
START = REF - timedelta(days=20)
LATEST = REF - timedelta(minutes=61)  # nothing is posted after this
OPEN_BY = REF - timedelta(hours=3)  # no thread starts after this: every SLA is decided
BRAND_HANDLES = {"reddit": "VelaSupport", "youtube": "Vela", "forum": "vela_help"}
URLS = {"reddit": "https://www.reddit.com/r/VelaTelecom/comments/{t}/_/{i}",
        "youtube": "https://www.youtube.com/watch?v={t}&lc={i}",
        "forum": "https://comunidad.vela.example/t/{t}/{i}"}  # fmt: skip
KB_URL = "https://help.vela.example/{lang}/{topic}"
CONFIG = """# The probe world's brand and its own accounts (bench/triage.py uses them).
[brand]
name = "Vela"
queries = ["vela", "VelaHub"]

[brand.accounts]
reddit = ["VelaSupport"]
youtube = ["Vela"]
forum = ["vela_help"]
"""


# one-off handles that are a different person on each platform (identity decoys)
DECOYS = frozenset({"lucia", "mike"})
THREADS = STORIES + CHATTER


def kb_id(topic: str, lang: str) -> str:
    return f"vela-{topic}-{lang}"


def main() -> None:
    world = ScriptedWorld(
        PEOPLE, THREADS, BRAND_HANDLES, URLS, (START, OPEN_BY, LATEST), seed=7, decoys=DECOYS
    ).build()
    crm = crm_rows(world, "VEL", "correo.example")
    truth = write_world(OUT, world, REF, KB, kb_id, KB_URL, crm, CONFIG)
    print(json.dumps(truth["counts"]))


if __name__ == "__main__":
    main()
