"""Conversations: a YouTube comment's is its top-level comment, however deep the chain of
imported replies that leads to it; the status stage, tickets and KPIs read the same rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from crawlers.settings import LISTENPOST_STAGES
from pipelines.chain import Chain, PipelineContext
from pipelines.conversation import conversation
from pipelines.models import Mention as MentionRow
from pipelines.models import Ticket
from pipelines.models.db import Database
from pipelines.normalize import Normalize
from pipelines.status import Status
from pipelines.store import Store
from tests.helpers import mention
from webapp.kpi_queries import brand_responses, measure, summary

T0 = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
YT = {"platform": "youtube", "thread_id": "v1"}


def test_the_conversation_is_the_top_level_comment_up_the_chain() -> None:
    up = {("youtube", "r1"): "top", ("youtube", "r2"): "r1", ("youtube", "r3"): "r2"}
    assert conversation("youtube", "v1", "r3", "r4", up) == "top"  # depth 4
    assert conversation("youtube", "v1", "top", "r1", up) == "top"
    assert conversation("youtube", "v1", "v1", "top", up) == "top"
    assert conversation("youtube", "v1", None, "top", up) == "top"
    assert conversation("youtube", "v1", None, "v1", up) == "v1"  # the video
    # a parent not known (not stored, not in the batch) is the top as far as is known
    assert conversation("youtube", "v1", "r9", "r10", up) == "r9"
    assert conversation("youtube", "v1", "r3", "r4") == "r3"  # no chain given: the parent
    # Reddit and forums: the thread, whatever the parent
    assert conversation("reddit", "t3_a", "t1_b", "t1_c", {("reddit", "t1_b"): "t1_x"}) == "t3_a"


def test_a_chain_that_loops_ends_at_one_id_for_all_its_posts() -> None:
    loop = {("youtube", "a"): "b", ("youtube", "b"): "c", ("youtube", "c"): "a"}
    assert {conversation("youtube", "v1", loop["youtube", s], s, loop) for s in "abc"} == {"a"}
    assert conversation("youtube", "v1", "c", "d", loop) == "a"  # a reply into the loop
    assert conversation("youtube", "v1", "s", "s", {}) == "s"  # its own parent


def _post(ctx, sid, minutes, **kw):  # noqa: ANN001, ANN202
    """One post through status and store: its own batch (a later import than those before)."""
    return _batch(ctx, [(sid, minutes, kw)])[0]


def _batch(ctx, posts):  # noqa: ANN001, ANN202
    items = []
    for sid, minutes, kw in posts:
        kw = YT | kw
        kw.setdefault("is_complaint", None if kw.get("by_brand") else True)
        created = T0 + timedelta(minutes=minutes)
        items.append(mention(sid, f"post {sid} about the router", created_at=created, **kw))
    for stage in (Normalize(ctx), Status(ctx), Store(ctx)):
        items = stage.process_batch(items)
    return items


def _needs(ctx) -> dict[str, bool | None]:  # noqa: ANN001
    ctx.session.expire_all()
    return {r.source_id: r.needs_reply for r in ctx.session.scalars(select(MentionRow))}


def test_a_brand_answer_down_a_nested_chain_answers_its_top_level_comment(settings, db) -> None:
    ctx = PipelineContext(settings, db)
    try:
        _post(ctx, "top", 0, author="ana", parent_id="v1")
        _post(ctx, "r1", 1, author="bob", parent_id="top")
        _post(ctx, "r2", 2, author="cy", parent_id="r1")  # a reply to a reply
        _post(ctx, "r3", 3, author="ana", parent_id="r2")  # depth 3
        _post(ctx, "other", 4, author="dee", parent_id="v1")  # another top-level comment
        _post(ctx, "o1", 5, author="eve", parent_id="other")
        assert set(_needs(ctx).values()) == {True}
        # the brand answers under another top-level comment, at depth 2: that one is settled
        _post(ctx, "b1", 10, author="brand", by_brand=True, parent_id="o1")
        needs = _needs(ctx)
        assert (needs["other"], needs["o1"]) == (False, False)
        assert (needs["top"], needs["r1"], needs["r2"], needs["r3"]) == (True, True, True, True)
        # then down ana's chain, at depth 4 (its parents stored by earlier imports)
        _post(ctx, "b2", 20, author="brand", by_brand=True, parent_id="r3")
        needs = _needs(ctx)
        assert (needs["top"], needs["r1"], needs["r2"], needs["r3"]) == (False, False, False, False)
        # crawled late, written before the answer: in ana's chain answered, beside it not
        assert _post(ctx, "r4", 15, author="fay", parent_id="r2").needs_reply is False
        assert _post(ctx, "late", 15, author="gil", parent_id="v1").needs_reply is True
        assert _post(ctx, "r5", 30, author="hal", parent_id="r2").needs_reply is True  # after it
    finally:
        ctx.close()


def test_the_chain_resolves_within_one_batch_and_through_a_loop(settings, db) -> None:
    ctx = PipelineContext(settings, db)
    try:
        _post(ctx, "top", 0, author="ana", parent_id="v1")
        # one import: the middle of the chain and the brand's answer below it, neither stored
        out = _batch(ctx, [
            ("r1", 1, {"author": "bob", "parent_id": "top"}),
            ("r2", 2, {"author": "cy", "parent_id": "r1"}),
            ("b1", 10, {"author": "brand", "by_brand": True, "parent_id": "r2"}),
        ])  # fmt: skip
        assert [i.needs_reply for i in out[:2]] == [False, False]
        needs = _needs(ctx)
        assert (needs["top"], needs["r1"], needs["r2"]) == (False, False, False)
        # parents that loop (broken data) end the chain; the loop is one conversation
        _batch(ctx, [
            ("x", 0, {"author": "ivy", "parent_id": "y"}),
            ("y", 1, {"author": "jo", "parent_id": "x"}),
        ])  # fmt: skip
        _post(ctx, "b2", 10, author="brand", by_brand=True, parent_id="y")
        needs = _needs(ctx)
        assert (needs["x"], needs["y"]) == (False, False)
    finally:
        ctx.close()


STAGES = [s for s in LISTENPOST_STAGES if not s.endswith("Classify")]
CHARGED = "Nubefon charged me twice for November, 34.90 taken twice from my account"


def _item(sid: str, text: str, minutes: float, **kw):  # noqa: ANN003, ANN202
    brand = kw.get("by_brand", False)
    fields = YT | {
        "author": "NubefonSupport" if brand else "maria_q88",
        "kind": "comment",
        "role": None if brand else "complaint",
        "is_complaint": None if brand else True,
    }
    return mention(sid, text, created_at=T0 + timedelta(minutes=minutes), **(fields | kw))


def test_first_response_and_kpis_see_the_answer_down_the_chain(any_db: Database) -> None:
    with Chain(any_db.settings, any_db, stages=STAGES) as chain:
        for item in (
            _item("top", CHARGED, 0, parent_id="v1"),
            _item("r1", "Same thing happened to me last month", 5, author="peer_p",
                  parent_id="top", role="other", is_complaint=False),
            _item("r2", "Still nothing back, any update?", 30, parent_id="r1"),
            _item("r3", "Following, same here", 40, author="peer_q", parent_id="r2",
                  role="other", is_complaint=False),
            _item("x1", "My NubeBox router restarts every night", 0, author="pete_p",
                  parent_id="v1"),
        ):  # fmt: skip
            chain.process(item)
    with Chain(any_db.settings, any_db, stages=STAGES) as chain:  # a later import
        chain.process(_item("b1", "Sorry Maria, please DM us", 90, by_brand=True, parent_id="r3"))
    with any_db.session() as s:
        ticket_of = dict(s.execute(select(MentionRow.source_id, MentionRow.ticket_id)).all())
        mine, other = s.get(Ticket, ticket_of["top"]), s.get(Ticket, ticket_of["x1"])
        assert ticket_of["r2"] == mine.id != other.id
        assert mine.first_response_at == T0 + timedelta(minutes=90)
        assert other.first_response_at is None  # another top-level comment of the video
        assert brand_responses(s, [mine.id, other.id]) == {
            mine.id: [T0 + timedelta(minutes=90)],
            other.id: [],
        }
        k = summary(measure(s, 7, now=T0 + timedelta(days=1)))
    assert k["first_response_minutes"] == {"median": 90.0, "p90": 90.0, "n": 1}
