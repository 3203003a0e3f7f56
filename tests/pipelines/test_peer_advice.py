"""Peer advice: a customer's tip under another customer's post is an answer, in English and
Spanish; the thread opener's follow-up is not, and a reply that asks its own question stays a
question. The texts name an invented provider, Skyline."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from pipelines.chain import Chain, PipelineContext
from pipelines.peer_advice import advice_cue, peer_replies
from tests.helpers import mention

T0 = datetime(2026, 11, 1, 12, 0)
STORE_ONLY = ["pipelines.normalize.Normalize", "pipelines.store.Store"]

# Tips that tell of the writer's own trouble with the provider: read alone they sound like a
# complaint; under someone else's post they are advice.
TIP_EN = (
    "Same thing happened to me with my Skyline bill. Ask them to read you the exact name on "
    "the account, mine had a typo."
)
TIP_ES = (
    "A mí me pasó lo mismo con Skyline: tenían mal escrito mi apellido. Pide que te lean el "
    "nombre del titular tal cual."
)
TIP_ES_2 = (
    "Skyline me hizo lo mismo. Desenchufa el módem un minuto y vuelve la conexión, en mi caso "
    "funcionó."
)
OWN_QUESTION = (
    "Quick question on the same topic: where do I change the invoice address in the Skyline "
    "app? I tried Settings > Account and it is not there."
)


@pytest.mark.parametrize(
    "text",
    [
        "Try switching the modem to channel 36, the drops stopped for me.",
        "desenchufa el deco 30 segundos y haz una búsqueda de canales",
        "The modem has a bridge mode under Advanced > WAN > Operation mode.",
        "Ojo, el bono empieza a las 00:00 del día siguiente, no al momento.",
        "I run mine like that with my own access point.",
        TIP_EN,
        TIP_ES,
    ],
)
def test_advice_cues(text: str) -> None:
    assert advice_cue(text)


@pytest.mark.parametrize(
    "text",
    [
        "Same here in Leeds, no signal since this morning.",
        "Aquí igual en Málaga, sin fibra desde anoche.",
        "Thanks, I'll try that tonight and report back.",
        "Good job Skyline, roaming worked perfectly.",
        OWN_QUESTION,  # asks its own question, though it names a menu path
        "Try restarting the router, did that fix it for anyone? Mine is still down.",
    ],
)
def test_no_advice_cue(text: str) -> None:
    assert not advice_cue(text)


def _thread() -> list:
    opener = mention("t3_a", "Skyline rejects my number transfer", author="ana", thread_id="t3_a")
    return [
        opener,
        mention("t1_b", TIP_ES, author="bea", thread_id="t3_a", parent_id="t3_a"),
        # the opener answers the tip: a follow-up, though its parent is someone else's post
        mention("t1_c", TIP_ES, author="ANA", thread_id="t3_a", parent_id="t1_b"),
        # a reply under one's own post
        mention("t1_d", TIP_EN, author="bea", thread_id="t3_a", parent_id="t1_b"),
        mention(
            "t1_e",
            "Sorry to hear that, DM us.",
            author="SkylineCare",
            by_brand=True,
            thread_id="t3_a",
            parent_id="t3_a",
        ),  # fmt: skip
        mention("t1_f", TIP_EN, author="carl", thread_id="t3_a", parent_id="t1_e"),
        mention("t1_g", TIP_EN, author="dan", thread_id="t3_a", parent_id="t1_unknown"),
        mention("t1_h", TIP_EN, author="eve", thread_id="t3_a", parent_id="t1_c"),
    ]


def _ids(found: set[int], items: list) -> set[str]:
    return {i.source_id for i in items if id(i) in found}


def test_peer_replies_in_one_batch(settings, db) -> None:
    items = _thread()
    ctx = PipelineContext(settings, db)
    try:
        found = peer_replies(ctx.session, items)
    finally:
        ctx.close()
    # not: the opener, the opener's follow-up, a reply under one's own post, the brand's post,
    # a reply to the brand, a reply whose parent is unknown
    assert _ids(found, items) == {"t1_b", "t1_h"}


def test_peer_replies_find_parents_and_openers_stored_earlier(any_settings, any_db) -> None:
    items = _thread()
    with Chain(any_settings, any_db, stages=STORE_ONLY) as chain:
        for item in items[:5]:
            chain.process(item)
    later = [
        mention("t1_x", TIP_EN, author="fay", thread_id="t3_a", parent_id="t1_c"),
        mention("t1_y", TIP_EN, author="ana", thread_id="t3_a", parent_id="t1_d"),
        mention("t1_z", TIP_EN, author="gus", thread_id="t3_a", parent_id="t1_e"),
    ]
    ctx = PipelineContext(any_settings, any_db)
    try:
        found = peer_replies(ctx.session, later)
    finally:
        ctx.close()
    assert _ids(found, later) == {"t1_x"}


@pytest.mark.slow
def test_peer_tips_are_answers_through_the_chain(settings, db) -> None:
    """The same tips posted as thread openers are not answers (so the thread position is what
    decides); under another customer's post they are; the opener's follow-up with the same words
    is not; a reply that asks its own question stays a question."""
    tips = {"en": TIP_EN, "es": TIP_ES, "es2": TIP_ES_2}
    with Chain(settings, db) as chain:
        alone = {k: chain.process(mention(f"t3_{k}", text, author=f"solo_{k}", thread_id=f"t3_{k}"))
                 for k, text in tips.items()}  # fmt: skip
        chain.process(mention("t3_q", "Skyline keeps rejecting my number transfer, 12 days now",
                              author="ana", thread_id="t3_q", created_at=T0))  # fmt: skip
        replies = {}
        for n, (k, text) in enumerate(tips.items(), 1):
            at = T0 + timedelta(minutes=n)
            tip = mention(f"t1_{k}", text, author=f"peer_{k}", thread_id="t3_q", parent_id="t3_q",
                          created_at=at)  # fmt: skip
            replies[k] = chain.process(tip)
        at = T0 + timedelta(hours=1)
        follow_up = chain.process(mention("t1_own", TIP_ES, author="ana", thread_id="t3_q",
                                          parent_id="t1_en", created_at=at))  # fmt: skip
        at = T0 + timedelta(hours=2)
        question = chain.process(mention("t1_ask", OWN_QUESTION, author="hal", thread_id="t3_q",
                                         parent_id="t3_q", created_at=at))  # fmt: skip
    assert all(m.role != "answer" for m in alone.values()), {k: m.role for k, m in alone.items()}
    assert {k: m.role for k, m in replies.items()} == {k: "answer" for k in tips}
    assert all(m.needs_reply is False for m in replies.values())
    assert follow_up.role != "answer"
    assert question.role == "question"
    assert question.needs_reply is True
