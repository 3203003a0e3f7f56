"""Every module of the product (outside tests/ and bench/) stays at most 500 lines, so each one
can be read whole."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 500
OUTSIDE = {"tests", "bench", ".venv", ".git", "build"}


def test_no_module_is_longer_than_the_limit() -> None:
    modules = [p for p in ROOT.rglob("*.py") if not OUTSIDE & set(p.relative_to(ROOT).parts)]
    assert len(modules) > 50  # the walk found the packages
    long = {
        str(p.relative_to(ROOT)): n
        for p in modules
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert long == {}
