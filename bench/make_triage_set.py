"""Write the labelled triage scenario (bench/data/triage/): Orbita, an invented telco and ISP.

Written for listenpost; texts in bench/triage_text.py, triage_replies.py and triage_kb.py.
Seeded and deterministic: the same files on every run. Stories are threads on Reddit, YouTube
and a forum: matters answered by the brand once or after a DM, answered and then reopened,
never answered, followed up ("any news?", "DM sent", "sigo esperando") and continued on another
channel by the same person; other users' "same here", fixes and how-tos; praise, sarcasm and
chatter; exact and near duplicates; questions no article covers; people linked across channels
by the same handle, a CRM row, a self-reference or a CRM name, and decoys (common handles,
namesakes, third-person mentions). The labels (labels.jsonl) and the true KPIs (truth.json) are
computed from the generated posts with the definitions in bench/data/triage/README.md.

Run: python bench/make_triage_set.py (bench/triage.py reads the files).
"""

from __future__ import annotations

import json
import random
import sys
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from triage_kb import KB  # noqa: E402
from triage_replies import (  # noqa: E402
    CITIES,
    FIRST,
    HANDLE_WORDS,
    HOWTO_POSTS,
    LAST,
    MODELS,
    OTHER,
)  # fmt: skip
from triage_truth import write_world  # noqa: E402

OUT = Path(__file__).with_name("data") / "triage"
REF = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)  # the scenario's "now"
START = REF - timedelta(days=21)
LATEST = REF - timedelta(minutes=61)  # nothing is posted after this
BRAND_HANDLES = {"reddit": "OrbitaCare", "youtube": "Orbita", "forum": "orbita_team"}
URLS = {"reddit": "https://www.reddit.com/r/orbita/comments/{t}/_/{i}",
        "youtube": "https://www.youtube.com/watch?v={t}&lc={i}",
        "forum": "https://forum.orbita-users.example/t/{t}/{i}"}  # fmt: skip
# Which templates ask for help without a grievance (role "question"); the rest are complaints.
QUESTIONS = {
    "bill": ({1}, {1, 3}), "slow": ({2, 3}, {2, 3}), "app": ({2, 3}, {2, 3}),
    "port": ({0, 2}, {0, 2}), "roaming": ({1, 3}, {1, 3}), "cancel": ({0, 2}, {0, 2}),
    "tech": ({1, 3}, {1, 3}), "esim": ({0, 3}, {0, 3}), "puk": ({0, 1, 2}, {0, 1, 2}),
    "move": ({0, 1, 2}, {0, 1, 2}), "data": ({0, 1}, {0, 1}),
    "cgnat": ({0, 1, 2}, {0, 1, 2}), "company_invoice": ({0, 1, 2}, {0, 1, 2}),
    "wifi_calling": ({0, 1, 2}, {0, 1, 2}), "parental": ({0, 1, 2}, {0, 1, 2}),
}  # fmt: skip
KB_URL = "https://help.orbita.example/{lang}/{topic}"
EMOJI = {
    "complaint": ["😡", "🙄", "😤", "🤦", "😩", "!!", "💀"],
    "question": ["🙏", "??", "🤔"],
    "praise": ["👍", "🙌", "😊", "❤️"],
    "answer": ["👍", "🙂"],
    "other": ["😂", "👀"],
}
PREFIX = {"reddit": "rd", "youtube": "yt", "forum": "fo"}


def kb_id(topic: str, lang: str) -> str:
    return f"orb-{topic}-{lang}"


