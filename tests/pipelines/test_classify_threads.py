"""A post's role from its place in a thread: a video (its title and description) is published
for whoever watches and is no complaint or question; a customer's reply to another customer's
chatter (a poll among users, news someone shared) chats on; one that says the writer has the
same shares its parent's kind of role. The texts name an invented provider, Skyline."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from pipelines.chain import Chain, PipelineContext
from pipelines.classify import (
    CHATTER_REPLY_WEIGHT,
    ME_TOO_WEIGHT,
    QUESTION_REPLY_WEIGHT,
    decide_role,
    reply_weights,
    vote_weights,
)
from pipelines.peer_advice import is_video, me_too, parent_roles, peer_replies, replies_to_chatter
from tests.helpers import mention

T0 = datetime(2026, 11, 1, 12, 0)
STORE_ONLY = ["pipelines.normalize.Normalize", "pipelines.store.Store"]


def test_is_video() -> None:
    assert is_video(mention("v1", "x", platform="youtube", kind="video", thread_id="v1"))
    assert is_video(mention("v2", "x", platform="youtube", thread_id="v2", title="Vlog 3"))
    # a top-level comment has no title; a Reddit post with a title is no video
    assert not is_video(mention("c1", "x", platform="youtube", thread_id="c1"))
    assert not is_video(mention("t3_a", "x", thread_id="t3_a", title="Vlog 3"))
    reply = mention("c2", "x", platform="youtube", kind="comment", thread_id="v1", parent_id="v1")
    assert not is_video(reply)


def test_a_video_is_no_complaint_or_question() -> None:
    vlog = "Moving week | vlog\nThree days without internet, the boxes and the pizza."
    guide = "Router light blinking red? What it means and how to get it fixed."
    for text in (vlog, guide):
        video = mention("v", text, platform="youtube", thread_id="v", title=text.split("\n")[0])
        weights = vote_weights(video, text, set())
        assert weights[:2] == (0.0, 0.0) and weights[2:4] == (1.0, 1.0)
    video = mention("v", vlog, platform="youtube", thread_id="v", title="Moving week | vlog")
    comment = mention("c", vlog, platform="youtube", thread_id="c")
    probs = [0.48, 0.03, 0.14, 0.18, 0.17]  # read alone: a complaint
    assert decide_role(0.4, probs, vote_weights(comment, vlog, set()), negative=True)[0] == (
        "complaint"
    )
    assert decide_role(0.4, probs, vote_weights(video, vlog, set()), negative=True)[0] == "other"


def _poll() -> list:
    poll = "Just curious, how much is everyone paying Skyline a month?"
    return [
        mention("t3_p", poll, author="ana", thread_id="t3_p", role="other", created_at=T0),
        mention(
            "t1_a",
            "about 30, fibre only",
            author="ben",
            thread_id="t3_p",
            parent_id="t3_p",
            role="complaint",
            created_at=T0 + timedelta(minutes=1),
        ),  # fmt: skip
        mention(
            "t1_b",
            "45 and no tv",
            author="cat",
            thread_id="t3_p",
            parent_id="t1_a",
            role="complaint",
            created_at=T0 + timedelta(minutes=2),
        ),  # fmt: skip
        # the opener's own reply is a follow-up, not a peer reply
        mention(
            "t1_c",
            "thanks all",
            author="ana",
            thread_id="t3_p",
            parent_id="t1_a",
            role="praise",
            created_at=T0 + timedelta(minutes=3),
        ),  # fmt: skip
        # a fault told under the brand's news: the brand's post is no customer's chatter
        mention(
            "t3_n",
            "Skyline news",
            author="SkylineCare",
            by_brand=True,
            thread_id="t3_n",
            role="other",
            created_at=T0,
        ),  # fmt: skip
        mention(
            "t1_n",
            "down again",
            author="dan",
            thread_id="t3_n",
            parent_id="t3_n",
            role="complaint",
            created_at=T0 + timedelta(minutes=1),
        ),  # fmt: skip
        # a comment under a vlog is no reply to chatter
        mention(
            "v_1",
            "Moving week",
            author="Vlogs",
            platform="youtube",
            thread_id="v_1",
            title="Moving week | vlog",
            role="other",
            created_at=T0,
        ),  # fmt: skip
        mention(
            "c_1",
            "no internet here either",
            author="eve",
            platform="youtube",
            thread_id="v_1",
            parent_id="v_1",
            role="complaint",
            created_at=T0 + timedelta(minutes=1),
        ),  # fmt: skip
    ]


def _roles(items: list) -> dict:
    return {(i.platform, i.source_id): i.role for i in items}


def test_replies_to_chatter_in_one_batch(settings, db) -> None:
    items = _poll()
    ctx = PipelineContext(settings, db)
    try:
        peers = peer_replies(ctx.session, items)
        found = replies_to_chatter(ctx.session, items, peers, _roles(items))
        assert {i.source_id for i in items if id(i) in found} == {"t1_a"}
        items[1].role = "other"  # the first answer read as chatter: the one under it follows
        found = replies_to_chatter(ctx.session, items, peers, _roles(items))
    finally:
        ctx.close()
    assert {i.source_id for i in items if id(i) in found} == {"t1_a", "t1_b"}


def test_replies_to_chatter_stored_earlier(any_settings, any_db) -> None:
    items = _poll()
    with Chain(any_settings, any_db, stages=STORE_ONLY) as chain:
        for item in items[:2]:
            chain.process(item)
    later = [
        mention(
            "t1_x", "50, with the phone line", author="fay", thread_id="t3_p", parent_id="t3_p"
        ),  # fmt: skip
        mention("t1_y", "same as you", author="gus", thread_id="t3_p", parent_id="t1_a"),
    ]
    ctx = PipelineContext(any_settings, any_db)
    try:
        peers = peer_replies(ctx.session, later)
        found = replies_to_chatter(ctx.session, later, peers, _roles(later))
    finally:
        ctx.close()
    assert {i.source_id for i in later if id(i) in found} == {"t1_x"}  # t1_a was a complaint


def test_chatter_reply_weight_outweighs_a_weak_complaint_reading() -> None:
    other_more = (1.0, 1.0, 1.0, 1.0, CHATTER_REPLY_WEIGHT)
    weak = [0.45, 0.09, 0.08, 0.02, 0.36]  # "about time", read alone
    strong = [0.85, 0.05, 0.02, 0.03, 0.05]  # a fault told in the thread
    assert decide_role(0.4, weak, negative=True)[0] == "complaint"
    assert decide_role(0.4, weak, other_more, negative=True)[0] == "other"
    assert decide_role(0.8, strong, other_more, negative=True)[0] == "complaint"


@pytest.mark.slow
def test_a_poll_among_users_and_its_answers_are_chatter(settings, db) -> None:
    """Answers to a poll among users need no reply; a fault told in the same thread does."""
    with Chain(settings, db) as chain:
        chain.process(mention("t3_poll", "Por curiosidad, ¿cuánto pagáis a Skyline por la fibra "
                              "al mes?", author="rosa", thread_id="t3_poll",
                              created_at=T0))  # fmt: skip
        first = chain.process(mention("t1_p1", "38€, solo fibra y somos tres en casa",
                                      author="luis", thread_id="t3_poll", parent_id="t3_poll",
                                      created_at=T0 + timedelta(minutes=5)))  # fmt: skip
        second = chain.process(mention("t1_p2", "52 y eso que no tenemos ni la tele",
                                       author="marta", thread_id="t3_poll", parent_id="t1_p1",
                                       created_at=T0 + timedelta(minutes=9)))  # fmt: skip
        fault = chain.process(mention("t1_p3", "Yo pago 40 pero llevo cuatro días sin internet y "
                                      "Skyline no me coge el teléfono", author="pepe",
                                      thread_id="t3_poll", parent_id="t3_poll",
                                      created_at=T0 + timedelta(minutes=12)))  # fmt: skip
    assert (first.role, first.needs_reply) == ("other", False)
    assert (second.role, second.needs_reply) == ("other", False)
    assert fault.role == "complaint" and fault.needs_reply is True


def test_me_too() -> None:
    for text in ("Same here, not one problem in two years.", "+1, igual", "Aquí igual en Lugo",
                 "a mí también me pasa", "me too!", "yep same here, Leeds",
                 "Yo en el centro también, desde las 8", "mine stopped too"):  # fmt: skip
        assert me_too(text), text
    for text in (
        "the same thing happened to the shop",
        "Samesies lol",
        "Igualmente, gracias",
        "yo pagué 30€, y también me cobraron el envío",
        "mine came by courier, too",
    ):
        assert not me_too(text), text


def test_parent_roles(settings, db) -> None:
    items = _poll()
    ctx = PipelineContext(settings, db)
    try:
        peers = peer_replies(ctx.session, items)
        found = parent_roles(ctx.session, items, peers, _roles(items))
    finally:
        ctx.close()
    # the brand's news and the vlog give no role; the opener's follow-up is no peer reply
    assert {i.source_id: found[id(i)] for i in items if id(i) in found} == {
        "t1_a": "other",
        "t1_b": "complaint",
    }


@pytest.mark.slow
def test_same_here_under_praise_is_praise(settings, db) -> None:
    """ "Same here" under praise shares the praise, though its negation reads negative; under
    a fault it shares the fault."""
    with Chain(settings, db) as chain:
        chain.process(mention("f_good", "Two years with Skyline and not one complaint: the app "
                              "works and the bills match what I use.", author="nuria",
                              platform="forum", thread_id="f_good", created_at=T0))  # fmt: skip
        praise = chain.process(mention("f_good2", "Same here, zero hassle in eighteen months.",
                                       author="tom", platform="forum", thread_id="f_good",
                                       parent_id="f_good",
                                       created_at=T0 + timedelta(minutes=5)))  # fmt: skip
        chain.process(mention("f_bad", "Skyline fibre down since Monday in Leeds, no word from "
                              "them.", author="ian", platform="forum", thread_id="f_bad",
                              created_at=T0))  # fmt: skip
        fault = chain.process(mention("f_bad2", "Same here in York", author="liz",
                                      platform="forum", thread_id="f_bad", parent_id="f_bad",
                                      created_at=T0 + timedelta(minutes=5)))  # fmt: skip
    assert (praise.role, praise.needs_reply) == ("praise", False)
    assert fault.role == "complaint" and fault.needs_reply is True


def test_a_customers_complaint_video_is_a_complaint_a_vlog_is_not(settings, db) -> None:
    """A video whose complaint reading is more likely than not is put to the brand in public
    and is owed a reply; a vlog that names the brand on the way is chatter."""
    with Chain(settings, db) as chain:
        rant = chain.process(mention(
            "v_rant", "I paid for the Skyline roaming pass, got the confirmation and still came "
            "home to a €200 bill. Then four hours on hold. Here's the whole story.",
            author="Dev Mahoney", platform="youtube", kind="video", thread_id="v_rant",
            title="Skyline ruined my trip: €200 roaming bill and 4 hours on hold",
            created_at=T0))  # fmt: skip
        vlog = chain.process(mention(
            "v_vlog", "Boxes, the first night without lights and the Skyline installer, then "
            "pizza on the floor.", author="Casa Nueva", platform="youtube", kind="video",
            thread_id="v_vlog", title="Moving week | vlog", created_at=T0))  # fmt: skip
    assert (rant.role, rant.needs_reply) == ("complaint", True)
    assert vlog.role not in ("complaint", "question") and vlog.needs_reply is False


def test_a_reply_that_asks_nothing_under_a_question_weighs_answer() -> None:
    plain = (1.0, 1.0, 1.0, 1.0, 1.0)
    fact = "about a week, mine came by courier"
    answer_more = (1.0, 1.0, 1.0, QUESTION_REPLY_WEIGHT, 1.0)
    assert reply_weights(plain, "question", fact, parent_asks=True) == answer_more
    # a parent read as a complaint that ends with a question is asked all the same
    assert reply_weights(plain, "complaint", fact, parent_asks=True) == answer_more
    assert reply_weights(plain, "complaint", fact, parent_asks=False) is None
    # a reply that asks back, or asks for its own sake (answer weighed 0), or says "same here"
    assert reply_weights(plain, "question", "a week? mine took two", parent_asks=True) is None
    asks_self = (1.0, 1.0, 1.0, 0.0, 1.0)
    assert reply_weights(asks_self, "question", "I want to know too", parent_asks=True) is None
    same = reply_weights(plain, "question", "same here, ordered mine 10 days ago", True)
    assert same is not None and same[0] > 1.0 and same[3] == 1.0
    # "it only works with local numbers, sadly", read alone a weak complaint, answers the question
    weak = [0.42, 0.08, 0.05, 0.30, 0.15]
    assert decide_role(0.45, weak, plain, negative=True)[0] == "complaint"
    assert decide_role(0.45, weak, answer_more, negative=True)[0] == "answer"


def test_a_peer_reply_is_a_complaint_only_when_more_likely_than_not() -> None:
    plain = (1.0, 1.0, 1.0, 1.0, 1.0)
    # "saving this for when my card comes" under chatter: chatter, and no complaint at 0.47
    chats = reply_weights(plain, "other", "saving this for when my card comes", False, 0.47)
    assert chats == (0.0, 1.0, 1.0, 1.0, CHATTER_REPLY_WEIGHT)
    weak = [0.40, 0.10, 0.10, 0.15, 0.25]
    assert decide_role(0.47, weak, plain, negative=True)[0] == "complaint"
    assert decide_role(0.47, weak, chats, negative=True)[0] == "other"
    # under a complaint, a reply that tells no fault of its own weighs no complaint
    assert reply_weights(plain, "complaint", "a friend had the same", False, 0.3) == (
        0.0, 1.0, 1.0, 1.0, 1.0)  # fmt: skip
    # a fault more likely than not keeps its weights; "same here" shares the parent's fault
    assert reply_weights(plain, "complaint", "mine is down since Monday", False, 0.6) is None
    same = reply_weights(plain, "complaint", "same here in York", False, 0.3)
    assert same is not None and same[0] == ME_TOO_WEIGHT


@pytest.mark.slow
def test_a_peer_answer_to_a_question_is_an_answer(settings, db) -> None:
    """A customer telling another what they asked needs no reply from the brand."""
    question = mention("f_q", "Moving abroad next month. Does the Skyline app work with a "
                       "foreign phone number?", author="ana", platform="forum", thread_id="f_q",
                       created_at=T0)  # fmt: skip
    reply = mention("f_q2", "@ana it only works with local numbers, sadly", author="ben",
                    platform="forum", thread_id="f_q", parent_id="f_q",
                    created_at=T0 + timedelta(minutes=5))  # fmt: skip
    with Chain(settings, db) as chain:
        done = chain.process_batch([question, reply])
    assert (done[1].role, done[1].needs_reply) == ("answer", False)
