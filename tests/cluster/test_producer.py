"""The crawlers' producer on the machine's real broker."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from config import load_settings
from pipelines.cluster.app import configure, jobs_queue
from pipelines.cluster.producer import Enqueuer
from tests.cluster.support import broker_url, delete_queues
from tests.helpers import mention

pytestmark = pytest.mark.cluster


def test_crawls_one_after_another_in_one_process_each_enqueue(pg_url: str, home: Path) -> None:
    """A closed producer leaves the process able to enqueue the next source's crawl."""
    queue = f"listenpost-test-{uuid.uuid4().hex[:10]}"
    cluster = {"broker_url": broker_url(), "queue": queue}
    settings = load_settings(home=str(home), database_url=pg_url, cluster=cluster)
    app = configure(settings)
    try:
        for n in range(2):
            enqueuer = Enqueuer(settings)
            enqueuer.process_batch([mention(source_id=f"t3_p{n}")])
            enqueuer.close()
        with app.connection_for_write() as conn:
            ready = conn.default_channel.queue_declare(queue, passive=True).message_count
        assert ready == 2
    finally:
        delete_queues(app, [queue, jobs_queue(settings)])
