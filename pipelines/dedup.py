"""The dedup stage: drop what is already stored unchanged (platform + source_id, same content hash).
A known item whose text changed (an edited post) goes on and is updated by the store.

A new customer mention that repeats another one (the same complaint pasted in several places,
cross-posts) is kept but grouped: ``duplicate_of_id`` names the first-seen stored mention (the
group's root). Exact: the same content hash under another source id. Near: word 3-shingle Jaccard
at least ``[triage] near_duplicate``, estimated by MinHash and found through an LSH index (16
bands of 4 rows) of the posts of the last ``[triage] near_duplicate_days``, filled from the
database on first use and by every item seen; no table scan per item. The index lives in this
process's memory on one machine, and in Redis in a cluster (:mod:`pipelines.near_shared`), where
every worker finds what the others added. Posts
shorter than ``[triage] near_duplicate_min_words`` words are only exact duplicates, and then only
of the same author ("me too" from two people is two voices). Same writer: a post whose text
repeats a recent post of the same account, or of the same handle on another platform when the
handle is more than a word or a name, is a copy by the text alone (:mod:`pipelines.copies`),
looked for before any other root (another person's same words are another voice): a forum
thread's title is written for the forum, and the same text pasted under a video carries none.
Two people's posts are compared whole, title and text.
"""

from __future__ import annotations

import logging
import re
import zlib
from datetime import timedelta
from typing import Any

import numpy as np
from scrapy.exceptions import DropItem
from sqlalchemy import select

from crawlers.items import HelpDoc, Item, Mention, as_utc
from pipelines.chain import Stage
from pipelines.copies import Roots, writers_posts
from pipelines.models import KnowledgeDoc
from pipelines.models import Mention as MentionRow

logger = logging.getLogger(__name__)


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
        roots = Roots(self._hash_roots(mentions))
        prepared = self._prepare(items, seen)
        roots.by_writer = writers_posts(
            self.ctx.session, mentions, seen, self.ctx.settings.triage.near_duplicate_days
        )
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
                    self._group(item, roots, *prepared.get(id(item), (None, None)))
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

    def _prepare(
        self, items: list[Item], seen: dict[tuple[str, str], Any]
    ) -> dict[int, tuple[list[str], np.ndarray | None]]:
        """The words, and for posts long enough the MinHash signature (all computed together), of
        the batch's customer posts that are not stored yet: the ones that may be grouped."""
        words: dict[int, list[str]] = {}
        for item in items:
            if (
                isinstance(item, Mention)
                and not item.by_brand
                and item.content_type == "mention"
                and (item.platform, item.source_id) not in seen
            ):
                words[id(item)] = _words(item.title, item.text)
        least = self.ctx.settings.triage.near_duplicate_min_words
        long = [k for k, w in words.items() if len(w) >= least]
        sigs = dict(zip(long, signatures([words[k] for k in long]), strict=True))
        return {k: (w, sigs.get(k)) for k, w in words.items()}

    def _group(
        self,
        item: Mention,
        roots: Roots,
        words: list[str] | None = None,
        sig: np.ndarray | None = None,
    ) -> None:
        if item.by_brand or item.content_type != "mention":
            return
        settings = self.ctx.settings.triage
        if words is None:
            words = _words(item.title, item.text)
        short = len(words) < settings.near_duplicate_min_words
        least, share = settings.near_duplicate_min_words, settings.near_duplicate
        if not short and roots.copied(item, least, share):
            return  # its writer's own post first: another person's same words are another voice
        if roots.find(item, short):
            return
        if short:
            return
        index = getattr(self, "_near", None)
        if index is None:
            index = self._near = near_index(self.ctx.settings)
            index.warm(self.ctx.session, item.created_at)
        if sig is None:
            sig = signature(words)
        bands = index.bands(sig)
        at = as_utc(item.created_at).timestamp()
        key = index.match(sig, at, bands)
        if key is not None:
            item.notes["duplicate_of"] = key
        else:
            roots.wrote(item)
        index.add((item.platform, item.source_id), sig, at, bands)


def near_index(settings: Any) -> Any:
    """The near-duplicate index: in this process's memory (:class:`NearIndex`), or the one every
    worker shares in Redis when the cluster has one (:mod:`pipelines.near_shared`)."""
    triage = settings.triage
    url = settings.cluster.shared_redis
    if not url:
        if settings.cluster.broker_url:
            logger.warning(
                "near-duplicates are looked up among this worker's own posts and those stored "
                "before it started: set [cluster] redis_url to share one index"
            )
        return NearIndex(triage.near_duplicate, triage.near_duplicate_days)
    from pipelines.near_shared import SharedNearIndex

    return SharedNearIndex(
        url, settings.cluster.queue, triage.near_duplicate, triage.near_duplicate_days
    )


