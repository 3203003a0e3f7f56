"""Stage 6: who wrote it. One persona per account; personas linked into one customer.

A persona is one account on one platform; a customer groups personas. Every link between two
personas is a ``persona_link`` row with its evidence and a confidence:

========================  ==========  =============================================================
evidence                  confidence  found by
========================  ==========  =============================================================
``crm``                   1.0         ``listenpost customers import FILE.csv`` (a row per customer)
``same_handle``           0 - 0.99    the same handle on two platforms, by how rare and long it is
                                      (:func:`handle_confidence`; "john" is never enough alone),
                                      or a display name and a user name spelling it: the whole
                                      name with a number, or initial and surname in either order
                                      (:func:`name_confidence`); a name held once on each of
                                      three platforms counts again (:func:`_confidence`)
``self_reference``        0.93-0.95   first-person text naming another account ("I posted this on
                                      Reddit too, u/maria_q", "my channel is @mq88")
``contact``               0.9 - 0.97  the same order number, e-mail or phone in two personas' posts,
                                      stored only as an HMAC-SHA256 keyed hash
``agent``                 1.0         an agent's merge (confirmed) or split (rejected)
========================  ==========  =============================================================

A pair whose evidence reaches ``[identity] threshold`` joins the two customers automatically
(status ``auto``): one link alone, or several kinds together (:meth:`Linker.combined`,
noisy-OR); below it, or when joining is not allowed, it waits for an agent (``proposed``). Agents
confirm, reject, merge and split (:func:`confirm_link`, :func:`reject_link`,
:func:`merge_customers`, :func:`split_persona`); each action writes the audit log.

Automatic linking never undoes an agent's decision:

- a persona an agent placed is *pinned*: automatic joins never move it to another customer;
- a split leaves ``rejected`` links between the persona and its former customer's personas, and two
  customers joined by a rejected link are never joined automatically;
- a CRM customer (with an ``external_id``) is never absorbed into another one automatically.

Forgotten accounts (:mod:`pipelines.forget`) leave a tombstone, the keyed hash of
"platform:handle" (:func:`tombstone_digest`): the stage drops their posts before they are stored,
and the CRM import skips rows naming them.

Writing. The stage itself only reads the post: it finds self-references and contact details,
hashes the details and masks them in the text (they are never stored or shown in full), and hands
its findings to the store in ``item.notes["identity"]``. The store, the only writer of crawled
records, calls :meth:`Linker.apply_mention` inside the mention's own transaction, so a mention and
its persona, links and ticket are committed together or not at all.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import logging
import math
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from config import Settings
from crawlers.items import Item, Mention, utcnow
from pipelines.chain import Stage
from pipelines.models import (
    AuditLog,
    ContactHash,
    Customer,
    Persona,
    PersonaLink,
    Ticket,
    Tombstone,
)
from pipelines.models import Mention as MentionRow

logger = logging.getLogger(__name__)

PLATFORMS = ("reddit", "youtube", "forum")
NO_PERSONA = {"[unknown]", "[deleted]", "[removed]"}
CONTACT_CONFIDENCE = {"email": 0.97, "order": 0.95, "phone": 0.9}
CRM_COLUMNS = ("customer_id", "name", "email", "reddit", "youtube", "forum")
WORDS_FILE = Path(__file__).with_name("data") / "handle_words.txt"


class IdentityError(ValueError):
    """An agent action or a CRM file cannot be applied; the message says why (CLI shows it)."""


# -- keyed hashes ----------------------------------------------------------------------------


def hash_key(settings: Settings) -> bytes:
    """[identity] hash_key, or a random key kept in the data directory across runs."""
    if settings.identity.hash_key:
        return settings.identity.hash_key.encode("utf-8")
    path = Path(settings.home) / "identity_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="ascii")
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip().encode("ascii")


def contact_digest(key: bytes, kind: str, value: str) -> str:
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def tombstone_digest(key: bytes, platform: str, handle: str) -> str:
    """The keyed hash a forgotten account leaves: HMAC of "platform:handle", the handle without
    u/ or @, case and accents folded ("reddit:maria_q"); ``platform`` "crm" for a CRM id."""
    return contact_digest(key, platform, _fold(clean_handle(handle)))


def add_tombstones(session: Session, key: bytes, accounts: Iterable[tuple[str, str]]) -> int:
    """Record forgotten ``(platform, handle)`` accounts; how many were new."""
    added = 0
    for digest in {tombstone_digest(key, platform, handle) for platform, handle in accounts}:
        if session.scalar(select(Tombstone.id).where(Tombstone.digest == digest)) is None:
            session.add(Tombstone(digest=digest))
            added += 1
    session.flush()
    return added


def is_forgotten(session: Session, key: bytes, platform: str, handle: str) -> bool:
    """Whether the account was forgotten (a tombstone holds its keyed hash)."""
    digest = tombstone_digest(key, platform, handle)
    return session.scalar(select(Tombstone.id).where(Tombstone.digest == digest)) is not None


# -- handles ---------------------------------------------------------------------------------

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


def _confidence(bits: float, platforms: int = 2) -> float:
    """Confidence from the bits two or more accounts share. Below 16 bits (a name or a word,
    with or without a short number) never links alone. ``platforms``: how many platforms hold
    the name once each; each platform past the second is one more coincidence the accounts
    would need if they were different people, so the log-odds count once per further platform
    (and a handle too common to link gets commoner still when it is everywhere)."""
    if bits < 16.0:
        return 0.0
    log_odds = (bits - 28.0) / 3.0 * max(1, platforms - 1)
    return round(min(0.99, 1.0 / (1.0 + math.exp(-log_odds))), 3)


def handle_confidence(a: str, b: str, collisions: int = 0, platforms: int = 2) -> float:
    """Confidence that two accounts with the same handle key are one person. A display name
    with a space (a real name) counts less than a chosen user name; every other account with the
    same key on one platform (``collisions``) makes it commoner; the same handle on a third
    platform (``platforms``, once each) counts again (:func:`_confidence`)."""
    if handle_key(a) != handle_key(b) or len(handle_key(a)) < 5:
        return 0.0
    bits = handle_bits(a) - 8.0 * collisions
    if " " in clean_handle(a) or " " in clean_handle(b):
        bits -= 6.0
    return _confidence(bits, platforms)


def is_display_name(handle: str) -> bool:
    """A name with a space ("David Kowalczyk"), as YouTube shows, not a chosen user name."""
    return " " in clean_handle(handle)


def name_stem(key: str) -> str:
    """A handle key without its trailing number: 'davidkowalczyk71' -> 'davidkowalczyk'."""
    return key.rstrip("0123456789")


def name_forms(display: str) -> dict[str, str]:
    """The keys a user name may spell a display name with, before an optional number: the whole
    name ("David Kowalczyk" -> 'davidkowalczyk'), the first initial and the surname
    ('dkowalczyk') and the surname and the first initial ('kowalczykd'). Only a name of two or
    more words of letters has forms ("Carlos Garcia 3" has none)."""
    words = [handle_key(w) for w in clean_handle(display).split()]
    words = [w for w in words if w]
    if len(words) < 2 or not all(w.isalpha() for w in words):
        return {}
    first, last = words[0], words[-1]
    return {
        "".join(words): "name",
        first[0] + last: "initial and surname",
        last + first[0]: "surname and initial",
    }


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


# -- evidence in text -------------------------------------------------------------------------

_HANDLE = (
    r"(?:(?:https?://)?(?:www\.)?reddit\.com/u(?:ser)?/(?P<rurl>[A-Za-z0-9_-]{3,20})"
    r"|(?:https?://)?(?:www\.)?youtube\.com/(?:@|c/|user/)(?P<yurl>[\w.-]{3,30})"
    r"|/?\bu/(?P<u>[A-Za-z0-9_-]{3,20})"
    r"|@(?P<at>[\w.-]{3,30})"
    r"|[\"“«](?P<q>[^\"”»\n]{3,40})[\"”»])"
)
_BARE = r"(?P<bare>[\w.-]{3,30})"
_PLACE = (
    r"(?P<place>reddit|youtube|yt"
    r"|(?:the|el|en el)\s+(?:[\w-]+\s+)?(?:forums?|foros?|community|comunidad))"
)
_SELF_PATTERNS = [
    # "my reddit username is u/x", "my channel: @x", "mi canal de youtube es "x""
    (
        0.95,
        re.compile(
            r"\b(?:my|mi)\s+(?:(?:own|other|old|main|otra|otro)\s+)?"
            r"(?P<what>reddit|youtube|yt|channel|canal|forum|foro|account|cuenta|username|"
            r"user\s?name|usuario|handle|profile|perfil)\b"
            r"(?:\s+(?:de|on|in|en)\s+" + _PLACE + r")?"
            r"(?:\s+(?:account|cuenta|channel|canal|name|username|usuario|handle|nick))?"
            r"\s*(?:is|es|=|:|->|here|aquí)?\s*(?:" + _HANDLE + "|" + _BARE + ")",
            re.IGNORECASE,
        ),
    ),
    # "I posted this on Reddit too, u/x", "also wrote in the forum as x"
    (
        0.95,
        re.compile(
            r"\b(?:i|i've|yo|también|tambien)\b[^.!?\n]{0,40}?\b(?:posted|post|wrote|asked|"
            r"complained|commented|cross-?posted|publiqu\w*|escrib\w*|pregunt\w*|coment\w*|"
            r"quej\w*)\b[^.!?\n]{0,40}?\b(?:on|in|en)\s+" + _PLACE + r"\b"
            r"(?:[\s,:(-]|\bas\b|\bunder\b|\bcomo\b|\btoo\b|\balso\b|\bwell\b|también){0,8}?"
            r"(?:" + _HANDLE + r"|(?:(?<=as )|(?<=under )|(?<=como ))" + _BARE + ")",
            re.IGNORECASE,
        ),
    ),
    # "you can find me over on YT, mq88", "find me on reddit as maria_q", "búscame en el foro
    # como mq88": a bare name needs a comma, a colon or "as" before it
    (
        0.93,
        re.compile(
            r"(?:\b(?:find|follow|see|catch)\s+me\s+(?:over\s+|also\s+)?(?:on|in|at)"
            r"|\b(?:búscame|buscame|sígueme|sigueme|encuéntrame|encuentrame)(?:\s+en)?"
            r"|\bme\s+(?:encuentras|encontráis|puedes\s+encontrar)(?:\s+en)?)\s+"
            + _PLACE
            + r"\b(?:\s*[,:]\s*|\s+(?:as|under|como)\s+|\s+(?=[@\"“«]|/?u/))(?:"
            + _HANDLE
            + "|"
            + _BARE
            + ")",
            re.IGNORECASE,
        ),
    ),
    # "(same person as u/maria_q)", "this is my alt of @mq88", "la misma persona que u/mq":
    # only a written handle (u/, @, a link or quotes), never a bare word
    (
        0.93,
        re.compile(
            r"\b(?:(?:the\s+)?same\s+(?:person|guy|user|account)\s+as"
            r"|(?:this\s+is\s+)?my\s+(?:alt|other\s+account)\s+(?:of|from)"
            r"|(?:la\s+)?misma\s+persona\s+que|(?:el\s+)?mismo\s+usuario\s+que)"
            r"\s*(?:" + _HANDLE + ")",
            re.IGNORECASE,
        ),
    ),
    # "u/maria_q is also me", "@mq88 en youtube soy yo"
    (
        0.93,
        re.compile(
            r"(?:" + _HANDLE + r")(?:\s+(?:on|in|en)\s+" + _PLACE + r")?"
            r"\s+(?:is\s+(?:also\s+)?(?:me|mine|my\s+(?:alt|other\s+account))"
            r"|(?:también\s+|tambien\s+)?soy\s+yo)\b",
            re.IGNORECASE,
        ),
    ),
    # "I'm maria_q on reddit", "soy mq88 en el foro"
    (
        0.93,
        re.compile(
            r"\b(?:i'm|i am|soy)\s+(?:"
            + _HANDLE
            + "|"
            + _BARE
            + r")\s+(?:on|in|en)\s+"
            + _PLACE
            + r"\b",
            re.IGNORECASE,
        ),
    ),
]
_NEGATED = re.compile(r"\b(?:not|no|never|n't|nunca|ni)\b[\w\s]{0,10}$|n't\s+$", re.IGNORECASE)
_NOT_A_HANDLE = {"the", "this", "that", "here", "there", "too", "also", "and", "same", "it", "is"}


def _platform_of(match: re.Match[str], own: str) -> str | None:
    groups = match.groupdict()
    if groups.get("rurl") or groups.get("u"):
        return "reddit"
    if groups.get("yurl"):
        return "youtube"
    words = " ".join(filter(None, (groups.get("place"), groups.get("what")))).lower()
    if "reddit" in words:
        return "reddit"
    if "youtube" in words or "yt" in words.split() or "channel" in words or "canal" in words:
        return "youtube"
    if any(w in words for w in ("forum", "foro", "community", "comunidad")):
        return "forum"
    return own if own in PLATFORMS else None


@dataclass(frozen=True)
class SelfReference:
    platform: str
    handle: str
    confidence: float


def self_references(text: str, own_platform: str) -> list[SelfReference]:
    """Accounts the writer says are theirs. Only first-person statements count: "thanks u/bob"
    or "I asked u/bob" name someone else."""
    found: dict[tuple[str, str], SelfReference] = {}
    for confidence, pattern in _SELF_PATTERNS:
        for m in pattern.finditer(text or ""):
            if _NEGATED.search(text[max(0, m.start() - 16) : m.start()]):
                continue  # "I'm not the same person as u/bob"
            g = m.groupdict()
            handle = g.get("rurl") or g.get("yurl") or g.get("u") or g.get("at") or g.get("q")
            handle = handle or g.get("bare")
            if not handle:
                continue
            handle = clean_handle(handle).rstrip(".-")
            if handle.lower() in _NOT_A_HANDLE or len(handle_key(handle)) < 3:
                continue
            platform = _platform_of(m, own_platform)
            if platform is None:
                continue
            key = (platform, handle_key(handle))
            if key not in found:
                found[key] = SelfReference(platform, handle, confidence)
    return list(found.values())


_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]{1,64})@([\w-]{1,63}(?:\.[\w-]{1,63})+)")
_ORDER = re.compile(
    r"\b(?:order|pedido|orden|invoice|factura|case|caso|ticket|booking|reserva)\s*"
    r"(?:number|num\.?|no\.?|nº|n°|número|numero|id)?\s*(?:is|es|was|era|=)?\s*[:#]?\s*"
    r"(?P<v>[A-Z]{0,3}-?\d[\d-]{4,18}\d)\b",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w+])(\+?\d[\d ().-]{7,18}\d)(?!\w)")
# "my email is", "mi número:", "reach me at", "llámame al" right before the detail
_MINE = re.compile(
    r"(?:\b(?:my|mi)\s+(?:personal\s+|own\s+)?(?:e-?mail|mail|correo|address|dirección|"
    r"direccion|number|phone|cell|mobile|número|numero|teléfono|telefono|tel|móvil|movil|"
    r"whatsapp)(?:\s+(?:address|number|electrónico|electronico))?(?:\s+(?:is|es|was|era))?"
    r"|\b(?:reach|contact|email|e-mail|call|text|message|write\s+to)\s+me(?:\s+(?:at|on))?"
    r"|\b(?:escríbeme|escribeme|llámame|llamame|contáctame|contactame)(?:\s+(?:a|al|en))?)"
    r"\s*[:=-]?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Contact:
    kind: str  # email, order, phone
    value: str  # normalised; never stored
    hint: str  # what may be shown: "m•••@e•••.com", "order •••456"


def _first_person_before(text: str, start: int) -> bool:
    return bool(_MINE.search(text[max(0, start - 40) : start]))


def contact_details(text: str) -> list[tuple[Contact, tuple[int, int]]]:
    """Order numbers anywhere; e-mails and phones only when the writer says they are theirs
    ("my email is", "call me at"): a support address or hotline is shared by everyone."""
    out: list[tuple[Contact, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for m in _ORDER.finditer(text):
        value = re.sub(r"\D", "", m.group("v"))  # "NB-558812-22" and "55881222" match
        if len(value) < 5 or len(set(value)) < 4:  # "0000001" is a template, not an order
            continue
        out.append((Contact("order", value, f"order •••{value[-3:]}"), m.span("v")))
        taken.append(m.span("v"))
    for m in _EMAIL.finditer(text):
        if not _first_person_before(text, m.start()):
            continue
        local, domain = m.group(1).lower(), m.group(2).lower()
        tld = domain.rsplit(".", 1)[-1]
        hint = f"{local[0]}•••@{domain[0]}•••.{tld}"
        out.append((Contact("email", f"{local}@{domain}", hint), m.span()))
        taken.append(m.span())
    for m in _PHONE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        digits = re.sub(r"\D", "", m.group(1))
        if not 9 <= len(digits) <= 15 or len(set(digits)) < 4:
            continue
        if not _first_person_before(text, m.start()):
            continue
        out.append((Contact("phone", digits[-9:], f"phone •••{digits[-2:]}"), m.span(1)))
    return out


def mask_contacts(text: str, found: list[tuple[Contact, tuple[int, int]]]) -> str:
    """The text with every found contact detail replaced by its hint."""
    for contact, (start, end) in sorted(found, key=lambda f: f[1][0], reverse=True):
        shown = contact.hint.split(" ", 1)[-1] if contact.kind != "email" else contact.hint
        text = text[:start] + shown + text[end:]
    return text


class Identity(Stage):
    """Finds self-references and contact details; hashes and masks the details. Drops posts
    (and help documents) by forgotten accounts, and ignores self-references to them, so a
    re-crawl never brings a forgotten person back (:mod:`pipelines.forget`)."""

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self._key: bytes | None = None

    @property
    def key(self) -> bytes:
        if self._key is None:
            self._key = hash_key(self.ctx.settings)
        return self._key

    def _forgotten(self, platform: str, handle: str) -> bool:
        return is_forgotten(self.ctx.session, self.key, platform, handle)

    def process_item(self, item: Item, spider: Any = None) -> Item:
        platform, author = getattr(item, "platform", None), getattr(item, "author", None)
        mine = not getattr(item, "by_brand", False)
        if platform and author and mine and self._forgotten(platform, author):
            # a forgotten person's post comes back with a re-crawl: never stored again
            self.ctx.stats.dropped += 1
            logger.info("dropped a %s post by a forgotten account", platform)
            raise DropItem("by a forgotten account")
        if not isinstance(item, Mention) or item.by_brand:
            return item
        refs: list[SelfReference] = []
        contacts: list[tuple[str, str, str]] = []
        for name in ("title", "text"):
            value = getattr(item, name)
            if not value:
                continue
            refs.extend(
                r
                for r in self_references(value, item.platform)
                if not self._forgotten(r.platform, r.handle)
            )
            found = contact_details(value)
            if found:
                contacts.extend(
                    (c.kind, contact_digest(self.key, c.kind, c.value), c.hint) for c, _ in found
                )
                setattr(item, name, mask_contacts(value, found))
        item.notes["identity"] = {
            "refs": [(r.platform, r.handle, r.confidence) for r in refs],
            "contacts": sorted(set(contacts)),
        }
        return item


# -- linking (called by the store and the CLI, inside their transaction) ----------------------


def audit(
    session: Session, actor: str, action: str, target_type: str, target_id: Any, **detail: Any
) -> None:
    """One audit row: ids and counts only, never handles or text."""
    session.add(
        AuditLog(
            actor=actor or "unknown",
            action=action,
            target_type=target_type,
            target_id=str(target_id),
            detail=detail or None,
        )
    )


@dataclass
class LinkStats:
    personas: int = 0
    links: int = 0
    joined: int = 0
    proposed: int = 0
    customers: int = 0
    skipped: list[str] = field(default_factory=list)


def find_persona(session: Session, platform: str, handle: str) -> Persona | None:
    """The persona of an account by its handle (exact first, then ignoring case)."""
    handle = clean_handle(handle)
    rows = session.scalars(
        select(Persona).where(
            Persona.platform == platform, Persona.handle_key == handle_key(handle)
        )
    ).all()
    for row in rows:
        if row.handle == handle:
            return row
    for row in rows:
        if row.handle.casefold() == handle.casefold():
            return row
    for row in rows:  # "José Q" in a CRM file, "Jose Q" on the platform
        if _fold(row.handle) == _fold(handle):
            return row
    return None


def _fold(text: str) -> str:
    """Case and accents folded, separators kept: "José_Q" -> "jose_q" (not "joseq")."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _spread(personas: Iterable[Persona]) -> tuple[int, int]:
    """(collisions, platforms) of the accounts sharing a name: how many more than one it has on
    its busiest platform, and on how many platforms it is held once each (2 when collisions)."""
    per_platform: dict[str, int] = {}
    for p in personas:
        per_platform[p.platform] = per_platform.get(p.platform, 0) + 1
    collisions = max(per_platform.values(), default=1) - 1
    return collisions, (len(per_platform) if collisions == 0 else 2)


