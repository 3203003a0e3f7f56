"""The pieces of the cluster tests: the broker under test, `listenpost` subprocesses, a user
config file, and waiting for the workers to finish the queue."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BROKER_ENV = "LISTENPOST_TEST_BROKER_URL"


def broker_url() -> str:
    """The broker under test, or skip: unset, or unreachable outside CI."""
    url = os.environ.get(BROKER_ENV)
    if not url:
        pytest.skip(f"cluster tests need {BROKER_ENV} (set by .ci/run)")
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=3) as conn:
            conn.ensure_connection(max_retries=1)
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        if os.environ.get("CI"):
            raise
        pytest.skip(f"the broker at {url} is not reachable: {exc}")
    return url


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def write_config(path: Path, data: dict[str, Any]) -> Path:
    """A user TOML file: top-level keys, then one table per section."""
    lines = [f"{k} = {_toml_value(v)}" for k, v in data.items() if not isinstance(v, dict)]
    for name, section in data.items():
        if isinstance(section, dict):
            lines.append(f"[{name}]")
            lines += [f"{k} = {_toml_value(v)}" for k, v in section.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class Proc:
    """A `listenpost` subprocess in its own session (killed with its children), output in a
    file."""

    def __init__(self, config: Path, log: Path, *args: str) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "LISTENPOST_CONFIG": str(config),
            "HF_HUB_OFFLINE": "1",
            "OMP_NUM_THREADS": "1",
        }
        self.log = log
        self._out = log.open("ab")
        self.proc = subprocess.Popen(  # noqa: S603 - our own interpreter and command
            [sys.executable, "-m", "webapp.cli", "-v", *args],
            cwd=ROOT,
            env=env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def kill(self) -> None:
        """SIGKILL the process and its children (a host that dies)."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=30)
        self._out.close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                self.kill()
        self._out.close()

    def wait(self, timeout: float) -> int:
        code = self.proc.wait(timeout=timeout)
        self._out.close()
        return code


def wait_for(check: Any, timeout: float, what: str, step: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(step)


def wait_drained(app: Any, queues: list[str], timeout: float) -> None:
    """Until no message is ready in ``queues`` and no worker holds one, twice in a row."""
    calm = 0
    deadline = time.monotonic() + timeout
    while calm < 2:
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the workers to empty the queue")
        with app.connection_for_write() as conn:
            ready = sum(
                conn.default_channel.queue_declare(q, passive=True).message_count for q in queues
            )
        inspect = app.control.inspect(timeout=1.0)
        held = [
            task
            for reply in (inspect.active() or {}, inspect.reserved() or {})
            for tasks in reply.values()
            for task in tasks
        ]
        calm = calm + 1 if not ready and not held else 0
        time.sleep(1.0)


def delete_queues(app: Any, queues: list[str]) -> None:
    with app.connection_for_write() as conn:
        for q in queues:
            try:
                conn.default_channel.queue_delete(q)
            except Exception:  # noqa: BLE001, S110 - already gone
                pass


def delete_keys(redis_url: str, prefix: str) -> None:
    """The Redis keys of a test's cluster (near-duplicates, shared crawls)."""
    import redis

    client = redis.Redis.from_url(redis_url)
    for name in client.scan_iter(f"{prefix}:*", count=1000):
        client.delete(name)
    client.close()