_WORD = re.compile(r"\w+")
PERMS = 64
BANDS, ROWS = 16, 4
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20261123)
_A = _rng.integers(1, _PRIME, PERMS, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, PERMS, dtype=np.uint64)
_CHUNK = 1 << 15  # shingles hashed together: a (_CHUNK, PERMS) uint64 array is 16 MiB


def _words(*parts: str | None) -> list[str]:
    return _WORD.findall(" ".join(p or "" for p in parts).casefold())


def _shingle_hashes(words: list[str]) -> list[int]:
    """crc32 of every word 3-shingle (of the whole text when it has fewer than 3 words). Repeats
    are kept: a minimum does not change by them."""
    if len(words) < 3:
        return [zlib.crc32(" ".join(words).encode("utf-8"))]
    shingles = map(" ".join, zip(words, words[1:], words[2:], strict=False))
    return list(map(zlib.crc32, map(str.encode, shingles)))


def signatures(texts: list[list[str]]) -> np.ndarray:
    """MinHash signatures (a row of 64 permutations each) of the word 3-shingles of many texts at
    once: one hashing pass over all their shingles, one minimum per text and permutation."""
    out = np.empty((len(texts), PERMS), dtype=np.uint64)
    start = 0
    while start < len(texts):
        hashes: list[int] = []
        starts: list[int] = []
        end = start
        while end < len(texts) and (not starts or len(hashes) < _CHUNK):
            starts.append(len(hashes))
            hashes += _shingle_hashes(texts[end])
            end += 1
        x = np.array(hashes, dtype=np.uint64)
        # (a*x + b) mod 2^64, then folded: a cheap universal family, enough for an estimate
        hashed = np.multiply.outer(x, _A)
        hashed += _B
        hashed >>= np.uint64(3)
        out[start:end] = np.minimum.reduceat(hashed, starts, axis=0)
        start = end
    return out


def signature(words: list[str]) -> np.ndarray:
    """MinHash of the word 3-shingles (64 permutations); equal fractions estimate Jaccard."""
    return signatures([words])[0]


def recent_posts(session: Any, around: Any, window: timedelta, limit: int) -> list[Any]:
    """Stored customer posts that start a group, created within ``window`` before ``around``
    (the newest ``limit``), oldest first, each with its words (those of 3 words or more)."""
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
            MentionRow.created_at >= around - window,
        )
        .order_by(MentionRow.created_at.desc())
        .limit(limit)
    ).all()
    return [(r, w) for r in reversed(rows) if len(w := _words(r.title, r.text)) >= 3]


class _Rows:
    """A bucket grown past a few rows: its row numbers in a numpy array (doubled when full), so
    gathering a bucket of hundreds costs a slice, not a conversion of a Python list."""

    __slots__ = ("rows", "n")

    def __init__(self, rows: list[int]) -> None:
        self.rows = np.array(rows + [0] * len(rows), dtype=np.int64)
        self.n = len(rows)

    def append(self, row: int) -> None:
        if self.n == len(self.rows):
            self.rows = np.concatenate([self.rows, np.empty_like(self.rows)])
        self.rows[self.n] = row
        self.n += 1

    def remove(self, row: int) -> bool:
        """Take one row out (keeping the order of the rest); whether it was there."""
        at = np.flatnonzero(self.rows[: self.n] == row)
        if not len(at):
            return False
        i = int(at[0])
        self.rows[i : self.n - 1] = self.rows[i + 1 : self.n].copy()
        self.n -= 1
        return True


