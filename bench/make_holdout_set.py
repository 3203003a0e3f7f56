"""Write the holdout world (bench/data/holdout/): Lumen Energía, an invented electricity, gas and
fibre retailer in Spain with English- and Spanish-speaking customers.

A third labelled world in the formats of bench/data/triage (its README defines every file and
label), written without reference to listenpost's classification rules and never used to set a
threshold. The stories are scripted thread by thread in bench/holdout_stories.py,
bench/holdout_matters.py and bench/holdout_chatter.py, the help centre is bench/holdout_kb.py;
only the start time of each thread is drawn (seeded), so every run writes the same files. Labels
and true KPIs come from bench/triage_truth.py, with the definitions of the triage scenario.

Run: python bench/make_holdout_set.py, then python bench/triage.py --data bench/data/holdout.
"""

from __future__ import annotations

import json
import random
import sys
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from holdout_chatter import CHATTER, GAPS  # noqa: E402
from holdout_kb import KB  # noqa: E402
from holdout_matters import MATTERS  # noqa: E402
from holdout_stories import PEOPLE, STORIES  # noqa: E402
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
PREFIX = {"reddit": "rd", "youtube": "yt", "forum": "fo"}
CONFIG = """# The holdout world's brand and its own accounts (bench/triage.py uses them).
[brand]
name = "Lumen Energía"
queries = ["lumen", "Lumen Energía", "Lumen Fibra"]

[brand.accounts]
reddit = ["LumenEnergia_Care"]
youtube = ["Lumen Energía"]
forum = ["equipo_lumen"]
"""

THREADS = STORIES + MATTERS + GAPS + CHATTER


def kb_id(topic: str, lang: str) -> str:
    return f"lum-{topic}-{lang}"


class World:
    """Threads become posts: ids, authors, parents, times and the hand labels of each post."""

    def __init__(self, seed: int = 11) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - a seeded test set, not secrets
        self.posts: list[dict] = []
        self.keyed: dict[str, dict] = {}
        self.pids: dict[Any, str] = {}
        self.people: dict[str, dict] = {}
        self.matters: dict[str, str] = {}
        self.starts: dict[str, datetime] = {}

    def person(self, who: str, platform: str, lang: str) -> tuple[str, str]:
        """(person id, handle): a PEOPLE key, else a one-off handle on this platform."""
        key: Any = who if who in PEOPLE else (platform, who)
        if key not in self.pids:
            pid = f"p{len(self.pids) + 1:03d}"
            self.pids[key] = pid
            spec = PEOPLE.get(who, {"lang": lang, "handles": {platform: who}})
            self.people[pid] = {"kind": spec.get("kind", "single"), **spec}
        pid = self.pids[key]
        handles = self.people[pid]["handles"]
        if platform not in handles:
            raise ValueError(f"{who} has no account on {platform}")
        return pid, handles[platform]

    def span(self, thread: dict) -> float:
        """Minutes from the thread's start to its last post, dependants included."""
        own = sum(p[2] for p in thread["posts"])
        later = [d["after"][1] * 60 + self.span(d) for d in THREADS
                 if d.get("after") and d["after"][0] == thread.get("key")]  # fmt: skip
        return max([own, *later])

    def start(self, thread: dict) -> datetime:
        if thread.get("after"):
            anchor, hours = thread["after"]
            return self.starts[anchor] + timedelta(hours=hours)
        room = (OPEN_BY - START).total_seconds() - 60 * self.span(thread)
        if room <= 0:
            raise ValueError(f"thread {thread.get('key')} is longer than the world")
        latest = LATEST - timedelta(minutes=self.span(thread))
        room = min(room, (latest - START).total_seconds())
        return START + timedelta(seconds=self.rng.uniform(0, room))

    def thread(self, th: dict) -> None:
        platform, lang = th["platform"], th["lang"]
        t = self.start(th)
        if th.get("key"):
            self.starts[th["key"]] = t
        root: dict | None = None
        prev: dict | None = None
        for who, role, minutes, text, *rest in th["posts"]:
            lab = rest[0] if rest else {}
            t += timedelta(minutes=minutes)
            if t > LATEST:
                raise ValueError(f"{text[:40]!r} is posted after the world ends")
            brand = who == "brand"
            pid, author = ("brand", BRAND_HANDLES[platform]) if brand else self.person(
                who, platform, lang)  # fmt: skip
            parent = prev if lab.get("re") is None else self.keyed[lab["re"]]
            post = self.add(platform, author, text, t, lang, parent, brand,
                            title=th.get("title") if root is None else None)  # fmt: skip
            label: dict[str, Any] = {"role": role, "person": pid}
            if lab.get("m"):
                label["matter"] = self.matters.setdefault(lab["m"], f"m{len(self.matters) + 1:03d}")
                label["is_matter"] = bool(lab.get("op"))
                if lab.get("kb"):
                    label["kb_topic"] = lab["kb"]
            if lab.get("gap"):
                label["gap"] = lab["gap"]
            if lab.get("dup"):
                label["duplicate_of"] = self.keyed[lab["dup"]]["id"]
            post["_label"] = label
            if lab.get("key"):
                self.keyed[lab["key"]] = post
            root = root or post
            prev = post

    def add(self, platform: str, author: str, text: str, t: datetime, lang: str,
            parent: dict | None, brand: bool, title: str | None) -> dict:  # fmt: skip
        pid = f"{PREFIX[platform]}-{len(self.posts) + 1:04d}"
        thread = parent["thread_id"] if parent else pid
        post = {
            "id": pid, "platform": platform, "author": author, "text": text,
            "thread_id": thread, "parent_id": parent["id"] if parent else None,
            "created_at": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "lang": lang,
            "url": URLS[platform].format(t=thread, i=pid), "by_brand": brand, "_t": t,
        }  # fmt: skip
        if title:
            post["title"] = title
        self.posts.append(post)
        return post


def crm_rows(world: World) -> list[list[str]]:
    """The CRM export: one row per person with a CRM record; a `crm_name` person's YouTube
    account is not listed (only the display name ties it to the row)."""
    rows = []
    for person in world.people.values():
        if not person.get("crm"):
            continue
        listed = {p: h for p, h in person["handles"].items()
                  if person["kind"] != "crm_name" or p != "youtube"}  # fmt: skip
        rows.append((person["name"], listed))
    out = [["customer_id", "name", "email", "reddit", "youtube", "forum"]]
    for n, (name, h) in enumerate(rows, 1):
        email = unicodedata.normalize("NFKD", name.lower().replace(" ", "."))
        email = email.encode("ascii", "ignore").decode()
        out.append([f"LUM-{n:04d}", name, f"{email}{n}@buzon.example",
                    h.get("reddit", ""), h.get("youtube", ""), h.get("forum", "")])  # fmt: skip
    return out


def main() -> None:
    world = World()
    for th in THREADS:
        world.thread(th)
    truth = write_world(OUT, world, REF, KB, kb_id, KB_URL, crm_rows(world), CONFIG)
    print(json.dumps(truth["counts"]))


if __name__ == "__main__":
    main()
