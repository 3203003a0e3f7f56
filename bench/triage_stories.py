"""The stories of the triage scenario (bench/make_triage_set.py): who posts what, where and when."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from triage_replies import (
    ANSWERS,
    BRAND_CONDUCT,
    BRAND_FIRST,
    BRAND_OUTAGE,
    BRAND_SECOND,
    FOLLOW_ANGRY,
    FOLLOW_DM,
    FOLLOW_WAIT,
    HOWTO_POSTS,
    OTHER,
    PRAISE,
    SAME_HERE,
    SELF_REF,
    THANKS,
    THIRD_PERSON,
)  # fmt: skip
from triage_text import CONDUCT, GAPS, TOPICS

PLATFORMS = ("reddit", "youtube", "forum")
MENTION = {"reddit": "u/", "youtube": "@", "forum": "@"}
# How a person with accounts on two channels can be recognised as one (and two who cannot).
CROSS_KINDS = ["same_handle"] * 5 + ["crm"] * 5 + ["selfref"] * 8 + ["crm_name"] * 3 + ["none"] * 2
VARIANTS = ["fast"] * 5 + ["slow"] * 4 + ["dm"] * 3 + ["still"] * 3 + ["unanswered"] * 5


def role_of(topic: str, lang: str, index: int) -> str:
    from make_triage_set import QUESTIONS

    qs = QUESTIONS.get(topic)
    return "question" if qs and index in qs[0 if lang == "en" else 1] else "complaint"


def pick(w: Any, topic: str, lang: str, table: dict = TOPICS) -> tuple[str, str]:
    texts = table[topic][lang]
    i = w.rng.randrange(len(texts))
    return texts[i], role_of(topic, lang, i)


def kb_story(w: Any, topic: str, lang: str, variant: str, cross: str | None = None) -> None:
    r = w.rng
    p1, p2 = r.sample(PLATFORMS, 2)
    if cross == "crm_name" and "youtube" not in (p1, p2):
        p2 = "youtube"
    elif cross == "crm_name" and p1 == "youtube":
        p1, p2 = p2, p1
    pid = w.person(lang, (p1, p2) if cross else (p1,), cross or "single")
    matter = w.new_matter()
    t0 = w.when()
    raw, role = pick(w, topic, lang)
    lab = {"matter": matter, "is_matter": True, "kb_topic": topic}
    op = w.customer_post(pid, p1, raw, t0, role, **lab)
    if op is None:
        return
    now = t0
    if r.random() < 0.3:  # another customer: "same here"
        other = w.person(lang, (p1,))
        text = r.choice(SAME_HERE[lang])
        if r.random() < 0.3:
            known = [q for q, v in w.people.items() if "reddit" in v["personas"] and q != other]
            if known:  # someone else's account, named in the third person
                handle = w.people[r.choice(known)]["personas"]["reddit"]
                text += ". " + THIRD_PERSON[lang][0].replace("{h}", handle)
        w.customer_post(other, p1, text, now + timedelta(minutes=r.randint(5, 300)),
                        "complaint", parent=op, matter=w.new_matter(), is_matter=True,
                        kb_topic=topic)  # fmt: skip
    if topic in ANSWERS and r.random() < 0.3:  # another user's fix
        helper = w.person(lang, (p1,))
        ans = w.customer_post(
            helper,
            p1,
            r.choice(ANSWERS[topic][lang]),
            now + timedelta(minutes=r.randint(20, 900)),
            "answer",
            parent=op,
        )
        if ans and r.random() < 0.4:
            thanks = THIRD_PERSON[lang][1].replace("u/{h}", MENTION[p1] + ans["author"])
            later = ans["_t"] + timedelta(minutes=r.randint(10, 200))
            w.customer_post(pid, p1, thanks, later, "praise", parent=ans, matter=matter,
                            is_matter=False)  # fmt: skip
    if cross:
        now = cross_post(w, pid, topic, lang, p1, p2, op, matter, cross, t0)
    if not cross and variant in ("fast", "slow") and r.random() < 0.2:
        crosspost(w, op, pid, p2)
    first_table = BRAND_OUTAGE if topic == "outage" and r.random() < 0.6 else BRAND_FIRST
    if variant == "unanswered":
        if not cross and r.random() < 0.6:
            repost(w, op, pid, lang)
        if r.random() < 0.5:
            table = FOLLOW_WAIT if r.random() < 0.6 else FOLLOW_ANGRY
            w.customer_post(pid, p1, r.choice(table[lang]), now + timedelta(hours=r.randint(5, 60)),
                            "question" if table is FOLLOW_WAIT else "complaint", parent=op,
                            matter=matter, is_matter=False)  # fmt: skip
        return
    if variant == "dm":
        b1 = w.brand(op, BRAND_FIRST[lang][1], now + w.delay(), topic)
        if b1 is None:
            return
        dm = w.customer_post(
            pid,
            p1,
            r.choice(FOLLOW_DM[lang]),
            b1["_t"] + timedelta(minutes=r.randint(3, 120)),
            "other",
            parent=b1,
            matter=matter,
            is_matter=False,
        )
        if dm is None:
            return
        b2 = w.brand(dm, r.choice(BRAND_SECOND[lang]), dm["_t"] + w.delay())
        if b2 is not None and r.random() < 0.5:
            w.customer_post(
                pid,
                p1,
                r.choice(THANKS[lang]),
                b2["_t"] + timedelta(minutes=r.randint(5, 240)),
                "praise",
                parent=b2,
                matter=matter,
                is_matter=False,
            )
        return
    first = [t for i, t in enumerate(first_table[lang]) if first_table is not BRAND_FIRST or i != 1]
    delay = timedelta(minutes=r.randint(6, 55)) if variant == "fast" else w.delay()
    b1 = w.brand(op, r.choice(first), now + delay, topic)
    if b1 is None:
        return
    if variant == "still":
        w.customer_post(
            pid,
            p1,
            r.choice(FOLLOW_ANGRY[lang]),
            b1["_t"] + timedelta(hours=r.randint(2, 40)),
            "complaint",
            parent=b1,
            matter=matter,
            is_matter=False,
        )
    elif r.random() < 0.45:
        w.customer_post(
            pid,
            p1,
            r.choice(THANKS[lang]),
            b1["_t"] + timedelta(minutes=r.randint(5, 300)),
            "praise",
            parent=b1,
            matter=matter,
            is_matter=False,
        )


def cross_post(w: Any, pid: str, topic: str, lang: str, p1: str, p2: str, op: dict,
               matter: str, kind: str, t0: Any) -> Any:  # fmt: skip
    """The same person continues on another channel: the problem again, in other words."""
    r = w.rng
    t = t0 + timedelta(hours=r.uniform(2, 48))
    raw, role = pick(w, topic, lang)
    title, _, body = raw.partition(" | ")
    text = body or title
    if kind == "selfref":
        refs = [s for s in SELF_REF[lang] if ("Reddit" in s or "reddit" in s) == (p1 == "reddit")
                and ("foro" in s or "forum" in s) == (p1 == "forum")]  # fmt: skip
        suffix = r.choice(refs or SELF_REF[lang]).replace("{h}", op["author"])
    else:
        suffix = ""
    post = w.customer_post(pid, p2, f"{title} | {text}" if body else text, t, role,
                           suffix=suffix, matter=matter, is_matter=True,
                           kb_topic=topic)  # fmt: skip
    if post is not None and _contains(post["text"], op["text"]):
        # the other words drawn were the opener's own (a topic has few texts): a copy
        post["_label"]["duplicate_of"] = op["id"]
    if kind == "same_handle" and r.random() < 0.5 and post is not None:
        dup = dict(post["_label"])
        w.add(platform=p2, author=post["author"], text=post["text"],
              t=post["_t"] + timedelta(minutes=r.randint(1, 30)), lang=lang,
              title=post.get("title"), label=dup | {"duplicate_of": post["id"]})  # fmt: skip
    return max(t0, t if post else t0)


def _contains(a: str, b: str) -> bool:
    """One text holds the other whole (case, spacing and punctuation aside)."""
    a, b = (" ".join("".join(c if c.isalnum() else " " for c in x.casefold()).split())
            for x in (a, b))  # fmt: skip
    return a in b or b in a


def repost(w: Any, op: dict, pid: str, lang: str) -> None:
    """Nobody answered: the same post again in a new thread, as it was or lightly edited."""
    r = w.rng
    text = op["text"]
    if r.random() < 0.5:
        text = r.choice(["Reposting since nobody answered: ", "(repost) ", "Nadie contesta, lo "
                         "vuelvo a poner: " if lang == "es" else "2nd try: "]) + text  # fmt: skip
    w.add(
        platform=op["platform"],
        author=op["author"],
        text=text,
        t=op["_t"] + timedelta(hours=r.uniform(6, 30)),
        lang=lang,
        title=op.get("title"),
        parent=w.video(lang, op["_t"], None) if op["platform"] == "youtube" else None,
        label=dict(op["_label"]) | {"duplicate_of": op["id"]},
    )


def crosspost(w: Any, op: dict, pid: str, platform: str) -> None:
    """The same text at once on a second channel under the same handle."""
    w.people[pid]["personas"][platform] = op["author"]
    w.people[pid]["kind"] = "same_handle"
    parent = w.video(op["lang"], op["_t"], None) if platform == "youtube" else None
    w.add(
        platform=platform,
        author=op["author"],
        text=op["text"],
        lang=op["lang"],
        t=op["_t"] + timedelta(minutes=w.rng.randint(2, 25)),
        parent=parent,
        title=None if parent else op.get("title") or op["text"][:60],
        label=dict(op["_label"]) | {"duplicate_of": op["id"]},
    )


def gap_story(w: Any, gap: str, lang: str) -> None:
    r = w.rng
    platform = r.choice(PLATFORMS)
    pid = w.person(lang, (platform,))
    raw, role = pick(w, gap, lang, GAPS)
    op = w.customer_post(pid, platform, raw, w.when(), role, matter=w.new_matter(),
                         is_matter=True, gap=gap)  # fmt: skip
    if op is None:
        return
    if gap in ANSWERS and r.random() < 0.4:
        helper = w.person(lang, (platform,))
        w.customer_post(
            helper,
            platform,
            r.choice(ANSWERS[gap][lang]),
            op["_t"] + timedelta(minutes=r.randint(30, 900)),
            "answer",
            parent=op,
        )
    if r.random() < 0.25:
        w.customer_post(pid, platform, r.choice(FOLLOW_WAIT[lang]), op["_t"] + timedelta(
            hours=r.randint(6, 72)), "question", parent=op, matter=op["_label"]["matter"],
            is_matter=False)  # fmt: skip


def conduct_story(w: Any, lang: str, i: int) -> None:
    r = w.rng
    platform = r.choice(PLATFORMS)
    pid = w.person(lang, (platform,))
    op = w.customer_post(pid, platform, CONDUCT[lang][i], w.when(), "complaint",
                         matter=w.new_matter(), is_matter=True)  # fmt: skip
    if op and r.random() < 0.5:
        w.brand(op, BRAND_CONDUCT[lang][0], op["_t"] + w.delay())


def standalone(w: Any, lang: str, table: dict, role: str) -> None:
    r = w.rng
    for raw in table[lang]:
        platform = r.choice(("reddit", "forum")) if " | " in raw else r.choice(PLATFORMS)
        pid = w.person(lang, (platform,))
        w.customer_post(pid, platform, raw, w.when(), role)


def decoys(w: Any) -> None:
    """Different people behind the same common handle or the same name as a CRM customer."""
    r = w.rng
    for handle, lang in (("dani", "es"), ("alex", "en"), ("marta", "es"), ("chris", "en")):
        for platform in ("reddit", "forum"):
            pid = w.person(lang, (platform,))
            w.people[pid]["personas"][platform] = handle
            table = r.choice((PRAISE, OTHER))
            w.customer_post(pid, platform, r.choice(table[lang]), w.when(),
                            "praise" if table is PRAISE else "other")  # fmt: skip
    for name, handle, lang in (("Maria Garcia", "mgarcia_77", "es"),
                               ("John Smith", "jsmith_1984", "en")):  # fmt: skip
        crm_pid = w.person(lang, ("reddit",))
        w.people[crm_pid]["personas"]["reddit"] = handle
        w.crm.append(
            {
                "person": crm_pid,
                "name": name,
                "handles": {"reddit": w.people[crm_pid]["personas"]["reddit"]},
            }
        )
        w.customer_post(crm_pid, "reddit", r.choice(OTHER[lang]), w.when(), "other")
        yt = w.person(lang, ("youtube",))
        w.people[yt]["personas"]["youtube"] = name
        w.customer_post(yt, "youtube", r.choice(PRAISE[lang]), w.when(), "praise")


def build(w: Any) -> None:
    r = w.rng
    crosses = list(CROSS_KINDS)
    r.shuffle(crosses)
    stories = []
    for topic in TOPICS:
        n = 8 if topic in ("double", "wifi", "outage", "slow", "bill") else 6
        for _ in range(n):
            stories.append((topic, "en" if len(stories) % 2 == 0 else "es"))
    r.shuffle(stories)
    for n, (topic, lang) in enumerate(stories):
        cross = crosses[n] if n < len(crosses) else None
        kb_story(w, topic, lang, r.choice(VARIANTS), cross)
    for gap in GAPS:
        for k in range(5):
            gap_story(w, gap, "en" if (k + len(gap)) % 2 == 0 else "es")
    for lang in ("en", "es"):
        for i in range(len(CONDUCT[lang])):
            conduct_story(w, lang, i)
        standalone(w, lang, PRAISE, "praise")
        standalone(w, lang, OTHER, "other")
        standalone(w, lang, HOWTO_POSTS, "answer")
    decoys(w)
