"""The YouTube Data API units spent per API key and Pacific-time day (table ``youtube_quota``),
one count for every crawler process on every host, so ``[youtube] daily_quota`` holds across
hosts and no unit is counted by two of them.

A charge is one statement: ``INSERT INTO youtube_quota VALUES (:key, :day, :cost) ON CONFLICT
(key_id, day) DO UPDATE SET units = units + :cost WHERE units + :need <= :limit RETURNING units``.
The database applies it to the row atomically (PostgreSQL locks the row and checks the condition
on its latest committed value; SQLite holds its write lock), so two crawlers charging at the same
moment get the units one after the other, and the second is refused (no row returned) when the
first took what was left.

A key is named by its digest (crawlers.api.youtube_client.key_id), never by itself.
"""

from __future__ import annotations

from sqlalchemy import case, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from pipelines.models import YouTubeQuota
from pipelines.models.db import Database


class QuotaLedger:
    """Units spent per key and day, in the database every crawler shares."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def spent(self, key: str, day: str) -> int:
        row = (YouTubeQuota.key_id == key, YouTubeQuota.day == day)
        with self.db.session() as s:
            units = s.scalar(select(YouTubeQuota.units).where(*row))
        return int(units or 0)

    def spend(self, key: str, day: str, cost: int, need: int, limit: int) -> int | None:
        """Add ``cost`` units when ``need`` (the cost and what must stay available after it)
        still fits under ``limit``; the day's total, or None (nothing added) when it does not."""
        if need > limit:  # not even on a day with nothing spent
            return None
        with self.db.engine.begin() as conn:
            insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
            stmt = insert(YouTubeQuota).values(key_id=key, day=day, units=cost)
            total = conn.scalar(
                stmt.on_conflict_do_update(
                    index_elements=[YouTubeQuota.key_id, YouTubeQuota.day],
                    set_={"units": YouTubeQuota.units + cost},
                    where=YouTubeQuota.units + need <= limit,
                ).returning(YouTubeQuota.units)
            )
        return None if total is None else int(total)

    def exhaust(self, key: str, day: str, limit: int) -> None:
        """The API said the key's quota is spent: count the day as spent up to ``limit``."""
        with self.db.session() as s:
            dialect = s.get_bind().dialect.name
            insert = pg_insert if dialect == "postgresql" else sqlite_insert
            s.execute(
                insert(YouTubeQuota).values(key_id=key, day=day, units=0).on_conflict_do_nothing()
            )
            s.execute(
                update(YouTubeQuota)
                .where(YouTubeQuota.key_id == key, YouTubeQuota.day == day)
                .values(units=case((YouTubeQuota.units < limit, limit), else_=YouTubeQuota.units))
            )
