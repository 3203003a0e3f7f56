"""The normalize stage: clean text and compute the content hash."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

from crawlers.items import HelpDoc, Item, Mention
from pipelines.chain import Stage

MAX_TEXT = 40_000  # characters kept of one post; longer bodies are cut (never expected in care)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\u202a-\u202e\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str | None) -> str:
    """NFC, no control or bidi-override characters, folded spaces, at most two newlines."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()[:MAX_TEXT]


def content_hash(*parts: str | None) -> str:
    """sha256 over the case-folded, whitespace-folded parts: unchanged text, unchanged hash."""
    joined = "\x1f".join(" ".join((p or "").casefold().split()) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


class Normalize(Stage):
    def process_item(self, item: Item, spider: Any = None) -> Item:
        if isinstance(item, Mention):
            item.title = clean_text(item.title) or None
            item.text = clean_text(item.text)
            item.author = clean_text(item.author)[:255] or "[unknown]"
            if not item.text and not item.title:
                self.ctx.stats.dropped += 1
                from scrapy.exceptions import DropItem

                raise DropItem(f"empty mention {item.platform}:{item.source_id}")
            item.content_hash = content_hash(item.title, item.text)
        elif isinstance(item, HelpDoc):
            item.title = clean_text(item.title) or item.source_id
            item.body = clean_text(item.body) or item.title
            item.content_hash = content_hash(item.title, item.body)
        return item
