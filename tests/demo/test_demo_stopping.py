"""`listenpost demo` as a real process: a signal stops it while it serves and while it loads,
and what it was loading is either stored whole or not at all."""

from __future__ import annotations

import re
import signal
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import func, select

from config import load_settings
from pipelines.models import CrawlRun, KnowledgeDoc, Mention
from pipelines.models.db import Database
from pipelines.runs import mark_interrupted
from tests.webapp.test_stopping import LIMIT, listenpost, stop, wait_for_line

pytestmark = pytest.mark.slow


def test_demo_stops_on_sigint_while_serving(tmp_path: Path) -> None:
    proc = listenpost(tmp_path / "home", "demo", "--port", "0")
    url = wait_for_line(proc, "serving at", timeout=600).split()[-1]
    with urllib.request.urlopen(url + "login", timeout=30) as page:  # noqa: S310 - loopback
        assert page.status == 200
    took, out, err = stop(proc, signal.SIGINT, "demo (serving)")
    assert took < LIMIT
    assert proc.returncode == 0, err
    assert out.rstrip().endswith("stopped")


def test_demo_stops_on_sigterm_while_loading(tmp_path: Path) -> None:
    home = tmp_path / "home"
    proc = listenpost(home, "demo", "--port", "0")
    before = wait_for_line(proc, "crawled reddit", timeout=600)  # the YouTube crawl is next
    took, out, err = stop(proc, signal.SIGTERM, "demo (loading)")
    assert took < LIMIT
    assert proc.returncode == 0, err
    assert "serving at" not in out and out.rstrip().endswith("stopped")
    db = Database(load_settings(home=str(home / "demo")))  # the demo's data, apart from home
    with db.session() as s:
        # a signal landing in a run's own bookkeeping leaves it "running": the next start of any
        # run marks it interrupted, as here
        mark_interrupted(s)
        s.commit()
        runs = s.scalars(select(CrawlRun).order_by(CrawlRun.id)).all()
        stored = s.scalar(select(func.count()).select_from(Mention)) + s.scalar(
            select(func.count()).select_from(KnowledgeDoc)
        )
    db.dispose()
    assert runs and all(r.status in ("ok", "interrupted") and r.finished_at for r in runs)
    assert runs[0].source == "reddit" and runs[0].status == "ok"
    # every post and help document counted as new is stored, and nothing else: no half-stored
    # batch (the demo's history, then the crawls; the KB import comes after them)
    [history] = [line for line in before.splitlines() if "answered posts" in line]
    counted = int(re.search(r"(\d+) new", history)[1])  # type: ignore[index]
    assert stored == counted + sum(r.new for r in runs if r.source in ("reddit", "youtube"))
