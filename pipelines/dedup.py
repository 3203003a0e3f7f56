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
    """Batched: one SELECT finds the stored versions of a batch's items, one finds stored posts
    with the same content hashes. An item that repeats one earlier in its batch is judged as if
    that one were stored already. A group root that is not stored yet (earlier in the batch) is
    named by key in ``notes["duplicate_of"]``; the store resolves it to an id."""

    def process_item(self, item: Item, spider: Any = None) -> Item:
        (result,) = self.process_batch([item])
        if isinstance(result, Exception):
            raise result
        return result

    def process_batch(self, items: list[Item]) -> list[Item | Exception]:
        mentions = [i for i in items if isinstance(i, Mention)]
        docs = [i for i in items if isinstance(i, HelpDoc)]
        seen = self._stored_mentions(mentions)
        seen_docs = self._stored_docs(docs)
        roots = _Roots(self._hash_roots(mentions))
        out: list[Item | Exception] = []
        for item in items:
            if isinstance(item, Mention):
                key = (item.platform, item.source_id)
                stored = seen.get(key)
                unchanged = stored is not None and stored[:3] == (
                    item.content_hash,
                    item.engagement.score,
                    item.engagement.replies,
                )
            else:
                key = (item.source, item.source_id)
                unchanged = key in seen_docs and seen_docs[key] == item.content_hash
            if unchanged:
                self.ctx.stats.duplicates += 1
                out.append(DropItem(f"duplicate {item.source_id}"))
                continue
            if isinstance(item, Mention):
                if stored is None:
                    self._group(item, roots)
                else:  # an edit or new engagement keeps its group
                    item.duplicate_of_id = stored[3]
                seen[key] = (
                    item.content_hash,
                    item.engagement.score,
                    item.engagement.replies,
                    item.duplicate_of_id,
                )
            else:
                seen_docs[key] = item.content_hash
            out.append(item)
        return out

    def _stored_mentions(self, items: list[Mention]) -> dict[tuple[str, str], tuple[Any, ...]]:
        found: dict[tuple[str, str], tuple[Any, ...]] = {}
        by_platform: dict[str, set[str]] = {}
        for item in items:
            by_platform.setdefault(item.platform, set()).add(item.source_id)
        for platform, ids in by_platform.items():
            rows = self.ctx.session.execute(
                select(
                    MentionRow.source_id,
                    MentionRow.content_hash,
                    MentionRow.score,
                    MentionRow.replies,
                    MentionRow.duplicate_of_id,
                ).where(MentionRow.platform == platform, MentionRow.source_id.in_(ids))
            )
            for sid, *values in rows:
                found[(platform, sid)] = tuple(values)
        return found

    def _stored_docs(self, items: list[HelpDoc]) -> dict[tuple[str, str], str | None]:
        found: dict[tuple[str, str], str | None] = {}
        by_source: dict[str, set[str]] = {}
        for item in items:
            by_source.setdefault(item.source, set()).add(item.source_id)
        for source, ids in by_source.items():
            rows = self.ctx.session.execute(
                select(KnowledgeDoc.source_id, KnowledgeDoc.content_hash).where(
                    KnowledgeDoc.source == source, KnowledgeDoc.source_id.in_(ids)
                )
            )
            found.update({(source, sid): h for sid, h in rows})
        return found

    def _hash_roots(self, items: list[Mention]) -> list[Any]:
        """Stored customer posts with a content hash of the batch, first seen first."""
        hashes = {i.content_hash for i in items if not i.by_brand and i.content_type == "mention"}
        if not hashes:
            return []
        return list(
            self.ctx.session.execute(
                select(
                    MentionRow.id,
                    MentionRow.duplicate_of_id,
                    MentionRow.content_hash,
                    MentionRow.author,
                )
                .where(
                    MentionRow.content_hash.in_(hashes),
                    MentionRow.content_type == "mention",
                    MentionRow.by_brand.is_(False),
                )
                .order_by(MentionRow.created_at, MentionRow.id)
            )
        )

    def _group(self, item: Mention, roots: _Roots) -> None:
        if item.by_brand or item.content_type != "mention":
            return
        settings = self.ctx.settings.triage
        words = _words(item.title, item.text)
        short = len(words) < settings.near_duplicate_min_words
        if roots.find(item, short):
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
            item.notes["duplicate_of"] = key
        index.add((item.platform, item.source_id), sig, item.created_at)