class NearIndex:
    """LSH buckets of recent signatures; keys are (platform, source_id) of the first seen.

    Signatures live in one array (a row each, reused oldest first beyond ``MAX``) and buckets
    (one dict per band, keyed by the band's bytes) hold row numbers: a Python list while small,
    a :class:`_Rows` array past ``BIG`` (posts written from one template share buckets by the
    hundred). A candidate whose estimate reaches the threshold agrees in at least ``need`` whole
    bands (each differing permutation spoils at most one band), so a lookup counts each row's
    bucket hits and compares only the rows with enough of them: the same answer as comparing
    every candidate, in a few numpy calls."""

    MAX = 50_000
    BIG = 32

    def __init__(self, threshold: float, days: float) -> None:
        self.threshold = threshold
        self.window = timedelta(days=days)
        self.span = self.window.total_seconds()
        # fewest equal permutations whose fraction reaches the threshold (exact: e / 64 is)
        self.least = next((e for e in range(PERMS + 1) if e / PERMS >= threshold), PERMS + 1)
        self.need = max(1, BANDS - (PERMS - self.least))
        self.rows: dict[tuple[str, str], int] = {}  # key -> row
        self.keys: list[tuple[str, str]] = []  # row -> key
        self.sigs = np.zeros((0, PERMS), dtype=np.uint64)
        self.times = np.zeros(0)  # created_at as POSIX seconds
        self.order = np.zeros(0, dtype=np.int64)  # insertion number: first seen wins a tie
        self.added = 0
        self.buckets: list[dict[bytes, list[int] | _Rows]] = [{} for _ in range(BANDS)]

    def warm(self, session: Any, around: Any) -> None:
        found = recent_posts(session, around, self.window, self.MAX)
        sigs = signatures([w for _, w in found])
        for (r, _), sig in zip(found, sigs, strict=True):
            self.add((r.platform, r.source_id), sig, r.created_at)

    @staticmethod
    def bands(sig: np.ndarray) -> list[bytes]:
        """The signature's band keys, one per band."""
        raw = sig.tobytes()
        size = len(raw) // BANDS
        return [raw[i : i + size] for i in range(0, len(raw), size)]

    def match(
        self, sig: np.ndarray, created_at: Any, bands: list[bytes] | None = None
    ) -> tuple[str, str] | None:
        """The earliest recent entry whose estimated Jaccard reaches the threshold.
        ``created_at`` is a datetime or POSIX seconds; ``bands`` are ``bands(sig)``."""
        small: list[int] = []
        big: list[np.ndarray] = []
        hit = 0
        for buckets, band in zip(self.buckets, bands or self.bands(sig), strict=True):
            bucket = buckets.get(band)
            if bucket is None:
                continue
            hit += 1
            if type(bucket) is list:
                small += bucket
            else:
                big.append(bucket.rows[: bucket.n])  # type: ignore[union-attr]
        if hit < self.need:  # no row can share enough bands
            return None
        if small:
            big.append(np.array(small, dtype=np.int64))
        found = np.concatenate(big) if len(big) > 1 else big[0]
        if self.need == 1:
            rows = np.unique(found)
        elif len(found) * 16 < len(self.keys):
            rows, counts = np.unique(found, return_counts=True)
            rows = rows[counts >= self.need]
        else:
            rows = np.flatnonzero(np.bincount(found) >= self.need)
        if not len(rows):
            return None
        at = created_at if isinstance(created_at, (int, float)) else as_utc(created_at).timestamp()
        rows = rows[np.abs(self.times[rows] - at) <= self.span]
        # equal permutations >= least  <=>  their fraction >= threshold
        hits = rows[np.count_nonzero(self.sigs[rows] == sig, axis=1) >= self.least]
        if not len(hits):
            return None
        best = hits[np.lexsort((self.order[hits], self.times[hits]))[0]]
        return self.keys[int(best)]

    def add(
        self,
        key: tuple[str, str],
        sig: np.ndarray,
        created_at: Any,
        bands: list[bytes] | None = None,
    ) -> None:
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
            for buckets, band in zip(self.buckets, self.bands(self.sigs[row]), strict=True):
                bucket = buckets.get(band)
                if bucket is None:
                    continue
                if type(bucket) is list:
                    if row in bucket:
                        bucket.remove(row)
                elif bucket.remove(row) and bucket.n <= self.BIG // 2:  # type: ignore[union-attr]
                    buckets[band] = bucket.rows[: bucket.n].tolist()  # type: ignore[union-attr]
                if not (bucket.n if isinstance(bucket, _Rows) else bucket):
                    del buckets[band]
            del self.rows[self.keys[row]]
            self.keys[row] = key
        self.rows[key] = row
        self.sigs[row] = sig
        self.times[row] = (
            created_at if isinstance(created_at, (int, float)) else as_utc(created_at).timestamp()
        )
        self.order[row] = self.added
        self.added += 1
        for buckets, band in zip(self.buckets, bands or self.bands(sig), strict=True):
            bucket = buckets.get(band)
            if bucket is None:
                buckets[band] = [row]
            elif type(bucket) is list:
                if len(bucket) < self.BIG:
                    bucket.append(row)
                else:
                    buckets[band] = _Rows(bucket + [row])
            else:
                bucket.append(row)  # type: ignore[union-attr]
