"""Sources leased to one crawler at a time through the database (table ``source_lease``).

A crawler in a cluster takes its source's lease before it fetches anything and keeps renewing it
while it crawls; another crawler that finds the lease held and not expired skips that source, so
two hosts never spend the same API quota or crawl the same site at once. A crawler that dies
stops renewing: its lease expires after ``[cluster] lease_seconds`` and the next crawler takes it
over (its cursor, saved only behind what was enqueued, says where to resume). Reddit and YouTube
are leased by unit instead (:class:`UnitLeases`: each search, each watched subreddit, the
re-check of known threads; each YouTube search, the tracked videos, each brand channel), so
crawlers on several hosts split one source.

PostgreSQL: the row is read with ``SELECT ... FOR UPDATE SKIP LOCKED`` (a crawler taking the same
lease at that moment holds the row: the source is being taken, skip it). SQLite: one conditional
``UPDATE`` (the database file's write lock serialises it).
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from crawlers.items import as_utc, utcnow
from pipelines.models import SourceLease
from pipelines.models.db import Database
from pipelines.runs import host_name

logger = logging.getLogger(__name__)

# Sources whose crawler leases each unit of work on its own (:class:`UnitLeases`): every Reddit
# search and watched subreddit, every YouTube search, the tracked videos and each brand channel.
# The others are leased whole (:class:`Lease`).
BY_UNIT = frozenset({"reddit", "youtube"})


def holder_name() -> str:
    """This process, as a lease names its holder: host:pid."""
    return f"{host_name()}:{os.getpid()}"[:128]


class Lease:
    """One source's lease for this process: :meth:`take`, then renewed by a thread until
    :meth:`release`. ``lost`` turns true when a renewal finds another holder."""

    def __init__(self, db: Database, source: str, seconds: float) -> None:
        self.db = db
        self.source = source
        self.seconds = seconds
        self.holder = holder_name()
        self.lost = False
        self.other: tuple[str | None, datetime | None] = (None, None)  # who holds it, until when
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _expiry(self, now: datetime) -> datetime:
        return now + timedelta(seconds=self.seconds)

    def take(self) -> bool:
        """True when this process now holds the lease (free, expired or already its own)."""
        now = utcnow()
        with self.db.session() as s:
            dialect = s.get_bind().dialect.name
            insert = pg_insert if dialect == "postgresql" else sqlite_insert
            s.execute(insert(SourceLease).values(source=self.source).on_conflict_do_nothing())
            s.commit()
            if dialect == "postgresql":
                query = select(SourceLease).where(SourceLease.source == self.source)
                row = s.scalar(query.with_for_update(skip_locked=True))
                if row is None:  # another crawler is taking it this moment
                    self.other = (None, None)
                    return False
                free = row.holder in (None, self.holder) or as_utc(row.expires_at) <= now
                if not free:
                    self.other = (row.holder, row.expires_at)
                    return False
                row.holder, row.expires_at = self.holder, self._expiry(now)
                return True
            taken = s.execute(
                update(SourceLease)
                .where(
                    SourceLease.source == self.source,
                    or_(
                        SourceLease.holder.is_(None),
                        SourceLease.holder == self.holder,
                        SourceLease.expires_at <= now,
                    ),
                )
                .values(holder=self.holder, expires_at=self._expiry(now))
            ).rowcount
            if not taken:
                row = s.scalar(select(SourceLease).where(SourceLease.source == self.source))
                self.other = (row.holder, row.expires_at) if row else (None, None)
            return bool(taken)

    def renew(self) -> bool:
        """Push the expiry on; False (and ``lost``) when the lease is no longer this process's."""
        with self.db.session() as s:
            kept = s.execute(
                update(SourceLease)
                .where(SourceLease.source == self.source, SourceLease.holder == self.holder)
                .values(expires_at=self._expiry(utcnow()))
            ).rowcount
        if not kept:
            self.lost = True
        return bool(kept)

    def _renewing(self) -> None:
        while not self._stop.wait(self.seconds / 3):
            try:
                if not self.renew():
                    logger.error("%s: the lease was taken over by another crawler", self.source)
                    return
            except Exception:  # the database unreachable: try again on the next turn
                logger.exception("%s: renewing the lease failed", self.source)

    def keep(self) -> None:
        """Renew every third of the lease's length on a thread until :meth:`release`."""
        self._thread = threading.Thread(
            target=self._renewing, name=f"lease-{self.source}", daemon=True
        )
        self._thread.start()

    def release(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        with self.db.session() as s:
            s.execute(
                update(SourceLease)
                .where(SourceLease.source == self.source, SourceLease.holder == self.holder)
                .values(holder=None, expires_at=None)
            )

    def describe_other(self) -> str:
        holder, until = self.other
        if holder is None:
            return f"{self.source} is being taken by another crawler"
        return f"{self.source} is leased to {holder} until {as_utc(until):%Y-%m-%d %H:%M:%S} UTC"  # type: ignore[arg-type]


def unit_lease_name(source: str, unit: str) -> str:
    """``source:unit``, within the table's 255 characters (a long unit keeps a digest)."""
    name = f"{source}:{unit}"
    if len(name) <= 255:
        return name
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
    return f"{name[:238]}#{digest}"


class UnitLeases:
    """The units of one API source (each Reddit or YouTube search, ...), leased one by one
    as the crawl reaches them (``claim``), so crawlers on several hosts split a source's work and
    never spend quota on the same unit. Held until :meth:`release`, renewed meanwhile."""

    def __init__(self, db: Database, source: str, seconds: float) -> None:
        self.db = db
        self.source = source
        self.seconds = seconds
        self.held: dict[str, Lease] = {}
        self.skipped: list[str] = []  # one line per unit another crawler holds

    def claim(self, unit: str) -> bool:
        """True when this process holds ``unit`` (now or already); else logs who does."""
        name = unit_lease_name(self.source, unit)
        if name in self.held:
            return True
        lease = Lease(self.db, name, self.seconds)
        if not lease.take():
            self.skipped.append(lease.describe_other())
            logger.warning("%s; skipped", self.skipped[-1])
            return False
        lease.keep()
        self.held[name] = lease
        return True

    @property
    def lost(self) -> bool:
        return any(lease.lost for lease in self.held.values())

    @property
    def lost_source(self) -> str:
        return next((n for n, lease in self.held.items() if lease.lost), self.source)

    def release(self) -> None:
        for lease in self.held.values():
            lease.release()