def _detail(what: str, a: Persona, b: Persona, platforms: int) -> str:
    more = f", held on {platforms} platforms" if platforms > 2 else ""
    return f"{what} on {a.platform} and {b.platform}{more}"


class Linker:
    """Persona lookup, link upserts and customer joins on one session (never commits)."""

    def __init__(self, session: Session, settings: Settings) -> None:
        self.session = session
        self.settings = settings
        self.threshold = settings.identity.threshold
        self.stats = LinkStats()
        self.created: list[Persona] = []

    # personas ---------------------------------------------------------------------------

    def find_persona(self, platform: str, handle: str) -> Persona | None:
        return find_persona(self.session, platform, handle)

    def persona(
        self, platform: str, handle: str, author_id: str | None = None, match: bool = True
    ) -> Persona:
        """The persona for an account, created with a customer of its own when new; a new
        persona is compared with same-handle personas on the other platforms."""
        handle = clean_handle(handle)[:255]
        row = None
        if author_id:
            row = self.session.scalar(
                select(Persona).where(Persona.platform == platform, Persona.author_id == author_id)
            )
        if row is None:
            row = self.find_persona(platform, handle)
            if row is not None and author_id and row.author_id and row.author_id != author_id:
                # Another account shows the same name (YouTube display names are not unique).
                handle = f"{handle} ({author_id[-8:]})"[:255]
                row = self.find_persona(platform, handle)
        if row is not None:
            if author_id and not row.author_id:
                row.author_id = author_id
            return row
        customer = Customer()
        self.session.add(customer)
        row = Persona(
            platform=platform,
            handle=handle,
            handle_key=handle_key(handle),
            author_id=author_id,
            customer=customer,
            pinned=False,
        )
        self.session.add(row)
        self.session.flush()
        self.stats.personas += 1
        self.created.append(row)
        if match:
            self.same_handle(row)
        return row

    def same_handle(self, row: Persona) -> None:
        """Link a persona to same-handle personas on the other platforms. When every holder is
        alone on its platform, all of them are (re)linked, so a third platform counts for
        each pair (:func:`handle_confidence`)."""
        if len(row.handle_key or "") < 5:
            return
        others = self.session.scalars(
            select(Persona).where(Persona.handle_key == row.handle_key, Persona.id != row.id)
        ).all()
        holders = [row, *others]
        collisions, platforms = _spread(holders)
        pairs = combinations(holders, 2) if collisions == 0 else ((row, o) for o in others)
        for a, b in pairs:
            if a.platform == b.platform:
                continue
            conf = handle_confidence(a.handle, b.handle, collisions, platforms)
            if conf > 0:
                self.link(a, b, "same_handle", conf, _detail("same handle", a, b, platforms))
        self.same_name(row)

    def same_name(self, row: Persona) -> None:
        """Link a display name ("David Kowalczyk") to user names on the other platforms that
        spell it (:func:`name_confidence`), and the other way round. Every account on one
        platform that fits (another number, the same display name, another first name with the
        same initial) makes the name commoner, as for :meth:`same_handle`; a name held once on
        each of three platforms counts again."""
        if is_display_name(row.handle):
            displays = [row]
        else:
            stem = name_stem(row.handle_key or "")
            if len(stem) < 5:
                return
            displays = self._displays_spelled_by(stem)
        for display in displays:
            users = self._users_spelling(display)
            for user in users:
                if user.platform == display.platform:
                    continue
                spelled = self._displays_spelled_by(name_stem(user.handle_key))
                group = {p.id: p for p in [*users, *spelled]}
                collisions, platforms = _spread(group.values())
                pairs = [(display, user)]
                if collisions == 0:  # one account per platform: every pair counts the others
                    pairs = [
                        (d, u)
                        for d in group.values()
                        for u in group.values()
                        if is_display_name(d.handle)
                        and not is_display_name(u.handle)
                        and d.platform != u.platform
                    ]
                for d, u in pairs:
                    conf = name_confidence(d.handle, u.handle, collisions, platforms)
                    if conf > 0:
                        self.link(d, u, "same_handle", conf, _detail("same name", d, u, platforms))

    def _users_spelling(self, display: Persona) -> list[Persona]:
        """User names (not display names) whose key, without a number, is a form of the name."""
        forms = name_forms(display.handle)
        if not forms:
            return []
        rows = self.session.scalars(
            select(Persona).where(or_(*(Persona.handle_key.like(form + "%") for form in forms)))
        ).all()
        return [
            p for p in rows if not is_display_name(p.handle) and name_stem(p.handle_key) in forms
        ]

    def _displays_spelled_by(self, stem: str) -> list[Persona]:
        """Display names of which ``stem`` is a form: the whole name, or the initial and the
        surname in either order."""
        rows = self.session.scalars(
            select(Persona).where(
                or_(
                    Persona.handle_key == stem,
                    Persona.handle_key.like(stem[0] + "%" + stem[1:]),
                    Persona.handle_key.like(stem[-1] + "%" + stem[:-1]),
                )
            )
        ).all()
        return [p for p in rows if is_display_name(p.handle) and stem in name_forms(p.handle)]

    # links and joins --------------------------------------------------------------------

    def link(
        self, a: Persona, b: Persona, evidence: str, confidence: float, detail: str | None = None
    ) -> PersonaLink | None:
        """Record evidence that ``a`` and ``b`` are one person, and join them when it is strong
        enough and nothing an agent decided stands against it."""
        if a.id == b.id:
            return None
        lo, hi = (a, b) if a.id < b.id else (b, a)
        row = self.session.scalar(
            select(PersonaLink).where(
                PersonaLink.persona_a_id == lo.id,
                PersonaLink.persona_b_id == hi.id,
                PersonaLink.evidence == evidence,
            )
        )
        if row is None:
            row = PersonaLink(
                persona_a_id=lo.id,
                persona_b_id=hi.id,
                evidence=evidence,
                confidence=confidence,
                detail=detail,
                status="proposed",
            )
            self.session.add(row)
            self.stats.links += 1
        else:
            row.confidence = max(row.confidence, confidence)
            row.detail = detail or row.detail
        if row.status in ("confirmed", "rejected"):
            return row
        self.session.flush()
        if self.combined(lo, hi) >= self.threshold and self.join(lo, hi):
            if row.confidence < self.threshold:  # joined by several kinds together: all say so
                self.session.execute(
                    update(PersonaLink)
                    .where(
                        PersonaLink.persona_a_id == lo.id,
                        PersonaLink.persona_b_id == hi.id,
                        PersonaLink.status == "proposed",
                    )
                    .values(status="auto")
                )
            row.status = "auto"
            self.stats.joined += 1
        else:
            row.status = "proposed"
            self.stats.proposed += 1
        self.session.flush()
        return row

    def combined(self, a: Persona, b: Persona) -> float:
        """The pair's confidence from all its evidence kinds (noisy-OR): each kind is one row
        and is taken as independent of the others (a handle, a self-reference, a contact
        detail), so two middling kinds together can reach the threshold; one kind seen twice
        counts once (its row keeps the higher confidence). Rejected links do not count."""
        lo, hi = sorted((a.id, b.id))
        doubt = 1.0
        for conf in self.session.scalars(
            select(PersonaLink.confidence).where(
                PersonaLink.persona_a_id == lo,
                PersonaLink.persona_b_id == hi,
                PersonaLink.status != "rejected",
            )
        ):
            doubt *= 1.0 - conf
        return 1.0 - doubt

    def _group(self, customer_id: int) -> list[Persona]:
        return list(self.session.scalars(select(Persona).where(Persona.customer_id == customer_id)))

    def blocked(self, ca: int, cb: int) -> bool:
        """An agent rejected a link between the two customers' personas."""
        ids_a = [p.id for p in self._group(ca)]
        ids_b = [p.id for p in self._group(cb)]
        if not ids_a or not ids_b:
            return False
        return (
            self.session.scalar(
                select(func.count(PersonaLink.id)).where(
                    PersonaLink.status == "rejected",
                    or_(
                        PersonaLink.persona_a_id.in_(ids_a) & PersonaLink.persona_b_id.in_(ids_b),
                        PersonaLink.persona_a_id.in_(ids_b) & PersonaLink.persona_b_id.in_(ids_a),
                    ),
                )
            )
            or 0
        ) > 0

    def join(self, a: Persona, b: Persona) -> bool:
        """Put ``a`` and ``b`` in one customer automatically, when allowed."""
        if a.customer_id == b.customer_id:
            return True
        ca, cb = (
            self.session.get(Customer, a.customer_id),
            self.session.get(Customer, b.customer_id),
        )
        if ca is None or cb is None or self.blocked(ca.id, cb.id):
            return False
        options = []
        for keep, absorb in ((ca, cb), (cb, ca)):
            if absorb.external_id or any(p.pinned for p in self._group(absorb.id)):
                continue
            options.append((keep.external_id is None, keep.id, keep, absorb))
        if not options:
            return False
        _, _, keep, absorb = min(options, key=lambda o: (o[0], o[1]))
        self.move(keep, absorb)
        return True

    def move(self, keep: Customer, absorb: Customer) -> None:
        """Move every persona and ticket of ``absorb`` into ``keep``; ``absorb`` is deleted, or
        kept as an alias when it carries a CRM id."""
        self.session.execute(
            update(Persona).where(Persona.customer_id == absorb.id).values(customer_id=keep.id)
        )
        self.session.execute(
            update(Ticket).where(Ticket.customer_id == absorb.id).values(customer_id=keep.id)
        )
        self.session.execute(
            update(Customer)
            .where(Customer.merged_into_id == absorb.id)
            .values(merged_into_id=keep.id)
        )
        if keep.name is None and absorb.name:
            keep.name = absorb.name
        if absorb.external_id:
            absorb.merged_into_id = keep.id
            self.session.flush()
        else:
            self.session.flush()
            self.session.execute(delete(Customer).where(Customer.id == absorb.id))
        self.session.expire_all()

    # the store's entry point -------------------------------------------------------------

    def apply_mention(self, row: MentionRow, item: Mention) -> Persona | None:
        """Give the stored mention its persona and record the evidence the stage found."""
        notes = item.notes.get("identity")
        if notes is None or item.by_brand or item.author in NO_PERSONA:
            return None
        persona = self.persona(item.platform, item.author, item.author_id)
        row.persona_id = persona.id
        for platform, handle, confidence in notes["refs"]:
            if handle_key(handle) == persona.handle_key and platform == persona.platform:
                continue
            other = self.persona(platform, handle)
            self.link(
                persona,
                other,
                "self_reference",
                confidence,
                f"{item.platform} post names its writer's {platform} account",
            )
        for kind, digest, hint in notes["contacts"]:
            self.add_contact(persona, kind, digest, hint)
        self.session.flush()
        self.session.refresh(persona)
        return persona

    def add_contact(self, persona: Persona, kind: str, digest: str, hint: str) -> None:
        exists = self.session.scalar(
            select(ContactHash.id).where(
                ContactHash.persona_id == persona.id,
                ContactHash.kind == kind,
                ContactHash.digest == digest,
            )
        )
        if exists is None:
            self.session.add(ContactHash(persona_id=persona.id, kind=kind, digest=digest))
            self.session.flush()
        holders = self.session.scalars(
            select(Persona)
            .join(ContactHash, ContactHash.persona_id == Persona.id)
            .where(ContactHash.kind == kind, ContactHash.digest == digest)
        ).all()
        per_platform = [p.platform for p in holders]
        # A detail two accounts on one platform, or more than three accounts, give as theirs is
        # not one person's (a shop's reference, a shared line): it only proposes.
        common = len(holders) > 3 or len(per_platform) != len(set(per_platform))
        confidence = 0.5 if common else CONTACT_CONFIDENCE[kind]
        for other in holders:
            if other.id != persona.id:
                self.link(persona, other, "contact", confidence, f"shared {hint}")


