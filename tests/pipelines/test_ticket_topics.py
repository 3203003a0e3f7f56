"""Two matters of one customer at once: the help centre tells them apart where closeness and
waiting would join them (pipelines.matter_topic)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import select

from pipelines.chain import Chain
from pipelines.matter_topic import overlap, profile, same_topic
from pipelines.models import KnowledgeDoc, Mention
from pipelines.models.db import Database
from tests.helpers import mention

T0 = datetime(2026, 11, 1, 10, 0)
ARTICLES = {
    "router": (
        "The router loses the wifi",
        "If the wifi drops every few minutes, restart the router, move it away from walls and "
        "microwaves and pick another wifi channel in its settings page. A red light means no "
        "signal on the line: call us and we book a technician.",
    ),
    "billing": (
        "Charged twice or a wrong amount on your bill",
        "A second charge for the same month is refunded within five working days once you "
        "send us the bank statement line. Your invoice shows the plan price, extras and any "
        "prorated days of the first month.",
    ),
    "moving": (
        "Moving house",
        "Tell us your new address two weeks before you move; we move the line and the router "
        "goes with you. There is no fee for the move if you stay on the same plan.",
    ),
}
ROUTER = "My router drops the wifi every hour, restarting it does nothing. Three days like this."
ROUTER_AGAIN = "Still without stable internet: the connection cuts out all evening at home"
BILLING = "You took my monthly payment twice from my bank account this month, I want it back"


def store_articles(db: Database) -> None:
    with db.session() as s:
        for topic, (title, body) in ARTICLES.items():
            s.add(KnowledgeDoc(source="kb", source_id=topic, title=title, body=body, lang="en",
                               content_hash=hashlib.sha256(body.encode()).hexdigest()))  # fmt: skip


def post(source_id: str, text: str, hours: float, platform: str, thread: str):  # noqa: ANN201
    return mention(source_id, text, platform=platform, author="noor_quillfeather",
                   created_at=T0 + timedelta(hours=hours), thread_id=thread)  # fmt: skip


def ticket_of(db: Database, platform: str, source_id: str) -> int | None:
    with db.session() as s:
        return s.scalar(select(Mention.ticket_id).where(
            Mention.platform == platform, Mention.source_id == source_id))  # fmt: skip


def test_a_second_matter_while_waiting_is_its_own_ticket_a_restatement_joins(
    any_db: Database,
) -> None:
    """Unanswered on YouTube, the customer writes on Reddit about a double charge (another
    matter: another ticket) and on the forum about the same cuts in other words (one ticket)."""
    store_articles(any_db)
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("y1", ROUTER, 0, "youtube", "v1"))
        chain.process(post("r1", BILLING, 3, "reddit", "t3_r1"))
        chain.process(post("f1", ROUTER_AGAIN, 5, "forum", "f1"))
    router, billing = ticket_of(any_db, "youtube", "y1"), ticket_of(any_db, "reddit", "r1")
    assert router is not None and billing is not None and router != billing
    assert ticket_of(any_db, "forum", "f1") == router


def test_without_a_help_centre_nothing_is_read_apart(any_db: Database) -> None:
    """No articles: the customer left waiting who writes elsewhere chases the same ticket."""
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("y1", ROUTER, 0, "youtube", "v1"))
        chain.process(post("r1", BILLING, 3, "reddit", "t3_r1"))
    assert ticket_of(any_db, "youtube", "y1") == ticket_of(any_db, "reddit", "r1") is not None
    with any_db.session() as s:
        assert same_topic(s, BILLING, [ROUTER])


def test_profiles_overlap_fully_with_themselves_and_little_across_topics(
    any_db: Database,
) -> None:
    from pipelines import classifier
    from pipelines.matter_topic import _article_vectors

    store_articles(any_db)
    with any_db.session() as s:
        articles = _article_vectors(s)
        assert articles is not None and len(articles) == len(ARTICLES)
        router, again, billing = (
            profile(articles, v) for v in classifier.embed([ROUTER, ROUTER_AGAIN, BILLING])
        )
        assert abs(overlap(router, router) - 1.0) < 1e-6
        assert overlap(router, again) > overlap(router, billing)
        assert not same_topic(s, BILLING, [ROUTER]) and same_topic(s, ROUTER_AGAIN, [ROUTER])


def test_praise_or_chatter_in_another_thread_joins_no_ticket(any_db: Database) -> None:
    """A customer with an open ticket about the wifi praises a wifi video elsewhere: the post is
    about no ticket of theirs, however close its words; a complaint in the same words joins."""
    with Chain(any_db.settings, any_db) as chain:
        chain.process(post("r1", ROUTER, 0, "reddit", "t3_r1"))
        chain.process(post("y1", "Great video about router wifi, saved it, thank you!", 2,
                           "youtube", "v9"))  # fmt: skip
        chain.process(post("f1", ROUTER_AGAIN, 4, "forum", "f1"))
    with any_db.session() as s:
        role = s.scalar(select(Mention.role).where(Mention.source_id == "y1"))
    assert role in ("praise", "other", "answer")
    router = ticket_of(any_db, "reddit", "r1")
    assert router is not None and ticket_of(any_db, "youtube", "y1") is None
    assert ticket_of(any_db, "forum", "f1") == router
