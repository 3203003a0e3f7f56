"""More phrasing families of self-references, built from :mod:`.selfref`'s pieces: the writer as
"the one who" wrote elsewhere, a name the writer is "known as", a name given after "where" for
a place the writer just said they wrote on, "my name on reddit is x", more ways of saying they
wrote or write there ("I messaged you on reddit as x", "te escribí por reddit como x", "suelo
escribir en el foro como x") and "me on reddit: u/x". Each needs the first person, as every family
does; :func:`pipelines.identity.selfref.self_references` applies the same checks to them
(negation, what the named person did, a word that is no chosen name)."""

from __future__ import annotations

import re

from pipelines.identity.selfref import (
    _AT,
    _GLUE,
    _I_POSTED,
    _INTRO,
    _display,
    _handle,
    _place,
    _shaped,
    _who,
)

# "I'm the one who", "soy quien", "soy la que", "soy el usuario que"
_THE_ONE = (
    r"\b(?:i'm|i\s+am|soy|yo\s+soy)\s+(?!not\b)(?:the\s+(?:one|person|user|customer|guy)\s+(?:who|that)"
    r"|quien|la\s+que|el\s+que|(?:la\s+persona|el\s+usuario|la\s+usuaria|el\s+cliente|"
    r"la\s+clienta)\s+que)\s+"
)
_KNOWN_AS = r"(?:i'm|i\s+am)\s+known\s+as|se\s+me\s+conoce\s+como"
# a name the writer gives after "where": a written handle, a display name or a user name's shape
_NAMED = lambda n: r"(?:" + _handle(n) + "|" + _display(n + 1) + "|" + _shaped(n + 2) + ")"  # noqa: E731

# more first-person verbs of writing somewhere: "I messaged you", "I mentioned it", "te escribí",
# "lo mencioné", "escribo", "suelo escribir"
_I_WROTE = (
    r"\b(?:i|i've|i\s+have|i\s+also|i've\s+also|i\s+usually|i\s+often)\b[^.!?\n]{0,20}?"
    r"\b(?:sent|messaged|dm'?e?d|mentioned|raised|flagged|reached\s+out|contacted|tried|"
    r"wrote|write|posted|asked|commented|complained)\b"
    r"|\b(?:(?:te|os|le|les|lo|la|se\s+lo)\s+)?(?:escrib[ií]|mencion[eé]|avis[eé]|contact[eé]|"
    r"dije|escribo|pregunto|comento|publico|pongo|posteo|"
    r"suelo\s+(?:escribir|publicar|comentar|preguntar|postear))\b"
)
# a place reached "by" or "through" it: "por reddit", "via the forum"
_BY = r"(?:" + _AT + r"|por|v[ií]a|through)"

FAMILIES = [
    # "I'm the one who posted on reddit as u/x", "soy la que escribió en el foro como x"
    (
        0.93,
        _THE_ONE + r"[^.!?\n]{0,40}?\b" + _AT + r"\s+" + _place("place") + r"\b" + _GLUE
        + r"(?<=[\s,(])" + _INTRO + r"\s+" + _who(1),
    ),
    # "I'm the one who asked as u/x on reddit", "soy quien preguntó como x en el foro"
    (
        0.93,
        _THE_ONE + r"[^.!?\n]{0,30}?\b" + _INTRO + r"\s+" + _who(1) + r"\s+" + _AT + r"\s+"
        + _place("place") + r"\b",
    ),
    # "I'm known as x on the forum", "se me conoce como x en el foro"
    (
        0.93,
        r"\b(?:" + _KNOWN_AS + r")\s+" + _who(1) + r"\s+" + _AT + r"\s+" + _place("place") + r"\b",
    ),
    # "on the forum I'm known as x", "en el foro se me conoce como x"
    (
        0.93,
        r"\b(?:over\s+)?(?:on|in|en|at)\s+" + _place("place") + r"[\s,]+(?:" + _KNOWN_AS + r")\s+"
        + _who(1),
    ),
    # "I posted this on reddit too, where I'm u/x", "lo puse en el foro, donde soy x"
    (
        0.95,
        r"(?:" + _I_POSTED + r")[^.!?\n]{0,40}?\b" + _AT + r"\s+" + _place("place") + r"\b"
        + _GLUE + r"[\s,(]+(?:where|donde|in\s+which|en\s+el\s+que)\s+(?:i'm|i\s+am|soy|"
        r"i\s+go\s+by|aparezco\s+como|salgo\s+como)\s+" + _NAMED(1),
    ),
    # "my name on reddit is u/x", "mi nombre en el foro es x"
    (
        0.95,
        r"\b(?:my|mi)\s+(?:name|nombre)\s+(?:on|in|at|en|de|del)\s+" + _place("place")
        + r"\s*(?:is|es|=|:)\s*" + _who(1),
    ),
    # "I messaged you on reddit as u/x", "te escribí por reddit como x", "suelo escribir en el
    # foro como x"
    (
        0.95,
        r"(?:" + _I_WROTE + r")[^.!?\n]{0,40}?\b" + _BY + r"\s+" + _place("place") + r"\b"
        + _GLUE + r"(?<=[\s,(])" + _INTRO + r"\s+" + _who(1),
    ),
    # "me on reddit: u/x", "yo en reddit: @x" opening a sentence: only a written handle
    (
        0.93,
        r"(?:^|(?<=[.!?(\n])\s*)(?:also\s+)?(?:me|yo|tambi[eé]n\s+yo)\s+(?:on|in|en)\s+"
        + _place("place") + r"\s*[:=]\s*" + _handle(1),
    ),
]  # fmt: skip
FAMILIES_RE = [(c, re.compile(p, re.IGNORECASE)) for c, p in FAMILIES]
