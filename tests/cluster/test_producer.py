"""The crawlers' producer on the machine's real broker."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from config import load_settings
from pipelines.cluster.app import configure, jobs_queue
from pipelines.cluster.producer import Enqueuer
from tests.cluster.support import broker_url, delete_queues
from tests.helpers import mention, write_jsonl
from webapp.cli import main

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


def test_an_import_in_a_cluster_says_how_many_items_it_enqueued(
    pg_url: str, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers store, so the run's line counts what went to them, not "0 new"."""
    queue = f"listenpost-test-{uuid.uuid4().hex[:10]}"
    cluster = {"broker_url": broker_url(), "queue": queue}
    settings = load_settings(home=str(home), database_url=pg_url, cluster=cluster)
    app = configure(settings)
    monkeypatch.setenv("LISTENPOST_HOME", str(home))
    monkeypatch.setenv("LISTENPOST_DATABASE_URL", pg_url)
    monkeypatch.setenv("LISTENPOST_CLUSTER__BROKER_URL", cluster["broker_url"])
    monkeypatch.setenv("LISTENPOST_CLUSTER__QUEUE", queue)
    records = [{"id": f"p{n}", "platform": "reddit", "author": "a", "text": "billed twice"}
               for n in range(3)]  # fmt: skip
    path = write_jsonl(tmp_path / "m.jsonl", records)
    try:
        result = CliRunner().invoke(main, ["import", "mentions", str(path)])
        assert result.exit_code == 0, result.output
        assert result.output == "3 enqueued for the pipeline workers, 0 errors\n"
        as_json = CliRunner().invoke(main, ["import", "mentions", str(path), "--json"])
        assert json.loads(as_json.output)["fetched"] == 3
        with app.connection_for_write() as conn:
            ready = conn.default_channel.queue_declare(queue, passive=True).message_count
        assert ready == 2
    finally:
        delete_queues(app, [queue, jobs_queue(settings)])
