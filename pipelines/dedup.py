"""Stage 3: drop what is already stored unchanged (platform + source_id, same content hash).
A known item whose text changed (an edited post) goes on and is updated by the store.

A new customer mention that repeats another one (the same complaint pasted in several places,
cross-posts) is kept but grouped: ``duplicate_of_id`` names the first-seen stored mention (the
group's root). Exact: the same content hash under another source id. Near: word 3-shingle Jaccard
at least ``[triage] near_duplicate``, estimated by MinHash and found through an in-memory LSH
index (16 bands of 4 rows) of the posts of the last ``[triage] near_duplicate_days``, filled from
the database on first use and by every item this process sees; no table scan per item. Posts
shorter than ``[triage] near_duplicate_min_words`` words are only exact duplicates, and then only
of the same author ("me too" from two people is two voices).
"""

from __future__ import annotations

import re
import zlib
from collections import OrderedDict
from datetime import timedelta
from typing import Any

import numpy as np
from scrapy.exceptions import DropItem
from sqlalchemy import select

from crawlers.items import HelpDoc, Item, Mention, as_utc
from pipelines.chain import Stage
from pipelines.models import KnowledgeDoc
from pipelines.models import Mention as MentionRow


class Dedup(Stage):
    def process_item(self, item: Item, spider: Any = None) -> Item:
        session = self.ctx.session
        if isinstance(item, Mention):
            stored = session.execute(
                select(
                    MentionRow.content_hash,
                    MentionRow.score,
                    MentionRow.replies,
                    MentionRow.duplicate_of_id,
                ).where(
                    MentionRow.platform == item.platform, MentionRow.source_id == item.source_id
                )
            ).first()
            unchanged = stored is not None and (
                stored.content_hash == item.content_hash
                and stored.score == item.engagement.score
                and stored.replies == item.engagement.replies
            )
        elif isinstance(item, HelpDoc):
            stored_hash = session.scalar(
                select(KnowledgeDoc.content_hash).where(
                    KnowledgeDoc.source == item.source, KnowledgeDoc.source_id == item.source_id
                )
            )
            unchanged = stored_hash == item.content_hash
        else:  # pragma: no cover - the chain only carries the two item types
            raise DropItem(f"unknown item type {type(item).__name__}")
        if unchanged:
            self.ctx.stats.duplicates += 1
            raise DropItem(f"duplicate {item.source_id}")
        if isinstance(item, Mention):
            if stored is None:
                self._group(item)
            else:  # an edit or new engagement keeps its group
                item.duplicate_of_id = stored.duplicate_of_id
        return item

    def _group(self, item: Mention) -> None:
        if item.by_brand or item.content_type != "mention":
            return
        settings = self.ctx.settings.triage
        words = _words(item.title, item.text)
        short = len(words) < settings.near_duplicate_min_words
        q = select(MentionRow.id, MentionRow.duplicate_of_id).where(
            MentionRow.content_hash == item.content_hash,
            MentionRow.content_type == "mention",
            MentionRow.by_brand.is_(False),
        )
        if short:
            q = q.where(MentionRow.author == item.author)
        first = self.ctx.session.execute(
            q.order_by(MentionRow.created_at, MentionRow.id).limit(1)
        ).first()
        if first is not None:
            item.duplicate_of_id = first.duplicate_of_id or first.id
            return
        if short:
            return
        index = getattr(self, "_near", None)
        if index is None:
            index = self._near = NearIndex(settings.near_duplicate, settings.near_duplicate_days)
            index.warm(self.ctx.session, item.created_at)
        sig = signature(words)
        key = index.match(sig, item.created_at)
        if key is not None:
            row = self.ctx.session.execute(
                select(MentionRow.id, MentionRow.duplicate_of_id).where(
                    MentionRow.platform == key[0], MentionRow.source_id == key[1]
                )
            ).first()
            if row is not None:
                item.duplicate_of_id = row.duplicate_of_id or row.id
        index.add((item.platform, item.source_id), sig, item.created_at)


_WORD = re.compile(r"\w+")
PERMS = 64
BANDS, ROWS = 16, 4
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20261123)
_A = _rng.integers(1, _PRIME, PERMS, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, PERMS, dtype=np.uint64)


def _words(*parts: str | None) -> list[str]:
    return _WORD.findall(" ".join(p or "" for p in parts).casefold())


def signature(words: list[str]) -> np.ndarray:
    """MinHash of the word 3-shingles (64 permutations); equal fractions estimate Jaccard."""
    shingles = {" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1))}
    x = np.array([zlib.crc32(s.encode("utf-8")) for s in shingles], dtype=np.uint64)
    # (a*x + b) mod 2^64, then folded: a cheap universal family, enough for an estimate
    hashed = (np.outer(_A, x) + _B[:, None]) >> np.uint64(3)
    return hashed.min(axis=1)


class NearIndex:
    """LSH buckets of recent signatures; keys are (platform, source_id) of the first seen."""

    MAX = 50_000

    def __init__(self, threshold: float, days: float) -> None:
        self.threshold = threshold
        self.window = timedelta(days=days)
        self.entries: OrderedDict[tuple[str, str], tuple[np.ndarray, Any]] = OrderedDict()
        self.buckets: dict[tuple[int, bytes], list[tuple[str, str]]] = {}

    def warm(self, session: Any, around: Any) -> None:
        rows = session.execute(
            select(
                MentionRow.platform,
                MentionRow.source_id,
                MentionRow.title,
                MentionRow.text,
                MentionRow.created_at,
            )  # fmt: skip
            .where(
                MentionRow.content_type == "mention",
                MentionRow.by_brand.is_(False),
                MentionRow.duplicate_of_id.is_(None),
                MentionRow.created_at >= around - self.window,
            )
            .order_by(MentionRow.created_at.desc())
            .limit(self.MAX)
        ).all()
        for r in reversed(rows):
            words = _words(r.title, r.text)
            if len(words) >= 3:
                self.add((r.platform, r.source_id), signature(words), r.created_at)

    def _bands(self, sig: np.ndarray) -> list[tuple[int, bytes]]:
        return [(b, sig[b * ROWS : (b + 1) * ROWS].tobytes()) for b in range(BANDS)]

    def match(self, sig: np.ndarray, created_at: Any) -> tuple[str, str] | None:
        seen: set[tuple[str, str]] = set()
        best, best_at = None, None
        for band in self._bands(sig):
            for key in self.buckets.get(band, ()):
                if key in seen or key not in self.entries:
                    continue
                seen.add(key)
                other, at = self.entries[key]
                if abs(as_utc(at) - as_utc(created_at)) > self.window:
                    continue
                if float(np.mean(other == sig)) >= self.threshold and (
                    best_at is None or at < best_at
                ):
                    best, best_at = key, at
        return best

    def add(self, key: tuple[str, str], sig: np.ndarray, created_at: Any) -> None:
        if key in self.entries:
            return
        self.entries[key] = (sig, created_at)
        for band in self._bands(sig):
            self.buckets.setdefault(band, []).append(key)
        if len(self.entries) > self.MAX:
            old, (old_sig, _) = self.entries.popitem(last=False)
            for band in self._bands(old_sig):
                keys = self.buckets.get(band)
                if keys and old in keys:
                    keys.remove(old)
                    if not keys:
                        del self.buckets[band]
