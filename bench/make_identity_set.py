"""Write the labelled identity set (bench/data/identity_personas.jsonl, identity_crm.csv).

Written for listenpost: invented people, handles and posts, seeded so the files are stable. Each
line is one persona (one account on one platform) with its true owner ("person") and its posts.
People link in the ways the identity stage knows (rare handle reused, self-reference, shared
contact detail, CRM row, a CRM name shown as a display name, the same post under one handle on
two platforms within the hour), in ways it does not (unrelated handles, phrasings it does not
parse), and around decoys: common handles on several platforms owned by different people,
near-identical handles, shared first names, real-name display names, thanks to other users,
hotlines and support addresses everyone quotes, one order reference a shop prints on every
receipt, the same post under a bare first name by two people, common CRM names the customer's
own account spells worn by somebody else, and a CRM name shown by a second YouTube account when
the CRM row names the customer's channel.

Run: python bench/make_identity_set.py (bench/identity.py reads the files).
"""

from __future__ import annotations

import csv
import json
import random
import unicodedata
from pathlib import Path

OUT = Path(__file__).with_name("data")

FIRST = ("maria ana carlos john jose laura david sofia miguel lucia pedro emma james olivia luis "
         "carmen daniel elena jorge paula sara diego marta pablo irene javier alba ruben nora "
         "hugo").split()  # fmt: skip
RARE = ("quintana kowalczyk abernathy zaragoza villalobos okonkwo lindqvist fairweather "
        "montenegro valderrama castellanos brightwater oyelaran szymanski achterberg "
        "moncrieff ballester etxeberria quiroga arismendi thorvaldsen pellegrino "
        "vasconcelos dragomir holloway mcgarrity zubizarreta ferreira lanzarote "
        "bergqvist olabarria nakashima").split()  # fmt: skip
WORDS = ("kettle router pixel comet falcon maple cobalt lantern tundra ember walrus quartz "
         "saffron pepper biscuit").split()  # fmt: skip
ISSUES = [
    "My NubeBox router drops the wifi every hour and support keeps closing my case",
    "I was charged twice on my November invoice and nobody answers about the refund",
    "The technician never showed up for my installation appointment",
    "The NubeBox app crashes every time I open the settings page",
    "My package was marked as delivered but it never arrived",
    "Mi router NubeBox pierde la conexión cada hora y nadie me ayuda",
    "Me cobraron dos veces la factura de noviembre",
]
FOLLOW = [
    "Still not fixed, this is the third week.",
    "Any update? Nobody has called me back.",
    "Sigue sin funcionar, ya van tres semanas.",
    "Same issue again today.",
]
SELF_CAUGHT = [
    ("reddit", "I posted this on Reddit too, u/{h}"),
    ("reddit", "my reddit username is u/{h} if you want details"),
    ("reddit", "I'm {h} on reddit, the full story is there"),
    ("youtube", "my channel is @{h}"),
    ("youtube", "Mi canal de youtube es @{h}"),
    ("forum", "I also wrote in the NubeBox forum as {h}"),
    ("youtube", "I posted the same on youtube as @{h}"),
]
SELF_MISSED = [  # phrasings the parser does not read: honest recall misses
    ("reddit", "(same person as u/{h} btw)"),
    ("youtube", "you can find me over on YT, {h}"),
]
SELF_ES = [  # Spanish self-references and more English phrasings, both halves of the set
    ("reddit", "Ya lo puse en Reddit como u/{h}"),
    ("forum", "escribí en el foro como {h}"),
    ("youtube", "mi canal es @{h}"),
    ("youtube", "soy {h} en YouTube"),
    ("forum", "también lo publiqué en el foro, usuario {h}"),
    ("reddit", "publique como u/{h} en reddit y nada"),
    ("forum", "Lo he puesto en el foro como {h} hace una semana"),
    ("reddit", "en reddit soy u/{h}"),
    ("forum", "igual que mi post del foro ({h})"),
    ("reddit", "Cross-posted to reddit as u/{h}"),
    ("youtube", "over on youtube I go by {h}"),
    ("forum", "same as my forum post ({h})"),
]
THIRD_PERSON = [  # another person's account, named by someone else: never a link
    "pregúntale a u/{h}, a él se lo arreglaron",
    "como dijo {h} en {place}, hay que reiniciar",
    "mi hermano lo puso en {place} como {h}",
    "gracias {h}, me funcionó",
    "ask {h} on {place}, they fixed it",
    "as {h} said on {place}, it is the firmware",
]
PLACE = {"reddit": "reddit", "youtube": "youtube", "forum": "el foro"}
PLATFORMS = ["reddit", "youtube", "forum"]
FIRST_ES = "Lucía Andrés Begoña Íñigo Mónica Nerea Gorka Ainhoa Iker Maite".split()
RARE_ES = ("Echeverría Urquiza Zabaleta Irigoyen Larrañaga Olaizola Goikoetxea Beristain "
           "Aranburu Mendizabal Garmendia Lizarraga").split()  # fmt: skip
