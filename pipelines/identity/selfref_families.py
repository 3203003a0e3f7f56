"""More phrasing families of self-references, built from :mod:`.selfref`'s pieces: the writer as
"the one who" wrote elsewhere, a name the writer is "known as", and a name given after "where"
for a place the writer just said they wrote on. Each needs the first person, as every family
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
]  # fmt: skip
FAMILIES_RE = [(c, re.compile(p, re.IGNORECASE)) for c, p in FAMILIES]
