"""Near-duplicate lookup: the in-process index against datasketch and the shared stores.

The same posts go through each index as the dedup stage sends them (bands, lookup, then add), one
after the other: the airline tweets in ../shared/eval (English and Spanish, at least
``[triage] near_duplicate_min_words`` words), and for a share of them a near-copy a little later
(one word changed, or one added: what a pasted complaint looks like on another channel). Prints
posts/s (a lookup and an addition each) and how many posts each index groups exactly as the
in-process index does (the same root, or none).

- ``in-process``: pipelines.dedup.NearIndex (one machine);
- ``datasketch``: datasketch's MinHashLSH (16 bands of 4 rows, dict storage) giving candidates,
  checked like the stage checks them (the same signatures, threshold and window);
- ``datasketch-redis``: the same with datasketch's Redis storage;
- ``redis``: pipelines.near_shared.SharedNearIndex (what a cluster uses);
- ``postgres``: the bands in a PostgreSQL table ((band, hash) -> key, indexed), signatures in
  another, one query per lookup, a commit every 256 additions (a batch).

    python bench/near_duplicates.py [--posts 4000] [--copies 0.3] [--json]
        [--redis redis://127.0.0.1:6379/0] [--postgres postgresql+psycopg://postgres@127.0.0.1/test]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from config import load_settings
from pipelines.dedup import PERMS, NearIndex, _words, signatures
from pipelines.near_shared import SharedNearIndex

ROOT = Path(__file__).resolve().parents[1]


def corpus(eval_dir: Path, posts: int, copies: float, least: int) -> list[tuple[str, list[str]]]:
    rng = random.Random(14)  # noqa: S311 - a reproducible sample, not security
    air = eval_dir / "airline-tweets-es-en"
    texts: list[list[str]] = []
    for name in ("tweets_public_es.utf8.csv", "us_airline_tweets_public.csv"):
        with open(air / name, encoding="utf-8") as fh:
            texts += [w for r in csv.DictReader(fh) if len(w := _words(r["text"])) >= least]
    rng.shuffle(texts)
    out: list[tuple[str, list[str]]] = []
    originals = iter(texts)
    while len(out) < posts:
        if out and rng.random() < copies:
            words = list(rng.choice(out[-500:])[1])
            at = rng.randrange(len(words))
            if rng.random() < 0.5:
                words[at] = rng.choice(words)
            else:
                words.insert(at, "please")
        else:
            words = next(originals)
        out.append((f"p{len(out)}", words))
    return out


class DatasketchIndex:
    """datasketch's MinHashLSH for candidates, the stage's rule for the answer."""

    def __init__(self, threshold: float, days: float, storage: dict[str, Any] | None) -> None:
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(
            threshold=threshold, num_perm=PERMS, params=(16, 4), storage_config=storage
        )
        self.probe = NearIndex(threshold, days)
        self.entries: dict[Any, tuple[np.ndarray, float, int]] = {}

    def _minhash(self, sig: np.ndarray) -> Any:
        from datasketch import LeanMinHash

        return LeanMinHash(seed=1, hashvalues=sig, scheme="legacy")

    def bands(self, sig: np.ndarray) -> None:
        return None

    def match(self, sig: np.ndarray, at: float, bands: Any = None) -> Any:
        best = None
        for key in self.lsh.query(self._minhash(sig)):
            stored, when, order = self.entries[key]
            if abs(when - at) > self.probe.span:
                continue
            if np.count_nonzero(stored == sig) >= self.probe.least:
                if best is None or (when, order) < best[0]:
                    best = ((when, order), key)
        return None if best is None else best[1]

    def add(self, key: Any, sig: np.ndarray, at: float, bands: Any = None) -> None:
        self.lsh.insert(key, self._minhash(sig), check_duplication=False)
        self.entries[key] = (sig, at, len(self.entries))


class PostgresIndex:
    """Bands as rows: near_band(band, hash, key) indexed on (band, hash); near_sig(key, ...)."""

    def __init__(self, url: str, threshold: float, days: float) -> None:
        from sqlalchemy import create_engine, text

        self.text = text
        self.engine = create_engine(url)
        self.conn = self.engine.connect()
        self.probe = NearIndex(threshold, days)
        self.t = f"bench_near_{uuid.uuid4().hex[:8]}"
        self.conn.execute(text(f"CREATE TABLE {self.t}_b (band smallint, hash bytea, key text)"))
        self.conn.execute(text(f"CREATE INDEX ON {self.t}_b (band, hash)"))
        self.conn.execute(
            text(
                f"CREATE TABLE {self.t}_s (key text PRIMARY KEY, sig bytea, at double precision,"
                " n serial)"
            )
        )
        self.conn.commit()
        self.added = 0

    bands = staticmethod(NearIndex.bands)

    def match(self, sig: np.ndarray, at: float, bands: list[bytes]) -> Any:
        pairs = " OR ".join(f"(band = {i} AND hash = :h{i})" for i in range(len(bands)))
        query = (
            f"SELECT s.key, s.sig, s.at, s.n FROM {self.t}_s s JOIN ("  # noqa: S608 - our names
            f" SELECT key FROM {self.t}_b WHERE {pairs} GROUP BY key"
            " HAVING count(*) >= :need) c USING (key)"
            " WHERE abs(s.at - :at) <= :span ORDER BY s.at, s.n"
        )
        rows = self.conn.execute(
            self.text(query),
            {
                **{f"h{i}": b for i, b in enumerate(bands)},
                "need": self.probe.need,
                "at": at,
                "span": self.probe.span,
            },
        ).all()
        for key, stored, _, _ in rows:
            if np.count_nonzero(np.frombuffer(stored, dtype=np.uint64) == sig) >= self.probe.least:
                return key
        return None

    def add(self, key: str, sig: np.ndarray, at: float, bands: list[bytes]) -> None:
        self.conn.execute(
            self.text(f"INSERT INTO {self.t}_s (key, sig, at) VALUES (:k, :s, :a)"),  # noqa: S608
            {"k": key, "s": sig.tobytes(), "a": at},
        )
        self.conn.execute(
            self.text(f"INSERT INTO {self.t}_b (band, hash, key) VALUES (:b, :h, :k)"),  # noqa: S608
            [{"b": i, "h": b, "k": key} for i, b in enumerate(bands)],
        )
        self.added += 1
        if self.added % 256 == 0:  # a batch's commit
            self.conn.commit()

    def close(self) -> None:
        self.conn.execute(self.text(f"DROP TABLE {self.t}_b, {self.t}_s"))
        self.conn.commit()
        self.conn.close()
        self.engine.dispose()


def run(index: Any, posts: list[tuple[str, list[str]]], sigs: np.ndarray) -> tuple[list, float]:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    found: list[Any] = []
    began = time.perf_counter()
    for n, ((key, _), sig) in enumerate(zip(posts, sigs, strict=True)):
        at = (start + timedelta(minutes=n)).timestamp()
        bands = index.bands(sig)
        root = index.match(sig, at, bands)
        found.append(None if root is None else (root[1] if isinstance(root, tuple) else root))
        index.add(("bench", key) if isinstance(index, SharedNearIndex) else key, sig, at, bands)
    return found, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--posts", type=int, default=4000)
    parser.add_argument("--copies", type=float, default=0.3)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    triage = load_settings().triage
    posts = corpus(args.eval_dir, args.posts, args.copies, triage.near_duplicate_min_words)
    sigs = signatures([w for _, w in posts])
    threshold, days = triage.near_duplicate, triage.near_duplicate_days
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    makers = {
        "in-process": lambda: NearIndex(threshold, days),
        "datasketch": lambda: DatasketchIndex(threshold, days, None),
        "datasketch-redis": lambda: DatasketchIndex(
            threshold,
            days,
            {"type": "redis", "basename": prefix.encode(), "redis": _redis_params(args.redis)},
        ),
        "redis": lambda: SharedNearIndex(args.redis, prefix, threshold, days),
        "postgres": lambda: PostgresIndex(args.postgres, threshold, days),
    }
    results: dict[str, Any] = {}
    reference: list[Any] = []
    for name, make in makers.items():
        index = make()
        try:
            found, seconds = run(index, posts, sigs)
        finally:
            if isinstance(index, SharedNearIndex):
                index.clear()
            elif isinstance(index, PostgresIndex):
                index.close()
            elif name == "datasketch-redis":
                _drop_redis(args.redis, prefix)
        if name == "in-process":
            reference = found
        results[name] = {
            "posts_per_s": round(len(posts) / seconds, 1),
            "ms_per_post": round(1000 * seconds / len(posts), 3),
            "grouped": sum(r is not None for r in found),
            "same_as_in_process": sum(a == b for a, b in zip(found, reference, strict=True)),
        }
    out = {
        "posts": len(posts),
        "machine": f"{os.cpu_count()} vCPU, load {os.getloadavg()[0]:.2f}",
        "results": results,
    }
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"{out['posts']} posts, {out['machine']}")
    print(f"{'index':<18}{'posts/s':>10}{'ms/post':>10}{'grouped':>9}{'same':>7}")
    for name, r in results.items():
        print(
            f"{name:<18}{r['posts_per_s']:>10}{r['ms_per_post']:>10}{r['grouped']:>9}"
            f"{r['same_as_in_process']:>7}"
        )


def _redis_params(url: str) -> dict[str, Any]:
    from redis.connection import parse_url

    return {k: v for k, v in parse_url(url).items() if k in ("host", "port", "db", "password")}


def _drop_redis(url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    for name in client.scan_iter(f"{prefix}*", count=1000):
        client.delete(name)


if __name__ == "__main__":
    main()
