"""The outbox worker: a thread that publishes the queued replies every few seconds
(webapp.publisher.publish_pending), for processes that run longer than one pass: `listenpost
watch` (beside its crawls, which run in child processes) and `listenpost demo` (beside its web
server). `listenpost serve` runs none: the ticket page then says who sends a queued reply."""

from __future__ import annotations

import logging
import threading
from typing import Any

from config import Settings

logger = logging.getLogger(__name__)

EVERY = 3.0  # seconds between two passes


class OutboxWorker:
    """``with OutboxWorker(settings, db):`` publishes every ``every`` seconds until the block
    ends; a pass that fails is logged and the next one runs as planned."""

    def __init__(self, settings: Settings, db: Any, every: float = EVERY) -> None:
        self.settings = settings
        self.db = db
        self.every = every
        self.passes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox", daemon=True)

    def run_once(self) -> dict[str, int]:
        from webapp.publisher import publish_pending

        done = publish_pending(self.settings, self.db)
        self.passes += 1
        if done["sent"] or done["failed"]:
            logger.info("outbox: %s sent, %s failed", done["sent"], done["failed"])
        return done

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:  # noqa: BLE001 - a database hiccup must not end the worker
                logger.exception("outbox pass failed; next in %.0f s", self.every)
            self._stop.wait(self.every)

    def start(self) -> OutboxWorker:
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def __enter__(self) -> OutboxWorker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
