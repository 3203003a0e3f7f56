"""Data files are private: after init, import, kb import and index every file under the home is
0600 and every directory 0700, including what an older version left readable."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from tests.helpers import write_jsonl

ROOT = Path(__file__).resolve().parents[1]


def _modes(home: Path) -> dict[str, str]:
    out = {}
    for root, dirs, files in os.walk(home):
        for name in dirs + files:
            path = Path(root, name)
            out[str(path.relative_to(home))] = oct(stat.S_IMODE(path.lstat().st_mode))
    out["."] = oct(stat.S_IMODE(home.stat().st_mode))
    return out


def _listenpost(home: Path, *args: str) -> None:
    env = {**os.environ, "LISTENPOST_HOME": str(home), "PYTHONPATH": str(ROOT)}
    subprocess.run(  # noqa: S603 - our own interpreter and command, under the shell's umask
        [sys.executable, "-m", "webapp.cli", *args], env=env, check=True, capture_output=True
    )


def test_every_data_file_is_0600_and_every_directory_0700(home: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)  # a usual login umask: without care, files would be 0644
    try:
        home.mkdir(mode=0o755)
        (home / "index").mkdir(mode=0o755)
        (home / "index" / "old.manifest.json").write_text("{}")
        (home / "notes.txt").write_text("the user's own file")
        mentions = write_jsonl(
            tmp_path / "m.jsonl",
            [{"id": "a", "platform": "reddit", "author": "maria", "text": "billed twice"}],
        )
        kb = write_jsonl(
            tmp_path / "kb.jsonl", [{"id": "kb-1", "title": "Billing", "body": "Refunds in 5 days"}]
        )
        _listenpost(home, "init")
        _listenpost(home, "import", "mentions", str(mentions))
        _listenpost(home, "kb", "import", str(kb))
        _listenpost(home, "index")
    finally:
        os.umask(old)
    modes = _modes(home)
    assert modes.pop("notes.txt") == "0o644"  # not listenpost's: left as it was
    for name in (
        "listenpost.db",
        "identity_key",
        "index/mentions.faiss",
        "models/complaint.joblib",
    ):
        assert name in modes
    wrong = {
        name: mode
        for name, mode in modes.items()
        if mode != ("0o700" if (home / name).is_dir() else "0o600")
    }
    assert wrong == {}


def test_scrapy_crawl_alone_creates_private_files() -> None:
    from scrapy.settings import Settings as ScrapySettings

    from config import load_settings
    from crawlers.spiders.discourse import DiscourseSpider

    old = os.umask(0o022)
    try:
        DiscourseSpider.update_settings(ScrapySettings({"LISTENPOST_SETTINGS": load_settings()}))
        assert os.umask(0o022) == 0o077
    finally:
        os.umask(old)
