"""Handles and names: how much a handle or a display name says about its owner."""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

WORDS_FILE = Path(__file__).parent.parent / "data" / "handle_words.txt"


_PREFIX = re.compile(r"^(?:/?u/|@)", re.IGNORECASE)


def clean_handle(handle: str) -> str:
    """The handle as shown, without u/ or @."""
    return _PREFIX.sub("", unicodedata.normalize("NFKC", handle).strip())


def handle_key(handle: str) -> str:
    """Letters and digits of the handle, case-folded: 'Maria_Quintana88' -> 'mariaquintana88'."""
    text = unicodedata.normalize("NFKD", clean_handle(handle).casefold())
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    words: set[str] = set()
    for line in WORDS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


WORD_BITS = 10.0  # a common word or first name: one of about a thousand
CHAR_BITS = 3.5  # a letter outside the common words
DIGIT_BITS = 3.3
_COMMON_NUMBERS = {"1", "2", "12", "123", "1234", "69", "420", "007", "99", "00", "01", "13", "7"}


def _alpha_bits(run: str) -> float:
    """Fewest bits to spell ``run`` from common words and single letters (a segmentation)."""
    words = _common_words()
    best = [0.0] + [math.inf] * len(run)
    for end in range(1, len(run) + 1):
        best[end] = best[end - 1] + CHAR_BITS
        for start in range(max(0, end - 12), end - 1):
            if run[start:end] in words:
                best[end] = min(best[end], best[start] + WORD_BITS)
    return best[-1]


def _digit_bits(run: str) -> float:
    if run in _COMMON_NUMBERS:
        return 3.0
    if len(run) == 4 and 1950 <= int(run) <= 2030:
        return 6.0  # a birth year
    return DIGIT_BITS * len(run)


def handle_bits(handle: str) -> float:
    """An estimate of how much a handle says about its owner, in bits: long, unusual handles
    score high; first names, common words and years score low."""
    key = handle_key(handle)
    bits = 0.0
    for run in re.findall(r"[^\W\d_]+|\d+", key):
        bits += _digit_bits(run) if run.isdigit() else _alpha_bits(run)
    return bits


NAME_SLOPE = 1 / 3.0  # log-odds per bit of a real name (display names, CRM names)
# log-odds per bit of a chosen user name: steeper, as a user name is picked to be told apart.
# Were the bits exact, each would halve the odds of a stranger with the same name (ln 2 = 0.69
# per bit); two-thirds of that leaves room for the estimate's error. The identity set's decoys
# stay apart at any slope up to ln 2 (bench/identity.py).
HANDLE_SLOPE = 0.45


def _confidence(bits: float, platforms: int = 2, slope: float = NAME_SLOPE) -> float:
    """Confidence from the bits two or more accounts share: even odds at 28 bits, ``slope``
    log-odds per bit around it. Below 16 bits (a name or a word, with or without a short
    number) never links alone. ``platforms``: how many platforms hold the name once each; each
    platform past the second is one more coincidence the accounts would need if they were
    different people, so the log-odds count once per further platform (and a handle too common
    to link gets commoner still when it is everywhere)."""
    if bits < 16.0:
        return 0.0
    log_odds = (bits - 28.0) * slope * max(1, platforms - 1)
    return round(min(0.99, 1.0 / (1.0 + math.exp(-log_odds))), 3)


def handle_confidence(
    a: str, b: str, collisions: int = 0, platforms: int = 2, evidence_bits: float = 0.0
) -> float:
    """Confidence that two accounts with the same handle key are one person. A display name
    with a space (a real name) counts less than a chosen user name; every other account with the
    same key on one platform (``collisions``) makes it commoner; the same handle on a third
    platform (``platforms``, once each) counts again (:func:`_confidence`). ``evidence_bits``:
    what else the two accounts share, in bits (log2 of how much likelier it is for one person
    than for two: asking about the same matter, :mod:`.crosspost`), added to the handle's."""
    if handle_key(a) != handle_key(b) or len(handle_key(a)) < 5:
        return 0.0
    bits = handle_bits(a) - 8.0 * collisions + evidence_bits
    if " " in clean_handle(a) or " " in clean_handle(b):
        return _confidence(bits - 6.0, platforms)
    return _confidence(bits, platforms, HANDLE_SLOPE)


def crm_name_confidence(
    name: str, collisions: int = 0, spelled: bool = False, evidence_bits: float = 0.0
) -> float:
    """Confidence that an account whose name (a display name, or a user name of the same letters)
    is a CRM customer's name ("Hugo Lindqvist"), or the name with fewer surnames ("Lucía Ferrer"
    for "Lucía Ferrer Vidal", :func:`crm_name_keys`), is that customer. Only the letters the
    account spells count. A real name is commoner than a chosen user name, so it is weighed like
    a display name by :func:`handle_confidence`: a common name ("Maria Garcia", "Lucía
    Fernández") is never evidence alone, a long rare one may be; every other account with the
    name on the platform, or other CRM customer with it (``collisions``), makes it commoner.
    When one of the customer's own accounts spells the name too (``spelled``: "ryan.ashworth"
    for "Ryan Ashworth", "lferrer_v" for "Lucía Ferrer Vidal"), the customer goes by the name
    online, and it is weighed like a chosen user name. ``evidence_bits``: what else the two
    accounts share (the same matter asked on both, :mod:`.crosspost`), added to a name that is
    evidence alone."""
    bits = handle_bits(name) - 8.0 * collisions
    if len(handle_key(name)) < 5 or bits - 6.0 < 16.0:
        return 0.0  # a common name is no evidence, whoever spells it
    if spelled:
        return _confidence(bits + evidence_bits, slope=HANDLE_SLOPE)
    return _confidence(bits - 6.0 + evidence_bits)


