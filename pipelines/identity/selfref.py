"""Self-references: first-person text naming another account of the writer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.identity.common import PLATFORMS
from pipelines.identity.handles import clean_handle, handle_key

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
