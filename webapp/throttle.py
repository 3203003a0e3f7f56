"""Login limits kept in the database, so every thread and every web process counts together.

Policy (docs/webapp.md, "Login limits"):

- an address: at most ADDRESS_LIMIT failed logins within ADDRESS_WINDOW seconds, then that
  address waits for the window to end (whatever the account);
- an account, from clients without a device cookie for it: at most ACCOUNT_LIMIT failures within
  ACCOUNT_WINDOW seconds (a slower ramp than an address's), then such clients wait;
- a device cookie: a successful login leaves a signed cookie naming the account; a client that
  shows it for that account is held only by its own limit (DEVICE_LIMIT in DEVICE_WINDOW), so
  strangers guessing from many addresses cannot lock the user out of a browser they used before.

Keys are stored as keyed hashes (the app's secret key), never as addresses or typed usernames.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from crawlers.items import utcnow
from pipelines.models.records import LoginThrottle

ADDRESS_LIMIT, ADDRESS_WINDOW = 5, 300
ACCOUNT_LIMIT, ACCOUNT_WINDOW = 10, 900
DEVICE_LIMIT, DEVICE_WINDOW = 5, 300
DEVICE_COOKIE = "listenpost_device"
DEVICE_DAYS = 90
LIMITS = {"ip": (ADDRESS_LIMIT, ADDRESS_WINDOW), "user": (ACCOUNT_LIMIT, ACCOUNT_WINDOW),
          "dev": (DEVICE_LIMIT, DEVICE_WINDOW)}  # fmt: skip


@dataclass(frozen=True)
class Key:
    kind: str  # ip, user or dev
    digest: str

    @property
    def limit(self) -> int:
        return LIMITS[self.kind][0]

    @property
    def window(self) -> timedelta:
        return timedelta(seconds=LIMITS[self.kind][1])


class Throttle:
    """Failed-login counters in the ``login_throttle`` table of ``db``."""

    def __init__(self, db: Any, secret: str) -> None:
        self.db = db
        self._secret = secret.encode("utf-8")
        self._devices = URLSafeTimedSerializer(secret, salt="listenpost-device")

    def key(self, kind: str, value: str) -> Key:
        mac = hmac.new(self._secret, f"{kind}:{value}".encode(), hashlib.sha256)
        return Key(kind, f"{kind}:{mac.hexdigest()[:56]}")

    # -- device cookies ---------------------------------------------------------------------

    def device_cookie(self, username: str, nonce: str | None = None) -> tuple[str, str]:
        """(cookie value, nonce) for a client that just logged in as ``username``."""
        nonce = nonce or secrets.token_urlsafe(16)
        return self._devices.dumps({"u": username.lower(), "d": nonce}), nonce

    def device_nonce(self, cookie: str | None, username: str) -> str | None:
        """The nonce of a valid device cookie for ``username``, else None."""
        if not cookie:
            return None
        try:
            data = self._devices.loads(cookie, max_age=DEVICE_DAYS * 86400)
        except (BadSignature, ValueError):
            return None
        if not isinstance(data, dict) or data.get("u") != username.lower():
            return None
        nonce = data.get("d")
        return nonce if isinstance(nonce, str) and nonce else None

    # -- counters ---------------------------------------------------------------------------

    def blocked(self, keys: list[Key], now: datetime | None = None) -> bool:
        """Whether any of ``keys`` used up its failures in its current window."""
        now = now or utcnow()
        digests = [k.digest for k in keys]
        with self.db.session() as s:
            found = s.scalars(select(LoginThrottle).where(LoginThrottle.key.in_(digests)))
            rows = {r.key: r for r in found}
        for k in keys:
            row = rows.get(k.digest)
            if row is not None and row.failures >= k.limit and now - row.window_start < k.window:
                return True
        return False

    def fail(self, keys: list[Key], now: datetime | None = None) -> None:
        """Count one failure on each key (a window that ended starts again)."""
        now = now or utcnow()
        for k in keys:
            for _attempt in range(3):
                try:
                    with self.db.session() as s:
                        self._count(s, k, now)
                    break
                except IntegrityError:  # another process added the key meanwhile: count again
                    continue
        oldest = max(seconds for _, seconds in LIMITS.values())
        with self.db.session() as s:
            s.execute(
                delete(LoginThrottle).where(
                    LoginThrottle.window_start < now - timedelta(seconds=oldest)
                )
            )

    @staticmethod
    def _count(s: Any, k: Key, now: datetime) -> None:
        T = LoginThrottle
        counted = s.execute(
            update(T)
            .where(T.key == k.digest, T.window_start > now - k.window)
            .values(failures=T.failures + 1)
        ).rowcount
        if not counted:  # no row, or its window ended: start a new window
            counted = s.execute(
                update(T).where(T.key == k.digest).values(failures=1, window_start=now)
            ).rowcount
        if not counted:
            s.add(T(key=k.digest, failures=1, window_start=now))
            s.flush()

    def clear(self, key: Key) -> None:
        with self.db.session() as s:
            s.execute(delete(LoginThrottle).where(LoginThrottle.key == key.digest))
