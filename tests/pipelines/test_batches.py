"""The chain in batches (what Scrapy runs) stores what item by item (Chain.process) stores, and
the crawl-state ledger saves a position only once every item before it is committed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import DropItem
from sqlalchemy import func, select

from config import Settings
from pipelines.chain import Chain
from pipelines.crawlstate import Ledger, merge_positions
from pipelines.models import Mention as MentionRow
from pipelines.models import Ticket
from pipelines.models.db import Database
from pipelines.store import Store
from tests.helpers import mention

STAGES = [
    "pipelines.normalize.Normalize",
    "pipelines.language.Language",
    "pipelines.dedup.Dedup",
    "pipelines.status.Status",
    "pipelines.store.Store",
]
LONG = "My router keeps dropping the connection every evening and support never calls back"
T0 = datetime(2026, 11, 1, 12, 0)


def items() -> list[Any]:
    def m(sid: str, text: str, **kw: Any) -> Any:
        kw.setdefault("thread_id", "t1")
        kw.setdefault("created_at", T0)
        item = mention(sid, text, platform="forum", **kw)
        item.is_complaint = not item.by_brand
        return item

    return [
        m("a", LONG, author="ana"),
        m("a", LONG, author="ana"),  # the same post again: a duplicate
        m("b", LONG, author="bea", created_at=T0 + timedelta(hours=1)),  # exact: grouped
        m("c", LONG + " Again today!", author="cy", created_at=T0 + timedelta(hours=2)),  # near
        m("d", "me too", author="x", thread_id="t2"),
        m("e", "me too", author="x", thread_id="t2", created_at=T0 + timedelta(minutes=5)),
        m(
            "f",
            "We have reset your line, try again",
            author="Acme",
            by_brand=True,
            created_at=T0 + timedelta(hours=3),
        ),  # answers the thread later
        m("g", "Still down for me", author="gil", created_at=T0 + timedelta(hours=1)),
    ]


def stored(db: Database) -> dict[str, tuple[Any, ...]]:
    with db.session() as s:
        rows = s.scalars(select(MentionRow)).all()
        ids = {r.id: r.source_id for r in rows}
        return {
            r.source_id: (ids.get(r.duplicate_of_id), r.status, r.lang, r.content_hash)
            for r in rows
        }


@contextmanager
def two_databases(settings: Settings, tmp_path: Path) -> Iterator[tuple[Database, Database]]:
    """One database for the items one by one, one for the batch."""
    dbs = tuple(Database(settings.model_copy(update={"home": tmp_path / n})) for n in ("1", "b"))
    try:
        for db in dbs:
            db.init()
        yield dbs
    finally:
        for db in dbs:
            db.dispose()


def test_one_batch_stores_what_item_by_item_stores(settings: Settings, tmp_path) -> None:
    with two_databases(settings, tmp_path) as (one_by_one, batched):
        with Chain(settings, one_by_one, stages=STAGES) as chain:
            kept = [chain.process(item) for item in items()]
            expected_stats = chain.stats.as_dict()
        with Chain(settings, batched, stages=STAGES) as chain:
            out = chain.process_batch(items())
            assert chain.stats.as_dict() == expected_stats
        assert [isinstance(r, DropItem) for r in out] == [r is None for r in kept]
        assert stored(batched) == stored(one_by_one)
        rows = stored(batched)
        assert rows["b"][0] == "a" and rows["c"][0] == "a"  # grouped under the first seen
        assert rows["e"][0] == "d"  # a short repeat by the same author
        assert rows["a"][1] == rows["g"][1] == "answered"  # the brand answered later
        assert rows["f"][1] is None


def test_a_failing_item_fails_alone_and_the_rest_is_committed(
    settings: Settings, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Store._mention_row

    def broken(self: Store, item: Any, rows: dict) -> Any:
        if item.source_id == "bad":
            raise RuntimeError("disk on fire")
        return real(self, item, rows)

    monkeypatch.setattr(Store, "_mention_row", broken)
    batch = [mention("ok1", "first post"), mention("bad", "second"), mention("ok2", "third")]
    with Chain(settings, db, stages=STAGES) as chain:
        out = chain.process_batch(batch)
        assert (chain.stats.new, chain.stats.errors) == (2, 1)
    assert isinstance(out[1], RuntimeError)
    assert out[0] is batch[0] and out[2] is batch[2]
    with db.session() as s:
        assert s.scalar(select(func.count(MentionRow.id))) == 2


def test_ledger_saves_a_position_only_after_every_item_before_it() -> None:
    ledger = Ledger()
    saved: list[dict] = []
    ledger.saver = saved.append
    first = [object() for _ in range(3)]
    for item in first:
        ledger.enter(item)
    ledger.offer({"site": {"threads": 1}})  # covers the first three
    later = object()
    ledger.enter(later)
    ledger.offer({"site": {"threads": 2}})  # covers all four
    ledger.finish(first[0], ok=True)
    ledger.finish(first[2], ok=True)
    assert not ledger.save_covered()  # first[1] is not stored yet
    ledger.finish(first[1], ok=True)
    assert ledger.save_covered()
    assert saved == [{"site": {"threads": 1}}]
    ledger.finish(later, ok=False)  # failed: no later position is ever saved
    ledger.offer({"site": {"threads": 3}})
    assert not ledger.save_covered()
    assert saved == [{"site": {"threads": 1}}]


def test_ledger_snapshots_are_copies() -> None:
    ledger = Ledger()
    saved: list[dict] = []
    ledger.saver = saved.append
    live = {"site": {"threads": {"u1": "3"}}}
    ledger.offer(live)
    live["site"]["threads"]["u2"] = "5"  # the spider moves on after the snapshot
    assert ledger.save_covered()
    assert saved == [{"site": {"threads": {"u1": "3"}}}]


TICKET_STAGES = [
    "pipelines.normalize.Normalize",
    "pipelines.language.Language",
    "pipelines.dedup.Dedup",
    "pipelines.status.Status",
    "pipelines.triage.Triage",
    "pipelines.identity.Identity",
    "pipelines.tickets.Tickets",
    "pipelines.store.Store",
]


def ticket_items() -> list[Any]:
    def m(sid: str, text: str, hours: int, **kw: Any) -> Any:
        item = mention(sid, text, platform="forum", created_at=T0 + timedelta(hours=hours), **kw)
        item.is_complaint = not item.by_brand
        item.role = None if item.by_brand else "complaint"  # as the classify stage sets it
        item.severity = ["cancel"] if "cancel" in text else []
        return item

    return [
        m("t1", "My router keeps dropping the connection", 0, author="ana", thread_id="r1"),
        m("t2", "Still dropping, I will cancel my contract", 1, author="ana", thread_id="r1"),
        m("t3", "Billing charged me twice this month", 0, author="bea", thread_id="b1"),
        m("t4", "Three days without internet now", 2, author="ana", thread_id="r1"),
        m("t5", "We reset your line", 3, author="Acme", thread_id="r1", by_brand=True),
    ]


def tickets_of(db: Database) -> tuple[Any, ...]:
    with db.session() as s:
        mentions = s.scalars(select(MentionRow).order_by(MentionRow.source_id)).all()
        tickets = {t.id: t for t in s.scalars(select(Ticket)).all()}
        return tuple(
            (
                m.source_id,
                m.priority,
                None if m.ticket_id is None else (
                    tickets[m.ticket_id].priority,
                    tickets[m.ticket_id].topic,
                    tickets[m.ticket_id].team,
                    tickets[m.ticket_id].sla_due_at,
                    sorted(x.source_id for x in mentions if x.ticket_id == m.ticket_id),
                ),
            )
            for m in mentions
        )  # fmt: skip


def test_a_batch_triages_its_tickets_as_item_by_item_does(settings: Settings, tmp_path) -> None:
    """The store triages each ticket a batch touched once, after all its posts; the result is
    what triaging after every post gives."""
    settings = settings.model_copy(
        update={"brand": settings.brand.model_copy(update={"accounts": {"forum": ["Acme"]}})}
    )
    with two_databases(settings, tmp_path) as (one_by_one, batched):
        with Chain(settings, one_by_one, stages=TICKET_STAGES) as chain:
            for item in ticket_items():
                chain.process(item)
        with Chain(settings, batched, stages=TICKET_STAGES) as chain:
            chain.process_batch(ticket_items())
        expected = tickets_of(one_by_one)
        assert tickets_of(batched) == expected
        by_id = {row[0]: row for row in expected}
        ana = by_id["t1"][2]
        assert ana is not None and ana[4] == ["t1", "t2", "t4"]  # one ticket for ana's posts
        assert by_id["t2"][1] > by_id["t1"][1]  # the cancel threat weighs
        assert ana[0] == max(by_id[s][1] for s in ("t1", "t2", "t4"))


def test_a_shared_crawl_writes_only_what_it_changed_into_the_stored_position() -> None:
    written = {"topics": {"1": "a", "2": "b"}, "complete": False}
    mine = {"topics": {"1": "a", "2": "b2", "3": "c"}, "complete": False}
    stored = {"topics": {"1": "a1", "2": "b", "4": "d"}, "complete": True}  # another crawler's
    assert merge_positions(stored, written, mine) == {
        "topics": {"1": "a1", "2": "b2", "3": "c", "4": "d"},  # its own changes over theirs
        "complete": True,  # unchanged here: theirs stays
    }
    assert merge_positions({}, {}, mine) == mine
