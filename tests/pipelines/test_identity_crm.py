"""CRM evidence: a YouTube channel named by its id, and a display name equal to a CRM
customer's name (weighed by how rare the name is), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from pipelines.chain import Chain
from pipelines.identity import customers_view, find_persona, import_customers
from pipelines.models import Persona
from pipelines.models.db import Database
from tests.helpers import mention

CRM = "customer_id,name,email,reddit,youtube,forum\n"
CHANNEL = "UCPqVKxD1n4xvVfpaS55ypjW"


def comment(source_id: str, author: str, text: str, **kw):  # noqa: ANN201
    kw.setdefault("created_at", datetime(2026, 11, 1, 12, 0))
    kw.setdefault("platform", "youtube")
    return mention(source_id, text, author=author, **kw)


def crm_customer(db: Database, external_id: str) -> dict:
    with db.session() as s:
        return next(c for c in customers_view(s) if c["external_id"] == external_id)


@pytest.mark.parametrize("crm_first", [True, False])
def test_a_crm_row_naming_a_youtube_channel_id_owns_that_channels_comments(
    any_db: Database, crm_first: bool
) -> None:
    csv = CRM + f"C-1,Nadia Kowalski,,,{CHANNEL},\n"

    def crm() -> None:
        with any_db.session() as s:
            import_customers(s, any_db.settings, csv)

    def crawl() -> None:
        with Chain(any_db.settings, any_db) as chain:
            chain.process(comment("y1", "@nadia_wifi", "wifi drops", author_id=CHANNEL))

    for step in (crm, crawl) if crm_first else (crawl, crm):
        step()
    customer = crm_customer(any_db, "C-1")
    assert customer["name"] == "Nadia Kowalski"
    assert [(p["platform"], p["handle"]) for p in customer["personas"]] == [
        ("youtube", "nadia_wifi")
    ]
    with any_db.session() as s:
        assert len(s.scalars(select(Persona)).all()) == 1


def test_a_channel_id_is_only_read_as_one_on_youtube(any_db: Database) -> None:
    with any_db.session() as s:
        import_customers(s, any_db.settings, CRM + f"C-1,A,,{CHANNEL},,\n")
        persona = find_persona(s, "reddit", CHANNEL)
        assert persona is not None and persona.author_id is None


# -- a display name equal to a CRM customer's name --------------------------------------------


def test_a_rare_crm_name_counts_and_a_common_one_never_alone() -> None:
    from pipelines.identity import crm_name_confidence

    assert crm_name_confidence("Hugo Zorblaxianko") >= 0.9  # long and rare
    assert 0 < crm_name_confidence("María Quintana") < 0.9  # rarer than common, not enough
    for common in ("Maria Garcia", "Lucía Fernández", "Lucia Fernandez", "John Smith"):
        assert crm_name_confidence(common) == 0.0
    # another account or CRM customer with the name makes it commoner
    assert crm_name_confidence("Hugo Zorblaxianko", collisions=2) < 0.9


@pytest.mark.parametrize("crm_first", [True, False])
def test_a_display_name_equal_to_a_rare_crm_name_joins_that_customer(
    any_db: Database, crm_first: bool
) -> None:
    csv = CRM + "C-1,Hugo Zorblaxianko,,hz_r,,\nC-2,María García,,mg_r,,\n"

    def crm() -> None:
        with any_db.session() as s:
            import_customers(s, any_db.settings, csv)

    def crawl() -> None:
        with Chain(any_db.settings, any_db) as chain:
            chain.process(comment("y1", "Hugo Zorblaxianko", "el router se reinicia"))
            chain.process(comment("y2", "Maria Garcia", "me cobraron dos veces"))
            chain.process(comment("f1", "maria.garcia", "sin cobertura", platform="forum"))

    for step in (crm, crawl) if crm_first else (crawl, crm):
        step()
    hugo, maria = crm_customer(any_db, "C-1"), crm_customer(any_db, "C-2")
    assert ("youtube", "Hugo Zorblaxianko") in {
        (p["platform"], p["handle"]) for p in hugo["personas"]
    }
    evidence = {(link["evidence"], link["status"]) for link in hugo["links"]}
    assert ("crm_name", "auto") in evidence
    # decoy: a common name is not evidence, not even a proposal
    assert [p["handle"] for p in maria["personas"]] == ["mg_r"]
    assert all(link["evidence"] == "crm" for link in maria["links"])


def test_a_middling_crm_name_is_proposed_and_adds_up_with_other_evidence(
    any_db: Database,
) -> None:
    from pipelines.identity import Linker

    with any_db.session() as s:
        import_customers(s, any_db.settings, CRM + "C-1,María Quintana,,mq_r,,\n")
    with Chain(any_db.settings, any_db) as chain:
        chain.process(comment("y1", "Maria Quintana", "wifi drops"))
    youtube = find_persona_id(any_db, "youtube", "Maria Quintana")
    assert youtube not in {p["id"] for p in crm_customer(any_db, "C-1")["personas"]}
    with any_db.session() as s:
        linker = Linker(s, any_db.settings)
        a, b = s.get(Persona, youtube), find_persona(s, "reddit", "mq_r")
        assert 0 < linker.combined(a, b) < 0.9  # proposed to an agent
        assert linker.link(a, b, "contact", 0.7).status == "auto"  # noisy-OR: 1 - 0.24 * 0.3
    assert youtube in {p["id"] for p in crm_customer(any_db, "C-1")["personas"]}


def test_two_crm_customers_with_one_name_make_it_common(any_db: Database) -> None:
    csv = CRM + "C-1,Hugo Lindqvistberg,,hl_one,,\nC-2,Hugo Lindqvistberg,,hl_two,,\n"
    with any_db.session() as s:
        import_customers(s, any_db.settings, csv)
    with Chain(any_db.settings, any_db) as chain:
        chain.process(comment("y1", "Hugo Lindqvistberg", "wifi drops"))
    youtube = find_persona_id(any_db, "youtube", "Hugo Lindqvistberg")
    for crm_id in ("C-1", "C-2"):
        assert youtube not in {p["id"] for p in crm_customer(any_db, crm_id)["personas"]}


def find_persona_id(db: Database, platform: str, handle: str) -> int:
    with db.session() as s:
        return find_persona(s, platform, handle).id


# -- a CRM name the customer's own account spells ---------------------------------------------


def crawl_comments(db: Database, *posts: tuple[str, str, str, str]) -> None:
    with Chain(db.settings, db) as chain:
        for source_id, platform, author, text in posts:
            chain.process(comment(source_id, author, text, platform=platform))


@pytest.mark.parametrize(
    ("name", "spelled_by", "shown_as", "text"),
    [
        ("Ruth Ashcombe", "ruth.ashcombe", "Ruth Ashcombe", "the router keeps rebooting"),
        ("Irene Valcarce", "ivalcarce", "Irene Valcarce", "me han cobrado dos veces"),
    ],
)
@pytest.mark.parametrize("crm_first", [True, False])
def test_a_crm_name_the_customers_own_account_spells_joins_a_display_name(
    any_db: Database, crm_first: bool, name: str, spelled_by: str, shown_as: str, text: str
) -> None:
    """A middling name (0.79 alone) joins when the CRM row's own account spells it too: the
    customer goes by the name online."""
    csv = CRM + f"C-1,{name},,,,{spelled_by}\n"

    def crm() -> None:
        with any_db.session() as s:
            import_customers(s, any_db.settings, csv)

    for step in (
        (crm, lambda: crawl_comments(any_db, ("y1", "youtube", shown_as, text)))
        if (crm_first)
        else (lambda: crawl_comments(any_db, ("y1", "youtube", shown_as, text)), crm)
    ):
        step()
    customer = crm_customer(any_db, "C-1")
    assert ("youtube", shown_as) in {(p["platform"], p["handle"]) for p in customer["personas"]}
    assert ("crm_name", "auto") in {(k["evidence"], k["status"]) for k in customer["links"]}


def test_a_middling_crm_name_no_account_of_the_customer_spells_stays_proposed(
    any_db: Database,
) -> None:
    with any_db.session() as s:
        import_customers(s, any_db.settings, CRM + "C-1,Ruth Ashcombe,,,,kettle_fan9\n")
    crawl_comments(any_db, ("y1", "youtube", "Ruth Ashcombe", "the router keeps rebooting"))
    customer = crm_customer(any_db, "C-1")
    assert ("youtube", "Ruth Ashcombe") not in {
        (p["platform"], p["handle"]) for p in customer["personas"]
    }


def test_a_crm_name_on_a_platform_where_the_row_names_another_account_does_not_join(
    any_db: Database,
) -> None:
    """The CRM row lists the customer's YouTube account: another YouTube account with the name is
    somebody else, whatever the name."""
    csv = CRM + "C-1,Ruth Ashcombe,,,ruth_tv_channel,ruth.ashcombe\n"
    with any_db.session() as s:
        import_customers(s, any_db.settings, csv)
    crawl_comments(any_db, ("y1", "youtube", "Ruth Ashcombe", "the router keeps rebooting"))
    customer = crm_customer(any_db, "C-1")
    assert ("youtube", "Ruth Ashcombe") not in {
        (p["platform"], p["handle"]) for p in customer["personas"]
    }
    shown = find_persona_id(any_db, "youtube", "Ruth Ashcombe")
    with any_db.session() as s:
        links = [k for c in customers_view(s) for k in c["links"] if shown in k["personas"]]
    assert "crm_name" not in {k["evidence"] for k in links}


@pytest.mark.parametrize(
    ("name", "account", "shown_as"),
    [("María García", "mgarcia_77", "Maria Garcia"), ("John Smith", "jsmith_1984", "John Smith")],
)
def test_a_common_crm_name_is_no_evidence_even_when_the_customers_account_spells_it(
    any_db: Database, name: str, account: str, shown_as: str
) -> None:
    with any_db.session() as s:
        import_customers(s, any_db.settings, CRM + f"C-1,{name},,{account},,\n")
    crawl_comments(any_db, ("y1", "youtube", shown_as, "no signal since Monday"))
    customer = crm_customer(any_db, "C-1")
    assert [p["handle"] for p in customer["personas"]] == [account]
    assert {k["evidence"] for k in customer["links"]} <= {"crm"}
