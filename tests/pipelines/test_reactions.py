"""A customer's reply to the brand's answer to them is a reaction, neither a complaint nor a
question, unless it says the matter goes on. The texts name an invented provider, Skyline."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from pipelines.chain import Chain, PipelineContext
from pipelines.classify import decide_role, vote_weights
from pipelines.reactions import reactions
from pipelines.status import goes_on
from tests.helpers import mention

T0 = datetime(2026, 11, 1, 12, 0)
STORE_ONLY = ["pipelines.normalize.Normalize", "pipelines.store.Store"]


def test_goes_on() -> None:
    for text in ("still says under review on my side", "sigo esperando, una vergüenza",
                 "otra semana y nada", "followed the article, didn't work", "Same problem again",
                 "Pagado. ¿Me confirmáis que queda anulado?", "Sigue igual", "no ha llegado",
                 "todavía nada", "El jueves no vino nadie", "back to square one"):  # fmt: skip
        assert goes_on(text), text
    for text in ("DM sent", "mandado", "vale, llamado. dicen que es una avería del transformador",
                 "arrived in 2 days as promised 👍", "perfect, thanks both", "hecho por el chat",
                 "It's gone through. Thank you for pushing it.",
                 "ok, espero a mañana"):  # fmt: skip
        assert not goes_on(text), text


def _thread() -> list:
    return [
        mention(
            "t3_a",
            "Skyline charged me twice this month",
            author="ana",
            thread_id="t3_a",
            created_at=T0,
        ),  # fmt: skip
        mention(
            "t1_b",
            "Sorry Ana, DM us your account number and we'll refund it",
            author="Skyline_Help",
            by_brand=True,
            thread_id="t3_a",
            parent_id="t3_a",
            created_at=T0 + timedelta(minutes=30),
        ),  # fmt: skip
        mention(
            "t1_c",
            "DM sent",
            author="ana",
            thread_id="t3_a",
            parent_id="t1_b",
            created_at=T0 + timedelta(minutes=40),
        ),  # fmt: skip
        # another customer under the brand's answer to Ana: not a reaction of theirs
        mention(
            "t1_d",
            "they did the same to me",
            author="bea",
            thread_id="t3_a",
            parent_id="t1_b",
            created_at=T0 + timedelta(minutes=50),
        ),  # fmt: skip
    ]


def _found(items: list, found: set[int]) -> set[str]:
    return {i.source_id for i in items if id(i) in found}


def test_reactions_in_one_batch(settings, db) -> None:
    items = _thread()
    ctx = PipelineContext(settings, db)
    try:
        assert _found(items, reactions(ctx.session, items)) == {"t1_c"}
        # a comment under the brand's own video or announcement is no reaction to an answer
        video = mention("v1", "Skyline | new plans", author="Skyline", by_brand=True,
                        platform="youtube", thread_id="v1", title="New plans")  # fmt: skip
        comment = mention("c1", "nice, but my line is down", author="cy", platform="youtube",
                          thread_id="v1", parent_id="v1")  # fmt: skip
        assert reactions(ctx.session, [video, comment]) == set()
    finally:
        ctx.close()


def test_a_flat_youtube_comment_thread(settings, db) -> None:
    """YouTube lists replies flat under the top-level comment: the commenter's reply after the
    brand's is a reaction, one before it (or with no brand reply) is not."""
    at = [T0 + timedelta(minutes=m) for m in range(0, 50, 10)]
    comment = mention(
        "c1",
        "my Skyline card was declined abroad",
        author="Dan Ruiz",
        platform="youtube",
        thread_id="v1",
        parent_id="v1",
        created_at=at[0],
    )
    before = mention(
        "c1.r1",
        "and the app shows nothing",
        author="Dan Ruiz",
        platform="youtube",
        thread_id="v1",
        parent_id="c1",
        created_at=at[1],
    )
    brand = mention(
        "c1.r2",
        "Hi Dan, DM us and we'll check it",
        author="Skyline",
        by_brand=True,
        platform="youtube",
        thread_id="v1",
        parent_id="c1",
        created_at=at[2],
    )
    after = mention(
        "c1.r3",
        "done, sent",
        author="Dan Ruiz",
        platform="youtube",
        thread_id="v1",
        parent_id="c1",
        created_at=at[3],
    )
    other = mention("c1.r4", "same with mine", author="Eve", platform="youtube",
                    thread_id="v1", parent_id="c1", created_at=at[4])  # fmt: skip
    items = [comment, before, brand, after, other]
    ctx = PipelineContext(settings, db)
    try:
        assert _found(items, reactions(ctx.session, items)) == {"c1.r3"}
        assert reactions(ctx.session, [comment, before, after]) == set()  # no brand reply
    finally:
        ctx.close()


def test_reactions_stored_earlier(any_settings, any_db) -> None:
    items = _thread()
    with Chain(any_settings, any_db, stages=STORE_ONLY) as chain:
        for item in items[:2]:
            chain.process(item)
    ctx = PipelineContext(any_settings, any_db)
    try:
        assert _found(items[2:], reactions(ctx.session, items[2:])) == {"t1_c"}
    finally:
        ctx.close()


def test_a_reaction_weighs_no_complaint_or_question_unless_it_goes_on() -> None:
    ack = mention("t1_c", "vale, llamado. dicen que es una avería del transformador",
                  author="ana", thread_id="t3_a", parent_id="t1_b")  # fmt: skip
    probs = [0.6, 0.05, 0.05, 0.05, 0.25]  # read alone: a complaint
    weights = vote_weights(ack, ack.text, set(), reacting={id(ack)})
    assert weights[:2] == (0.0, 0.0)
    assert decide_role(0.6, probs, weights, negative=True)[0] == "other"
    assert decide_role(0.6, probs, vote_weights(ack, ack.text, set()), negative=True)[0] == (
        "complaint"
    )
    still = mention("t1_e", "still says under review on my side", author="ana",
                    thread_id="t3_a", parent_id="t1_b")  # fmt: skip
    assert vote_weights(still, still.text, set(), reacting={id(still)})[:2] == (1.0, 1.0)


@pytest.mark.slow
def test_a_reaction_to_the_answer_keeps_the_ticket_out_of_the_queue(settings, db) -> None:
    """The brand answered; the customer's acknowledgement needs no reply, their word that it
    goes on does."""
    with Chain(settings, db) as chain:
        chain.process(mention("t3_a", "Skyline cut my fibre this morning and the app "
                                      "says there is no outage. Two days working from a café.",
                                      author="ana", thread_id="t3_a",
                                      created_at=T0))  # fmt: skip
        chain.process(mention("t1_b", "Sorry Ana, it's a fault at the cabinet; a technician "
                              "is booked for tomorrow morning.", author="Skyline_Help",
                              by_brand=True, thread_id="t3_a", parent_id="t3_a",
                              created_at=T0 + timedelta(minutes=30)))  # fmt: skip
        ack = chain.process(mention("t1_c", "vale, llamado. dicen que es una avería del "
                                    "transformador", author="ana", thread_id="t3_a",
                                    parent_id="t1_b",
                                    created_at=T0 + timedelta(minutes=45)))  # fmt: skip
        again = chain.process(mention("t1_d", "The technician never came and it's still down.",
                                      author="ana", thread_id="t3_a", parent_id="t1_b",
                                      created_at=T0 + timedelta(days=1)))  # fmt: skip
    assert ack.role not in ("complaint", "question") and ack.needs_reply is False
    assert again.role == "complaint" and again.needs_reply is True
