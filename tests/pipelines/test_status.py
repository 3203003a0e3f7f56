"""Status (500): open until a later brand post in the thread; the customer's new post reopens."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from pipelines.chain import PipelineContext
from pipelines.models import Mention as MentionRow
from pipelines.models import Ticket
from pipelines.normalize import Normalize
from pipelines.status import Status, effective_status, solved
from pipelines.store import Store
from tests.helpers import mention

T0 = datetime(2026, 11, 1, 12, 0)


def _post(ctx, sid, minutes, **kw):  # noqa: ANN001, ANN202
    kw.setdefault("thread_id", "t1")
    kw.setdefault("is_complaint", None if kw.get("by_brand") else True)
    item = mention(sid, f"post {sid} about the router",
                   created_at=T0 + timedelta(minutes=minutes), **kw)  # fmt: skip
    for stage in (Normalize(ctx), Status(ctx), Store(ctx)):
        item = stage.process_item(item)
    return item


def _rows(ctx) -> dict[str, MentionRow]:  # noqa: ANN001
    ctx.session.expire_all()
    return {r.source_id: r for r in ctx.session.scalars(select(MentionRow))}


def test_answered_by_a_later_brand_post_and_reopened_by_the_customer(settings, db) -> None:
    ctx = PipelineContext(settings, db)
    try:
        assert _post(ctx, "c1", 0, author="ana").status == "open"
        _post(ctx, "other", 1, author="bob", thread_id="t2")
        brand = _post(ctx, "b1", 10, author="brand", by_brand=True)
        assert brand.status is None
        rows = _rows(ctx)
        assert rows["c1"].status == "answered"
        assert rows["other"].status == "open"  # another thread
        assert rows["b1"].status is None
        _post(ctx, "c2", 20, author="ana", is_complaint=False)  # "still broken?"
        rows = _rows(ctx)
        assert rows["c1"].status == "open"
        assert rows["c2"].status is None  # not a complaint itself
    finally:
        ctx.close()


def test_a_complaint_older_than_a_stored_brand_reply_is_answered(settings, db) -> None:
    ctx = PipelineContext(settings, db)
    try:
        _post(ctx, "b1", 10, author="brand", by_brand=True)
        assert _post(ctx, "c0", 0, author="ana").status == "answered"
        assert _post(ctx, "c3", 30, author="ana").status == "open"
    finally:
        ctx.close()


def test_a_reply_sent_through_listenpost_answers_its_thread(settings, db) -> None:
    """A sent reply answers the thread's earlier posts at once, and a post crawled later but
    written before the reply is answered by it; a post after it needs a reply again."""
    from pipelines.models import Reply
    from pipelines.status import reply_sent

    ctx = PipelineContext(settings, db)
    try:
        _post(ctx, "c1", 0, author="ana")
        _post(ctx, "c2", 5, author="bob")
        rows = _rows(ctx)
        assert rows["c2"].needs_reply is True
        sent_at = T0 + timedelta(minutes=10)
        reply = Reply(mention_id=rows["c1"].id, channel="reddit", text="on it", status="sent",
                      idempotency_key="k1", sent_at=sent_at)  # fmt: skip
        ctx.session.add(reply)
        ctx.session.flush()
        reply_sent(ctx.session, reply)
        ctx.session.commit()
        rows = _rows(ctx)
        assert (rows["c1"].needs_reply, rows["c1"].status) == (False, "answered")
        assert (rows["c2"].needs_reply, rows["c2"].status) == (False, "answered")
        late = _post(ctx, "c0", 8, author="cid")  # crawled now, written before the reply
        assert (late.status, late.needs_reply) == ("answered", False)
        after = _post(ctx, "c3", 30, author="dan")
        assert (after.status, after.needs_reply) == ("open", True)
    finally:
        ctx.close()


def test_closed_ticket_closes_and_a_new_post_reopens_it(settings, db) -> None:
    ctx = PipelineContext(settings, db)
    try:
        _post(ctx, "c1", 0, author="ana")
        ticket = Ticket(status="closed")
        ctx.session.add(ticket)
        ctx.session.flush()
        rows = _rows(ctx)
        rows["c1"].ticket_id = ticket.id
        ctx.session.commit()
        assert effective_status(_rows(ctx)["c1"]) == "closed"
        _post(ctx, "c2", 60, author="ana")
        ctx.session.expire_all()
        assert ctx.session.get(Ticket, ticket.id).status == "open"
        assert effective_status(_rows(ctx)["c1"]) == "open"
    finally:
        ctx.close()


def test_needs_reply_follows_role_thread_and_brand_replies(settings, db) -> None:
    ctx = PipelineContext(settings, db)
    try:
        posts = {
            "comp": _post(ctx, "comp", 0, author="ana", role="complaint"),
            "ques": _post(ctx, "ques", 1, author="bob", role="question", thread_id="t2"),
            "praise": _post(ctx, "praise", 2, author="cy", role="praise", thread_id="t3"),
            "howto": _post(ctx, "howto", 3, author="dee", role="answer", thread_id="t2"),
            "other": _post(ctx, "other", 4, author="eve", role="other", thread_id="t4"),
        }
        assert {k: p.needs_reply for k, p in posts.items()} == {
            "comp": True, "ques": True, "praise": False, "howto": False, "other": False,
        }  # fmt: skip
        assert _post(ctx, "brand", 5, author="brand", by_brand=True).needs_reply is False
        rows = _rows(ctx)
        assert rows["comp"].needs_reply is False and rows["comp"].status == "answered"
        assert rows["ques"].needs_reply is True  # another thread
        # the customer writes again after the brand's reply: that post needs a reply
        assert _post(ctx, "again", 9, author="ana", role="complaint").needs_reply is True
        assert _rows(ctx)["comp"].needs_reply is False
        # a brand reply in the question's thread answers it
        _post(ctx, "brand2", 10, author="brand", by_brand=True, thread_id="t2")
        assert _rows(ctx)["ques"].needs_reply is False
    finally:
        ctx.close()


def test_a_duplicate_of_an_answered_post_needs_no_reply(settings, db) -> None:
    ctx = PipelineContext(settings, db)
    try:
        _post(ctx, "orig", 0, author="ana", role="complaint")
        # a copy in another thread while the original is still open needs a reply ...
        copy = _post(ctx, "copy", 1, author="ana", role="complaint", thread_id="t9",
                     duplicate_of_id=_rows(ctx)["orig"].id)  # fmt: skip
        assert copy.needs_reply is True
        # ... until the brand answers the original; a copy arriving after that needs none
        _post(ctx, "brand", 5, author="brand", by_brand=True)
        rows = _rows(ctx)
        assert (rows["orig"].needs_reply, rows["copy"].needs_reply) == (False, False)
        late = mention("late", "post late about the router", author="ana", thread_id="t8",
                       created_at=T0 + timedelta(minutes=20), role="complaint")  # fmt: skip
        late.notes["duplicate_of"] = ("reddit", "orig")
        for stage in (Normalize(ctx), Status(ctx), Store(ctx)):
            late = stage.process_item(late)
        assert late.needs_reply is False
        assert _rows(ctx)["late"].duplicate_of_id == rows["orig"].id
    finally:
        ctx.close()


def test_the_same_words_from_another_writer_still_need_a_reply(settings, db) -> None:
    """The brand answered ana; bob, who pasted the same complaint, is owed his own reply."""
    ctx = PipelineContext(settings, db)
    try:
        _post(ctx, "orig", 0, author="ana", role="complaint")
        bobs = _post(ctx, "bobs", 1, author="u/bob", role="complaint", thread_id="t9",
                     duplicate_of_id=_rows(ctx)["orig"].id)  # fmt: skip
        anas = _post(ctx, "anas", 2, author="Ana", role="complaint", thread_id="t7",
                     duplicate_of_id=_rows(ctx)["orig"].id)  # fmt: skip
        assert (bobs.needs_reply, anas.needs_reply) == (True, True)
        _post(ctx, "brand", 5, author="brand", by_brand=True)
        rows = _rows(ctx)
        assert (rows["orig"].needs_reply, rows["anas"].needs_reply) == (False, False)
        assert rows["bobs"].needs_reply is True
        late = mention("late", "post late about the router", author="bob", thread_id="t8",
                       created_at=T0 + timedelta(minutes=20), role="complaint")  # fmt: skip
        late.notes["duplicate_of"] = ("reddit", "orig")
        for stage in (Normalize(ctx), Status(ctx), Store(ctx)):
            late = stage.process_item(late)
        assert late.needs_reply is True
    finally:
        ctx.close()


def test_a_ticket_the_brand_answered_is_pending_until_the_customer_writes_again(
    settings, db
) -> None:
    from pipelines.triage import update_ticket

    ctx = PipelineContext(settings, db)
    try:
        _post(ctx, "c1", 0, author="ana")
        ticket = Ticket(status="open")
        ctx.session.add(ticket)
        ctx.session.flush()
        _rows(ctx)["c1"].ticket_id = ticket.id
        ctx.session.commit()
        update_ticket(ctx.session, settings, ticket)
        assert ticket.status == "open"  # c1 is owed a reply
        _post(ctx, "b1", 10, author="brand", by_brand=True)  # the store updates c1's ticket
        ctx.session.expire_all()
        assert ctx.session.get(Ticket, ticket.id).status == "pending"  # the brand waits on ana
        _post(ctx, "c2", 20, author="ana")  # "still broken"
        _rows(ctx)["c2"].ticket_id = ticket.id
        ctx.session.commit()
        update_ticket(ctx.session, settings, ctx.session.get(Ticket, ticket.id))
        assert ctx.session.get(Ticket, ticket.id).status == "open"
        ctx.session.get(Ticket, ticket.id).status = "active"  # an agent works on it
        _post(ctx, "b2", 30, author="brand", by_brand=True)
        ctx.session.expire_all()
        assert ctx.session.get(Ticket, ticket.id).status == "active"  # the agent's to change
    finally:
        ctx.close()


def test_on_youtube_a_brand_reply_answers_its_comment_thread_not_the_whole_video(
    settings, db
) -> None:
    ctx = PipelineContext(settings, db)
    yt = {"platform": "youtube", "thread_id": "v1", "parent_id": "v1"}
    try:
        _post(ctx, "y1", 0, author="ana", **yt)
        _post(ctx, "y2", 1, author="bob", **yt)  # another commenter under the same video
        _post(ctx, "y3", 5, author="cy", **(yt | {"parent_id": "y1"}))  # in ana's thread
        _post(ctx, "b1", 10, author="brand", by_brand=True, **(yt | {"parent_id": "y1"}))
        rows = _rows(ctx)
        assert (rows["y1"].status, rows["y1"].needs_reply) == ("answered", False)
        assert (rows["y3"].status, rows["y3"].needs_reply) == ("answered", False)
        assert (rows["y2"].status, rows["y2"].needs_reply) == ("open", True)
        # crawled late, written before the reply: in ana's thread answered, beside it not
        late_in = _post(ctx, "y4", 6, author="dee", **(yt | {"parent_id": "y1"}))
        late_out = _post(ctx, "y5", 6, author="eve", **yt)
        assert (late_in.status, late_out.status) == ("answered", "open")
        # the brand's own top-level comment answers no commenter
        _post(ctx, "b2", 20, author="brand", by_brand=True, **yt)
        assert _rows(ctx)["y2"].needs_reply is True
        # a comment on a customer's video answers the video
        _post(ctx, "v2", 0, author="fay", platform="youtube", thread_id="v2", parent_id=None)
        _post(ctx, "b3", 30, author="brand", by_brand=True, platform="youtube",
              thread_id="v2", parent_id="v2")  # fmt: skip
        assert _rows(ctx)["v2"].needs_reply is False
    finally:
        ctx.close()


def test_the_authors_own_word_that_it_is_solved_neither_answers_nor_reopens(settings, db) -> None:
    ctx = PipelineContext(settings, db)
    try:
        _post(ctx, "q1", 0, author="ana")  # "how do I set the APN?"
        _post(ctx, "p1", 5, author="bob", is_complaint=False)  # a peer's how-to
        _post(ctx, "q2", 0, author="cy", thread_id="t2")
        item = mention("s2", "still not fixed, it didn't work", thread_id="t2", author="cy",
                       created_at=T0 + timedelta(minutes=9), is_complaint=False)  # fmt: skip
        for stage in (Normalize(ctx), Status(ctx), Store(ctx)):
            item = stage.process_item(item)
        item = mention("s1", "That worked, data is up. Thanks!", thread_id="t1", author="ana",
                       created_at=T0 + timedelta(minutes=9), is_complaint=False)  # fmt: skip
        for stage in (Normalize(ctx), Status(ctx), Store(ctx)):
            item = stage.process_item(item)
        rows = _rows(ctx)
        # only a brand account answers for the brand: a peer's fix that worked leaves the
        # brand's public reply owed (an agent's "no reply needed" settles it)
        assert rows["q1"].needs_reply is True
        assert rows["q1"].status == "open"
        assert rows["q2"].needs_reply is True
    finally:
        ctx.close()


@pytest.mark.parametrize(
    "text",
    [
        "Sorted now, cheers",
        "done, the line moved over this morning",
        "Portabilidad hecha, gracias a todos",
        "Listo, ya me llegó",
        "Ya me ha llegado, gracias!",
        "The refund came through at last",
        "Ya lo tengo, el técnico vino esta mañana",
        "Hecho. Cambio de titular completado",
        "Tuve un problema con la factura y me lo devolvieron en un día",
        "The tech came today and fixed it in 10 min",
        "Se me cortó la fibra y lo arreglaron al día siguiente",
        "Billing mix-up, they refunded it within a day. Impressed",
    ],
)
def test_solved_in_other_words(text: str) -> None:
    """What the writer waited for has happened (praise of a fix; no reopening)."""
    assert solved(text)


@pytest.mark.parametrize(
    "text",
    [
        "Done with this company, cancelling tomorrow",
        "Ya me llegó la factura otra vez con el cargo doble",
        "Listo para irme si no me contestan hoy",
        "The number moved this morning but there is still no data",
        "Not sorted yet, day four",
        "¿Ya está hecha la portabilidad?",
        "Lo arreglaron en tres semanas, después de diez llamadas",
        "They fixed it in a day, then it broke again and nobody answers",
        "¿Me lo devolvéis en un día o tengo que esperar?",
    ],
)
def test_not_solved(text: str) -> None:
    assert not solved(text)
