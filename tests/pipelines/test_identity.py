"""Identity: each evidence kind, the threshold, agent actions and CRM re-imports, on SQLite and
PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from pipelines.chain import Chain
from pipelines.identity import (
    IdentityError,
    Linker,
    confirm_link,
    contact_details,
    customers_view,
    find_persona,
    handle_confidence,
    import_customers,
    mask_contacts,
    merge_customers,
    reject_link,
    self_references,
    split_persona,
)
from pipelines.models import AuditLog, ContactHash, Mention, Persona, PersonaLink
from pipelines.models.db import Database
from tests.helpers import mention

CRM = "customer_id,name,email,reddit,youtube,forum\n"


def post(source_id: str, author: str, text: str, platform: str = "reddit", **kw):  # noqa: ANN201
    kw.setdefault("created_at", datetime(2026, 11, 1, 12, 0))
    return mention(source_id, text, platform=platform, author=author, **kw)


def customer_of(db: Database, platform: str, handle: str) -> int | None:
    with db.session() as s:
        persona = find_persona(s, platform, handle)
        return None if persona is None else persona.customer_id


# -- evidence found in text and handles (pure functions) ----------------------------------------


@pytest.mark.parametrize(
    ("handle", "low", "high"),
    [
        ("john", 0.0, 0.0),  # a first name never links alone
        ("maria", 0.0, 0.0),
        ("johnsmith", 0.0, 0.2),  # two common words
        ("gamer2000", 0.0, 0.2),  # a word and a year
        ("techguy", 0.0, 0.2),
        ("maria_quintana88", 0.95, 0.99),  # rare surname, a name, digits
        ("zorblaxian_kettle", 0.95, 0.99),
    ],
)
def test_same_handle_confidence_grows_with_rarity_and_length(
    handle: str, low: float, high: float
) -> None:
    assert low <= handle_confidence(handle, handle.upper()) <= high


def test_a_real_name_counts_less_than_a_chosen_handle() -> None:
    chosen = handle_confidence("mariaquintana", "mariaquintana")
    display = handle_confidence("mariaquintana", "Maria Quintana")
    assert display < chosen
    assert handle_confidence("maria_q", "maria_z") == 0.0


@pytest.mark.parametrize(
    ("text", "own", "expected"),
    [
        ("I posted this on Reddit too, u/maria_q", "youtube", ("reddit", "maria_q")),
        ("my channel is @mq88fixes, subscribe", "reddit", ("youtube", "mq88fixes")),
        ("I'm zorblax on reddit by the way", "forum", ("reddit", "zorblax")),
        ('mi canal de youtube es "Maria Q Arregla"', "reddit", ("youtube", "Maria Q Arregla")),
        ("my forum username is mariaq88", "youtube", ("forum", "mariaq88")),
        ("I also wrote in the NubeBox forum as kettle_fan", "reddit", ("forum", "kettle_fan")),
    ],
)
def test_self_references_in_first_person(text: str, own: str, expected: tuple) -> None:
    found = [(r.platform, r.handle) for r in self_references(text, own)]
    assert found == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "thanks u/bob, I tried that and it worked",
        "I asked u/bob about it yesterday",
        "u/maria_q said the same thing on reddit",
        "check out @NubeBoxHelp on youtube",
        "I posted this on reddit too",
    ],
)
def test_naming_someone_else_is_not_a_self_reference(text: str) -> None:
    assert self_references(text, "youtube") == []


def test_contact_details_are_found_and_masked() -> None:
    text = (
        "Order #NB-2026-558812 never came. Email me at maria.q@example.com, "
        "or call the shop on 900 123 456. My number is +34 612 345 678."
    )
    found = contact_details(text)
    kinds = sorted((c.kind, c.value) for c, _ in found)
    # the shop's number is not the writer's: no first person before it
    assert kinds == [
        ("email", "maria.q@example.com"),
        ("order", "2026558812"),
        ("phone", "612345678"),
    ]
    masked = mask_contacts(text, found)
    for secret in ("558812", "maria.q@example.com", "612 345 678"):
        assert secret not in masked
    assert "900 123 456" in masked and "•••812" in masked and "m•••@e•••.com" in masked


def test_support_addresses_without_first_person_are_not_contacts() -> None:
    assert contact_details("write to support@nubebox.example or call 900 123 456") == []


# -- linking in the chain -----------------------------------------------------------------------


def test_same_rare_handle_on_two_platforms_is_one_customer(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", "maria_quintana88", "router drops wifi"))
        chain.process(post("y1", "Maria_Quintana88", "router drops wifi", platform="youtube"))
        chain.process(post("f1", "john", "router drops wifi", platform="forum"))
        chain.process(post("r2", "john", "my bill is wrong"))
    reddit = customer_of(any_db, "reddit", "maria_quintana88")
    assert reddit is not None and reddit == customer_of(any_db, "youtube", "Maria_Quintana88")
    # a generic handle never links alone: two customers, not even a proposal
    assert customer_of(any_db, "forum", "john") != customer_of(any_db, "reddit", "john")
    with any_db.session() as s:
        links = s.scalars(select(PersonaLink)).all()
        assert [(link.evidence, link.status) for link in links] == [("same_handle", "auto")]
        assert links[0].confidence >= any_db.settings.identity.threshold


def test_a_middling_handle_is_proposed_and_an_agent_confirms_it(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", "dkowalski", "router drops wifi"))
        chain.process(post("y1", "dkowalski", "router drops wifi", platform="youtube"))
    assert customer_of(any_db, "reddit", "dkowalski") != customer_of(any_db, "youtube", "dkowalski")
    with any_db.session() as s:
        link = s.scalar(select(PersonaLink))
        assert link.status == "proposed" and 0 < link.confidence < 0.9
        confirm_link(s, any_db.settings, link.id, "agent7")
    assert customer_of(any_db, "reddit", "dkowalski") == customer_of(any_db, "youtube", "dkowalski")
    with any_db.session() as s:
        audit = s.scalar(select(AuditLog).where(AuditLog.action == "link.confirm"))
        assert audit.actor == "agent7" and "dkowalski" not in str(audit.detail)


def test_self_reference_links_to_an_account_seen_later(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(
            post(
                "y1",
                "MQ Fixes",
                "Wifi drops. I posted this on Reddit too, u/maria_q",
                platform="youtube",
            )
        )
        chain.process(post("r1", "maria_q", "NubeBox wifi drops every hour"))
    assert customer_of(any_db, "youtube", "MQ Fixes") == customer_of(any_db, "reddit", "maria_q")
    with any_db.session() as s:
        link = s.scalar(select(PersonaLink))
        assert (link.evidence, link.status) == ("self_reference", "auto")
        assert all(m.persona_id for m in s.scalars(select(Mention)))


def test_shared_order_number_links_and_is_kept_only_as_a_keyed_hash(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", "kettlefan", "Order #558812-22 never arrived"))
        chain.process(
            post("f1", "K. Wright", "still waiting on order number 55881222", platform="forum")
        )
    assert customer_of(any_db, "reddit", "kettlefan") == customer_of(any_db, "forum", "K. Wright")
    with any_db.session() as s:
        link = s.scalar(select(PersonaLink))
        assert (link.evidence, link.status) == ("contact", "auto")
        assert "558812" not in (link.detail or "").replace("•••", "") or "•••" in link.detail
        digests = s.scalars(select(ContactHash.digest)).all()
        assert len(digests) == 2 and len(set(digests)) == 1 and len(digests[0]) == 64
        for m in s.scalars(select(Mention)):
            assert "55881222" not in m.text and "558812-22" not in m.text


def test_a_detail_everybody_shares_only_proposes(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        for i, platform in enumerate(["reddit", "youtube", "forum", "reddit"]):
            chain.process(
                post(f"p{i}", f"someone{i}", "my case number 1234567 is stuck", platform=platform)
            )
    with any_db.session() as s:
        customers = {p.customer_id for p in s.scalars(select(Persona))}
        statuses = {link.status for link in s.scalars(select(PersonaLink))}
    assert len(customers) >= 2 and "proposed" in statuses


# -- CRM, agent actions, re-imports -----------------------------------------------------------


def test_crm_import_then_posts_land_on_the_crm_customer(any_db: Database) -> None:
    csv = CRM + "C-1,Maria Quintana,maria@example.com,maria_q;mq_old,MQ Fixes,\n"
    with any_db.session() as s:
        stats = import_customers(s, any_db.settings, csv)
        assert stats.personas == 3
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("y1", "MQ Fixes", "wifi drops again", platform="youtube"))
        chain.process(
            post("f1", "mqforum", "my email is maria@example.com, wifi drops", platform="forum")
        )
    with any_db.session() as s:
        view = customers_view(s)
    crm = [c for c in view if c["external_id"] == "C-1"]
    assert len(crm) == 1 and crm[0]["name"] == "Maria Quintana"
    handles = sorted(p["handle"] for p in crm[0]["personas"])
    assert handles == ["MQ Fixes", "maria_q", "mq_old", "mqforum"]
    assert {link["evidence"] for link in crm[0]["links"]} == {"crm", "contact"}


def test_bad_crm_header_is_refused(any_db: Database) -> None:
    with any_db.session() as s, pytest.raises(IdentityError, match="header"):
        import_customers(s, any_db.settings, "id,name\n1,x\n")


def test_split_survives_reimport_and_recrawl(any_db: Database) -> None:
    csv = CRM + "C-7,Ana,,ana_lopez_77,Ana Lopez,\n"
    with any_db.session() as s:
        import_customers(s, any_db.settings, csv)
    youtube = customer_of(any_db, "youtube", "Ana Lopez")
    assert youtube == customer_of(any_db, "reddit", "ana_lopez_77")
    with any_db.session() as s:
        persona = find_persona(s, "youtube", "Ana Lopez")
        new = split_persona(s, persona.id, "agent7")
        assert new.id != youtube
    for _ in range(2):
        with any_db.session() as s:
            import_customers(s, any_db.settings, csv)
        with Chain(any_db.settings, any_db) as chain:
            chain.process(post("y1", "Ana Lopez", "I'm ana_lopez_77 on reddit", platform="youtube"))
        assert customer_of(any_db, "youtube", "Ana Lopez") == new.id
        assert customer_of(any_db, "reddit", "ana_lopez_77") == youtube
    with any_db.session() as s:
        actions = [a.action for a in s.scalars(select(AuditLog).order_by(AuditLog.id))]
        assert "persona.split" in actions
        statuses = {(link.evidence, link.status) for link in s.scalars(select(PersonaLink))}
        assert ("crm", "rejected") in statuses and ("crm", "auto") not in statuses


def test_merge_customers_moves_personas_and_tickets(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", "anon_a", "router drops wifi every hour"))
        chain.process(post("y1", "anon_b", "router drops wifi every hour", platform="youtube"))
    a, b = customer_of(any_db, "reddit", "anon_a"), customer_of(any_db, "youtube", "anon_b")
    assert a != b
    with any_db.session() as s:
        keep = merge_customers(s, any_db.settings, a, b, "agent7")
    assert customer_of(any_db, "reddit", "anon_a") == customer_of(any_db, "youtube", "anon_b")
    with any_db.session() as s:
        assert s.scalar(select(AuditLog).where(AuditLog.action == "customer.merge")) is not None
        link = s.scalar(select(PersonaLink).where(PersonaLink.evidence == "agent"))
        assert link.status == "confirmed"
        with pytest.raises(IdentityError):
            merge_customers(s, any_db.settings, keep.id, keep.id, "agent7")


def test_two_crm_customers_are_never_joined_automatically(any_db: Database) -> None:
    csv = CRM + "C-1,A,,zorblaxian_kettle,,\nC-2,B,,,zorblaxian_kettle,\n"
    with any_db.session() as s:
        import_customers(s, any_db.settings, csv)
    assert customer_of(any_db, "reddit", "zorblaxian_kettle") != customer_of(
        any_db, "youtube", "zorblaxian_kettle"
    )
    with any_db.session() as s:
        link = s.scalar(select(PersonaLink).where(PersonaLink.evidence == "same_handle"))
        assert link.status == "proposed"


def test_linker_never_links_a_persona_to_itself(any_db: Database) -> None:
    with any_db.session() as s:
        linker = Linker(s, any_db.settings)
        p = linker.persona("reddit", "u/Someone_Rare_42")
        assert p.handle == "Someone_Rare_42"
        assert linker.persona("reddit", "someone_rare_42").id == p.id
        assert linker.link(p, p, "crm", 1.0) is None


def test_merging_into_a_crm_customer_without_accounts(any_db: Database) -> None:
    with any_db.session() as s:
        import_customers(s, any_db.settings, CRM + "C-3,Only Email,c3@example.com,,,\n")
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", "quiet_walrus_31", "router drops wifi"))
    with any_db.session() as s:
        crm = next(c for c in customers_view(s) if c["external_id"] == "C-3")
        assert crm["personas"] == []
        other = customer_of(any_db, "reddit", "quiet_walrus_31")
        keep = merge_customers(s, any_db.settings, crm["id"], other, "agent7")
        assert keep.id == crm["id"]  # the CRM record survives
    assert customer_of(any_db, "reddit", "quiet_walrus_31") == crm["id"]


# -- display names, more phrasings, accents (rules added for recall) ----------------------------


@pytest.mark.parametrize(
    ("display", "handle", "links"),
    [
        ("David Kowalczyk", "david_kowalczyk71", True),  # rare name, a number after it
        ("David Kowalczyk", "DavidKowalczyk1990", True),
        ("Maria Lopez", "maria_lopez88", False),  # a common name never links alone
        ("Carlos Garcia 3", "carlosgarcia31", False),  # the display name's own number
        ("David Kowalczyk", "david_kowalczykz", False),  # letters, not a number, after it
        ("David Kowalczyk", "kowalczyk71", False),  # part of the name only
        ("david_kowalczyk", "david_kowalczyk71", False),  # two user names: not a display name
    ],
)
def test_a_display_name_and_a_user_name_with_a_number(
    display: str, handle: str, links: bool
) -> None:
    from pipelines.identity import name_confidence

    assert (name_confidence(display, handle) >= 0.9) is links
    # the same name twice on a platform makes it commoner
    assert name_confidence(display, handle, collisions=1) < 0.9


@pytest.mark.parametrize(
    ("text", "own", "expected"),
    [
        ("you can find me over on YT, mq88fixes", "reddit", ("youtube", "mq88fixes")),
        ("find me on reddit as zorblax", "forum", ("reddit", "zorblax")),
        ("búscame en el foro como kettle_fan", "reddit", ("forum", "kettle_fan")),
        ("(same person as u/maria_q btw)", "youtube", ("reddit", "maria_q")),
        ("soy la misma persona que u/maria_q", "forum", ("reddit", "maria_q")),
        ("u/maria_q is also me", "youtube", ("reddit", "maria_q")),
    ],
)
def test_more_first_person_phrasings(text: str, own: str, expected: tuple) -> None:
    found = [(r.platform, r.handle) for r in self_references(text, own)]
    assert found == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "find me on reddit tomorrow",  # a bare word needs "as", a comma or a colon
        "I'm not the same person as u/maria_q",
        "same issue as u/maria_q, I tried that",
        "u/maria_q is mean",
    ],
)
def test_more_phrasings_that_name_nobody_of_mine(text: str) -> None:
    assert self_references(text, "youtube") == []


def test_display_name_links_to_user_name_with_a_number_in_the_chain(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("y1", "David Kowalczyk", "router drops wifi", platform="youtube"))
        chain.process(post("r1", "david_kowalczyk71", "router drops wifi"))
        chain.process(post("y2", "Maria Lopez", "router drops wifi", platform="youtube"))
        chain.process(post("r2", "maria_lopez88", "router drops wifi"))
    david = customer_of(any_db, "youtube", "David Kowalczyk")
    assert david is not None and david == customer_of(any_db, "reddit", "david_kowalczyk71")
    assert customer_of(any_db, "youtube", "Maria Lopez") != customer_of(
        any_db, "reddit", "maria_lopez88"
    )


def test_two_numbered_user_names_of_one_display_name_only_propose(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", "david_kowalczyk71", "router drops wifi"))
        chain.process(post("r2", "david_kowalczyk88", "my bill is wrong"))
        chain.process(post("y1", "David Kowalczyk", "router drops wifi", platform="youtube"))
    youtube = customer_of(any_db, "youtube", "David Kowalczyk")
    assert youtube not in {
        customer_of(any_db, "reddit", "david_kowalczyk71"),
        customer_of(any_db, "reddit", "david_kowalczyk88"),
    }
    with any_db.session() as s:
        statuses = {link.status for link in s.scalars(select(PersonaLink))}
    assert statuses == {"proposed"}


def test_crm_handles_match_accounts_ignoring_accents(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("y1", "Jose Zorbláx", "router drops wifi", platform="youtube"))
    with any_db.session() as s:
        import_customers(s, any_db.settings, CRM + "C1,José,,zorb_r,José Zorblax,\n")
    with any_db.session() as s:
        assert s.scalar(select(func.count(Persona.id)).where(Persona.platform == "youtube")) == 1
    assert customer_of(any_db, "youtube", "Jose Zorbláx") == customer_of(any_db, "reddit", "zorb_r")


# -- a name on a third platform, initials, several evidence kinds together -----------------------


def test_a_third_platform_counts_again_for_a_rare_handle_but_not_a_common_one() -> None:
    rare_two = handle_confidence("hugo_zorblx", "hugo_zorblx")
    rare_three = handle_confidence("hugo_zorblx", "hugo_zorblx", platforms=3)
    assert rare_two < 0.9 <= rare_three
    # decoy: a handle too common to link is commoner still when every platform has it
    common_two = handle_confidence("darkwolf_77", "darkwolf_77")
    assert handle_confidence("darkwolf_77", "darkwolf_77", platforms=3) < common_two < 0.5
    assert handle_confidence("john", "john", platforms=3) == 0.0


def test_a_rare_handle_on_three_platforms_joins_all_three(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", "hugo_zorblax", "router drops wifi"))
        chain.process(post("y1", "hugo_zorblax", "still broken", platform="youtube"))
        chain.process(post("f1", "HUGO_ZORBLAX", "router drops wifi", platform="forum"))
    customers = {customer_of(any_db, p, "hugo_zorblax") for p in ("reddit", "youtube", "forum")}
    assert len(customers) == 1 and None not in customers
    with any_db.session() as s:
        links = s.scalars(select(PersonaLink)).all()
    assert len(links) == 3 and {link.status for link in links} == {"auto"}
    assert all("3 platforms" in link.detail for link in links)


def test_a_third_account_on_a_platform_that_already_has_the_handle_does_not_count(
    any_db: Database,
) -> None:
    # decoy: two reddit accounts spell it, so it is not one person's name everywhere
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", "hugo_zorblax", "router drops wifi"))
        chain.process(post("r2", "Hugo_Zorblax_", "my bill is wrong"))
        chain.process(post("y1", "hugo_zorblax", "still broken", platform="youtube"))
        chain.process(post("f1", "hugo_zorblax", "router drops wifi", platform="forum"))
    with any_db.session() as s:
        statuses = {link.status for link in s.scalars(select(PersonaLink))}
        customers = {p.customer_id for p in s.scalars(select(Persona))}
    assert statuses == {"proposed"} and len(customers) == 4


@pytest.mark.parametrize(
    ("display", "handle", "links"),
    [
        ("John Zorblaxianko", "zorblaxiankoj34", True),  # surname, initial, a number
        ("John Zorblaxianko", "jzorblaxianko", True),  # initial and surname
        ("John Zorblaxianko", "j_zorblaxianko_88", True),
        ("John Zorblaxianko", "zorblaxiankom34", False),  # another initial
        ("John Zorblaxianko", "zorblaxianko34", False),  # the surname alone
        ("Maria Quintana", "mquintana", False),  # a shorter surname behind an initial
        ("Ana Lopez", "lopeza", False),
        ("Carlos Garcia 3", "garciac", False),  # a display name with a number is no name
        ("jzorblaxianko", "zorblaxiankoj34", False),  # two user names: neither is a display name
    ],
)
def test_a_display_name_and_a_user_name_of_initial_and_surname(
    display: str, handle: str, links: bool
) -> None:
    from pipelines.identity import name_confidence

    assert (name_confidence(display, handle) >= 0.9) is links
    assert name_confidence(display, handle, collisions=1) < 0.9


def test_an_initial_form_is_weaker_than_the_whole_name() -> None:
    from pipelines.identity import name_confidence

    whole = name_confidence("Jose Oyelaranxo", "jose_oyelaranxo63")
    initial = name_confidence("Jose Oyelaranxo", "joyelaranxo63")
    assert 0 < initial < whole


def test_a_display_name_spelled_by_user_names_on_two_other_platforms_joins(
    any_db: Database,
) -> None:
    # alone, "Jose Oyelaran" vs "jose_oyelaran63" is under the threshold (a real name is
    # commoner than a chosen user name); the name held once on each of three platforms is not
    from pipelines.identity import name_confidence

    assert name_confidence("Jose Oyelaran", "jose_oyelaran63") < 0.9
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", "jose_oyelaran63", "router drops wifi"))
        chain.process(post("y1", "Jose Oyelaran", "still broken", platform="youtube"))
        chain.process(post("f1", "jose_oyelaran63", "router drops wifi", platform="forum"))
    youtube = customer_of(any_db, "youtube", "Jose Oyelaran")
    assert youtube == customer_of(any_db, "reddit", "jose_oyelaran63")
    assert youtube == customer_of(any_db, "forum", "jose_oyelaran63")


def test_surname_and_initial_user_names_link_to_the_display_name_in_the_chain(
    any_db: Database,
) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", "zorblaxiankoj34", "router drops wifi"))  # user name first
        chain.process(post("y1", "John Zorblaxianko", "still broken", platform="youtube"))
        chain.process(post("f1", "mzorblaxianko", "router drops wifi", platform="forum"))
    youtube = customer_of(any_db, "youtube", "John Zorblaxianko")
    assert youtube == customer_of(any_db, "reddit", "zorblaxiankoj34")
    # decoy: another initial is another person
    assert customer_of(any_db, "forum", "mzorblaxianko") != youtube


def test_two_display_names_one_initial_form_only_propose(any_db: Database) -> None:
    # decoy: "jzorblaxianko" fits John and Jane Zorblaxianko alike
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("y1", "John Zorblaxianko", "router drops wifi", platform="youtube"))
        chain.process(post("y2", "Jane Zorblaxianko", "my bill is wrong", platform="youtube"))
        chain.process(post("r1", "jzorblaxianko", "router drops wifi"))
    reddit = customer_of(any_db, "reddit", "jzorblaxianko")
    assert reddit not in {
        customer_of(any_db, "youtube", "John Zorblaxianko"),
        customer_of(any_db, "youtube", "Jane Zorblaxianko"),
    }
    with any_db.session() as s:
        assert {link.status for link in s.scalars(select(PersonaLink))} == {"proposed"}


def test_several_evidence_kinds_of_one_pair_add_up(any_db: Database) -> None:
    settings = any_db.settings.model_copy(deep=True)
    settings.identity.threshold = 0.85
    with any_db.session() as s:
        linker = Linker(s, settings)
        a, b = linker.persona("reddit", "anon_a"), linker.persona("youtube", "anon_b")
        assert linker.link(a, b, "same_handle", 0.76).status == "proposed"
        # the same kind again counts once
        assert linker.link(a, b, "same_handle", 0.76).status == "proposed"
        assert linker.combined(a, b) == pytest.approx(0.76)
        # another kind: 1 - 0.24 * 0.5 = 0.88
        assert linker.link(a, b, "contact", 0.5).status == "auto"
        s.refresh(a)
        s.refresh(b)
        assert a.customer_id == b.customer_id
        statuses = {link.status for link in s.scalars(select(PersonaLink))}
        assert statuses == {"auto"}


def test_several_weak_evidence_kinds_below_the_threshold_stay_proposed(any_db: Database) -> None:
    with any_db.session() as s:
        linker = Linker(s, any_db.settings)  # threshold 0.9
        a, b = linker.persona("reddit", "anon_a"), linker.persona("youtube", "anon_b")
        linker.link(a, b, "same_handle", 0.76)
        assert linker.link(a, b, "contact", 0.5).status == "proposed"  # 0.88
        s.refresh(a)
        s.refresh(b)
        assert a.customer_id != b.customer_id


def test_a_rejected_kind_does_not_add_up(any_db: Database) -> None:
    settings = any_db.settings.model_copy(deep=True)
    settings.identity.threshold = 0.85
    with any_db.session() as s:
        linker = Linker(s, settings)
        a, b = linker.persona("reddit", "anon_a"), linker.persona("youtube", "anon_b")
        first = linker.link(a, b, "same_handle", 0.76)
        reject_link(s, first.id, "agent7")
        assert linker.link(a, b, "contact", 0.5).status == "proposed"
        s.refresh(a)
        s.refresh(b)
        assert a.customer_id != b.customer_id
