"""Re-posts: a customer who asks again about an unanswered matter in a new thread, after
``[identity] ticket_window_hours``, continues their open ticket (pipelines.reposts); a new
matter, a settled or closed ticket, a ticket past ``[identity] repost_window_days`` and the help
centre's reading of another matter open a ticket of their own. The texts name an invented
provider, NubeBox."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from pipelines.chain import Chain
from pipelines.models import Mention, Ticket
from pipelines.models.db import Database
from pipelines.reposts import is_repost
from tests.helpers import mention
from tests.pipelines.test_ticket_topics import store_articles

T0 = datetime(2026, 11, 1, 10, 0)
CARD = "My new NubeBox card never arrived, ordered it two weeks ago and the tracking says nothing"
CARD_AGAIN = "(repost) still no card after two weeks, the tracking has not moved since it was sent"
CARD_ES = "Pedí la tarjeta nueva de NubeBox hace dos semanas y no me ha llegado, el envío no avanza"
CARD_ES_AGAIN = (
    "Lo vuelvo a preguntar porque nadie contesta: la tarjeta sigue sin llegar y el envío no se "
    "mueve desde hace días"
)
ROUTER = "My router drops the wifi every hour, restarting it does nothing. Three days like this."
ROUTER_AGAIN = (
    "Posting this again as nobody answered: the connection still cuts out all evening at home"
)
BILLING = "You took my monthly payment twice from my bank account this month, I want it back"
BILLING_REPOST = "Second time asking: you took my monthly payment twice this month, I want it back"

REPOSTS = [
    CARD_AGAIN,
    ROUTER_AGAIN,
    BILLING_REPOST,
    "(repost, nobody answered) the app rejects my passport photo every time",
    "Reposting since nobody answered: how much does cancelling the contract cost?",
    "Asking again because no one replied: do you charge for a second card?",
    "Still no answer about my refund, it has been ten days",
    "2nd try: the technician did not come again",
    "I already asked this last week: where do I see my invoice?",
    CARD_ES_AGAIN,
    "Nadie responde, así que lo subo otra vez: el wifi va fatal por las noches",
    "repito porque nadie contesta: la transferencia sigue retenida",
    "Es la segunda vez que pregunto: ¿cuánto cuesta la baja?",
    "Sigo sin respuesta sobre el cargo duplicado",
    "Otra vez con lo mismo: la factura de este mes está mal",
    "Ya lo pregunté la semana pasada: ¿cobráis comisión por sacar dinero?",
]
LOOK_ALIKES = [
    "I'm reposting the video link for anyone who missed it",
    "again, thanks!",
    "otra vez gracias",
    "Card declined at the supermarket. Again.",
    "Otra vez sin fibra en toda la calle",
    "Third time this month the card was declined",
    "second time the technician doesn't come",
    "Vuelvo a poner la tarjeta en el cajero y nada",
    "Ya lo puse en modo avión y sigue igual",
    "I called twice and nobody answered the phone",
    "La app se queda sin respuesta al abrirla",
    "Repost this if you agree!",
    "Te lo repito en el vídeo de mañana",
]


@pytest.mark.parametrize("text", REPOSTS)
def test_a_post_that_asks_again_is_a_repost(text: str) -> None:
    assert is_repost(text)


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_a_fault_that_recurs_or_a_repeated_thanks_is_no_repost(text: str) -> None:
    assert not is_repost(text)


def test_the_title_alone_may_say_it() -> None:
    assert is_repost("(repost) card never arrived", "Ordered it two weeks ago, nothing yet")
    assert not is_repost(None, "Ordered it two weeks ago, nothing yet")


def post(source_id: str, text: str, hours: float, thread: str, **kw):  # noqa: ANN201
    kw.setdefault("author", "noor_quillfeather")
    return mention(source_id, text, created_at=T0 + timedelta(hours=hours), thread_id=thread, **kw)


def ticket_of(db: Database, source_id: str) -> int | None:
    with db.session() as s:
        return s.scalar(select(Mention.ticket_id).where(Mention.source_id == source_id))


def later(db: Database) -> float:
    """Hours past the closeness window: four days after the first post by default."""
    return db.settings.identity.ticket_window_hours + 24


@pytest.mark.parametrize(("first", "again"), [(CARD, CARD_AGAIN), (CARD_ES, CARD_ES_AGAIN)])
def test_a_repost_after_the_window_continues_the_open_ticket(
    any_db: Database, first: str, again: str
) -> None:
    """Four days without an answer, the customer asks again in a new thread: one ticket, whose
    matter still starts with the first statement."""
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", first, 0, "t3_a"))
        chain.process(post("r2", again, later(any_db), "t3_b"))
    ticket = ticket_of(any_db, "r1")
    assert ticket is not None and ticket_of(any_db, "r2") == ticket
    with any_db.session() as s:
        first_id = s.scalar(select(Mention.id).where(Mention.source_id == "r1"))
        matter = s.get(Ticket, ticket).matter
    assert matter and matter[0] == first_id


def test_the_same_words_without_a_cue_after_the_window_open_a_new_ticket(
    any_db: Database,
) -> None:
    """No cue, past the window: the later post is not taken for the earlier matter."""
    again = "Still no card after two weeks, the tracking has not moved since it was sent"
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", CARD, 0, "t3_a"))
        chain.process(post("r2", again, later(any_db), "t3_b"))
    assert ticket_of(any_db, "r1") != ticket_of(any_db, "r2")


def test_a_new_matter_after_the_window_opens_its_own_ticket(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", CARD, 0, "t3_a"))
        chain.process(post("r2", BILLING, later(any_db), "t3_b"))
    first, second = ticket_of(any_db, "r1"), ticket_of(any_db, "r2")
    assert first is not None and second is not None and first != second


def test_a_repost_after_the_brand_settled_the_ticket_opens_a_new_one(any_db: Database) -> None:
    """The brand answered and the customer said it was fixed: nothing is waiting any more."""
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", CARD, 0, "t3_a"))
        chain.process(post("b1", "Sorry! We sent a new one by courier today.", 2, "t3_a",
                           author="NubeBoxCare", parent_id="r1", by_brand=True))  # fmt: skip
        chain.process(post("r3", "It arrived this morning, thanks!", 4, "t3_a",
                           parent_id="b1"))  # fmt: skip
        chain.process(post("r2", CARD_AGAIN, later(any_db), "t3_b"))
    first = ticket_of(any_db, "r1")
    assert first is not None and ticket_of(any_db, "r2") not in (None, first)


def test_a_repost_after_an_agent_closed_the_ticket_opens_a_new_one(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", CARD, 0, "t3_a"))
    first = ticket_of(any_db, "r1")
    with any_db.session() as s:
        s.get(Ticket, first).status = "closed"
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r2", CARD_AGAIN, later(any_db), "t3_b"))
    assert ticket_of(any_db, "r2") not in (None, first)


def test_a_repost_past_the_repost_window_opens_a_new_ticket(any_db: Database) -> None:
    days = any_db.settings.identity.repost_window_days
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", CARD, 0, "t3_a"))
        chain.process(post("r2", CARD_AGAIN, days * 24 + 1, "t3_b"))
    first = ticket_of(any_db, "r1")
    assert first is not None and ticket_of(any_db, "r2") not in (None, first)


def test_a_repost_continues_the_latest_waiting_ticket_the_help_centre_does_not_veto(
    any_db: Database,
) -> None:
    """Two open tickets, the router one the later: a re-post about the double charge goes to
    the billing ticket, as the help centre reads it apart from the router's posts; a re-post
    about the cuts goes to the router's ticket."""
    store_articles(any_db)
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", BILLING, 0, "t3_a"))
        chain.process(post("r2", ROUTER, 100, "t3_b"))
        chain.process(post("r3", BILLING_REPOST, 200, "t3_c"))
        chain.process(post("r4", ROUTER_AGAIN, 210, "t3_d"))
    billing, router = ticket_of(any_db, "r1"), ticket_of(any_db, "r2")
    assert billing is not None and router is not None and billing != router
    assert ticket_of(any_db, "r3") == billing
    assert ticket_of(any_db, "r4") == router


def test_the_help_centre_veto_wins_over_the_cue(any_db: Database) -> None:
    """The only open ticket is about the wifi: "second time asking" about a double charge is
    another matter, its own ticket."""
    store_articles(any_db)
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", ROUTER, 0, "t3_a"))
        chain.process(post("r2", BILLING_REPOST, later(any_db), "t3_b"))
    router = ticket_of(any_db, "r1")
    assert router is not None and ticket_of(any_db, "r2") not in (None, router)


def test_a_short_chaser_in_a_new_thread_continues_the_waiting_ticket(any_db: Database) -> None:
    """Four days on, "sigo sin respuesta" alone in a new thread: the help centre reads nothing
    apart, the customer chases their waiting ticket."""
    store_articles(any_db)
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", ROUTER, 0, "t3_a"))
        chain.process(post("r2", "Sigo sin respuesta de NubeBox 🙏", later(any_db), "t3_b"))
    router = ticket_of(any_db, "r1")
    assert router is not None and ticket_of(any_db, "r2") == router
