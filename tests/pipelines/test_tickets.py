"""Tickets: one customer and one matter across channels, with the configured embedder."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from pipelines.chain import Chain
from pipelines.models import Mention, Ticket
from pipelines.models.db import Database
from pipelines.tickets import ticket_decision, tickets_view
from tests.helpers import mention

T0 = datetime(2026, 11, 1, 10, 0)
ROUTER = "My NubeBox router drops the wifi every hour and support is useless"
ROUTER_AGAIN = "Same here, my NubeBox router keeps losing the wifi connection every hour"
BILLING = "I was charged twice on my November invoice and nobody answers about the refund"


def post(source_id: str, author: str, text: str, hours: float, platform: str = "reddit", **kw):  # noqa: ANN201
    return mention(
        source_id,
        text,
        platform=platform,
        author=author,
        created_at=T0 + timedelta(hours=hours),
        **kw,
    )


def ticket_of(db: Database, platform: str, source_id: str) -> int | None:
    with db.session() as s:
        return s.scalar(
            select(Mention.ticket_id).where(
                Mention.platform == platform, Mention.source_id == source_id
            )
        )


def test_one_matter_on_two_channels_is_one_ticket_in_time_order(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        # stored out of time order: the ticket still lists its posts in time order
        url = "https://youtube.example/watch?v=vid1"
        chain.process(
            post(
                "y1",
                "Maria_Quintana88",
                ROUTER_AGAIN,
                5,
                platform="youtube",
                thread_id="vid1",
                url=url,
            )
        )
        chain.process(post("r1", "maria_quintana88", ROUTER, 0, thread_id="t3_a"))
        chain.process(post("r2", "maria_quintana88", BILLING, 6, thread_id="t3_b"))
    router = ticket_of(any_db, "reddit", "r1")
    assert router is not None and router == ticket_of(any_db, "youtube", "y1")
    billing = ticket_of(any_db, "reddit", "r2")
    assert billing is not None and billing != router
    with any_db.session() as s:
        view = {t["id"]: t for t in tickets_view(s)}
        customers = {t.customer_id for t in s.scalars(select(Ticket))}
    assert len(customers) == 1
    posts = view[router]["posts"]
    assert [p["channel"] for p in posts] == ["reddit", "youtube"]
    assert posts[1]["reply_to"] == {
        "platform": "youtube",
        "source_id": "y1",
        "thread_id": "vid1",
        "url": "https://youtube.example/watch?v=vid1",
    }
    assert view[router]["channels"] == ["reddit", "youtube"]


def test_the_same_matter_after_the_window_opens_a_new_ticket(any_db: Database) -> None:
    hours = any_db.settings.identity.ticket_window_hours
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", "kettle_wright_91", ROUTER, 0))
        chain.process(post("r2", "kettle_wright_91", ROUTER_AGAIN, hours + 24))
    assert ticket_of(any_db, "reddit", "r1") != ticket_of(any_db, "reddit", "r2")


def test_a_reply_in_the_same_thread_joins_whatever_it_says(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", "kettle_wright_91", ROUTER, 0, thread_id="t3_a"))
        chain.process(
            post("r2", "kettle_wright_91", "any news??", 2, thread_id="t3_a", kind="comment")
        )
    assert ticket_of(any_db, "reddit", "r1") == ticket_of(any_db, "reddit", "r2")


def test_two_customers_never_share_a_ticket(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", "kettle_wright_91", ROUTER, 0, thread_id="t3_a"))
        chain.process(post("r2", "zorblaxian_99", ROUTER, 1, thread_id="t3_a"))
    assert ticket_of(any_db, "reddit", "r1") != ticket_of(any_db, "reddit", "r2")


def test_brand_posts_and_help_content_open_no_ticket(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", "NubeBoxCare", "Sorry to hear that, DM us", 1, by_brand=True))
        chain.process(post("r2", "helpful_hannah", "Reset it with the pin", 1, content_type="help"))
    assert ticket_of(any_db, "reddit", "r1") is None
    assert ticket_of(any_db, "reddit", "r2") is None


def test_ticket_decision_rule() -> None:
    assert ticket_decision(mention("a")) == "open"  # not classified yet: counts as a complaint
    assert ticket_decision(mention("a", by_brand=True)) is None
    assert ticket_decision(mention("a", content_type="help")) is None


def test_a_post_in_the_thread_of_an_open_ticket_joins_it_after_the_window(
    any_db: Database,
) -> None:
    hours = any_db.settings.identity.ticket_window_hours
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", "kettle_wright_91", ROUTER, 0, thread_id="t3_a"))
        chain.process(
            post("r2", "kettle_wright_91", "Still not fixed.", hours + 4, thread_id="t3_a")
        )
    assert ticket_of(any_db, "reddit", "r1") == ticket_of(any_db, "reddit", "r2")


def test_a_ticket_opened_later_in_a_thread_takes_the_customers_earlier_posts(
    any_db: Database,
) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", "kettle_wright_91", ROUTER, 0, thread_id="t3_a"))
        chain.process(post("r2", "zorblaxian_99", "Unplug it for a minute", 1, thread_id="t3_a"))
    with any_db.session() as s:  # a post stored without a ticket (read as needing no reply)
        row = s.scalar(select(Mention).where(Mention.source_id == "r1"))
        assert row is not None and row.ticket_id is not None
        opened = s.get(Ticket, row.ticket_id)
        row.ticket_id = None
        s.flush()
        s.delete(opened)
        s.commit()
    with Chain(any_db.settings, any_db) as chain:
        chain.process(
            post(
                "r3",
                "kettle_wright_91",
                "Bumping this, no reply at all from NubeBox",
                40,
                thread_id="t3_a",
            )
        )
    ticket = ticket_of(any_db, "reddit", "r3")
    assert ticket is not None and ticket_of(any_db, "reddit", "r1") == ticket
    assert ticket_of(any_db, "reddit", "r2") != ticket
    with any_db.session() as s:
        t = s.get(Ticket, ticket)
        assert t is not None and t.first_post_at is not None
        assert t.first_post_at.replace(tzinfo=None) == T0


TV = "Half of the TV channels are gone since yesterday, the sports pack too"
DECODER = "My TV decoder hangs on the loading screen since the update, this is unacceptable."


def test_a_post_that_says_the_matter_is_on_another_channel_continues_its_ticket(
    any_db: Database,
) -> None:
    """The words differ, the post says where else it was told: one ticket. Naming the other
    account is not needed; a channel where the customer has no ticket changes nothing."""
    told = DECODER + " I posted this on YouTube too as elena_router46, still waiting"
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("y1", "elena_router46", TV, 0, platform="youtube", thread_id="v1"))
        chain.process(post("f1", "fibraElena77", told, 10, platform="forum", thread_id="f1"))
        chain.process(post("y2", "quartz_ivan_51", TV, 0, platform="youtube", thread_id="v2"))
        chain.process(
            post("b2", "Nube", "Sorry! DM us", 1, platform="youtube", thread_id="v2",
                 parent_id="y2", by_brand=True)  # fmt: skip
        )
        chain.process(post("r2", "quartz_ivan_51", DECODER + " I wrote on the forum too", 10))
    assert ticket_of(any_db, "forum", "f1") == ticket_of(any_db, "youtube", "y1") is not None
    tv, decoder = ticket_of(any_db, "youtube", "y2"), ticket_of(any_db, "reddit", "r2")
    assert tv is not None and decoder is not None and tv != decoder  # no ticket on the forum


@pytest.mark.parametrize(
    ("cue", "continued"),
    [(" I did what you told me on YouTube and it still hangs", True), (" It still hangs", False)],
)
def test_a_post_that_names_the_channel_of_an_open_ticket_continues_it_after_the_window(
    any_db: Database, cue: str, continued: bool
) -> None:
    """The post points at the other channel: its open ticket, however old, is the matter's, as
    a post in its thread would be; without the cue, after the window, it is a new ticket."""
    later = any_db.settings.identity.ticket_window_hours + 26
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("y1", "zorblaxian_99", TV, 0, platform="youtube", thread_id="v1"))
        chain.process(
            post("b1", "Nube", "Sorry! Try a factory reset", 1, platform="youtube",
                 thread_id="v1", parent_id="y1", by_brand=True)  # fmt: skip
        )
        chain.process(post("r1", "zorblaxian_99", DECODER + cue, later, thread_id="t3_r1"))
    tv, decoder = ticket_of(any_db, "youtube", "y1"), ticket_of(any_db, "reddit", "r1")
    assert tv is not None and decoder is not None
    assert (tv == decoder) is continued


def test_a_customer_left_waiting_who_writes_on_another_channel_chases_the_same_ticket(
    any_db: Database,
) -> None:
    """Other words, no cue: while the brand has not answered, a complaint on another channel
    joins the ticket; once it has answered, other words are another matter (on the same channel:
    test_one_matter_on_two_channels_is_one_ticket_in_time_order)."""
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("y1", "ivan_quartz_51", TV, 0, platform="youtube", thread_id="v1"))
        chain.process(post("r1", "ivan_quartz_51", DECODER, 9, thread_id="t3_r1"))
        chain.process(
            post("b1", "Nube", "Sorry! DM us", 10, platform="youtube", thread_id="v1",
                 parent_id="y1", by_brand=True)  # fmt: skip
        )
        chain.process(post("f1", "ivan_quartz_51", BILLING, 20, platform="forum", thread_id="f1"))
    tv = ticket_of(any_db, "youtube", "y1")
    assert tv is not None and ticket_of(any_db, "reddit", "r1") == tv
    billing = ticket_of(any_db, "forum", "f1")
    assert billing is not None and billing != tv  # answered before


@pytest.mark.parametrize("stranger_first", [False, True])
def test_a_copy_from_another_account_of_the_customer_shares_the_brands_answer(
    any_db: Database, stranger_first: bool
) -> None:
    from pipelines.identity.handles import handle_key
    from pipelines.models import Customer, Persona

    with any_db.session() as s:  # one customer, two accounts with nothing in common
        customer = Customer(name="Maria Quintana")
        s.add(customer)
        s.flush()
        for platform, handle in (("reddit", "maria_quintana88"), ("youtube", "Nube Fan")):
            s.add(Persona(platform=platform, handle=handle, handle_key=handle_key(handle),
                          customer_id=customer.id))  # fmt: skip
    with Chain(any_db.settings, any_db) as chain:
        if stranger_first:  # another person wrote the same words first: every copy is theirs
            chain.process(post("o1", "zed_other", ROUTER, -1, thread_id="t3_o"))
            chain.process(post("o2", "zed_other", BILLING, -1, thread_id="t3_p"))
        chain.process(post("r1", "maria_quintana88", ROUTER, 0, thread_id="t3_a"))
        chain.process(post("b1", "NubeCare", "Sorry! Please restart it.", 1, thread_id="t3_a",
                           by_brand=True))  # fmt: skip
        chain.process(post("y1", "Nube Fan", ROUTER, 2, platform="youtube", thread_id="v1"))
        chain.process(post("r2", "maria_quintana88", BILLING, 3, thread_id="t3_b"))
        chain.process(post("y2", "Nube Fan", BILLING, 4, platform="youtube", thread_id="v2"))
        chain.process(post("b2", "NubeCare", "We are refunding it.", 5, thread_id="t3_b",
                           by_brand=True))  # fmt: skip
    with any_db.session() as s:
        rows = {m.source_id: m for m in s.scalars(select(Mention))}
        first = {k: rows["o1" if stranger_first else "r1"].id for k in ("r1", "y1")}
        first.update({k: rows["o2" if stranger_first else "r2"].id for k in ("r2", "y2")})
        assert {k: rows[k].duplicate_of_id for k in ("y1", "y2")} == {
            "y1": first["y1"], "y2": first["y2"]}  # fmt: skip
        # copied after the answer: answered already; copied before it: answered with it
        assert rows["y1"].needs_reply is False and rows["y2"].needs_reply is False
        if stranger_first:  # the stranger's posts are theirs to be answered
            assert rows["o1"].needs_reply is True and rows["o2"].needs_reply is True
        assert rows["y1"].ticket_id == rows["r1"].ticket_id is not None
        assert s.get(Ticket, rows["r1"].ticket_id).status == "pending"
