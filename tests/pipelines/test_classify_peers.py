"""Chatter that carries a complaint's words is no complaint: laughter at an advert, news about
a company told in the third person, a vlog's title and description; the same kinds of post
that tell of the writer's own fault stay complaints. The seed set holds such chatter in both
languages (pipelines/data/complaints_seed.jsonl); these texts are not in it. The texts name an
invented provider, Skyline."""

from __future__ import annotations

import pytest

from pipelines.classify import classify_texts

pytestmark = pytest.mark.slow

CHATTER = [
    "jajaja el loro del anuncio me tiene llorando de risa 😂",
    "Skyline anuncia que sus clientes de Sevilla podrán pasarse a la fibra de 1 Gb en mayo sin "
    "pagar más.",
    "A year of cooking on a budget\nEverything we spent on food in twelve months.",
]
FAULTS = [
    "jajaja otra vez sin internet, tercera vez esta semana, Skyline 😂",
    "Skyline says the outage is fixed but my street has had no broadband since Monday.",
    "Three months fighting Skyline for a refund\nEverything that went wrong with my broadband "
    "and the money they still owe me.",
]


def test_chatter_with_a_complaints_words_is_other(tmp_path) -> None:
    roles = [r["role"] for r in classify_texts(tmp_path, CHATTER + FAULTS)]
    assert roles[: len(CHATTER)] == ["other"] * len(CHATTER)
    assert roles[len(CHATTER) :] == ["complaint"] * len(FAULTS)
