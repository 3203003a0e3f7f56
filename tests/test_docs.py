"""Docs as tests: every setting and every command is documented, and every command the README
names exists."""

from __future__ import annotations

import re
from pathlib import Path

import click
from pydantic import BaseModel

from config import Settings
from webapp.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
ROW = re.compile(r"^\|\s*(`[^|]*)\|", re.M)
TICK = re.compile(r"`([^`]+)`")


def _settings(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Dotted names of every setting: `reddit.timeout`, `brand.accounts.forum`, `home`."""
    out: set[str] = set()
    for name, field in model.model_fields.items():
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            out |= _settings(ann, f"{prefix}{name}.")
        else:
            out.add(prefix + name)
    return out


def _documented() -> set[str]:
    """Settings named in the first cell of a docs table row: `[section] key`, `key`, ...,
    `[[section.list]]`, or a top-level `key`."""
    out: set[str] = set()
    for path in DOCS:
        for cell in ROW.findall(path.read_text(encoding="utf-8")):
            section = ""
            for token in TICK.findall(cell):
                m = re.fullmatch(r"\[\[([\w.]+)\]\]", token)
                if m:
                    head, _, key = m.group(1).rpartition(".")
                    out.add(f"{head}.{key}")
                    continue
                m = re.fullmatch(r"\[([\w.]+)\]\s+(\w+)", token)
                if m:
                    section = m.group(1) + "."
                    out.add(section + m.group(2))
                elif re.fullmatch(r"\w+", token):
                    out.add(section + token)
    return out


def _commands(group: click.Group, prefix: str = "listenpost") -> set[str]:
    out: set[str] = set()
    for name, cmd in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(cmd, click.Group):
            if cmd.invoke_without_command:
                out.add(path)
            out |= _commands(cmd, path)
        else:
            out.add(path)
    return out


def test_every_setting_is_documented() -> None:
    missing = sorted(_settings(Settings) - _documented())
    assert not missing, f"settings missing from the docs' settings tables: {missing}"


def _in_readme(command: str, lines: list[str]) -> bool:
    """``listenpost a b`` is named on a line as itself, or as ``listenpost a x|b``, or beside
    ``listenpost a`` as `` `b ...` `` (``customers confirm|reject``, `` `merge A B` ``)."""
    parent, _, last = command.rpartition(" ")
    alt = re.compile(rf"(?:^|[\s`|]){re.escape(last)}(?:[\s`|\\]|$)")
    for line in lines:
        if command in line:
            return True
        if parent != "listenpost" and parent in line and alt.search(line.split(parent, 1)[1]):
            return True
    return False


def test_every_command_is_in_the_readme() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    missing = sorted(c for c in _commands(main) if not _in_readme(c, lines))
    assert not missing, f"commands missing from README.md: {missing}"


def test_the_readme_names_only_commands_that_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _commands(main)
    groups = {c.rsplit(" ", 1)[0] for c in commands} | commands
    for span in TICK.findall(readme):
        m = re.match(r"listenpost((?: [a-z][a-z-]*)+)", span)
        if not m:
            continue
        words = ("listenpost" + m.group(1)).split()
        # the longest prefix of the span's words that is a command or group must be a command
        named = max((" ".join(words[:i]) for i in range(2, len(words) + 1)
                     if " ".join(words[:i]) in groups), key=len, default=None)  # fmt: skip
        assert named is not None, f"README names `{span}`, which is no command"
