"""The Celery app and the chain task.

A batch travels as JSON: each collected item (``Mention`` or ``HelpDoc``) dumped by pydantic,
tagged with its kind. The task runs :meth:`pipelines.chain.Chain.process_batch` on it: the same
stage classes in the same order, one commit per batch. Messages are acknowledged only after the
batch is committed (``task_acks_late``), and a worker that dies mid-batch (SIGKILL, lost host)
leaves its message to be delivered again (``task_reject_on_worker_lost``; a broker connection
that drops does the same); the store's upsert on (platform, source_id) keeps the second delivery
from adding anything twice. Each worker process takes one message at a time (prefetch 1).
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Celery
from kombu import Exchange, Queue
from pydantic import ValidationError
from scrapy.exceptions import DropItem

from config import Settings
from crawlers.items import HelpDoc, Item, Mention

logger = logging.getLogger(__name__)

CHAIN_TASK = "listenpost.chain_batch"

app = Celery("listenpost", set_as_current=False)
_state: dict[str, Any] = {"settings": None, "chain": None}


def jobs_queue(settings: Settings) -> str:
    """The queue of the periodic jobs (index, triage, publishing): beside the batches' queue, so
    a host can take one kind only (``listenpost worker --queues``)."""
    return f"{settings.cluster.queue}.jobs"


def _queue(name: str) -> Queue:
    """A durable queue on its own direct exchange, bound by its name."""
    return Queue(name, Exchange(name, type="direct", durable=True), routing_key=name, durable=True)


def configure(settings: Settings) -> Celery:
    """Point the app at ``[cluster] broker_url`` with the delivery guarantees the chain needs."""
    previous = _state["settings"]
    if previous is not None and previous.cluster.broker_url != settings.cluster.broker_url:
        # connections and producers of the previous broker would keep publishing there
        drop_connections()
    queue = settings.cluster.queue
    options: dict[str, Any] = {}
    if settings.cluster.broker_url.startswith(("amqp", "pyamqp")):
        # publish() returns once RabbitMQ has the message (publisher confirms)
        options["confirm_publish"] = True
    else:
        # Redis: a message not acknowledged this long is delivered again; above a batch's time
        options["visibility_timeout"] = 3600
    app.conf.update(
        broker_url=settings.cluster.broker_url,
        broker_transport_options=options,
        broker_connection_retry_on_startup=True,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_delivery_mode="persistent",
        task_default_queue=queue,
        task_queues=[_queue(queue), _queue(jobs_queue(settings))],
        task_routes={"listenpost.job.*": {"queue": jobs_queue(settings)}},
        worker_hijack_root_logger=False,
        enable_utc=True,
    )
    _state["settings"] = settings
    _state["chain"] = None
    return app


def drop_connections() -> None:
    """Close this process's broker connections; the next publish opens new ones."""
    from kombu import pools

    app.pool.force_close_all()
    app._after_fork()  # Celery's own reset of its connection and producer pools
    pools.reset()  # kombu's producer pools, kept per connection URL: closed with the connections


def encode(item: Item) -> dict[str, Any]:
    kind = "mention" if isinstance(item, Mention) else "doc"
    return {"kind": kind, "item": item.model_dump(mode="json")}


def decode(entry: dict[str, Any]) -> Item:
    """One item of a batch; ``ValueError`` naming what is wrong with it."""
    if not isinstance(entry, dict) or entry.get("kind") not in ("mention", "doc"):
        raise ValueError("a batch entry is not {'kind': 'mention' or 'doc', 'item': {...}}")
    model = Mention if entry["kind"] == "mention" else HelpDoc
    try:
        return model.model_validate(entry.get("item"))
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise ValueError(f"bad {entry['kind']} in a batch: {where}: {err['msg']}") from None


def _chain() -> Any:
    """This worker process's chain (built on first use, after the pool's fork)."""
    if _state["chain"] is None:
        from pipelines.chain import Chain

        if _state["settings"] is None:
            raise RuntimeError("the cluster app is not configured: start it with listenpost worker")
        _state["chain"] = Chain(_state["settings"])
    return _state["chain"]


@app.task(name=CHAIN_TASK, bind=True)
def chain_batch(self: Any, entries: list[dict[str, Any]]) -> dict[str, int]:
    """Run the chain on one batch; items that failed (not dropped) are retried as a batch of
    their own, ``[cluster] retries`` times with a doubling delay, then logged by source id."""
    settings: Settings = _state["settings"]
    items: list[Item] = []
    good: list[dict[str, Any]] = []
    for entry in entries:
        try:
            items.append(decode(entry))
            good.append(entry)
        except ValueError as exc:  # retrying cannot mend it
            logger.error("skipped: %s", exc)
    results = _chain().process_batch(items)
    failed = [
        (entry, result)
        for entry, result in zip(good, results, strict=True)
        if isinstance(result, Exception) and not isinstance(result, DropItem)
    ]
    if failed:
        retries = self.request.retries
        if retries < settings.cluster.retries:
            logger.warning("%d of %d items failed; retrying them", len(failed), len(items))
            countdown = settings.cluster.retry_delay * 2**retries
            raise self.retry(args=[[e for e, _ in failed]], countdown=countdown, max_retries=None)
        for entry, result in failed:
            logger.error(
                "gave up on %s %s after %d retries: %s",
                entry["kind"],
                entry["item"].get("source_id"),
                retries,
                result,
            )
    return {"items": len(items), "failed": len(failed)}
