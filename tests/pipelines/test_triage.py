"""Triage (550): topic by keywords or KB category, team by topic, priority formula and SLA."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pipelines.chain import PipelineContext
from pipelines.models import KnowledgeDoc, Ticket
from pipelines.models import Mention as MentionRow
from pipelines.triage import Triage, keyword_topic, priority_score, refresh, sla_minutes
from tests.helpers import mention

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def test_keyword_topics_in_english_and_spanish(settings) -> None:
    topics = settings.triage.topics
    assert keyword_topic("I was charged twice on my bill", topics) == "billing"
    assert keyword_topic("Me han cobrado dos veces la factura", topics) == "billing"
    assert keyword_topic("El módem no da wifi", topics) == "router"
    assert keyword_topic("no service in the whole town, zero signal", topics) == "network"
    assert keyword_topic("nice weather today", topics) is None


def test_team_by_topic_with_fallback_and_kb_category(settings, db) -> None:
    ctx = PipelineContext(settings, db)
    try:
        kb = KnowledgeDoc(source="kb", source_id="k1", title="Parcel delivery delays", body="...",
                          category="delivery", content_hash="h")  # fmt: skip
        ctx.session.add(kb)
        ctx.session.commit()
        stage = Triage(ctx)
        item = mention("m1", "El router no conecta", status="open")
        assert (stage.process_item(item).topic, item.team) == ("router", "technical")
        item = mention("m2", "My parcel delivery is late, delays again", status="open")
        assert (stage.process_item(item).topic, item.team) == ("delivery", "general")
        item = mention("m3", "hello there", status="open")
        assert (stage.process_item(item).topic, item.team) == (None, "general")
        item = mention("m4", "my bill", status=None)  # not a complaint: no routing
        assert stage.process_item(item).topic is None
    finally:
        ctx.close()


def test_priority_formula() -> None:
    assert priority_score(0, 60) == 25.0  # a fresh complaint: its role part only
    assert priority_score(60, 60) == 40.0  # due now: half the SLA part
    assert priority_score(600, 60) == 55.0  # capped at twice the target
    assert priority_score(0, 60, severity=["legal", "safety"]) == 45.0
    assert priority_score(0, 60, contacts=5) == 35.0
    assert priority_score(0, 60, views=999_900) == 40.0  # log10(10_000) / 4 = 1
    assert priority_score(30, 60, score=10) > priority_score(30, 60)
    assert priority_score(0, 60, role="question") == 15.0
    assert priority_score(0, 60, role="praise") == 0.0
    assert priority_score(600, 60, needs_reply=False) == 27.5  # answered: half
    # what needs a reply comes first: a fresh complaint above week-old praise and answers
    assert priority_score(0, 60) > priority_score(10_000, 60, role="praise", needs_reply=False)
    assert priority_score(0, 60) > priority_score(10_000, 60, role="answer", needs_reply=False)
    # severity ranks a complaint above a plain one of the same age
    assert priority_score(30, 60, severity=["legal"]) > priority_score(30, 60)


def test_sla_per_channel(home) -> None:
    from config.settings import load_settings

    s = load_settings(home=str(home), triage={"sla_minutes": {"youtube": 240, "other": 30}})
    assert sla_minutes(s, "youtube") == 240
    assert sla_minutes(s, "import") == 30


def test_refresh_grows_priority_with_age(settings, db) -> None:
    with db.session() as s:
        t = Ticket(status="open")
        s.add(t)
        s.flush()
        s.add(MentionRow(platform="reddit", source_id="m1", author="a", text="x", created_at=T0,
                         content_hash="h1", is_complaint=True, status="open", topic="billing",
                         ticket_id=t.id))  # fmt: skip
        s.commit()
        assert refresh(s, settings, now=T0 + timedelta(minutes=30)) == 1
        early = t.priority
        assert t.sla_due_at == T0 + timedelta(minutes=60)
        assert (t.topic, t.team) == ("billing", "billing")
        refresh(s, settings, now=T0 + timedelta(minutes=90))
        assert t.priority > early == 32.5


def test_cli_triage_refresh(settings, db, cli) -> None:
    from webapp.cli import main

    with db.session() as s:
        t = Ticket(status="open")
        s.add_all([t, Ticket(status="closed")])
        s.flush()
        row = MentionRow(platform="forum", source_id="m1", author="a", text="x", created_at=T0,
                         content_hash="h1", is_complaint=True, status="open")  # fmt: skip
        row.ticket_id = t.id
        s.add(row)
        s.commit()
    result = cli.invoke(main, ["triage", "refresh"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "1 tickets"
    with db.session() as s:
        assert s.get(Ticket, t.id).priority == 55.0  # weeks old: S = 1
