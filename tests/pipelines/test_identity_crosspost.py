"""Cross-posts: the same text under the same handle on two platforms within hours links a handle
that alone would be too common (a first name with a number), never a bare name, a short post or
a copy days apart; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from pipelines.chain import Chain
from pipelines.identity import customers_view, find_persona, handle_confidence
from pipelines.identity.crosspost import MATTER_BITS, crosspost_confidence, same_post
from pipelines.models.db import Database
from tests.helpers import mention

AT = datetime(2026, 11, 3, 9, 0)
LONG_ES = "Desde la actualización el router se reinicia cada noche y pierdo la conexión del trabajo"
LONG_EN = "Since the update my router reboots every night and I lose the connection for work calls"


def crawl(db: Database, *posts: tuple[str, str, str, str, timedelta]) -> None:
    with Chain(db.settings, db) as chain:
        for source_id, platform, author, text, after in posts:
            chain.process(
                mention(source_id, text, platform=platform, author=author, created_at=AT + after)
            )


def customer_of(db: Database, platform: str, handle: str) -> int | None:
    with db.session() as s:
        persona = find_persona(s, platform, handle)
        return None if persona is None else persona.customer_id


def test_same_post_needs_long_texts_sharing_most_of_their_shingles() -> None:
    assert same_post(LONG_EN, LONG_EN.lower() + "!!", 8, 0.8)
    assert same_post("Router dies at night. " + LONG_EN, LONG_EN, 8, 0.8)  # a title added
    assert not same_post(LONG_EN, LONG_ES, 8, 0.8)
    assert not same_post("any news on this?", "any news on this?", 8, 0.8)  # short


def test_a_copy_makes_a_name_with_a_number_enough_but_never_a_bare_name() -> None:
    assert handle_confidence("paula31", "paula31") < 0.9  # alone: anybody's
    assert crosspost_confidence("paula31") >= 0.9
    assert crosspost_confidence("Paula Ribas") >= 0.9  # a display name, not a common one
    for common in ("marta", "mike99", "carlos_m", "Maria Garcia"):
        assert crosspost_confidence(common) == 0.0
    assert crosspost_confidence("paula31", collisions=1) == 0.0  # two holders on one platform


@pytest.mark.parametrize(("text", "handle"), [(LONG_ES, "paula31"), (LONG_EN, "nuria88")])
def test_the_same_post_under_one_handle_on_two_platforms_joins(
    any_db: Database, text: str, handle: str
) -> None:
    crawl(
        any_db,
        ("f1", "forum", handle, text, timedelta(0)),
        ("y1", "youtube", handle, text, timedelta(minutes=20)),
    )
    assert customer_of(any_db, "forum", handle) == customer_of(any_db, "youtube", handle)
    with any_db.session() as s:
        links = [k for c in customers_view(s) for k in c["links"]]
    assert any(
        k["evidence"] == "same_handle" and k["status"] == "auto" and "same post" in k["detail"]
        for k in links
    )


@pytest.mark.parametrize(
    ("posts", "why"),
    [
        (
            [("f1", "forum", "paula31", LONG_ES, timedelta(0)),
             ("y1", "youtube", "paula31", LONG_EN, timedelta(minutes=20))],
            "different posts",
        ),
        (
            [("f1", "forum", "paula31", LONG_ES, timedelta(0)),
             ("y1", "youtube", "paula31", LONG_ES, timedelta(days=2))],
            "a copy two days later",
        ),
        (
            [("r1", "reddit", "marta", LONG_ES, timedelta(0)),
             ("f1", "forum", "marta", LONG_ES, timedelta(minutes=5))],
            "a bare first name",
        ),
        (
            [("r1", "reddit", "paula31", "¿alguna novedad con esto?", timedelta(0)),
             ("f1", "forum", "paula31", "¿alguna novedad con esto?", timedelta(minutes=5))],
            "a short post",
        ),
    ],
)  # fmt: skip
def test_no_join_without_a_long_copy_within_hours_under_a_handle_more_than_a_name(
    any_db: Database, posts: list, why: str
) -> None:
    crawl(any_db, *posts)
    (_, first, handle, _, _), (_, second, _, _, _) = posts
    assert customer_of(any_db, first, handle) != customer_of(any_db, second, handle), why


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


def test_one_matter_asked_twice_adds_bits_to_the_handle() -> None:
    alone = handle_confidence("pnavarro_kayak", "pnavarro_kayak")
    asked = handle_confidence("pnavarro_kayak", "pnavarro_kayak", evidence_bits=MATTER_BITS)
    assert alone < 0.9 <= asked
    # a name with a number stays anybody's even when it asks the same thing
    assert handle_confidence("paula31", "paula31", evidence_bits=MATTER_BITS) < 0.9


@pytest.mark.parametrize(
    ("handle", "second", "joined"),
    [
        ("pnavarro_kayak", ESTIMATED_AGAIN, True),  # one matter in other words, a day later
        ("pnavarro_kayak", ROUTER, False),  # another matter
        ("paula31", ESTIMATED_AGAIN, False),  # a name with a number
    ],
)
def test_the_same_matter_under_a_distinctive_handle_on_two_platforms_joins(
    any_db: Database, handle: str, second: str, joined: bool
) -> None:
    crawl(
        any_db,
        ("r1", "reddit", handle, ESTIMATED, timedelta(0)),
        ("f1", "forum", handle, second, timedelta(hours=26)),
    )
    same = customer_of(any_db, "reddit", handle) == customer_of(any_db, "forum", handle)
    assert same is joined
    with any_db.session() as s:
        links = [k for c in customers_view(s) for k in c["links"]]
    matter = [k for k in links if "same matter" in (k["detail"] or "")]
    assert any(k["status"] == "auto" for k in matter) is joined