# -- CRM import --------------------------------------------------------------------------------


def _split_cell(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def import_customers(
    session: Session, settings: Settings, text: str, actor: str = "crm"
) -> LinkStats:
    """Apply a CRM export (header customer_id,name,email,reddit,youtube,forum).

    Each row's customer is found by its CRM id (or created); each listed handle becomes a persona
    linked to the row's other personas with ``crm`` evidence. Re-importing is harmless and never
    undoes an agent's split: a rejected link stays rejected, a pinned persona stays where the
    agent put it. A row naming a forgotten account or CRM id (a tombstone) is skipped whole.
    """
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if header != list(CRM_COLUMNS):
        raise IdentityError(f"the header must be {','.join(CRM_COLUMNS)}, not {','.join(header)}")
    linker = Linker(session, settings)
    key = hash_key(settings)
    for lineno, raw in enumerate(reader, start=2):
        rec = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        if not rec.get("customer_id"):
            linker.stats.skipped.append(f"line {lineno}: empty customer_id")
            continue
        cells = [(platform, h) for platform in PLATFORMS for h in _split_cell(rec.get(platform))]
        if any(is_forgotten(session, key, p, h) for p, h in [("crm", rec["customer_id"]), *cells]):
            linker.stats.skipped.append(f"line {lineno}: a forgotten customer, not imported")
            continue
        customer = session.scalar(
            select(Customer).where(Customer.external_id == rec["customer_id"])
        )
        while customer is not None and customer.merged_into_id is not None:
            customer = session.get(Customer, customer.merged_into_id)
        linker.created = []
        personas = [linker.persona(platform, handle, match=False) for platform, handle in cells]
        if customer is None:
            # Adopt the first persona's customer when it is not somebody else's CRM record.
            base = next(
                (
                    session.get(Customer, p.customer_id)
                    for p in personas
                    if not p.pinned and session.get(Customer, p.customer_id).external_id is None  # type: ignore[union-attr]
                ),
                None,
            )
            if base is None:
                base = Customer()
                session.add(base)
            base.external_id = rec["customer_id"]
            base.name = rec.get("name") or base.name
            session.flush()
            customer = base
            linker.stats.customers += 1
        elif rec.get("name"):
            customer.name = rec["name"]
        members = [p for p in personas if p.customer_id == customer.id]
        for p in personas:
            if p.customer_id == customer.id:
                continue
            if not members:
                own = session.get(Customer, p.customer_id)
                if own is not None and not p.pinned and not own.external_id:
                    if not linker.blocked(customer.id, own.id) and not any(
                        q.pinned for q in linker._group(own.id)
                    ):
                        linker.move(customer, own)
                        members.append(p)
                        continue
                linker.stats.skipped.append(
                    f"line {lineno}: a persona stays with another CRM customer or an agent's choice"
                )
                continue
            linker.link(members[0], p, "crm", 1.0, f"CRM customer {rec['customer_id']}")
            session.refresh(p)
            if p.customer_id == customer.id:
                members.append(p)
        # Links among personas already together record the CRM as their evidence too.
        for p in members[1:]:
            linker.link(members[0], p, "crm", 1.0, f"CRM customer {rec['customer_id']}")
        for p in list(linker.created):  # new personas meet same-handle ones once placed
            linker.same_handle(p)
        email = rec.get("email", "").lower()
        if email and members:
            # kept on one persona: the customer is one holder, however many accounts it has
            digest = contact_digest(key, "email", email)
            linker.add_contact(members[0], "email", digest, "CRM e-mail")
    audit(
        session,
        actor,
        "customers.import",
        "customer",
        "*",
        personas=linker.stats.personas,
        links=linker.stats.links,
    )
    return linker.stats


# -- agent actions -----------------------------------------------------------------------------


def _customer(session: Session, customer_id: int) -> Customer:
    row = session.get(Customer, customer_id)
    if row is None or row.merged_into_id is not None:
        raise IdentityError(f"no customer {customer_id}")
    return row


def confirm_link(session: Session, settings: Settings, link_id: int, agent: str) -> PersonaLink:
    """An agent confirms a link: its two personas become one customer, whatever the evidence."""
    link = session.get(PersonaLink, link_id)
    if link is None:
        raise IdentityError(f"no link {link_id}")
    a, b = session.get(Persona, link.persona_a_id), session.get(Persona, link.persona_b_id)
    assert a is not None and b is not None
    link.status, link.decided_by, link.decided_at = "confirmed", agent, utcnow()
    if a.customer_id != b.customer_id:
        _merge(session, settings, a.customer_id, b.customer_id)  # type: ignore[arg-type]
    for p in (a, b):
        p.pinned = True
    audit(session, agent, "link.confirm", "persona_link", link.id, personas=[a.id, b.id])
    session.flush()
    return link


def reject_link(session: Session, link_id: int, agent: str) -> PersonaLink:
    """An agent rejects a proposed link; it never joins anything afterwards."""
    link = session.get(PersonaLink, link_id)
    if link is None:
        raise IdentityError(f"no link {link_id}")
    link.status, link.decided_by, link.decided_at = "rejected", agent, utcnow()
    audit(session, agent, "link.reject", "persona_link", link.id)
    session.flush()
    return link


def _merge(session: Session, settings: Settings, a_id: int, b_id: int) -> Customer:
    a, b = _customer(session, a_id), _customer(session, b_id)
    if a.id == b.id:
        raise IdentityError("a customer cannot be merged with itself")
    keep, absorb = (a, b) if (a.external_id or not b.external_id) else (b, a)
    moved = [p.id for p in session.scalars(select(Persona).where(Persona.customer_id == absorb.id))]
    Linker(session, settings).move(keep, absorb)
    # Rejected links between the two are overruled by the agent's merge.
    group = [p.id for p in session.scalars(select(Persona).where(Persona.customer_id == keep.id))]
    session.execute(
        update(PersonaLink)
        .where(
            PersonaLink.status == "rejected",
            PersonaLink.persona_a_id.in_(group),
            PersonaLink.persona_b_id.in_(group),
        )
        .values(status="confirmed")
    )
    session.execute(update(Persona).where(Persona.id.in_(group)).values(pinned=True))
    stayed = [p for p in group if p not in moved]
    if moved and stayed:  # the agent's merge is the evidence between the two groups
        anchor = min(stayed)
        for pid in moved:
            lo, hi = sorted((anchor, pid))
            exists = session.scalar(
                select(PersonaLink).where(
                    PersonaLink.persona_a_id == lo,
                    PersonaLink.persona_b_id == hi,
                    PersonaLink.evidence == "agent",
                )
            )
            if exists is None:
                session.add(
                    PersonaLink(
                        persona_a_id=lo,
                        persona_b_id=hi,
                        evidence="agent",
                        confidence=1.0,
                        status="confirmed",
                        detail="merged by an agent",
                    )
                )
            else:
                exists.status = "confirmed"
    session.flush()
    return keep


def merge_customers(
    session: Session, settings: Settings, a_id: int, b_id: int, agent: str
) -> Customer:
    """An agent merges two customers into one (the CRM one, or the first, survives)."""
    keep = _merge(session, settings, a_id, b_id)
    audit(session, agent, "customer.merge", "customer", keep.id, merged=sorted({a_id, b_id}))
    return keep


def split_persona(session: Session, persona_id: int, agent: str) -> Customer:
    """An agent takes a persona out of its customer into a new one. Its links to the former
    customer's personas become ``rejected`` (an ``agent`` link records the split where there was
    none), so no import or crawl joins them again. The persona's tickets follow it."""
    persona = session.get(Persona, persona_id)
    if persona is None:
        raise IdentityError(f"no persona {persona_id}")
    old_id = persona.customer_id
    others = [
        p.id
        for p in session.scalars(
            select(Persona).where(Persona.customer_id == old_id, Persona.id != persona.id)
        )
    ]
    if not others:
        raise IdentityError(f"persona {persona_id} is already alone in customer {old_id}")
    new = Customer()
    session.add(new)
    session.flush()
    persona.customer_id = new.id
    persona.pinned = True
    now = utcnow()
    for other in others:
        lo, hi = sorted((persona.id, other))
        links = session.scalars(
            select(PersonaLink).where(
                PersonaLink.persona_a_id == lo, PersonaLink.persona_b_id == hi
            )
        ).all()
        if not any(link.evidence == "agent" for link in links):
            session.add(
                PersonaLink(
                    persona_a_id=lo,
                    persona_b_id=hi,
                    evidence="agent",
                    confidence=1.0,
                    status="rejected",
                    detail="split by an agent",
                )
            )
        for link in links:
            link.status, link.decided_by, link.decided_at = "rejected", agent, now
    _split_tickets(session, persona.id, old_id, new.id)
    audit(
        session,
        agent,
        "persona.split",
        "persona",
        persona.id,
        from_customer=old_id,
        to_customer=new.id,
    )
    session.flush()
    return new


def _split_tickets(
    session: Session, persona_id: int, old_customer: int | None, new_customer: int
) -> None:
    ticket_ids = set(
        session.scalars(
            select(MentionRow.ticket_id).where(
                MentionRow.persona_id == persona_id, MentionRow.ticket_id.is_not(None)
            )
        )
    )
    for tid in ticket_ids:
        ticket = session.get(Ticket, tid)
        if ticket is None or ticket.customer_id != old_customer:
            continue
        foreign = session.scalar(
            select(func.count(MentionRow.id)).where(
                MentionRow.ticket_id == tid, MentionRow.persona_id != persona_id
            )
        )
        if not foreign:
            ticket.customer_id = new_customer
            continue
        copy = Ticket(
            customer_id=new_customer,
            status=ticket.status,
            priority=ticket.priority,
            topic=ticket.topic,
            team=ticket.team,
        )
        session.add(copy)
        session.flush()
        session.execute(
            update(MentionRow)
            .where(MentionRow.ticket_id == tid, MentionRow.persona_id == persona_id)
            .values(ticket_id=copy.id)
        )


def parse_persona_ref(session: Session, ref: str) -> Persona:
    """A persona by id ("12") or by PLATFORM:HANDLE ("reddit:maria_q")."""
    if ref.isdigit():
        row = session.get(Persona, int(ref))
    else:
        platform, sep, handle = ref.partition(":")
        if not sep or not handle.strip():
            raise IdentityError(f"persona '{ref}': expected an id or PLATFORM:HANDLE")
        row = find_persona(session, platform.strip().lower(), handle)
    if row is None:
        raise IdentityError(f"no persona {ref}")
    return row


# -- views -------------------------------------------------------------------------------------


def customers_view(session: Session, ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """Customers (not merged aliases) with their personas and the links that touch them."""
    q = select(Customer).where(Customer.merged_into_id.is_(None)).order_by(Customer.id)
    if ids is not None:
        q = q.where(Customer.id.in_(list(ids)))
    out = []
    for c in session.scalars(q):
        personas = list(
            session.scalars(select(Persona).where(Persona.customer_id == c.id).order_by(Persona.id))
        )
        pids = [p.id for p in personas]
        links = (
            session.scalars(
                select(PersonaLink)
                .where(or_(PersonaLink.persona_a_id.in_(pids), PersonaLink.persona_b_id.in_(pids)))
                .order_by(PersonaLink.id)
            ).all()
            if pids
            else []
        )
        out.append(
            {
                "id": c.id,
                "external_id": c.external_id,
                "name": c.name,
                "personas": [
                    {"id": p.id, "platform": p.platform, "handle": p.handle, "pinned": p.pinned}
                    for p in personas
                ],
                "links": [
                    {
                        "id": link.id,
                        "personas": [link.persona_a_id, link.persona_b_id],
                        "evidence": link.evidence,
                        "confidence": link.confidence,
                        "status": link.status,
                        "detail": link.detail,
                        "decided_by": link.decided_by,
                    }
                    for link in links
                ],
            }
        )
    return out


def drop_empty_customers(session: Session) -> int:
    """Delete customers left without personas (not CRM records, not aliases)."""
    used = select(Persona.customer_id).where(Persona.customer_id.is_not(None))
    result = session.execute(
        delete(Customer).where(
            Customer.id.not_in(used),
            Customer.external_id.is_(None),
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
