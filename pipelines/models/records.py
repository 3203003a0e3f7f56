"""SQLAlchemy 2 models for the records in DESIGN.md. Schema changes go through Alembic
(pipelines/models/migrations); tests check that the models and the migrations agree."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from crawlers.items import FAR_FUTURE, as_utc, clamp_date, utcnow


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores naive values). Values read
    back lie between 1990 and the year 9000 (crawlers.items.clamp_date), so a row stored out of
    range cannot break the date arithmetic of whoever reads it."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else as_utc(value)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else clamp_date(value, FAR_FUTURE)


class SourceDateTime(UTCDateTime):
    """A date a source gave (a post's, an article's): read back within the range the item
    schema accepts (1990 to a day from now)."""

    cache_ok = True

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else clamp_date(value)


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customer"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(String(255))
    external_id: Mapped[str | None] = mapped_column(String(255), unique=True)  # CRM id
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # identity: a merged CRM customer stays as an alias pointing at the survivor
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer.id", ondelete="SET NULL")
    )

    personas: Mapped[list[Persona]] = relationship(back_populates="customer")


class Persona(Base):
    """One account on one platform."""

    __tablename__ = "persona"
    __table_args__ = (UniqueConstraint("platform", "handle"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    handle: Mapped[str] = mapped_column(String(255))
    author_id: Mapped[str | None] = mapped_column(String(255))
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # identity: the handle as matched (case-folded, no u/ or @), and whether an agent
    # placed the persona (automatic linking never moves a pinned persona to another customer)
    handle_key: Mapped[str | None] = mapped_column(String(255), index=True)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)

    customer: Mapped[Customer | None] = relationship(back_populates="personas")


class PersonaLink(Base):
    """Evidence that two personas are one customer, with a confidence. status: auto (joined
    above the threshold), proposed (below it, for an agent), confirmed, rejected (a split)."""

    __tablename__ = "persona_link"
    __table_args__ = (UniqueConstraint("persona_a_id", "persona_b_id", "evidence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    persona_a_id: Mapped[int] = mapped_column(ForeignKey("persona.id", ondelete="CASCADE"))
    persona_b_id: Mapped[int] = mapped_column(ForeignKey("persona.id", ondelete="CASCADE"))
    evidence: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16), default="proposed")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by: Mapped[str | None] = mapped_column(String(64))  # the agent who confirmed/rejected
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ContactHash(Base):
    """A contact detail (order number, e-mail, phone) a persona mentioned in public or the CRM
    holds, kept only as a keyed hash (HMAC-SHA256) so that two personas can be matched on it."""

    __tablename__ = "contact_hash"
    __table_args__ = (UniqueConstraint("persona_id", "kind", "digest"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    persona_id: Mapped[int] = mapped_column(ForeignKey("persona.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    digest: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Tombstone(Base):
    """A forgotten account (or CRM id), kept only as a keyed hash of "platform:handle" (HMAC-SHA256
    with the contact-detail key), so that re-crawls and CRM re-imports do not bring it back."""

    __tablename__ = "tombstone"

    id: Mapped[int] = mapped_column(primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Ticket(Base):
    """One customer and one matter, across channels."""

    __tablename__ = "ticket"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    priority: Mapped[float] = mapped_column(Float, default=0.0)
    topic: Mapped[str | None] = mapped_column(String(64))
    team: Mapped[str | None] = mapped_column(String(64))
    assignee: Mapped[str | None] = mapped_column(String(64))
    reassigned: Mapped[bool] = mapped_column(Boolean, default=False)
    sla_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the earliest post's created_at: ticket times run from when the customer wrote
    first_post_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # listenpost mention ids of the posts that state the problem (not follow-ups)
    matter: Mapped[list | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Mention(Base):
    __tablename__ = "mention"
    __table_args__ = (
        UniqueConstraint("platform", "source_id"),
        Index("ix_mention_created_at", "created_at"),
        Index("ix_mention_thread", "platform", "thread_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    source_id: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16), default="post")
    thread_id: Mapped[str | None] = mapped_column(String(255))
    parent_id: Mapped[str | None] = mapped_column(String(255))
    url: Mapped[str | None] = mapped_column(Text)
    persona_id: Mapped[int | None] = mapped_column(
        ForeignKey("persona.id", ondelete="SET NULL"), index=True
    )
    author: Mapped[str] = mapped_column(String(255))
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    lang: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(SourceDateTime)
    collected_at: Mapped[datetime] = mapped_column(SourceDateTime, default=utcnow)
    score: Mapped[int] = mapped_column(Integer, default=0)
    replies: Mapped[int] = mapped_column(Integer, default=0)
    views: Mapped[int] = mapped_column(Integer, default=0)
    by_brand: Mapped[bool] = mapped_column(Boolean, default=False)
    content_type: Mapped[str] = mapped_column(String(16), default="mention")
    raw: Mapped[dict | None] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("mention.id", ondelete="SET NULL")
    )
    # understanding
    is_complaint: Mapped[bool | None] = mapped_column(Boolean)
    complaint_score: Mapped[float | None] = mapped_column(Float)
    sentiment: Mapped[str | None] = mapped_column(String(16))
    sentiment_score: Mapped[float | None] = mapped_column(Float)
    severity: Mapped[list | None] = mapped_column(JSON)
    # complaint, question, praise, answer or other; whether the brand owes it a public reply now
    role: Mapped[str | None] = mapped_column(String(16))
    needs_reply: Mapped[bool | None] = mapped_column(Boolean)
    status: Mapped[str | None] = mapped_column(String(16))
    priority: Mapped[float | None] = mapped_column(Float)
    topic: Mapped[str | None] = mapped_column(String(64))
    team: Mapped[str | None] = mapped_column(String(64))
    ticket_id: Mapped[int | None] = mapped_column(
        ForeignKey("ticket.id", ondelete="SET NULL"), index=True
    )

    persona: Mapped[Persona | None] = relationship()

    def __repr__(self) -> str:  # no post text in reprs or logs
        return f"<Mention {self.id} {self.platform}:{self.source_id}>"


class KnowledgeDoc(Base):
    """Own KB article (source="kb") or third-party help content (source="third_party")."""

    __tablename__ = "knowledge_doc"
    __table_args__ = (UniqueConstraint("source", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[str] = mapped_column(String(255))
    platform: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(16))
    author: Mapped[str | None] = mapped_column(String(255))
    score: Mapped[int] = mapped_column(Integer, default=0)
    category: Mapped[str | None] = mapped_column(String(64))
    trust: Mapped[float] = mapped_column(Float, default=1.0)
    fetched_at: Mapped[datetime] = mapped_column(SourceDateTime, default=utcnow)
    content_hash: Mapped[str] = mapped_column(String(64))

    def __repr__(self) -> str:
        return f"<KnowledgeDoc {self.id} {self.source}:{self.source_id}>"


class KnowledgeChunk(Base):
    """A retrievable part of a knowledge document (its title and a few paragraphs): the ids of
    the knowledge indexes. Kept by the indexer (indexer.chunks): rewritten when the document's
    content hash changes, dropped with the document."""

    __tablename__ = "knowledge_chunk"
    __table_args__ = (UniqueConstraint("doc_id", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[int] = mapped_column(
        ForeignKey("knowledge_doc.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    doc_hash: Mapped[str] = mapped_column(String(64))  # the document's content_hash when split
    content_hash: Mapped[str] = mapped_column(String(64))


class Reply(Base):
    """draft -> queued -> sent or failed. The idempotency key keeps a reply from going twice."""

    __tablename__ = "reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("mention.id", ondelete="CASCADE"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    remote_id: Mapped[str | None] = mapped_column(String(255))
    agent: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CrawlState(Base):
    """The cursor of one source, so crawls resume and never re-import."""

    __tablename__ = "crawl_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(255), unique=True)
    cursor: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class CrawlRun(Base):
    """The summary of one run of one source (`listenpost sources`)."""

    __tablename__ = "crawl_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(255), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="running")
    fetched: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    quota_used: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str | None] = mapped_column(Text)
    # the process running it (pipelines/runs.py marks killed runs interrupted)
    pid: Mapped[int | None] = mapped_column(Integer)
    host: Mapped[str | None] = mapped_column(String(255))


class SourceLease(Base):
    """Which crawler holds a source, until when (pipelines.cluster.lease; a cluster only)."""

    __tablename__ = "source_lease"

    source: Mapped[str] = mapped_column(String(255), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(128))  # host:pid
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class YouTubeQuota(Base):
    """YouTube Data API units spent per API key (a digest) and Pacific-time day, by every
    crawler host together (pipelines.quota)."""

    __tablename__ = "youtube_quota"

    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # YYYY-MM-DD
    units: Mapped[int] = mapped_column(Integer, default=0)


class IndexVersion(Base):
    """An index's version as its writer published it, known on every host (indexer.version)."""

    __tablename__ = "index_version"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[str] = mapped_column(String(64))
    host: Mapped[str | None] = mapped_column(String(255))  # the writer's, where the files are
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    target_type: Mapped[str | None] = mapped_column(String(32))
    target_id: Mapped[str | None] = mapped_column(String(255))
    detail: Mapped[dict | None] = mapped_column(JSON)