class _Roots:
    """Exact-duplicate roots of one batch: stored posts by hash (and by hash and author, for
    short posts), then the batch's own earlier posts."""

    def __init__(self, stored: list[Any]) -> None:
        self.by_hash: dict[str, int] = {}
        self.by_author: dict[tuple[str, str], int] = {}
        for row in stored:
            root = row.duplicate_of_id or row.id
            self.by_hash.setdefault(row.content_hash, root)
            self.by_author.setdefault((row.content_hash, row.author), root)
        self.batch: dict[Any, tuple[str, str]] = {}

    def find(self, item: Mention, short: bool) -> bool:
        """Set the item's root when it has one; remember it as a root otherwise."""
        lookup = (item.content_hash, item.author) if short else item.content_hash
        stored = (self.by_author if short else self.by_hash).get(lookup)  # type: ignore[call-overload]
        if stored is not None:
            item.duplicate_of_id = stored
            return True
        earlier = self.batch.get(lookup)
        if earlier is not None:
            item.notes["duplicate_of"] = earlier
            return True
        self.batch[lookup] = (item.platform, item.source_id)
        return False


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
    """LSH buckets of recent signatures; keys are (platform, source_id) of the first seen.

    Signatures live in one array (a row each, reused oldest first beyond ``MAX``) and buckets
    hold row numbers, so a lookup gathers its candidates and compares them in a few numpy calls:
    posts written from one template share buckets by the hundred."""

    MAX = 50_000

    def __init__(self, threshold: float, days: float) -> None:
        self.threshold = threshold
        self.window = timedelta(days=days)
        self.rows: dict[tuple[str, str], int] = {}  # key -> row
        self.keys: list[tuple[str, str]] = []  # row -> key
        self.sigs = np.zeros((0, PERMS), dtype=np.uint64)
        self.times = np.zeros(0)  # created_at as POSIX seconds
        self.order = np.zeros(0, dtype=np.int64)  # insertion number: first seen wins a tie
        self.added = 0
        self.buckets: dict[tuple[int, bytes], list[int]] = {}

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
        """The earliest recent entry whose estimated Jaccard reaches the threshold."""
        found = [self.buckets[b] for b in self._bands(sig) if b in self.buckets]
        if not found:
            return None
        rows = np.unique(np.concatenate([np.asarray(f, dtype=np.int64) for f in found]))
        at = as_utc(created_at).timestamp()
        times = self.times[rows]
        ok = (np.abs(times - at) <= self.window.total_seconds()) & (
            (self.sigs[rows] == sig).mean(axis=1) >= self.threshold
        )
        if not ok.any():
            return None
        hits = rows[ok]
        best = hits[np.lexsort((self.order[hits], self.times[hits]))[0]]
        return self.keys[int(best)]

    def add(self, key: tuple[str, str], sig: np.ndarray, created_at: Any) -> None:
        if key in self.rows:
            return
        if len(self.keys) < self.MAX:
            row = len(self.keys)
            if row == len(self.sigs):  # grow by doubling
                size = min(max(2 * row, 1024), self.MAX)
                self.sigs = np.resize(self.sigs, (size, PERMS))
                self.times = np.resize(self.times, size)
                self.order = np.resize(self.order, size)
            self.keys.append(key)
        else:  # full: the oldest entry's row is reused
            row = self.added % self.MAX
            for band in self._bands(self.sigs[row]):
                bucket = self.buckets.get(band)
                if bucket and row in bucket:
                    bucket.remove(row)
                    if not bucket:
                        del self.buckets[band]
            del self.rows[self.keys[row]]
            self.keys[row] = key
        self.rows[key] = row
        self.sigs[row] = sig
        self.times[row] = as_utc(created_at).timestamp()
        self.order[row] = self.added
        self.added += 1
        for band in self._bands(sig):
            self.buckets.setdefault(band, []).append(row)
