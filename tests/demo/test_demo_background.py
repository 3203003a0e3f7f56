"""What runs beside the demo's web server: the outbox worker and the triage refresh, so that a
ticket's priority keeps up with its SLA age while the demo serves; both stop with the demo."""

from __future__ import annotations

import threading
import time
from contextlib import ExitStack
from datetime import timedelta

from crawlers.items import utcnow
from demo.run import background
from pipelines.models import Mention as MentionRow
from pipelines.models import Ticket


def _priority(db, tid: int) -> float | None:  # noqa: ANN001
    with db.session() as s:
        return s.get(Ticket, tid).priority


def test_priorities_follow_the_clock_while_the_demo_serves(settings, db) -> None:  # noqa: ANN001
    posted = utcnow() - timedelta(minutes=90)  # breached: its SLA part is at its cap
    with db.session() as s:
        t = Ticket(status="open", priority=0.0)  # as stored when the post was fresh
        s.add(t)
        s.flush()
        s.add(MentionRow(platform="reddit", source_id="m1", author="a", text="my bill is wrong",
                         created_at=posted, content_hash="h1", is_complaint=True, status="open",
                         needs_reply=True, ticket_id=t.id))  # fmt: skip
        s.commit()
        tid = t.id
    before = {th.name for th in threading.enumerate()}
    with ExitStack() as stack:
        background(stack, settings, db, triage_every=0.05)
        assert {"outbox", "triage"} <= {th.name for th in threading.enumerate()} - before
        deadline = time.monotonic() + 60
        while not _priority(db, tid) and time.monotonic() < deadline:
            time.sleep(0.05)
    assert _priority(db, tid) >= 40.0  # the SLA part of a breached complaint counts now
    with db.session() as s:
        assert s.get(Ticket, tid).sla_due_at is not None
    assert not {"outbox", "triage"} & {th.name for th in threading.enumerate()} - before