# -- the web app: accounts, API tokens, ticket notes, complaint feedback -------------


class User(Base):
    """A person who logs in. role: agent, knowledge, marketing or admin."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # a login cookie names the version it was issued under: logout and a new password raise it,
    # which ends every session of the user
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    def __repr__(self) -> str:  # no hashes in reprs
        return f"<User {self.id} {self.role}>"


class ApiToken(Base):
    """A bearer token for the JSON API, kept only as its SHA-256."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} user={self.user_id}>"


class LoginThrottle(Base):
    """Failed logins of one key (a keyed hash of an address, an account or a device) in the
    window that started at ``window_start``; shared by every web process (webapp.throttle)."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class CacheGeneration(Base):
    """A counter that every process's in-memory caches compare with the one they were filled
    under. ``forget`` raises the "forget" generation in the transaction that deletes the person,
    so no cache (gaps, filter menus, suggestion sources) shows them afterwards."""

    __tablename__ = "cache_generation"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class TicketNote(Base):
    """An internal note on a ticket (never published)."""

    __tablename__ = "ticket_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ComplaintFeedback(Base):
    """An agent's correction of the classifier ("not a complaint"), kept for retraining."""

    __tablename__ = "complaint_feedback"
    __table_args__ = (UniqueConstraint("mention_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("mention.id", ondelete="CASCADE"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id", ondelete="SET NULL"))
    label: Mapped[str] = mapped_column(String(32))
    agent: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class StoredSuggestion(Base):
    """The suggested answers of one post, computed outside the web request (webapp.suggestions):
    the indexer's hits (doc_id, score, draft) while the knowledge index (``kb_version``) and the
    post (``mention_key``) are the ones they were computed from."""

    __tablename__ = "mention_suggestion"

    mention_id: Mapped[int] = mapped_column(
        ForeignKey("mention.id", ondelete="CASCADE"), primary_key=True
    )
    kb_version: Mapped[str] = mapped_column(String(64))
    mention_key: Mapped[str] = mapped_column(String(64))
    hits: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class GapReport(Base):
    """A computed knowledge-gap report (indexer.gap_store): the gaps of the last ``since_days``
    days as of ``computed_at``, with a digest of what they were computed from (``inputs``), so
    the pages read it and a command recomputes only when posts or articles changed."""

    __tablename__ = "gap_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    since_days: Mapped[float] = mapped_column(Float, index=True)
    inputs: Mapped[str] = mapped_column(String(64))
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    report: Mapped[dict] = mapped_column(JSON)


class JobHeartbeat(Base):
    """When a job last ran (``name``: "outbox" for the publisher), so the pages can say whether
    anything is running it (webapp.outbox)."""

    __tablename__ = "job_heartbeat"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# The triage queue's order (reassigned first, then priority, then the nearest SLA), so a page
# of the queue is an index walk, and the queue's channel/language filters as a covering index.
Index(
    "ix_ticket_queue",
    Ticket.reassigned.desc(),
    Ticket.priority.desc(),
    Ticket.sla_due_at,
    Ticket.id,
)
Index("ix_mention_ticket_filters", Mention.ticket_id, Mention.platform, Mention.lang)
# The queue lists tickets with a post that needs a reply: one index probe per ticket.
Index("ix_mention_needs_reply", Mention.ticket_id, Mention.needs_reply)
# The queue's counts per status under the "mine", assignee and team filters: an index range.
Index("ix_ticket_assignee_status", Ticket.assignee, Ticket.status)
Index("ix_ticket_team_status", Ticket.team, Ticket.status)
# The ticket page: a customer's link evidence (either side) and a ticket's outbox.
Index("ix_persona_link_b", PersonaLink.persona_b_id)
Index("ix_reply_ticket_id", Reply.ticket_id)
