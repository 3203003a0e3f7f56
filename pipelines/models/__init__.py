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
    IndexVersion,
    JobHeartbeat,
    KnowledgeChunk,
    KnowledgeDoc,
    Mention,
    Persona,
    PersonaLink,
    Reply,
    SourceLease,
    StoredSuggestion,
    Ticket,
    Tombstone,
    YouTubeQuota,
)

# the statuses of a ticket not closed: the customer may still be waiting on the brand
OPEN_STATUSES = ("open", "active", "pending")

__all__ = [
    "OPEN_STATUSES",
    "AuditLog",
    "Base",
    "CacheGeneration",
    "ContactHash",
    "CrawlRun",
    "CrawlState",
    "Customer",
    "GapReport",
    "IndexVersion",
    "JobHeartbeat",
    "KnowledgeChunk",
    "KnowledgeDoc",
    "Mention",
    "Persona",
    "PersonaLink",
    "Reply",
    "SourceLease",
    "StoredSuggestion",
    "Ticket",
    "Tombstone",
    "YouTubeQuota",
]
