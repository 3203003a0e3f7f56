"""Web processes pick up a new index version without a restart: a `listenpost serve` process
serves a ticket's suggestions while the index job (another process's work: the cluster's jobs
worker, `listenpost index`) rebuilds the knowledge index on the same data directory and
PostgreSQL; the next request serves the new version's suggestions."""

from __future__ import annotations

import json
import socket
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from config import load_settings
from pipelines.models.db import Database
from pipelines.models.records import KnowledgeDoc
from tests.cluster.support import Proc, wait_for, write_config
from tests.webapp.support import seed, token_for
from webapp.cluster_jobs import _index

pytestmark = pytest.mark.postgres


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, token: str) -> Any:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as resp:  # noqa: S310 - loopback only
        return json.loads(resp.read())


def test_a_running_web_process_serves_the_rebuilt_index(pg_url: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    config = write_config(tmp_path / "web.toml", {"home": str(home), "database_url": pg_url})
    settings = load_settings(config)
    db = Database(settings)
    db.init()
    ids = seed(db)
    tid = ids["tickets"][0]
    token = token_for(db, "ana", "agent")
    _index(settings, db)  # the index job: knowledge index built, suggestions stored

    port = _free_port()
    web = Proc(config, tmp_path / "web.log", "serve", "--port", str(port))
    try:
        url = f"http://127.0.0.1:{port}/api/tickets/{tid}/suggest"

        def serving() -> bool:
            try:
                _get(url, token)
            except OSError:
                return web.proc.poll() is not None  # exited: fail below with its log
            return True

        wait_for(serving, 120, "the web process to serve")
        assert web.proc.poll() is None, web.text()
        first = _get(url, token)
        assert not first["pending"] and first["suggestions"]
        assert "kb-new" not in {s["title"] for s in first["suggestions"]}

        with db.session() as s:  # a new article that answers the matter word for word
            s.add(KnowledgeDoc(source="kb", source_id="kb-new", title="kb-new",
                               body="I was charged twice for my router plan: both charges are "
                                    "refunded within five days.",
                               url="https://help.nubefon.example/twice", lang="en",
                               content_hash="k-new", category="billing"))  # fmt: skip
        _index(settings, db)  # the job again: a new manifest version, suggestions stored for it

        second = _get(url, token)  # the same process, not restarted
        assert not second["pending"]
        assert second["suggestions"][0]["title"] == "kb-new"
    finally:
        web.stop()
        db.dispose()
