"""The Alembic migrations form one line: each file's revision is its number and revises the one
before it, so parallel branches that picked the same number are caught here, not at `init`."""

from __future__ import annotations

import re
from pathlib import Path

VERSIONS = Path(__file__).resolve().parents[2] / "pipelines/models/migrations/versions"


def _ids(path: Path) -> tuple[str, str | None]:
    text = path.read_text(encoding="utf-8")
    rev = re.search(r'^revision = "([^"]+)"', text, re.M)
    down = re.search(r'^down_revision = (?:"([^"]+)"|None)', text, re.M)
    assert rev and down, f"{path.name}: no revision or down_revision"
    return rev.group(1), down.group(1)


def test_migrations_form_one_numbered_line() -> None:
    files = sorted(VERSIONS.glob("[0-9][0-9][0-9][0-9]_*.py"))
    assert files
    previous = None
    for path in files:
        revision, down = _ids(path)
        assert revision == path.name[:4], f"{path.name} says revision {revision}"
        assert down == previous, f"{path.name} revises {down}, not {previous}"
        previous = revision
