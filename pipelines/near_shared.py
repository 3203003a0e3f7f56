"""The near-duplicate index shared by every worker of a cluster: the LSH bands and signatures of
recent posts in Redis (``[cluster] redis_url``, or the broker when it is Redis).

The same lookup as :class:`pipelines.dedup.NearIndex` (16 bands of 4 rows over 64 MinHash
permutations; a candidate needs ``need`` equal bands, then ``least`` equal permutations, a
``created_at`` within the window, and the earliest wins, first added on a tie), with the state
in Redis so a post stored by one worker is found by every other:

- ``PREFIX:near:b<band>:<band bytes in hex>``: a set of the keys of the posts in that bucket;
- ``PREFIX:near:s:<key>``: the post's signature (64 little-endian uint64), its ``created_at``
  (POSIX seconds, a double) and its insertion number (``PREFIX:near:n``, in decimal);
- ``PREFIX:near:warm``: present once the recent posts of the database were added.

Every key expires ``[triage] near_duplicate_days`` after its last write, so the store holds about
the window's posts. A lookup is one round trip (a Lua script counts the 16 buckets' members and
returns the entries of those in enough of them; the signatures are compared here), an addition
one more. The first worker that finds no ``warm`` marker adds the recent
posts from the database (idempotent: a second one doing the same at once changes nothing). Keys
are ``[platform, source_id]`` as JSON; the store resolves them to the stored post's id.

Two workers adding near-copies at the same moment may each miss the other (each looked before the
other added): both posts then start a group. A root named by a worker whose batch was rolled back
resolves to nothing, and the post starts a group of its own.
"""

from __future__ import annotations

import json
import struct
from datetime import timedelta
from typing import Any

import numpy as np

from config.errors import ListenpostError
from crawlers.items import as_utc
from pipelines.dedup import PERMS, NearIndex, recent_posts, signatures

_AT = struct.Struct("<d")  # created_at after the signature; the insertion number after it
_SIG_BYTES = PERMS * 8


# One round trip a lookup: the buckets' members counted in Redis, the entries of those in at
# least ARGV[1] buckets returned as member, value pairs.
_MATCH = """
local counts, order = {}, {}
for _, bucket in ipairs(KEYS) do
  for _, member in ipairs(redis.call('SMEMBERS', bucket)) do
    if not counts[member] then counts[member] = 0; order[#order + 1] = member end
    counts[member] = counts[member] + 1
  end
end
local need, out = tonumber(ARGV[1]), {}
for _, member in ipairs(order) do
  if counts[member] >= need then
    local value = redis.call('GET', ARGV[2] .. member)
    if value then out[#out + 1] = member; out[#out + 1] = value end
  end
end
return out
"""

# One round trip an addition: nothing when the entry exists (first seen wins), else its
# insertion number from KEYS[2], the entry, and the member in each bucket (KEYS[3...]).
_ADD = """
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local n = redis.call('INCR', KEYS[2])
local ttl = tonumber(ARGV[3])
redis.call('SET', KEYS[1], ARGV[2] .. n, 'EX', ttl)
for i = 3, #KEYS do
  redis.call('SADD', KEYS[i], ARGV[1])
  redis.call('EXPIRE', KEYS[i], ttl)
end
return 1
"""


class NearIndexError(ListenpostError):
    """The shared near-duplicate index's Redis failed (raised by :class:`SharedNearIndex`; the
    dedup stage's batch fails with it and is retried)."""


def _redis_errors(method: Any) -> Any:
    """Redis's errors as one :class:`NearIndexError` line naming the index's Redis."""

    def call(self: SharedNearIndex, *args: Any, **kwargs: Any) -> Any:
        import redis

        try:
            return method(self, *args, **kwargs)
        except redis.RedisError as exc:
            from kombu.utils.url import maybe_sanitize_url

            where = maybe_sanitize_url(self.url)
            raise NearIndexError(f"near-duplicate index in Redis at {where}: {exc}") from None

    call.__doc__ = method.__doc__
    return call


