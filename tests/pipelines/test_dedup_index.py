"""Dedup's MinHash signatures computed together and its LSH index, against plain references:
one signature at a time, and a scan of every live entry instead of the bucket lookup."""

from __future__ import annotations

import random
import zlib
from datetime import datetime, timedelta

import numpy as np
import pytest

from pipelines import dedup
from pipelines.dedup import BANDS, PERMS, ROWS, NearIndex, _words, signature, signatures


def _reference_signature(words: list[str]) -> np.ndarray:
    """The definition: min over the distinct shingles of (a*crc32 + b) mod 2^64, folded."""
    shingles = {" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1))}
    out = []
    for a, b in zip(dedup._A.tolist(), dedup._B.tolist(), strict=True):
        out.append(min(((a * zlib.crc32(s.encode()) + b) % (1 << 64)) >> 3 for s in shingles))
    return np.array(out, dtype=np.uint64)


def test_batch_signatures_equal_single_ones_across_chunks(monkeypatch) -> None:
    rng = random.Random(3)  # noqa: S311 - generated test data
    texts = [
        [
            rng.choice(["router", "wifi", "drops", "é", "日本", "x"])
            for _ in range(rng.randint(0, 40))
        ]
        for _ in range(200)
    ]
    monkeypatch.setattr(dedup, "_CHUNK", 50)  # many chunks, some texts longer than one
    together = signatures(texts)
    assert together.shape == (200, PERMS)
    for words, sig in zip(texts, together, strict=True):
        assert (sig == _reference_signature(words)).all()
        assert (sig == signature(words)).all()
    assert signatures([]).shape == (0, PERMS)


def _reference_match(entries: list, sig: np.ndarray, at: float, threshold: float, span: float):
    """Scan every live entry: shares a whole band (the LSH candidate rule), recent enough,
    estimate at the threshold; the earliest, first added on a tie."""
    best = None
    for n, (key, other, t) in enumerate(entries):
        same = other == sig
        if not same.reshape(BANDS, ROWS).all(axis=1).any():
            continue
        if abs(t - at) > span or same.mean() < threshold:
            continue
        if best is None or (t, n) < best[0]:
            best = ((t, n), key)
    return None if best is None else best[1]


@pytest.mark.parametrize("threshold", [0.0, 0.3, 0.8, 0.95, 1.0])
def test_index_lookup_equals_a_scan_of_every_entry(threshold: float) -> None:
    rng = random.Random(11)  # noqa: S311 - generated test data
    index = NearIndex(threshold, 2)
    index.MAX, index.BIG = 150, 4  # rows are reused and buckets grow into arrays and shrink back
    span = timedelta(days=2).total_seconds()
    t0 = datetime(2026, 11, 1).timestamp()
    templates = [[rng.choice("abcdefghij") for _ in range(25)] for _ in range(12)]
    live: list = []  # (key, sig, time) of the last MAX distinct keys, oldest first
    found = 0
    for i in range(1200):
        words = list(rng.choice(templates))
        for _ in range(rng.randint(0, 5)):
            words[rng.randrange(len(words))] = rng.choice("abcdefghijk")
        sig = signature(words)
        at = t0 + 60.0 * rng.randint(0, 6000)
        expected = _reference_match(live, sig, at, threshold, span)
        assert index.match(sig, at) == expected
        found += expected is not None
        key = ("forum", str(i % 400))  # keys come again: the first one stays
        if all(k != key for k, _, _ in live):
            live.append((key, sig, at))
            live = live[-index.MAX :]
        index.add(key, sig, at)
    assert found > 50
    # every bucket holds exactly the live rows with that band
    for band, buckets in enumerate(index.buckets):
        for raw, bucket in buckets.items():
            rows = bucket if isinstance(bucket, list) else bucket.rows[: bucket.n].tolist()
            assert rows and len(rows) == len(set(rows))
            for row in rows:
                assert index.bands(index.sigs[row])[band] == raw
    assert sum(
        len(b) if isinstance(b, list) else b.n for d in index.buckets for b in d.values()
    ) == (BANDS * len(index.keys))


def test_band_count_needed_for_the_threshold() -> None:
    # 0.8 of 64 is 52 equal: 12 differing permutations spoil at most 12 of 16 bands
    assert NearIndex(0.8, 7).need == 4
    assert NearIndex(1.0, 7).need == BANDS
    assert NearIndex(0.5, 7).need == 1
    sig = signature(_words("My router keeps dropping the connection every evening, again"))
    index = NearIndex(0.8, 7)
    index.add(("forum", "a"), sig, datetime(2026, 11, 1))
    other = sig.copy()
    other[::ROWS] += np.uint64(1)  # one permutation off in every band: 48 of 64 equal
    assert index.match(other, datetime(2026, 11, 1)) is None
    other = sig.copy()
    other[: 12 * ROWS : ROWS] += np.uint64(1)  # 12 bands off, 4 whole: 52 of 64
    assert index.match(other, datetime(2026, 11, 1)) == ("forum", "a")
