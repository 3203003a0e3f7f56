"""Storage: the SQLAlchemy models (records), the engine and sessions (db) and the Alembic
migrations."""

from pipelines.models.records import (
    AuditLog,
    Base,
    CacheGeneration,
    ContactHash,
    CrawlRun,
    CrawlState,
    Customer,
    GapReport,
    JobHeartbeat,
    KnowledgeChunk,
    KnowledgeDoc,
    Mention,
    Persona,
    PersonaLink,
    Reply,
    StoredSuggestion,
    Ticket,
    Tombstone,
)

__all__ = [
    "AuditLog",
    "Base",
    "CacheGeneration",
    "ContactHash",
    "CrawlRun",
    "CrawlState",
    "Customer",
    "GapReport",
    "JobHeartbeat",
    "KnowledgeChunk",
    "KnowledgeDoc",
    "Mention",
    "Persona",
    "PersonaLink",
    "Reply",
    "StoredSuggestion",
    "Ticket",
    "Tombstone",
]