class World:
    def __init__(self, seed: int = 12) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - a seeded test set, not secrets
        self.posts: list[dict] = []
        self.people: dict[str, dict] = {}
        self.crm: list[dict] = []
        self.used_handles: set[tuple[str, str]] = set()
        self.names: set[tuple[str, str]] = set()
        self.n = 0
        self.matters = 0

    # -- people ----------------------------------------------------------------------------

    def handle(self, lang: str, platform: str, first: str, last: str) -> str:
        r = self.rng
        while True:
            if platform == "youtube" and r.random() < 0.6:
                h = f"{first.title()} {last.title()}"
            elif platform == "forum" and r.random() < 0.5:
                h = f"{first}.{last}" if r.random() < 0.5 else f"{first}{r.randint(10, 99)}"
            else:
                h = r.choice([f"{first}_{r.choice(HANDLE_WORDS)}{r.randint(1, 99)}",
                              f"{r.choice(HANDLE_WORDS)}{first.title()}{r.randint(70, 99)}",
                              f"{first[0]}{last}{r.randint(1, 9)}"])  # fmt: skip
            if (platform, h.lower()) not in self.used_handles:
                self.used_handles.add((platform, h.lower()))
                return h

    def person(self, lang: str, platforms: tuple[str, ...], kind: str = "single") -> str:
        r = self.rng
        pid = f"p{len(self.people) + 1:03d}"
        while True:  # one full name per person: namesakes are placed on purpose only
            first, last = r.choice(FIRST[lang]), r.choice(LAST[lang])
            if (first, last) not in self.names:
                self.names.add((first, last))
                break
        personas = {p: self.handle(lang, p, first, last) for p in platforms}
        if kind == "same_handle" and len(platforms) > 1:
            shared = f"{first}_{r.choice(HANDLE_WORDS)}{r.randint(100, 999)}"
            personas = {p: shared for p in platforms}
            self.used_handles.update((p, shared.lower()) for p in platforms)
        name = f"{first.title()} {last.title()}"
        if lang == "es" and r.random() < 0.5:
            name = name.replace("Fernandez", "Fernández").replace("Alvaro", "Álvaro")
        if kind == "crm_name":
            personas["youtube"] = name
            self.used_handles.add(("youtube", name.lower()))
        self.people[pid] = {"lang": lang, "name": name, "personas": personas, "kind": kind}
        if kind in ("crm", "crm_name") or (kind == "single" and r.random() < 0.15):
            listed = {p: h for p, h in personas.items() if kind != "crm_name" or p != "youtube"}
            self.crm.append({"person": pid, "name": name, "handles": listed})
        return pid

    # -- posts -----------------------------------------------------------------------------

    def mess(self, text: str, role: str) -> str:
        r = self.rng
        if r.random() < 0.2:
            text = text.lower()
        if r.random() < 0.15:
            words = text.split(" ")
            long = [i for i, w in enumerate(words) if len(w) > 5 and w.isalpha()]
            if long:
                i = r.choice(long)
                w = words[i]
                j = r.randrange(1, len(w) - 2)
                words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
                text = " ".join(words)
        if r.random() < 0.1:
            text = text.rstrip(".!?")
        if r.random() < 0.12:
            text += " " + r.choice(EMOJI[role])
        return text

    @staticmethod
    def joined(text: str, suffix: str) -> str:
        if not suffix:
            return text
        return f"{text} {suffix}" if text.rstrip()[-1:] in ".?!" else f"{text}. {suffix}"

    def fill(self, text: str, lang: str) -> str:
        r = self.rng
        return text.format(box="OrbitaBox", app="My Orbita" if lang == "en" else "Mi Orbita",
                           city=r.choice(CITIES[lang]), n=r.randint(2, 9),
                           amount=f"{r.randint(25, 90)},{r.choice(['00', '90', '50'])}€"
                           if lang == "es" else f"£{r.randint(25, 90)}.{r.choice(['00', '99'])}",
                           days=r.randint(3, 12), model=r.choice(MODELS), kb="{kb}",
                           h="{h}")  # fmt: skip

    def add(self, *, platform: str, author: str, text: str, t: datetime, lang: str,
            parent: dict | None = None, title: str | None = None, brand: bool = False,
            label: dict | None = None) -> dict | None:  # fmt: skip
        if t > LATEST:
            return None
        self.n += 1
        pid = f"{PREFIX[platform]}-{self.n:04d}"
        thread = parent["thread_id"] if parent else pid
        post = {
            "id": pid, "platform": platform, "author": author, "text": text,
            "thread_id": thread, "parent_id": parent["id"] if parent else None,
            "created_at": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "lang": lang,
            "url": URLS[platform].format(t=thread, i=pid), "by_brand": brand,
        }  # fmt: skip
        if title:
            post["title"] = title
        post["_t"] = t
        post["_label"] = dict(label or {})
        self.posts.append(post)
        return post

    def customer_post(self, pid: str, platform: str, raw: str, t: datetime, role: str,
                      parent: dict | None = None, suffix: str = "",
                      **label: object) -> dict | None:  # fmt: skip
        lang = self.people[pid]["lang"]
        raw = self.fill(raw, lang)
        title, _, body = raw.partition(" | ")
        if not body:
            title, body = "", raw
        if platform == "youtube" and parent is None:
            parent = self.video(lang, t, label.get("kb_topic"))
        if parent is not None and title:  # a comment carries no title of its own
            body = f"{title}. {body}" if self.rng.random() < 0.6 else body
            title = ""
        return self.add(platform=platform, author=self.people[pid]["personas"][platform],
                        text=self.joined(self.mess(body, role), suffix), t=t, lang=lang,
                        parent=parent,
                        title=title or None,
                        label={"role": role, "person": pid, **label})  # fmt: skip

    def video(self, lang: str, t: datetime, topic: object) -> dict:
        """A video the comment goes under: the brand's or another channel's, days earlier."""
        r = self.rng
        when = t - timedelta(days=r.uniform(1, 6), minutes=r.randint(0, 600))
        if r.random() < 0.5 and isinstance(topic, str) and topic in KB:
            title = KB[topic][1 if lang == "en" else 2][0]
            return self.add(platform="youtube", author=BRAND_HANDLES["youtube"], text=title,
                            title=title, t=when, lang=lang, brand=True,
                            label={"role": "other", "person": "brand"})  # fmt: skip
        raw = self.fill(r.choice(HOWTO_POSTS[lang] + OTHER[lang]), lang)
        title, _, body = raw.partition(" | ")
        creator = self.person(lang, ("youtube",))
        role = "answer" if body else "other"
        return self.add(platform="youtube", author=self.people[creator]["personas"]["youtube"],
                        text=body or title, title=title, t=when, lang=lang,
                        label={"role": role, "person": creator})  # fmt: skip

    def brand(self, parent: dict, text: str, t: datetime, topic: str | None = None) -> dict | None:
        lang = parent["lang"]
        kb = ""
        if topic in KB:
            kb = (
                KB[topic][1 if lang == "en" else 2][0] + " " + KB_URL.format(lang=lang, topic=topic)
            )
        text = self.fill(text, lang).replace("{kb}", kb or "our help pages")
        return self.add(platform=parent["platform"], author=BRAND_HANDLES[parent["platform"]],
                        text=text, t=t, lang=lang, parent=parent, brand=True,
                        label={"role": "other", "person": "brand"})  # fmt: skip

    def new_matter(self) -> str:
        self.matters += 1
        return f"m{self.matters:03d}"

    def when(self) -> datetime:
        span = (LATEST - timedelta(hours=2) - START).total_seconds()
        return START + timedelta(seconds=self.rng.uniform(0, span))

    def delay(self) -> timedelta:
        r = self.rng.random()
        if r < 0.4:
            return timedelta(minutes=self.rng.randint(8, 55))
        if r < 0.7:
            return timedelta(minutes=self.rng.randint(65, 480))
        if r < 0.9:
            return timedelta(minutes=self.rng.randint(481, 2880))
        return timedelta(minutes=self.rng.randint(2881, 7200))


def crm_rows(world: World) -> list[list[str]]:
    """The CRM export: a header, then one row per customer."""
    out = [["customer_id", "name", "email", "reddit", "youtube", "forum"]]
    for n, row in enumerate(world.crm, 1):
        h = row["handles"]
        email = unicodedata.normalize("NFKD", row["name"].lower().replace(" ", "."))
        email = email.encode("ascii", "ignore").decode()
        out.append([f"ORB-{n:04d}", row["name"], f"{email}{n}@mail.example",
                    h.get("reddit", ""), h.get("youtube", ""), h.get("forum", "")])  # fmt: skip
    return out


def main() -> None:
    from triage_stories import build

    world = World()
    build(world)
    truth = write_world(OUT, world, REF, KB, kb_id, KB_URL, crm_rows(world))
    print(json.dumps(truth["counts"]))


if __name__ == "__main__":
    main()
