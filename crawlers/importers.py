"""Readers of the JSONL interchange formats (docs/configuration.md, "Interchange format").
They yield items for the pipeline chain, or a one-line error for a bad line; they never touch
the database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from crawlers.exceptions import BadRecord
from crawlers.items import (
    HelpDoc,
    Mention,
    first_error,
    has_control,
    in_range,
    one_line,
    shown,
    utcnow,
)

MENTION_PLATFORMS = {"reddit", "youtube", "forum", "other"}
MENTION_REQUIRED = ("id", "platform", "author", "text")
MENTION_OPTIONAL = ("title", "url", "thread_id", "parent_id", "created_at", "lang", "by_brand")
KB_REQUIRED = ("id", "title", "body")
KB_OPTIONAL = ("url", "lang", "category")

CRM_LIMITS = {"customer_id": 255, "name": 255, "reddit": 255, "youtube": 255, "forum": 255}

__all__ = [
    "BadRecord",
    "crm_row_problem",
    "kb_files",
    "kb_from_record",
    "mention_from_record",
    "read_crm_text",
    "read_jsonl",
    "read_line",
]


def _check_fields(obj: Any, required: tuple[str, ...], optional: tuple[str, ...]) -> None:
    if not isinstance(obj, dict):
        raise BadRecord("not a JSON object")
    for name in required:
        value = obj.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise BadRecord(f"missing field '{name}'")
    unknown = sorted(set(obj) - set(required) - set(optional))
    if unknown:
        raise BadRecord(f"unknown field '{shown(unknown[0])}'")


def _text(obj: dict[str, Any], name: str) -> str | None:
    value = obj.get(name)
    if value is None:
        return None
    if not isinstance(value, str | int):
        raise BadRecord(f"field '{name}' must be a string")
    return str(value)


def mention_from_record(obj: Any) -> Mention:
    """Map one interchange record to a Mention, or raise BadRecord naming the problem."""
    _check_fields(obj, MENTION_REQUIRED, MENTION_OPTIONAL)
    platform = str(obj["platform"]).strip().lower()
    if platform not in MENTION_PLATFORMS:
        known = ", ".join(sorted(MENTION_PLATFORMS))
        raise BadRecord(f"field 'platform': '{shown(platform)}' is not one of {known}")
    created = obj.get("created_at")
    if created is not None:
        try:
            created = datetime.fromisoformat(str(created).replace("Z", "+00:00"))
        except ValueError:
            shown_at = shown(str(created))
            raise BadRecord(f"field 'created_at': '{shown_at}' is not ISO 8601") from None
        try:
            created = in_range(created)
        except BadRecord as exc:
            raise BadRecord(f"field 'created_at': {exc}") from None
    by_brand = obj.get("by_brand", False)
    if not isinstance(by_brand, bool):
        raise BadRecord("field 'by_brand' must be true or false")
    try:
        return Mention(
            platform=platform,
            source_id=_text(obj, "id") or "",
            kind="comment" if obj.get("parent_id") else "post",
            author=_text(obj, "author") or "",
            text=_text(obj, "text") or "",
            title=_text(obj, "title"),
            url=_text(obj, "url"),
            thread_id=_text(obj, "thread_id"),
            parent_id=_text(obj, "parent_id"),
            lang=_text(obj, "lang"),
            created_at=created or utcnow(),
            by_brand=by_brand,
            raw=obj,
        )
    except ValidationError as exc:
        raise BadRecord(first_error(exc)) from None


def kb_from_record(obj: Any, source: str = "kb") -> HelpDoc:
    _check_fields(obj, KB_REQUIRED, KB_OPTIONAL)
    try:
        return HelpDoc(
            source=source,
            source_id=_text(obj, "id") or "",
            title=_text(obj, "title") or "",
            body=_text(obj, "body") or "",
            url=_text(obj, "url"),
            lang=_text(obj, "lang"),
            category=_text(obj, "category"),
        )
    except ValidationError as exc:
        raise BadRecord(first_error(exc)) from None


def read_line(raw: bytes, mapper: Any) -> Any:
    """One line of a JSONL file -> an item, a BadRecord naming what is wrong, or None for a
    blank line."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return BadRecord("not valid UTF-8")
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        # the decoder's messages for control characters already end in "at"
        return BadRecord(f"invalid JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}")
    except RecursionError:
        return BadRecord("invalid JSON: nested too deeply")
    except ValueError as exc:  # a number past Python's digit limit
        return BadRecord(f"invalid JSON: {one_line(exc)}")
    try:
        return mapper(obj)
    except BadRecord as exc:
        return exc


def read_jsonl(path: Path, mapper: Any) -> Iterator[tuple[int, Any]]:
    """Yield (line number, item) for good lines and (line number, BadRecord) for bad ones."""
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            item = read_line(raw, mapper)
            if item is not None:
                yield lineno, item


def kb_files(path: Path) -> list[Path]:
    """A KB file, or every .jsonl file below a directory, in a stable order."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*.jsonl") if p.is_file())
    return [path]


def read_crm_text(path: Path) -> str:
    """The text of a CRM export, or BadRecord naming the file and line that cannot be read (not
    UTF-8, or a NUL byte, which no CSV reader takes)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BadRecord(f"{path.name}:{line}: not valid UTF-8") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise BadRecord(f"{path.name}:{line}: a NUL byte") from None
    return text


def crm_row_problem(row: dict[str, str]) -> str | None:
    """What is wrong with one CRM row's cells (a control character, a value or a handle longer
    than its column), or None."""
    for name, value in row.items():
        if has_control(value.replace("\t", " ")):
            return f"field '{name}' contains a control character"
        limit = CRM_LIMITS.get(name)
        parts = value.split(";") if name in ("reddit", "youtube", "forum") else [value]
        if limit is not None and any(len(part.strip()) > limit for part in parts):
            return f"field '{name}' is longer than {limit} characters"
    return None
