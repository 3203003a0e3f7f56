"""Severity cues in English and Spanish, and public amplification from engagement."""

from __future__ import annotations

import pytest

from crawlers.items import Engagement
from pipelines.severity import AMPLIFICATION, severity_cues


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The charger started smoking and burned my desk", "safety"),
        ("Smell of gas after your technician left", "safety"),
        ("The brakes failed going downhill, someone will get hurt", "safety"),
        ("El cargador echó humo y se quemó el enchufe", "safety"),
        ("Huele a gas desde que vino el técnico", "safety"),
        ("My lawyer will contact you", "legal"),
        ("I'm taking this to small claims", "legal"),
        ("Filing a complaint with the FCC", "legal"),
        ("Voy a denunciar a la compañía", "legal"),
        ("Ya he hablado con mi abogado", "legal"),
        ("Pondré una reclamación en consumo", "legal"),
        ("I'm cancelling my subscription today", "cancel"),
        ("Switching to another provider next month", "cancel"),
        ("Hoy me doy de baja", "cancel"),
        ("Me cambio de compañía mañana mismo", "cancel"),
    ],
)
def test_keyword_cues(text: str, cue: str) -> None:
    assert cue in severity_cues(text)


@pytest.mark.parametrize(
    "text",
    [
        "How do I change my email address?",
        "The food court at the airport is great",
        "Moving my number to a new SIM left me without service",
        "¿Cuánto consumo de datos incluye la tarifa?",
        "Great service today, thank you",
        "¿A qué hora abre la oficina?",
    ],
)
def test_no_cue_in_ordinary_posts(text: str) -> None:
    assert severity_cues(text) == []


@pytest.mark.parametrize("field", ["score", "views", "replies"])
def test_amplification_from_each_engagement_figure(field: str) -> None:
    at = Engagement(**{field: AMPLIFICATION[field]})
    below = Engagement(**{field: AMPLIFICATION[field] - 1})
    assert severity_cues("my order is late", at) == ["amplification"]
    assert severity_cues("my order is late", below) == []


def test_cues_come_in_a_fixed_order() -> None:
    text = "Me cambio de banco, el cargador echó humo y hablaré con mi abogado"
    assert severity_cues(text, Engagement(views=10**6)) == [
        "safety", "legal", "cancel", "amplification",
    ]  # fmt: skip
