"""A run whose process was killed (SIGKILL) is marked interrupted on the next start of any run
and by `listenpost sources`; a run whose process is alive stays running."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from config import load_settings
from pipelines.models import CrawlRun
from pipelines.models.db import Database
from pipelines.runs import GONE_MESSAGE, host_name, is_running
from tests.helpers import write_jsonl
from webapp.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _runs(home: Path) -> list[CrawlRun]:
    db = Database(load_settings(home=str(home)))
    try:
        with db.session() as s:
            rows = s.scalars(select(CrawlRun).order_by(CrawlRun.id)).all()
            s.expunge_all()
            return list(rows)
    finally:
        db.dispose()


def _sources(cli: CliRunner) -> list[dict]:
    result = cli.invoke(main, ["sources", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_is_running_tells_a_reused_pid_apart() -> None:
    me = os.getpid()
    assert is_running(me, datetime.now(UTC))
    assert not is_running(me, datetime.now(UTC) - timedelta(days=3650))  # started after the run
    assert not is_running(0, datetime.now(UTC))


def test_a_killed_import_is_marked_interrupted(cli: CliRunner, home: Path, tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "m.jsonl",
        [
            {"id": f"p{i}", "platform": "reddit", "author": f"user{i % 50}",
             "text": f"my router {i} keeps dropping the connection every evening"}
            for i in range(3000)
        ],
    )  # fmt: skip
    assert cli.invoke(main, ["init"]).exit_code == 0
    env = {**os.environ, "LISTENPOST_HOME": str(home), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "webapp.cli", "import", "mentions", str(path)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not _runs(home) and time.monotonic() < deadline:
            assert proc.poll() is None, "the import ended before it could be killed"
            time.sleep(0.2)
        assert [r.status for r in _runs(home)] == ["running"]
        # alive: listing the runs leaves it running
        assert [r["status"] for r in _sources(cli)] == ["running"]
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert [r.status for r in _runs(home)] == ["running"]  # nobody finished the row

    sources = _sources(cli)
    assert [(r["status"], r["message"]) for r in sources] == [("interrupted", GONE_MESSAGE)]
    assert sources[0]["finished_at"] is not None

    # the next run marks a killed one too, and finishes its own
    row = _runs(home)[0]
    db = Database(load_settings(home=str(home)))
    with db.session() as s:
        s.get(CrawlRun, row.id).status = "running"
    db.dispose()
    small = write_jsonl(tmp_path / "s.jsonl", [{"id": "x", "platform": "reddit", "author": "a",
                                               "text": "billed twice"}])  # fmt: skip
    assert cli.invoke(main, ["import", "mentions", str(small)]).exit_code == 0
    assert [r.status for r in _runs(home)] == ["interrupted", "ok"]


def test_runs_of_another_host_are_left_alone(cli: CliRunner, home: Path) -> None:
    assert cli.invoke(main, ["init"]).exit_code == 0
    dead = subprocess.Popen([sys.executable, "-c", "pass"])  # noqa: S603
    dead.wait()
    db = Database(load_settings(home=str(home)))
    with db.session() as s:
        s.add(CrawlRun(source="a", status="running", pid=dead.pid, host="elsewhere"))
        s.add(CrawlRun(source="b", status="running", pid=dead.pid, host=host_name()))
    db.dispose()
    assert {r["source"]: r["status"] for r in _sources(cli)} == {
        "a": "running",
        "b": "interrupted",
    }
