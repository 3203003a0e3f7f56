"""A mixed English/Spanish batch through the whole chain, then `listenpost mentions --json`:
classification, duplicates, open status, priority, topic and team for every mention."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from crawlers.items import Engagement
from pipelines.chain import Chain
from pipelines.models import Ticket
from tests.helpers import mention
from webapp.cli import main

pytestmark = pytest.mark.slow

T0 = datetime(2026, 11, 1, 12, 0)
ES = "Me han cobrado dos veces la factura y llevo una semana esperando el reembolso."
# source_id: (platform, author, thread, minutes, text, engagement, by_brand)
BATCH = {
    "en-c1": ("reddit", "ana", "t1", 0, "Third outage this week, I'm switching providers.",
              Engagement(score=250), False),
    "es-c1": ("reddit", "luis", "t2", 5, ES, Engagement(views=50_000), False),
    "brand": ("reddit", "brand_care", "t1", 30,
              "Sorry to hear that, please send us a DM with your account number.", Engagement(),
              True),
    "es-dup": ("forum", "luis", "f9", 40, ES, Engagement(), False),
    "en-q": ("reddit", "bob", "t3", 50, "What time does the downtown branch open on Saturdays?",
             Engagement(), False),
}  # fmt: skip
# source_id: (role, sentiment, status, needs_reply, topic, team, duplicate of)
EXPECT = {
    "en-c1": ("complaint", "negative", "answered", False, "network", "technical", None),
    "es-c1": ("complaint", "negative", "open", True, "billing", "billing", None),
    "brand": ("other", None, None, False, None, None, None),
    "es-dup": ("complaint", "negative", "open", True, "billing", "billing", "es-c1"),
    "en-q": ("question", "neutral", "open", True, None, "general", None),
}


def test_mixed_batch_triage_fields_through_the_chain_and_the_cli(settings, db, cli) -> None:
    with Chain(settings, db) as chain:
        for sid, (platform, author, thread, minutes, text, eng, by_brand) in BATCH.items():
            item = mention(sid, text, platform=platform, author=author, thread_id=thread,
                           created_at=T0 + timedelta(minutes=minutes), engagement=eng,
                           by_brand=by_brand)  # fmt: skip
            chain.process(item)
    result = cli.invoke(main, ["mentions", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["source_id"]: r for r in json.loads(result.stdout)}
    assert set(rows) == set(BATCH)
    for sid, (role, sentiment, status, needs_reply, topic, team, dup) in EXPECT.items():
        r = rows[sid]
        assert (r["role"], r["needs_reply"]) == (role, needs_reply), sid
        assert r["is_complaint"] is (role == "complaint"), sid
        assert r["sentiment"] == sentiment, sid
        assert r["status"] == status, sid
        assert (r["topic"], r["team"]) == (topic, team), sid
        assert r["duplicate_of"] == (rows[dup]["id"] if dup else None), sid
        if role == "complaint":
            assert 0.0 <= r["complaint_score"] <= 1.0 and r["complaint_score"] >= 0.5, sid
            assert r["ticket_id"] is not None, sid
        if needs_reply and r["ticket_id"] is not None:
            assert r["priority"] >= 40.0, sid  # weeks past the 60-minute target: S = 1
        elif status is None:
            assert r["priority"] is None, sid
    with db.session() as s:
        tickets = {t.id: t for t in s.scalars(select(Ticket))}
        network = tickets[rows["en-c1"]["ticket_id"]]
        assert network.team == "technical" and network.topic == "network"
        assert network.sla_due_at.replace(tzinfo=None) == T0 + timedelta(minutes=60)
        assert network.first_response_at.replace(tzinfo=None) == T0 + timedelta(minutes=30)
        billing = tickets[rows["es-c1"]["ticket_id"]]
        assert (billing.topic, billing.team) == ("billing", "billing")
        for t in tickets.values():  # a ticket's priority is its highest complaint's
            assert t.priority == max(r["priority"] for r in rows.values() if r["ticket_id"] == t.id)
        # answered, the complaint with the most reach (score 250) ranks below the open ones
        assert rows["en-c1"]["priority"] < rows["es-dup"]["priority"]
