"""Forgetting a customer or a persona leaves no trace in the database or the FAISS index, on
SQLite and PostgreSQL; retention deletes old mentions the same way."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from config import load_settings
from indexer.build import update_indexes
from indexer.embedder import load_embedder
from indexer.faiss_index import VectorIndex
from indexer.forget import run_forget
from indexer.manifest import Manifest
from pipelines.chain import Chain
from pipelines.forget import forget_customer, forget_expired, forget_persona
from pipelines.identity import find_persona, import_customers
from pipelines.models import (
    AuditLog,
    ContactHash,
    Customer,
    KnowledgeDoc,
    Mention,
    Persona,
    PersonaLink,
    Reply,
    Ticket,
    Tombstone,
)
from pipelines.models.db import Database
from tests.helpers import mention

PRIVATE_TEXT = "the purple kettle whistles at midnight and the NubeBox router reboots"
HANDLE = "maria_quintana88"
COUNTED = (Mention, Persona, PersonaLink, ContactHash, Customer, Ticket)


def crawl(db: Database) -> None:
    """The posts, through the chain (as a crawl brings them)."""
    t0 = datetime(2026, 11, 1, 10)
    with Chain(db.settings, db) as chain:
        chain.process(
            mention("r1", PRIVATE_TEXT + ". Order #558812-22", author=HANDLE, created_at=t0)
        )
        chain.process(
            mention(
                "y1",
                "Still broken: " + PRIVATE_TEXT,
                platform="youtube",
                author="MQ Fixes 88",
                created_at=t0 + timedelta(hours=3),
                thread_id="v1",
            )
        )
        chain.process(
            mention(
                "y2",
                "I posted this on Reddit too, u/" + HANDLE,
                platform="youtube",
                author="MQ Fixes 88",
                created_at=t0 + timedelta(hours=3),
                thread_id="v1",
            )
        )
        chain.process(
            mention(
                "f1",
                "My dishwasher leaks water on the floor",
                platform="forum",
                author="john",
                created_at=t0,
            )
        )


def load(db: Database) -> None:
    """The posts, a reply, a help document by the same account, and the indexes."""
    crawl(db)
    with db.session() as s:
        r1 = s.scalar(select(Mention).where(Mention.source_id == "r1"))
        s.add(
            Reply(
                mention_id=r1.id,
                ticket_id=r1.ticket_id,
                channel="reddit",
                text="Sorry about the kettle",
                idempotency_key="k1",
            )
        )
        s.add(
            KnowledgeDoc(
                source="third_party",
                source_id="a1",
                platform="reddit",
                author=HANDLE,
                title="How I fixed it",
                body=PRIVATE_TEXT,
                content_hash="x",
            )
        )
    update_indexes(db.settings, db)


def no_trace_in_database(db: Database) -> None:
    with db.session() as s:
        like = f"%{PRIVATE_TEXT[:20]}%"
        assert s.scalar(select(func.count(Mention.id)).where(Mention.text.like(like))) == 0
        assert (
            s.scalar(select(func.count(KnowledgeDoc.id)).where(KnowledgeDoc.body.like(like))) == 0
        )
        assert s.scalar(select(func.count(Reply.id))) == 0
        assert s.scalar(select(func.count(Persona.id)).where(Persona.handle == HANDLE)) == 0
        assert s.scalar(select(func.count(PersonaLink.id))) == 0
        assert s.scalar(select(func.count(ContactHash.id))) == 0
        audit = s.scalar(select(AuditLog).where(AuditLog.action == "forget"))
        assert audit is not None and audit.actor == "agent7"
        assert audit.detail["mentions"] == 3 and audit.detail["personas"] == 2
        for row in s.scalars(select(AuditLog)):
            text = f"{row.target_id} {row.detail}"
            assert HANDLE not in text and "MQ Fixes" not in text and "kettle" not in text
        # the other customer is untouched
        assert s.scalar(select(func.count(Mention.id))) == 1
    if db.engine.dialect.name == "sqlite":
        path = Path(db.engine.url.database)
        for f in [path, path.with_name(path.name + "-wal")]:
            if f.exists():
                raw = f.read_bytes()
                assert b"purple kettle" not in raw and HANDLE.encode() not in raw


def no_trace_in_index(db: Database, deleted: set[int]) -> None:
    directory = db.settings.index_dir
    for collection in ("mentions", "knowledge"):
        manifest = Manifest.load(directory, collection)
        index = VectorIndex.load(directory, collection, manifest.model, manifest.dim)
        assert not index.ids() & deleted if collection == "mentions" else index.count == 0
    embedder = load_embedder(db.settings.index.model)
    index = VectorIndex.load(directory, "mentions", manifest.model, manifest.dim)
    hits = index.search(embedder.encode([PRIVATE_TEXT], kind="query"), k=10)[0]
    assert hits and not {i for i, _ in hits} & deleted  # only the dishwasher is left
    assert b"purple" not in (directory / "mentions.faiss").read_bytes()


def test_forget_customer_leaves_no_trace(any_db: Database) -> None:
    load(any_db)
    with any_db.session() as s:
        customer = find_persona(s, "reddit", HANDLE).customer_id
        assert find_persona(s, "youtube", "MQ Fixes 88").customer_id == customer
        deleted = set(s.scalars(select(Mention.id).where(Mention.author != "john")))
    index = VectorIndex.load(
        any_db.settings.index_dir, "mentions", load_embedder("").name, load_embedder("").dim
    )
    assert deleted <= index.ids()
    out = run_forget(
        any_db, any_db.settings, lambda s: forget_customer(s, any_db.settings, customer, "agent7")
    )
    assert out.counts["vectors_mentions"] == 3 and out.counts["vectors_knowledge"] == 1
    with any_db.session() as s:
        assert s.get(Customer, customer) is None
        assert s.scalar(select(func.count(Ticket.id)).where(Ticket.customer_id == customer)) == 0
    no_trace_in_database(any_db)
    no_trace_in_index(any_db, deleted)


def test_forget_persona_keeps_the_rest_of_the_customer(any_db: Database) -> None:
    load(any_db)
    with any_db.session() as s:
        customer = find_persona(s, "reddit", HANDLE).customer_id
    run_forget(
        any_db,
        any_db.settings,
        lambda s: forget_persona(s, any_db.settings, f"reddit:{HANDLE}", "agent7"),
    )
    with any_db.session() as s:
        assert find_persona(s, "reddit", HANDLE) is None
        kept = find_persona(s, "youtube", "MQ Fixes 88")
        assert kept is not None and kept.customer_id == customer
        assert s.scalar(select(func.count(Mention.id)).where(Mention.platform == "youtube")) == 2
        assert s.scalar(select(func.count(PersonaLink.id))) == 0  # its links went with it
        audit = s.scalar(select(AuditLog).where(AuditLog.action == "forget"))
        assert audit.target_type == "persona" and HANDLE not in str(audit.detail)


def test_retention_deletes_old_mentions_per_source(any_db: Database) -> None:
    load(any_db)
    base = any_db.settings
    settings = load_settings(
        home=str(base.home),
        database_url=base.database_url,
        identity={"retention_days": {"reddit": 20, "forum": 0}},
    )
    now = datetime(2026, 11, 30)
    out = run_forget(any_db, settings, lambda s: forget_expired(s, settings, "cron", now=now))
    assert out.counts["mentions"] == 1 and out.counts["vectors_mentions"] == 1
    with any_db.session() as s:
        left = sorted(s.scalars(select(Mention.source_id)))
    assert left == ["f1", "y1", "y2"]  # forum kept (0 = forever), youtube has no retention


# -- forgetting sticks: tombstones ----------------------------------------------------------------


def test_a_recrawl_does_not_bring_a_forgotten_customer_back(any_db: Database) -> None:
    load(any_db)
    with any_db.session() as s:
        customer = find_persona(s, "reddit", HANDLE).customer_id
    run_forget(
        any_db, any_db.settings, lambda s: forget_customer(s, any_db.settings, customer, "agent7")
    )
    with any_db.session() as s:
        before = {t.__tablename__: s.scalar(select(func.count()).select_from(t)) for t in COUNTED}
        digests = list(s.scalars(select(Tombstone.digest)))
    assert len(digests) == 2 and all(len(d) == 64 for d in digests)  # two accounts, hashes only
    crawl(any_db)  # the same posts, crawled again
    with any_db.session() as s:
        after = {t.__tablename__: s.scalar(select(func.count()).select_from(t)) for t in COUNTED}
        assert find_persona(s, "reddit", HANDLE) is None
        assert find_persona(s, "youtube", "MQ Fixes 88") is None
        like = f"%{PRIVATE_TEXT[:20]}%"
        assert s.scalar(select(func.count(Mention.id)).where(Mention.text.like(like))) == 0
    assert after == before  # nothing came back


def test_the_chain_counts_dropped_posts_and_logs_no_handle(
    any_db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    load(any_db)
    run_forget(
        any_db,
        any_db.settings,
        lambda s: forget_persona(s, any_db.settings, f"reddit:{HANDLE.upper()}", "agent7"),
    )
    caplog.set_level(logging.DEBUG)
    with Chain(any_db.settings, any_db) as chain:
        # the same account, written another way; and a post naming it as the writer's own
        assert chain.process(mention("r9", "router again", author="u/" + HANDLE.upper())) is None
        chain.process(
            mention(
                "y9",
                "I posted on Reddit too, u/" + HANDLE,
                platform="youtube",
                author="MQ Fixes 88",
            )
        )
        # decoy: a similar handle is somebody else
        assert chain.process(mention("r10", "router again", author=HANDLE + "_x")) is not None
        assert chain.stats.dropped == 1 and chain.stats.new == 2
    assert HANDLE not in caplog.text.lower()
    assert "forgotten account" in caplog.text
    with any_db.session() as s:
        assert find_persona(s, "reddit", HANDLE) is None  # the self-reference made no persona
        assert find_persona(s, "reddit", HANDLE + "_x") is not None


def test_a_crm_reimport_does_not_recreate_a_forgotten_customer(any_db: Database) -> None:
    csv = (
        "customer_id,name,email,reddit,youtube,forum\n"
        f"C-1,Maria Quintana,maria@example.com,{HANDLE},MQ Fixes 88,\n"
        "C-2,Other Person,other@example.com,other_person_42,,\n"
    )
    with any_db.session() as s:
        import_customers(s, any_db.settings, csv)
    with any_db.session() as s:
        customer = s.scalar(select(Customer.id).where(Customer.external_id == "C-1"))
    run_forget(
        any_db, any_db.settings, lambda s: forget_customer(s, any_db.settings, customer, "agent7")
    )
    with any_db.session() as s:
        stats = import_customers(s, any_db.settings, csv)
    assert stats.skipped == ["line 2: a forgotten customer, not imported"]
    with any_db.session() as s:
        assert s.scalar(select(Customer.id).where(Customer.external_id == "C-1")) is None
        assert find_persona(s, "reddit", HANDLE) is None
        assert find_persona(s, "youtube", "MQ Fixes 88") is None
        assert s.scalar(select(Customer.id).where(Customer.external_id == "C-2")) is not None
        other = find_persona(s, "reddit", "other_person_42")
        kept = s.scalars(select(ContactHash.kind).where(ContactHash.persona_id == other.id))
        assert sorted(kept) == ["email", "name"]  # C-2's e-mail and name only
        assert s.scalar(select(func.count(ContactHash.id))) == 2
    # the CRM id alone is enough: a row naming no forgotten account is skipped too
    with any_db.session() as s:
        stats = import_customers(s, any_db.settings, csv.replace(HANDLE, "new_handle_77"))
    assert stats.skipped == ["line 2: a forgotten customer, not imported"]


def test_a_tombstone_is_a_keyed_hash_of_the_account() -> None:
    from pipelines.identity import tombstone_digest

    key = b"k" * 32
    digest = tombstone_digest(key, "reddit", "u/Maria_Quíntana88")
    assert digest == tombstone_digest(key, "reddit", "maria_quintana88")
    assert digest != tombstone_digest(key, "youtube", "maria_quintana88")
    assert digest != tombstone_digest(key, "reddit", "mariaquintana88")  # separators count
    assert digest != tombstone_digest(b"o" * 32, "reddit", "maria_quintana88")
