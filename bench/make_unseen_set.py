"""Write the unseen world (bench/data/unseen/): Rayo Envíos, an invented Spanish parcel courier
with English- and Spanish-speaking customers.

A fifth labelled world in the formats of bench/data/triage (its README defines every file and
label). It was written without reading listenpost's understanding rules and nothing was read or
tuned on it: it gives a figure on data nobody has developed against. The stories are scripted
thread by thread in bench/unseen_stories.py, bench/unseen_matters.py and bench/unseen_chatter.py,
the help centre is bench/unseen_kb.py; only the start time of each thread is drawn (seeded), so
every run writes the same files. Labels and true KPIs come from bench/triage_truth.py, with the
definitions of the triage scenario.

Run: python bench/make_unseen_set.py, then python bench/triage.py --data bench/data/unseen.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scripted_world import ScriptedWorld, crm_rows  # noqa: E402
from triage_truth import write_world  # noqa: E402
from unseen_chatter import CHATTER, GAPS  # noqa: E402
from unseen_kb import KB  # noqa: E402
from unseen_matters import MATTERS  # noqa: E402
from unseen_stories import PEOPLE, STORIES  # noqa: E402

OUT = Path(__file__).with_name("data") / "unseen"
REF = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)  # the world's "now"
START = REF - timedelta(days=21)
LATEST = REF - timedelta(minutes=61)  # nothing is posted after this
OPEN_BY = REF - timedelta(hours=3)  # no thread starts after this: every SLA is decided
BRAND_HANDLES = {"reddit": "RayoEnvios_Ayuda", "youtube": "Rayo Envíos", "forum": "equipo_rayo"}
URLS = {"reddit": "https://www.reddit.com/r/RayoEnvios/comments/{t}/_/{i}",
        "youtube": "https://www.youtube.com/watch?v={t}&lc={i}",
        "forum": "https://comunidad.rayoenvios.example/t/{t}/{i}"}  # fmt: skip
KB_URL = "https://ayuda.rayoenvios.example/{lang}/{topic}"
CONFIG = """# The unseen world's brand and its own accounts (bench/triage.py uses them).
[brand]
name = "Rayo Envíos"
queries = ["rayo", "Rayo Envíos", "RayoBox"]

[brand.accounts]
reddit = ["RayoEnvios_Ayuda"]
youtube = ["Rayo Envíos"]
forum = ["equipo_rayo"]
"""

# one-off handles that are a different person on each platform (identity decoys)
DECOYS = frozenset({"dani", "alex"})
THREADS = STORIES + MATTERS + GAPS + CHATTER


def kb_id(topic: str, lang: str) -> str:
    return f"ray-{topic}-{lang}"


def main() -> None:
    world = ScriptedWorld(
        PEOPLE, THREADS, BRAND_HANDLES, URLS, (START, OPEN_BY, LATEST), seed=23, decoys=DECOYS
    ).build()
    crm = crm_rows(world, "RAY", "correo.example")
    truth = write_world(OUT, world, REF, KB, kb_id, KB_URL, crm, CONFIG)
    print(json.dumps(truth["counts"]))


if __name__ == "__main__":
    main()
