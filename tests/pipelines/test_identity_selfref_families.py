"""Self-reference families of :mod:`pipelines.identity.selfref_families` in English and Spanish:
the writer as "the one who" wrote elsewhere, a name the writer is "known as", a name after
"where" for the place the writer wrote on, "my name on reddit is x", more verbs of writing
there, "me on reddit: u/x"; and the decoys that name somebody else or nobody."""

from __future__ import annotations

import pytest

from pipelines.identity import self_references

FOUND = [
    ("I'm the one who posted on reddit as u/kite_runner_9, still no answer", "forum", "reddit",
     "kite_runner_9"),
    ("I am the person who asked about this on the forum as Priya R", "youtube", "forum",
     "Priya R"),
    ("Soy la que escribió ayer en el foro como marta_lg88, sigo igual", "reddit", "forum",
     "marta_lg88"),
    ("soy quien pregunto como pepa_costa en el foro la semana pasada", "reddit", "forum",
     "pepa_costa"),
    ("I'm known as Sophie Doyle on YouTube", "forum", "youtube", "Sophie Doyle"),
    ("on the forum I'm known as gata_sev", "reddit", "forum", "gata_sev"),
    ("en el foro se me conoce como gata_sev", "reddit", "forum", "gata_sev"),
    ("I posted this on reddit too, where I'm u/kite_runner_9", "forum", "reddit",
     "kite_runner_9"),
    ("lo puse también en el foro, donde soy marisa_lg", "youtube", "forum", "marisa_lg"),
    ("my name on reddit is u/kite_runner_9", "forum", "reddit", "kite_runner_9"),
    ("My name on YouTube is Mike D", "forum", "youtube", "Mike D"),
    ("mi nombre en el foro es marisa_lg", "reddit", "forum", "marisa_lg"),
    ("I sent you a DM on reddit as u/kite_runner_9", "forum", "reddit", "kite_runner_9"),
    ("I messaged you on reddit as u/kite_runner_9", "forum", "reddit", "kite_runner_9"),
    ("I wrote to you via reddit as u/kite_runner_9", "youtube", "reddit", "kite_runner_9"),
    ("I mentioned it on reddit as u/kite_runner_9", "youtube", "reddit", "kite_runner_9"),
    ("Te escribí por reddit como u/kite_runner_9", "youtube", "reddit", "kite_runner_9"),
    ("contacté por el foro como marisa_lg", "youtube", "forum", "marisa_lg"),
    ("lo mencioné en reddit como u/kite_runner_9", "youtube", "reddit", "kite_runner_9"),
    ("Suelo escribir en reddit como u/kite_runner_9", "forum", "reddit", "kite_runner_9"),
    ("Still broken. Me on reddit: u/kite_runner_9", "forum", "reddit", "kite_runner_9"),
    ("yo en reddit: @kite_runner_9", "forum", "reddit", "kite_runner_9"),
]  # fmt: skip

NOBODY = [
    "She's the one who posted on reddit as u/kite_runner_9",  # somebody else
    "My brother is the one who posted on reddit as u/kite_runner_9",
    "I'm the one who asked u/kite_runner_9 on reddit",  # asked somebody
    "I'm the one who posted on reddit as u/kite_runner_9 said",  # what they did
    "I'm not the one who posted on reddit as u/kite_runner_9",  # negated
    "I never posted on reddit as u/kite_runner_9",
    "no soy la que escribió en el foro como marta_lg88",
    "I posted on reddit where u/kite_runner_9 answered me",  # no first person before the name
    "I posted on reddit, where I'm sure someone knows",  # no name
    "I'm known as a patient customer on the forum",
    "I'm the one who posted on reddit as a guest",  # a word, not a chosen name
    "my name on reddit is not important",
    "his name on reddit is u/kite_runner_9",
    "I messaged u/kite_runner_9 on reddit",
    "Le escribí a u/kite_runner_9 por reddit",
    "I mentioned it on reddit as u/kite_runner_9 suggested",
    "my brother messaged you on reddit as u/kite_runner_9",
    "I never messaged you on reddit as u/kite_runner_9",
    "I contacted the mod on reddit (u/kite_runner_9)",  # what the writer did to somebody
    "I tried the fix on reddit (u/kite_runner_9)",
    "someone told me on reddit: u/kite_runner_9",  # "me" taken by a verb
    "tell me on reddit: @kite_runner_9",
]


@pytest.mark.parametrize(("text", "own", "platform", "handle"), FOUND)
def test_the_writer_names_their_account(text: str, own: str, platform: str, handle: str) -> None:
    assert [(r.platform, r.handle) for r in self_references(text, own)] == [(platform, handle)]


@pytest.mark.parametrize("text", NOBODY)
def test_naming_somebody_else_or_nobody_is_no_self_reference(text: str) -> None:
    assert self_references(text, "forum") == []
