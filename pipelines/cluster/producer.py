"""The crawlers' side: where collected items go when ``[cluster] broker_url`` is set.

:func:`sink_for` is the one switch. It returns None on one machine (the crawl runs the chain
itself) or an :class:`Enqueuer`, which the API crawlers' runner (``pipelines.chain.run_source``)
and Scrapy's item pipeline (``pipelines.scrapy_chain.ChainPipeline``) use in place of the chain.

Cursors. A crawl position is saved once every item before it is enqueued: the broker then holds
those items durably (a durable queue, persistent messages and, on RabbitMQ, publisher confirms:
``publish`` returns once the broker has the message), and a worker stores them later, at least
once. A crawler killed before a save repeats that stretch and the store's upsert adds nothing
twice.
"""

from __future__ import annotations

from typing import Any

from config import Settings
from crawlers.exceptions import CrawlError
from crawlers.items import Item


class BrokerError(CrawlError):
    """The broker did not take a batch (unreachable, refused); nothing after it was saved."""


class Enqueuer:
    """Publishes batches of items as chain tasks; the same calls as the chain's worker process
    (``process_batch`` answering each item, ``counts``, ``seconds``, ``close``)."""

    def __init__(self, settings: Settings) -> None:
        from pipelines.cluster.app import configure

        self.app = configure(settings)
        self.batch_size = settings.cluster.batch_size
        self.queue = settings.cluster.queue
        self.counts: dict[str, int] = {"fetched": 0}
        self.seconds: dict[str, float] = {}
        self.batches = 0

    def process_batch(self, items: list[Any]) -> list[Any]:
        """Enqueue ``items`` (in tasks of at most ``batch_size``); each item as its outcome:
        enqueued is as far as this process sees. A broker error is raised."""
        from pipelines.cluster.app import CHAIN_TASK, encode

        for start in range(0, len(items), self.batch_size):
            chunk = items[start : start + self.batch_size]
            try:
                self.app.send_task(CHAIN_TASK, args=[[encode(i) for i in chunk]], queue=self.queue)
            except Exception as exc:  # noqa: BLE001 - kombu's, amqp's or redis's connection errors
                where = _safe_url(self.app.conf.broker_url)
                raise BrokerError(f"cannot enqueue to the broker at {where}: {exc}") from None
            self.batches += 1
            self.counts["fetched"] += len(chunk)
        return list(items)

    def close(self) -> None:
        """Close the broker connections (another crawl in this process opens new ones)."""
        from pipelines.cluster.app import drop_connections

        drop_connections()


class Buffer:
    """Items of an API crawl, enqueued a batch at a time and before every cursor save."""

    def __init__(self, enqueuer: Enqueuer, lease: Any = None) -> None:
        self.enqueuer = enqueuer
        self.lease = lease  # the source's lease (or its units'): a crawl that lost one stops
        self.items: list[Item] = []

    def add(self, item: Item) -> None:
        self.items.append(item)
        if len(self.items) >= self.enqueuer.batch_size:
            self.flush()

    def flush(self) -> None:
        if self.lease is not None and self.lease.lost:
            where = getattr(self.lease, "lost_source", self.lease.source)
            raise CrawlError(f"{where}: another crawler took the lease over; stopped")
        if self.items:
            items, self.items = self.items, []
            self.enqueuer.process_batch(items)


def _safe_url(url: str) -> str:
    """The broker URL without its password."""
    from kombu.utils.url import maybe_sanitize_url

    return str(maybe_sanitize_url(url))


def sink_for(settings: Settings) -> Enqueuer | None:
    """An :class:`Enqueuer` when ``[cluster] broker_url`` is set, else None."""
    return Enqueuer(settings) if settings.cluster.broker_url else None
