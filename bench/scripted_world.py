"""The machinery of the scripted worlds (bench/make_probe_set.py, bench/make_holdout_set.py,
bench/make_blind_set.py): threads written post by post become posts with ids, authors, parents,
times and hand labels, and the people with a CRM record become the CRM export.

A thread is a platform, a language, a title and its posts in order: (who, role, minutes after the
previous post, text, labels). `who` is "brand", a key of the world's people (accounts on two
channels or a CRM row) or a handle of its own on that platform. Labels: `m` the matter, `op` the
post states it (is_matter), `kb` the help-centre topic, `gap`, `dup` (the key of the post this
one copies), `key` (a name for this post), `re` (the key of the post this one replies to, when it
is not the previous one). A YouTube thread starts with its video. A thread with `after` starts
that many hours after the start of the thread with that `key`. Only each thread's start time is
drawn (seeded), so every run writes the same files.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import datetime, timedelta
from typing import Any

PREFIX = {"reddit": "rd", "youtube": "yt", "forum": "fo"}


def M(matter: str, kb: str | None = None, **more: Any) -> dict:  # noqa: N802
    """A post that states a matter."""
    return {"m": matter, "op": True, "kb": kb, **more}


def F(matter: str, **more: Any) -> dict:  # noqa: N802
    """A follow-up of a matter: "any news?", "DM sent", a thank-you."""
    return {"m": matter, **more}


def T(platform: str, lang: str, title: str | None, *posts: tuple, key: str | None = None,  # noqa: N802
      after: tuple[str, float] | None = None) -> dict:  # fmt: skip
    return {"platform": platform, "lang": lang, "title": title, "posts": list(posts),
            "key": key, "after": after}  # fmt: skip


class ScriptedWorld:
    """Threads become posts: ids, authors, parents, times and the hand labels of each post."""

    def __init__(self, people: dict[str, dict], threads: list[dict], brand_handles: dict[str, str],
                 urls: dict[str, str], times: tuple[datetime, datetime, datetime],
                 seed: int, decoys: frozenset[str] = frozenset()) -> None:  # fmt: skip
        """``times``: the earliest start of a thread, the latest (every SLA is decided by the
        world's reference time) and the last moment anything is posted. ``decoys``: one-off
        handles that are a different person on each platform (a common name, "javi" on Reddit
        and "javi" on the forum); any other one-off handle written on two platforms is one
        person with the same handle on both, as it would be in the world."""
        self.decoys = decoys
        self.rng = random.Random(seed)  # noqa: S311 - a seeded test set, not secrets
        self.people_specs, self.threads = people, threads
        self.brand_handles, self.urls = brand_handles, urls
        self.start_at, self.open_by, self.latest = times
        self.posts: list[dict] = []
        self.keyed: dict[str, dict] = {}
        self.pids: dict[Any, str] = {}
        self.people: dict[str, dict] = {}
        self.matters: dict[str, str] = {}
        self.starts: dict[str, datetime] = {}

    def person(self, who: str, platform: str, lang: str) -> tuple[str, str]:
        """(person id, handle): a key of the world's people (or one of their handles on this
        platform), else a one-off handle: one person wherever it is written, but for the
        world's ``decoys``, a different person on each platform."""
        owner = next((k for k, spec in self.people_specs.items()
                      if spec["handles"].get(platform) == who), None)  # fmt: skip
        if who in self.people_specs or owner is not None:
            key: Any = owner if who not in self.people_specs else who
        else:
            key = (platform, who) if who in self.decoys else ("one-off", who)
        if key not in self.pids:
            pid = f"p{len(self.pids) + 1:03d}"
            self.pids[key] = pid
            spec = self.people_specs.get(key, {"lang": lang, "handles": {platform: who}})
            self.people[pid] = {"kind": spec.get("kind", "single"), **spec}
        pid = self.pids[key]
        person = self.people[pid]
        if platform not in person["handles"]:
            if key[0] != "one-off":
                raise ValueError(f"{who} has no account on {platform}")
            person["handles"] = {**person["handles"], platform: who}
            person["kind"] = "same_handle"
        return pid, person["handles"][platform]

    def span(self, thread: dict) -> float:
        """Minutes from the thread's start to its last post, dependants included."""
        own = sum(p[2] for p in thread["posts"])
        later = [d["after"][1] * 60 + self.span(d) for d in self.threads
                 if d.get("after") and d["after"][0] == thread.get("key")]  # fmt: skip
        return max([own, *later])

    def start(self, thread: dict) -> datetime:
        if thread.get("after"):
            anchor, hours = thread["after"]
            return self.starts[anchor] + timedelta(hours=hours)
        room = (self.open_by - self.start_at).total_seconds() - 60 * self.span(thread)
        if room <= 0:
            raise ValueError(f"thread {thread.get('key')} is longer than the world")
        latest = self.latest - timedelta(minutes=self.span(thread))
        room = min(room, (latest - self.start_at).total_seconds())
        return self.start_at + timedelta(seconds=self.rng.uniform(0, room))

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
            if t > self.latest:
                raise ValueError(f"{text[:40]!r} is posted after the world ends")
            brand = who == "brand"
            pid, author = ("brand", self.brand_handles[platform]) if brand else self.person(
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
            "url": self.urls[platform].format(t=thread, i=pid), "by_brand": brand, "_t": t,
        }  # fmt: skip
        if title:
            post["title"] = title
        self.posts.append(post)
        return post

    def build(self) -> ScriptedWorld:
        """Every thread, in order."""
        for th in self.threads:
            self.thread(th)
        return self


def crm_rows(world: ScriptedWorld, id_prefix: str, mail: str) -> list[list[str]]:
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
        out.append([f"{id_prefix}-{n:04d}", name, f"{email}{n}@{mail}",
                    h.get("reddit", ""), h.get("youtube", ""), h.get("forum", "")])  # fmt: skip
    return out