def is_display_name(handle: str) -> bool:
    """A name with a space ("David Kowalczyk"), as YouTube shows, not a chosen user name."""
    return " " in clean_handle(handle)


def name_stem(key: str) -> str:
    """A handle key without its trailing number: 'davidkowalczyk71' -> 'davidkowalczyk'."""
    return key.rstrip("0123456789")


# words joined to the surname after them ("de la Fuente", "van der Berg")
_PARTICLES = {"de", "del", "la", "las", "los", "y", "i", "da", "das", "do", "dos", "van", "von",
              "der", "den", "di", "du", "le"}  # fmt: skip


def _surnames(words: list[str]) -> list[list[str]]:
    """The words after the first name as surnames (or middle names), each with its spellings:
    with and without the particles before it ("de la Fuente": 'fuente', 'delafuente')."""
    out: list[list[str]] = []
    particles = ""
    for word in words:
        if word in _PARTICLES:
            particles += word
            continue
        out.append([word, particles + word] if particles else [word])
        particles = ""
    return out


def name_forms(display: str) -> dict[str, str]:
    """The keys a user name may spell a display name with, before an optional number: the whole
    name ("David Kowalczyk" -> 'davidkowalczyk'), the first initial and the surname
    ('dkowalczyk') and the surname and the first initial ('kowalczykd'). A name with two
    surnames, as in Spanish, or a middle name ("Lucía Ferrer Vidal") is written with either
    surname too: the first name or its initial and one surname ('luciaferrer', 'lferrer',
    'ferrerl'), and that surname followed by the initials of the later ones ('luciaferrerv',
    'lferrerv'). Only a name of two or more words of letters has forms ("Carlos Garcia 3" has
    none)."""
    words = [handle_key(w) for w in clean_handle(display).split()]
    words = [w for w in words if w]
    if len(words) < 2 or not all(w.isalpha() for w in words):
        return {}
    first, surnames = words[0], _surnames(words[1:])
    forms = {"".join(words): "name"}
    for i, spellings in enumerate(surnames):
        if i < len(surnames) - 1 and len(surnames) > 1:
            initials = "".join(s[0][0] for s in surnames[i + 1 :])
        else:
            initials = ""
        for surname in spellings:
            if len(surnames) > 1:
                forms.setdefault(first + surname, "name and surname")
            forms.setdefault(first[0] + surname, "initial and surname")
            forms.setdefault(surname + first[0], "surname and initial")
            if initials:
                forms.setdefault(first + surname + initials, "name, surname and initials")
                forms.setdefault(first[0] + surname + initials, "initial, surname and initials")
    return forms


def crm_name_keys(name: str) -> set[str]:
    """The keys an account's name may have to be a CRM customer's name: the whole name, or the
    first name with fewer surnames ("Lucía Ferrer Vidal": 'luciaferrervidal', 'luciaferrer',
    'luciavidal', 'luciaferrerv'); never an initial for the first name."""
    keep = {"name", "name and surname", "name, surname and initials"}
    keys = {k for k, kind in name_forms(name).items() if kind in keep}
    key = handle_key(name)
    return keys | ({key} if len(key) >= 5 else set())


def name_confidence(display: str, handle: str, collisions: int = 0, platforms: int = 2) -> float:
    """Confidence that a display name ("David Kowalczyk") and a chosen user name spelling it
    (:func:`name_forms`) are one person: the whole name with a number after it
    ("david_kowalczyk71", "DavidKowalczyk1990"), or the initial and the surname in either order,
    with or without a number ("dkowalczyk", "kowalczykd88"). Case, separators and accents do
    not count; only the spelled part is evidence (the number is not in the display name),
    weighed like a display name of the same letters by :func:`handle_confidence`, so a common
    name, or a short surname behind an initial, never links. The same key without a number is
    :func:`handle_confidence`'s."""
    if not is_display_name(display) or is_display_name(handle):
        return 0.0
    key = handle_key(handle)
    stem = name_stem(key)
    if key == handle_key(display) or len(stem) < 5 or stem not in name_forms(display):
        return 0.0
    return _confidence(handle_bits(stem) - 6.0 - 8.0 * collisions, platforms)


def _fold(text: str) -> str:
    """Case and accents folded, separators kept: "José_Q" -> "jose_q" (not "joseq")."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))
