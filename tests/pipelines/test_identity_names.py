"""Names with two surnames and fewer parts (Spanish naming), and a CRM name weighed together with
the same matter asked on the customer's account; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from pipelines.chain import Chain
from pipelines.identity import (
    crm_name_confidence,
    customers_view,
    find_persona,
    import_customers,
    name_confidence,
    name_forms,
)
from pipelines.identity.crosspost import MATTER_BITS
from pipelines.identity.handles import crm_name_keys
from pipelines.models.db import Database
from tests.helpers import mention

CRM = "customer_id,name,email,reddit,youtube,forum\n"
AT = datetime(2026, 11, 3, 9, 0)
ESTIMATED = (
    "Llevo tres facturas seguidas con la lectura estimada aunque mando la foto del contador "
    "cada mes. ¿Por qué no la usan?"
)
ESTIMATED_AGAIN = (
    "Otra vez factura estimada. Envío la lectura del contador con foto todos los meses y la "
    "siguen ignorando, ¿alguien sabe qué pasa?"
)
ROUTER = (
    "El router se reinicia solo cada noche desde la última actualización y pierdo la conexión "
    "del trabajo, ¿qué hago?"
)


def test_a_name_with_two_surnames_is_spelled_with_either_surname() -> None:
    forms = name_forms("Lucía Ferrer Vidal")
    for key in ("luciaferrervidal", "luciaferrer", "lferrer", "lferrerv", "luciaferrerv"):
        assert key in forms, key
    assert {"lvidal", "vidall", "ferrerl"} <= set(forms)
    # a surname with particles, with and without them
    assert {"lfuente", "ldelafuente"} <= set(name_forms("Lucía de la Fuente"))
    # a name of two words keeps its three forms
    assert set(name_forms("David Kowalczyk")) == {"davidkowalczyk", "dkowalczyk", "kowalczykd"}
    # a CRM name matches the first name written out, never an initial for it
    assert crm_name_keys("Lucía Ferrer Vidal") == {
        "luciaferrervidal",
        "luciaferrer",
        "luciavidal",
        "luciaferrerv",
    }


def test_a_user_name_spelling_one_surname_counts_only_its_letters() -> None:
    # "lferrer_v" spells the initial, a common surname and an initial: far from enough
    assert name_confidence("Lucía Ferrer Vidal", "lferrer_v") == 0.0
    # a rare first name and surname spelled whole, the second surname dropped, may link
    rare = name_confidence("Xiomara Zubelzuarte Ruiz", "xiomara_zubelzuarte")
    assert rare == name_confidence("Xiomara Zubelzuarte", "xiomara_zubelzuarte88") > 0.9


def test_a_spelled_crm_name_and_the_same_matter_add_up() -> None:
    name = "Lucía Ferrer Vidal"  # three common words
    assert crm_name_confidence(name) < 0.5
    assert crm_name_confidence(name, spelled=True) < 0.9  # proposed to an agent
    assert crm_name_confidence(name, spelled=True, evidence_bits=MATTER_BITS) >= 0.9
    # the matter never makes a common name evidence, spelled or not
    for common in ("Maria Garcia", "Lucía Fernández"):
        assert crm_name_confidence(common, spelled=True, evidence_bits=MATTER_BITS) == 0.0
    # nor a middling name that no account of the customer spells
    assert crm_name_confidence(name, evidence_bits=MATTER_BITS) < 0.9


def crawl(db: Database, *posts: tuple[str, str, str, str, timedelta]) -> None:
    with Chain(db.settings, db) as chain:
        for source_id, platform, author, text, after in posts:
            chain.process(
                mention(source_id, text, platform=platform, author=author, created_at=AT + after)
            )


def crm_personas(db: Database, external_id: str) -> set[tuple[str, str]]:
    with db.session() as s:
        customer = next(c for c in customers_view(s) if c["external_id"] == external_id)
    return {(p["platform"], p["handle"]) for p in customer["personas"]}


@pytest.mark.parametrize(
    ("rows", "second", "joined"),
    [
        # the customer's own account spells the name, and both accounts ask about one matter
        ("C-1,Lucía Ferrer Vidal,,lferrer_v,,\n", ESTIMATED_AGAIN, True),
        # another matter: the name alone waits for an agent
        ("C-1,Lucía Ferrer Vidal,,lferrer_v,,\n", ROUTER, False),
        # a namesake in the CRM (another e-mail): the name cannot tell which of the two it is
        (
            "C-1,Lucía Ferrer Vidal,l1@example.com,lferrer_v,,\n"
            "C-2,Lucía Ferrer Vidal,l2@example.com,,,lucia_fv_77\n",
            ESTIMATED_AGAIN,
            False,
        ),
        # no account of the customer spells the name: a real name of common words stays apart
        ("C-1,Lucía Ferrer Vidal,,kettle_fan9,,\n", ESTIMATED_AGAIN, False),
    ],
)
def test_a_crm_name_with_the_same_matter_joins_the_customer(
    any_db: Database, rows: str, second: str, joined: bool
) -> None:
    with any_db.session() as s:
        import_customers(s, any_db.settings, CRM + rows)
    reddit = rows.split(",")[3]
    crawl(
        any_db,
        ("r1", "reddit", reddit, ESTIMATED, timedelta(0)),
        ("y1", "youtube", "Lucía Ferrer Vidal", second, timedelta(hours=14)),
    )
    assert (("youtube", "Lucía Ferrer Vidal") in crm_personas(any_db, "C-1")) is joined
    with any_db.session() as s:
        assert find_persona(s, "youtube", "Lucía Ferrer Vidal") is not None


@pytest.mark.parametrize("crm_first", [True, False])
def test_a_display_name_with_fewer_surnames_than_the_crm_name(
    any_db: Database, crm_first: bool
) -> None:
    """A display name with fewer surnames: "Xiomara Zubelzuarte" on YouTube is the CRM's
    "Xiomara Zubelzuarte Ruiz" (a rare first name and surname); "Xiomara Ruiz" (a common
    surname) is not enough."""
    csv = CRM + "C-1,Xiomara Zubelzuarte Ruiz,,xz_kettle,,\n"

    def crm() -> None:
        with any_db.session() as s:
            import_customers(s, any_db.settings, csv)

    def posts() -> None:
        crawl(
            any_db,
            ("y1", "youtube", "Xiomara Zubelzuarte", "no me llega la factura", timedelta(0)),
            ("f1", "forum", "Xiomara Ruiz", "no me llega la factura", timedelta(hours=1)),
        )

    for step in (crm, posts) if crm_first else (posts, crm):
        step()
    personas = crm_personas(any_db, "C-1")
    assert ("youtube", "Xiomara Zubelzuarte") in personas
    assert ("forum", "Xiomara Ruiz") not in personas


def test_a_name_with_fewer_surnames_two_crm_customers_share_only_proposes(
    any_db: Database,
) -> None:
    csv = CRM + "C-1,Xiomara Zubelzuarte Ruiz,,xz_one,,\nC-2,Xiomara Zubelzuarte Peña,,xz_two,,\n"
    with any_db.session() as s:
        import_customers(s, any_db.settings, csv)
    crawl(any_db, ("y1", "youtube", "Xiomara Zubelzuarte", "no me llega la factura", timedelta(0)))
    for crm_id in ("C-1", "C-2"):
        assert ("youtube", "Xiomara Zubelzuarte") not in crm_personas(any_db, crm_id)
