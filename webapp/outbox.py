"""The outbox worker: a thread that publishes the queued replies every few seconds
(webapp.publisher.publish_pending), for processes that run longer than one pass: `listenpost
watch` (beside its crawls, which run in child processes) and `listenpost demo` (beside its web
server). `listenpost serve` runs none: the ticket page then says who sends a queued reply.

:class:`Periodic` is its thread: one job every few seconds until stopped (the demo also runs
the triage refresh on one)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Self

from config import Settings

logger = logging.getLogger(__name__)

EVERY = 3.0  # seconds between two passes


class Periodic:
    """``with Periodic(name, job, every):`` runs ``job()`` in a thread at once and then every
    ``every`` seconds until the block ends; a pass that fails is logged and the next one runs
    as planned."""

    def __init__(self, name: str, job: Callable[[], Any], every: float) -> None:
        self.name = name
        self.job = job
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.job()
            except Exception:  # noqa: BLE001 - a database hiccup must not end the worker
                logger.exception("%s pass failed; next in %.0f s", self.name, self.every)
            self._stop.wait(self.every)

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class OutboxWorker(Periodic):
    """``with OutboxWorker(settings, db):`` publishes every ``every`` seconds until the block
    ends."""

    def __init__(self, settings: Settings, db: Any, every: float = EVERY) -> None:
        super().__init__("outbox", self.run_once, every)
        self.settings = settings
        self.db = db
        self.passes = 0

    def run_once(self) -> dict[str, int]:
        from webapp.publisher import publish_pending

        done = publish_pending(self.settings, self.db)
        self.passes += 1
        if done["sent"] or done["failed"]:
            logger.info("outbox: %s sent, %s failed", done["sent"], done["failed"])
        return done
