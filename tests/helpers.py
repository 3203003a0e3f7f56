"""Small helpers shared by several test modules."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from crawlers.items import Mention


def mention(source_id: str = "m1", text: str = "my router keeps dropping", **kw: Any) -> Mention:
    fields: dict[str, Any] = {
        "platform": "reddit",
        "source_id": source_id,
        "author": "someone",
        "text": text,
        "created_at": datetime(2026, 11, 1, 12, 0),
    }
    fields.update(kw)
    return Mention(**fields)


def write_jsonl(path: Path, records: list[Any]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