class SharedNearIndex:
    """:class:`~pipelines.dedup.NearIndex`'s ``warm``, ``bands``, ``match`` and ``add`` on
    Redis."""

    bands = staticmethod(NearIndex.bands)

    def __init__(self, url: str, prefix: str, threshold: float, days: float) -> None:
        import redis

        self.url = url
        self.client = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10)
        self._match = self.client.register_script(_MATCH)
        self._add = self.client.register_script(_ADD)
        self.prefix = f"{prefix}:near"
        self.window = timedelta(days=days)
        self.span = self.window.total_seconds()
        self.ttl = max(1, int(self.span))
        probe = NearIndex(threshold, days)
        self.least, self.need = probe.least, probe.need

    def _buckets(self, bands: list[bytes]) -> list[str]:
        return [f"{self.prefix}:b{i}:{band.hex()}" for i, band in enumerate(bands)]

    @_redis_errors
    def warm(self, session: Any, around: Any) -> None:
        """Add the database's recent posts unless a worker already did (the marker)."""
        marker = f"{self.prefix}:warm"
        if self.client.exists(marker):
            return
        found = recent_posts(session, around, self.window, NearIndex.MAX)
        sigs = signatures([w for _, w in found])
        pipe = self.client.pipeline(transaction=False)
        for n, ((r, _), sig) in enumerate(zip(found, sigs, strict=True), 1):
            self.add((r.platform, r.source_id), sig, r.created_at, client=pipe)
            if n % 1000 == 0:  # a round trip per thousand posts, in their order
                pipe.execute()
        pipe.execute()
        self.client.set(marker, b"1", ex=self.ttl)

    @_redis_errors
    def match(
        self, sig: np.ndarray, created_at: Any, bands: list[bytes] | None = None
    ) -> tuple[str, str] | None:
        """The earliest recent entry whose estimated Jaccard reaches the threshold."""
        keys = self._buckets(bands or self.bands(sig))
        found = self._match(keys=keys, args=[self.need, f"{self.prefix}:s:"])
        if not found:
            return None
        members, values = found[0::2], found[1::2]
        at = created_at if isinstance(created_at, (int, float)) else as_utc(created_at).timestamp()
        stored = np.frombuffer(b"".join(v[:_SIG_BYTES] for v in values), dtype="<u8")
        stored = stored.reshape(len(values), PERMS)
        times = np.array([_AT.unpack_from(v, _SIG_BYTES)[0] for v in values])
        ok = np.abs(times - at) <= self.span
        ok &= np.count_nonzero(stored == sig.astype("<u8"), axis=1) >= self.least
        hits = [
            (times[i], int(values[i][_SIG_BYTES + _AT.size :]), members[i])
            for i in np.flatnonzero(ok)
        ]
        if not hits:
            return None
        platform, source_id = json.loads(min(hits)[2])
        return platform, source_id

    @_redis_errors
    def add(
        self,
        key: tuple[str, str],
        sig: np.ndarray,
        created_at: Any,
        bands: list[bytes] | None = None,
        client: Any = None,
    ) -> None:
        """Add a post unless its key is there (first seen wins); ``client``: a pipeline to
        queue the addition on."""
        member = json.dumps(list(key))
        at = created_at if isinstance(created_at, (int, float)) else as_utc(created_at).timestamp()
        entry = f"{self.prefix}:s:{member}"
        self._add(
            keys=[entry, f"{self.prefix}:n", *self._buckets(bands or self.bands(sig))],
            args=[member, sig.astype("<u8").tobytes() + _AT.pack(at), self.ttl],
            client=client,
        )

    def clear(self) -> None:
        """Delete every key of this index (tests and the bench)."""
        for name in self.client.scan_iter(f"{self.prefix}:*", count=1000):
            self.client.delete(name)
