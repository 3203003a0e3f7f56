"""Write the fresh world (bench/data/fresh/): Vatio Energía, an invented Spanish electricity and
gas supplier with English- and Spanish-speaking customers.

A sixth labelled world in the formats of bench/data/triage (its README defines every file and
label). It was written without reading listenpost's understanding rules, seed data or the other
worlds' texts, and nothing was read or tuned on it: it gives a figure on data nobody has
developed against. The stories are scripted thread by thread in bench/fresh_stories.py,
bench/fresh_matters.py and bench/fresh_chatter.py, the help centre is bench/fresh_kb.py; only the
start time of each thread is drawn (seeded), so every run writes the same files. Labels and true
KPIs come from bench/triage_truth.py, with the definitions of the triage scenario.

Run: python bench/make_fresh_set.py, then python bench/triage.py --data bench/data/fresh.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fresh_chatter import CHATTER, GAPS  # noqa: E402
from fresh_kb import KB  # noqa: E402
from fresh_matters import MATTERS  # noqa: E402
from fresh_stories import PEOPLE, STORIES  # noqa: E402
from scripted_world import ScriptedWorld, crm_rows  # noqa: E402
from triage_truth import write_world  # noqa: E402

OUT = Path(__file__).with_name("data") / "fresh"
REF = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)  # the world's "now"
START = REF - timedelta(days=21)
LATEST = REF - timedelta(minutes=61)  # nothing is posted after this
OPEN_BY = REF - timedelta(hours=3)  # no thread starts after this: every SLA is decided
BRAND_HANDLES = {"reddit": "VatioEnergia_Ayuda", "youtube": "Vatio Energía",
                 "forum": "equipo_vatio"}  # fmt: skip
URLS = {"reddit": "https://www.reddit.com/r/VatioEnergia/comments/{t}/_/{i}",
        "youtube": "https://www.youtube.com/watch?v={t}&lc={i}",
        "forum": "https://comunidad.vatioenergia.example/t/{t}/{i}"}  # fmt: skip
KB_URL = "https://ayuda.vatioenergia.example/{lang}/{topic}"
CONFIG = """# The fresh world's brand and its own accounts (bench/triage.py uses them).
[brand]
name = "Vatio Energía"
queries = ["vatio", "Vatio Energía", "app Vatio"]

[brand.accounts]
reddit = ["VatioEnergia_Ayuda"]
youtube = ["Vatio Energía"]
forum = ["equipo_vatio"]
"""

# one-off handles that are a different person on each platform (identity decoys)
DECOYS = frozenset({"dani", "pepe"})
THREADS = STORIES + MATTERS + GAPS + CHATTER


def kb_id(topic: str, lang: str) -> str:
    return f"vat-{topic}-{lang}"


def main() -> None:
    world = ScriptedWorld(
        PEOPLE, THREADS, BRAND_HANDLES, URLS, (START, OPEN_BY, LATEST), seed=41, decoys=DECOYS
    ).build()
    crm = crm_rows(world, "VAT", "correo.example")
    truth = write_world(OUT, world, REF, KB, kb_id, KB_URL, crm, CONFIG)
    print(json.dumps(truth["counts"]))


if __name__ == "__main__":
    main()
