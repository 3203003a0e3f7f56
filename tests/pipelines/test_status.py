"""Status (500): open until a later brand post in the thread; the customer's new post reopens."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from pipelines.chain import PipelineContext
from pipelines.models import Mention as MentionRow
from pipelines.models import Ticket
from pipelines.normalize import Normalize
from pipelines.status import Status, effective_status
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
