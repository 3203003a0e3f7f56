"""API crawlers (Reddit through PRAW, YouTube through google-api-python-client).

Each module exposes ``crawl(settings, cursor, stats) -> Iterator[Item]``: a generator that yields
Mention and HelpDoc items, keeps its position in ``cursor.data`` (a JSON-able dict) and calls
``cursor.save()`` after each finished unit of work. The caller (pipelines.chain.run_source) stores
every yielded item before the generator resumes (in a cluster: enqueues it before the next save),
so a saved cursor never runs ahead of the data. A crawler whose API counts a daily quota keeps
it in ``cursor.quota`` (pipelines.quota: one count shared by every crawler host).
"""

from __future__ import annotations

from typing import Any, Protocol


class QuotaLedgerLike(Protocol):
    def spent(self, key: str, day: str) -> int: ...

    def spend(self, key: str, day: str, cost: int, need: int, limit: int) -> int | None: ...

    def exhaust(self, key: str, day: str, limit: int) -> None: ...


class CursorLike(Protocol):
    data: dict[str, Any]
    quota: QuotaLedgerLike

    def save(self) -> None: ...


class StatsLike(Protocol):
    errors: int
    quota_used: int
