"""API crawlers (Reddit through PRAW, YouTube through google-api-python-client).

Each module exposes ``crawl(settings, cursor, stats) -> Iterator[Item]``: a generator that yields
Mention and HelpDoc items, keeps its position in ``cursor.data`` (a JSON-able dict) and calls
``cursor.save()`` after each finished unit of work. The caller (pipelines.chain.run_source) stores
every yielded item before the generator resumes (in a cluster: enqueues it before the next save),
so a saved cursor never runs ahead of the data.
"""

from __future__ import annotations

from typing import Any, Protocol


class CursorLike(Protocol):
    data: dict[str, Any]

    def save(self) -> None: ...


class StatsLike(Protocol):
    errors: int
    quota_used: int