COMMON_NAMES = ["María García", "Carlos López", "Lucía Fernández", "John Smith"]
CONTACT = [
    ("order", "Order #{v} still not delivered."),
    ("order", "my order number is {v}"),
    ("email", "my email is {v}"),
    ("email", "contact me at {v}"),
    ("phone", "mi número es {v}"),
]


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def main() -> None:
    rng = random.Random(20261123)  # noqa: S311 - a seeded test set, not secrets
    personas: list[dict] = []
    crm_rows: list[list[str]] = []
    used: set[tuple[str, str]] = set()
    day = [1]

    def when() -> str:
        day[0] = day[0] % 27 + 1
        return f"2026-11-{day[0]:02d}T{rng.randrange(8, 22):02d}:{rng.randrange(60):02d}:00Z"

    group = ["none"]

    def add(person: str, platform: str, handle: str, texts: list[str]) -> dict:
        base, k = handle, 1
        while (platform, handle.casefold()) in used:  # generated names may collide: renumber
            k += 1
            handle = f"{base}{k}"
        used.add((platform, handle.casefold()))
        rec = {"person": person, "group": group[0], "platform": platform, "handle": handle,
               "posts": [{"id": f"{platform}-{len(personas)}-{i}", "text": t,
                          "created_at": when()} for i, t in enumerate(texts)]}  # fmt: skip
        personas.append(rec)
        return rec

    def complaint() -> str:
        return rng.choice(ISSUES)

    def plain_handle(first: str) -> str:
        # handles unrelated to each other: a word, a first name, digits
        return rng.choice([
            f"{rng.choice(WORDS)}_{first}{rng.randrange(10, 99)}",
            f"{first}{rng.choice(WORDS)}",
            f"{rng.choice(WORDS)}{rng.choice(WORDS)}{rng.randrange(1, 9)}",
        ])  # fmt: skip

    n = 0

    def person() -> tuple[str, str]:
        nonlocal n
        n += 1
        return f"p{n:03d}", rng.choice(FIRST)

    rare = list(RARE)
    rng.shuffle(rare)
    # A. a rare handle reused on two or three platforms (some as a display name)
    group[0] = "same_handle"
    for i in range(30):
        pid, first = person()
        surname = rare[i % len(rare)]
        handle = rng.choice([f"{first}_{surname}{rng.randrange(10, 99)}",
                             f"{surname}{first[0]}{rng.randrange(10, 99)}",
                             f"{first}{surname}"])  # fmt: skip
        add(pid, "reddit", handle, [complaint()])
        shown = handle if i % 4 else f"{first.title()} {surname.title()}"
        add(pid, "youtube", shown, [rng.choice(FOLLOW)])
        if i % 3 == 0:
            add(pid, "forum", handle.upper() if i % 2 else handle, [complaint()])
    # A'. moderately rare handles reused: below the threshold, proposed to an agent
    group[0] = "weak_handle"
    for _ in range(8):
        pid, first = person()
        handle = f"{first[0]}{rng.choice(rare)[:6]}"
        add(pid, "reddit", handle, [complaint()])
        add(pid, "forum", handle, [complaint()])
    # B. self-reference from one account to another
    group[0] = "self_reference"
    for i in range(28):
        pid, first = person()
        target_platform, template = (SELF_MISSED if i % 9 == 8 else SELF_CAUGHT)[
            i % 7 if i % 9 != 8 else i % 2
        ]
        source_platform = rng.choice([p for p in ("reddit", "youtube", "forum")
                                      if p != target_platform])  # fmt: skip
        target = add(pid, target_platform, plain_handle(first), [complaint()])["handle"]
        add(
            pid,
            source_platform,
            plain_handle(first),
            [complaint() + ". " + template.format(h=target)],
        )
    # C. a contact detail given as one's own on two platforms
    group[0] = "contact"
    for i in range(22):
        pid, first = person()
        kind, _ = CONTACT[i % len(CONTACT)]
        value = {"order": f"NB-{rng.randrange(10**6, 10**7)}",
                 "email": f"{first}.{rng.choice(WORDS)}{rng.randrange(100)}@mail.example",
                 "phone": f"+34 6{rng.randrange(10**7, 10**8)}"}[kind]  # fmt: skip
        templates = [t for k, t in CONTACT if k == kind]
        a, b = rng.sample(["reddit", "youtube", "forum"], 2)
        add(pid, a, plain_handle(first) + "a", [complaint() + " " + templates[0].format(v=value)])
        add(
            pid,
            b,
            plain_handle(first) + "b",
            [rng.choice(FOLLOW) + " " + templates[-1].format(v=value)],
        )
    # D. customers in the CRM export (some rows name only one of their accounts)
    group[0] = "crm"
    for i in range(22):
        pid, first = person()
        r = add(pid, "reddit", plain_handle(first) + "r", [complaint()])["handle"]
        y = add(pid, "youtube", plain_handle(first) + "y", [complaint()])["handle"]
        forum = ""
        if i % 4 == 0:
            forum = add(pid, "forum", plain_handle(first) + "f", [complaint()])["handle"]
        youtube_cell = y if i % 6 else ""  # the CRM does not know every account
        crm_rows.append([f"CRM-{i:03d}", first.title(), f"{first}{i}@crm.example", r,
                         youtube_cell, forum])  # fmt: skip
    # E. one person, two unrelated accounts, no evidence: recall misses by design
    group[0] = "no_evidence"
    for _ in range(15):
        pid, first = person()
        add(pid, "reddit", plain_handle(first) + "e", [complaint()])
        add(pid, "youtube", plain_handle(first) + "E", [complaint()])
    # F. decoys: one account each
    group[0] = "decoy"
    common = ["john", "maria", "carlos", "gamer", "techguy", "laura", "admin", "mike99",
              "ana_lopez", "darkwolf_77", "pixelgamer2000"]  # fmt: skip
    for handle in common:
        for platform in ("reddit", "youtube", "forum"):
            pid, _ = person()
            add(pid, platform, handle, [complaint()])
    reused = [p for p in personas if p["person"] <= "p030" and p["platform"] == "reddit"]
    for rec in reused[:20]:
        # near-identical handles of other people, and thanks to other users
        pid, _ = person()
        near = rec["handle"][:-1] + ("z" if not rec["handle"].endswith("z") else "y")
        add(pid, rng.choice(["youtube", "forum"]), near,
            [f"thanks u/{rec['handle']}, I tried that and it worked"])  # fmt: skip
    for first in ("carlos", "maria", "sofia", "david"):
        for suffix in ("_m", "_r", "m_77", "_rdz"):
            pid, _ = person()
            add(pid, rng.choice(["reddit", "youtube", "forum"]), first + suffix, [complaint()])
    for i in range(12):  # a hotline, a support address and a receipt footer everybody quotes
        pid, first = person()
        add(pid, ("reddit", "youtube", "forum")[i % 3], plain_handle(first) + "h",
            [complaint() + " I called 900 123 456 and wrote to support@nubebox.example.",
             "Receipt says order #NB-0000001 for everyone, lol"])  # fmt: skip
    for i in range(6):  # Spanish shared names in display form
        pid, _ = person()
        add(pid, "youtube", ["Carlos Garcia", "Maria Lopez", "Ana Martinez"][i % 3] + f" {i}",
            [complaint()])  # fmt: skip

    # G. self-references in Spanish and more English phrasings, the platform before or after
    group[0] = "self_reference_es"
    for i in range(24):
        pid, first = person()
        target_platform, template = SELF_ES[i % len(SELF_ES)]
        source_platform = rng.choice([p for p in ("reddit", "youtube", "forum")
                                      if p != target_platform])  # fmt: skip
        target = add(pid, target_platform, plain_handle(first) + "s", [complaint()])["handle"]
        add(pid, source_platform, plain_handle(first) + "t",
            [rng.choice(ISSUES[5:]) + ". " + template.format(h=target)])  # fmt: skip
    # H. a CRM customer's name shown as a YouTube or forum display name (some names common)
    group[0] = "crm_name"
    rare_es = list(RARE_ES)
    rng.shuffle(rare_es)
    for i in range(16):
        pid, first = person()
        if i % 4 == 3:
            name = COMMON_NAMES[(i // 4) % len(COMMON_NAMES)]  # too common: missed by design
        else:
            name = f"{rng.choice(FIRST_ES)} {rare_es[i % len(rare_es)]}"
        r = add(pid, "reddit", plain_handle(first) + "c", [complaint()])["handle"]
        shown = name if i % 2 else _fold(name)  # with and without accents
        add(pid, ("youtube", "forum")[i % 3 == 2], shown.title(), [rng.choice(FOLLOW)])
        crm_rows.append([f"CRM-N{i:02d}", name, "", r, "", ""])
    # I. decoys: somebody else's handle named in the third person (Spanish and English), and
    # the CRM's common names worn by other people
    group[0] = "decoy"
    named = [p for p in personas if p["group"] in ("self_reference", "self_reference_es")]
    for i, template in enumerate(THIRD_PERSON * 2):
        pid, first = person()
        other = named[(7 * i) % len(named)]
        text = template.format(h=other["handle"], place=PLACE[other["platform"]])
        add(pid, rng.choice([p for p in ("reddit", "youtube", "forum") if p != other["platform"]]),
            plain_handle(first) + "d", [complaint() + ". " + text])  # fmt: skip
    shown_on = {_fold(p["handle"]).casefold(): p["platform"] for p in personas
                if p["group"] == "crm_name"}  # fmt: skip
    for name in COMMON_NAMES:
        pid, _ = person()
        other = "youtube" if shown_on[_fold(name).casefold()] == "forum" else "forum"
        add(pid, other, name, [complaint()])

    # J. the same long post under one handle on two platforms within the hour (a first name with
    # a number: too common alone), and decoys: the same post under a bare first name by two
    # people, and one name-with-number handle held by two people who post different things
    group[0] = "crosspost"

    def crosspost(pid: str, handle: str, platforms: list[str], text: str) -> None:
        first_rec = add(pid, platforms[0], handle, [text])
        at = first_rec["posts"][0]["created_at"]
        minutes = int(at[14:16]) + rng.randrange(5, 40)
        later = f"{at[:11]}{int(at[11:13]) + minutes // 60:02d}:{minutes % 60:02d}:00Z"
        rec = add(pid, platforms[1], first_rec["handle"], [text])
        rec["posts"][0]["created_at"] = later

    for i in range(8):
        pid, first = person()
        text = rng.choice(ISSUES) + (". " + rng.choice(FOLLOW) if i % 2 else "")
        crosspost(pid, f"{first}{rng.randrange(10, 99)}", rng.sample(PLATFORMS, 2), text)
    group[0] = "decoy"
    for first in ("pedro", "elena", "jorge", "paula"):
        a, b = rng.sample(PLATFORMS, 2)
        text = rng.choice(ISSUES)
        pid, _ = person()
        at = add(pid, a, first, [text])["posts"][0]["created_at"]
        pid, _ = person()
        add(pid, b, first, [text])["posts"][0]["created_at"] = at
    for i in range(4):
        handle = f"{rng.choice(FIRST)}{rng.randrange(10, 99)}"
        a, b = rng.sample(PLATFORMS, 2)
        pid, _ = person()
        handle = add(pid, a, handle, [ISSUES[i]])["handle"]
        pid, _ = person()
        add(pid, b, handle, [ISSUES[-1 - i]])
    # K. a CRM customer's name shown on YouTube, the customer's own forum account spelling it
    group[0] = "crm_name_spelled"
    surnames = ["ashcombe", "brantley", "valcarce", "tolliver", "quillon", "urrutia"]
    for i, surname in enumerate(surnames):
        pid, first = person()
        name = f"{first.title()} {surname.title()}"
        spelled = (f"{first}.{surname}", f"{first[0]}{surname}", f"{surname}{first[0]}7")[i % 3]
        forum = add(pid, "forum", spelled, [complaint()])["handle"]
        add(pid, "youtube", name, [rng.choice(FOLLOW)])
        crm_rows.append([f"CRM-S{i:02d}", name, "", "", "", forum])
    # decoys: a common CRM name its customer's account spells, worn on YouTube by somebody else;
    # a rarer one shown by a second YouTube account when the row names the customer's channel
    group[0] = "decoy"
    for i, (name, account) in enumerate(
        [("Juan Pérez", "jperez_81"), ("Ana Martínez", "amartinez90")]
    ):
        pid, _ = person()
        crm_rows.append([f"CRM-D{i:02d}", name, "", add(pid, "reddit", account, [complaint()])[
            "handle"], "", ""])  # fmt: skip
        pid, _ = person()
        add(pid, "youtube", _fold(name), [complaint()])
    group[0] = "crm"
    pid, _ = person()
    channel = add(pid, "youtube", "hollowayfixes", [complaint()])["handle"]
    forum = add(pid, "forum", "emma.holloway", [complaint()])["handle"]
    crm_rows.append(["CRM-D02", "Emma Holloway", "", "", channel, forum])
    group[0] = "decoy"
    pid, _ = person()
    add(pid, "youtube", "Emma Holloway", [complaint()])

    OUT.mkdir(exist_ok=True)
    with (OUT / "identity_personas.jsonl").open("w", encoding="utf-8") as fh:
        for rec in personas:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with (OUT / "identity_crm.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["customer_id", "name", "email", "reddit", "youtube", "forum"])
        writer.writerows(crm_rows)
    people = len({p["person"] for p in personas})
    print(f"{len(personas)} personas of {people} people, {len(crm_rows)} CRM rows")


if __name__ == "__main__":
    main()
