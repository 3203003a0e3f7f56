"""Storage on SQLite and PostgreSQL: migrations, the chain's writes, cursors, run summaries."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select

from pipelines.chain import Chain, Cursor, run_source
from pipelines.models import Base, CrawlRun, KnowledgeDoc, Mention
from pipelines.models.db import Database
from tests.helpers import mention


def test_migrations_create_every_table_and_match_the_models(any_db: Database) -> None:
    tables = set(inspect(any_db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    with any_db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    any_db.init()  # idempotent


def test_chain_stores_once_and_updates_edits(any_db: Database) -> None:
    settings = any_db.settings
    with Chain(settings, any_db) as chain:
        chain.process(mention("a1", "The NubeBox router drops Wi-Fi every hour"))
        chain.process(mention("a1", "The NubeBox router drops Wi-Fi every hour"))
        chain.process(mention("a2", "Second post", platform="youtube"))
        assert (chain.stats.new, chain.stats.duplicates) == (2, 1)
        chain.process(mention("a1", "The NubeBox router drops Wi-Fi every 10 minutes"))
        assert chain.stats.updated == 1
    with any_db.session() as s:
        assert s.scalar(select(func.count(Mention.id))) == 2
        row = s.scalar(select(Mention).where(Mention.source_id == "a1"))
        assert row.text.endswith("every 10 minutes")
        assert row.created_at.tzinfo is not None


def test_same_source_id_on_two_platforms_is_two_mentions(any_db: Database) -> None:
    with Chain(any_db.settings, any_db) as chain:
        chain.process(mention("x", "hello"))
        chain.process(mention("x", "hello", platform="forum"))
    with any_db.session() as s:
        assert s.scalar(select(func.count(Mention.id))) == 2


def test_cursor_round_trip_and_run_summary(any_db: Database) -> None:
    cursor = Cursor(any_db, "reddit")
    assert cursor.data == {}
    cursor.data["after"] = "t3_abc"
    cursor.save()
    cursor.data["after"] = "t3_def"
    cursor.save()
    assert Cursor(any_db, "reddit").data == {"after": "t3_def"}

    def produce(cur, stats):  # noqa: ANN001, ANN202
        yield mention("r1", "one")
        yield mention("r2", "two")
        yield mention("r1", "one")

    with Chain(any_db.settings, any_db) as chain:
        stats = run_source(chain, "test-source", produce)
    assert (stats.fetched, stats.new, stats.duplicates) == (3, 2, 1)
    with any_db.session() as s:
        run = s.scalar(select(CrawlRun).where(CrawlRun.source == "test-source"))
        assert (run.status, run.new, run.duplicates, run.fetched) == ("ok", 2, 1, 3)
        assert run.finished_at is not None


def test_failed_run_keeps_what_was_stored_and_records_the_failure(any_db: Database) -> None:
    def produce(cur, stats):  # noqa: ANN001, ANN202
        yield mention("f1", "stored before the failure")
        raise RuntimeError("network went away")

    with Chain(any_db.settings, any_db) as chain:
        try:
            run_source(chain, "flaky", produce)
        except RuntimeError:
            pass
    with any_db.session() as s:
        assert s.scalar(select(func.count(Mention.id))) == 1
        run = s.scalar(select(CrawlRun).where(CrawlRun.source == "flaky"))
        assert run.status == "failed" and "network went away" in run.message


def test_knowledge_docs_are_stored_and_deduplicated(any_db: Database) -> None:
    from crawlers.items import HelpDoc

    doc = HelpDoc(source="kb", source_id="kb-1", title="Reset", body="Hold the button 10 s.")
    with Chain(any_db.settings, any_db) as chain:
        chain.process(doc)
        chain.process(doc.model_copy())
        assert (chain.stats.new, chain.stats.duplicates) == (1, 1)
    with any_db.session() as s:
        assert s.scalar(select(func.count(KnowledgeDoc.id))) == 1
