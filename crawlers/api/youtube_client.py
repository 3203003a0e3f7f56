"""The YouTube Data API v3 client the crawler uses (crawlers/api/youtube.py): google-api-python-
client built from its bundled discovery document against ``[youtube] api_endpoint``, with the
quota charged per call (Pacific-time days), the library's retries, and every API, transport and
body error mapped to one crawler exception (crawlers/exceptions.py) here, in one place. The API
key never reaches a log line (``_RedactKey``)."""

from __future__ import annotations

import hashlib
import json
import logging
import random
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import httplib2
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import HttpRequest, build_http

from config import Settings
from crawlers.api import QuotaLedgerLike, StatsLike
from crawlers.exceptions import CrawlError, QuotaExhausted, SourceAuthError, SourceUnavailable

logger = logging.getLogger(__name__)

COSTS = {"search": 100}  # quota units per call; every other read is 1
RETRIES = 3  # num_retries for execute(): 5xx, 429, rate-limit 403s and connection errors
BAD_BODY_RETRIES = 2  # extra attempts when a 2xx body is not JSON (truncated, an HTML page)
TIMEOUT = 30.0  # seconds per HTTP request


class _RedactKey(logging.Filter):
    """googleapiclient logs request URIs (retries: "Sleeping ... for request: GET URI") and they
    carry ``key=API_KEY``; this filter, on its loggers, blanks the key before any handler."""

    _KEY = re.compile(r"([?&]key=)[^&\s'\"]+")

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and "key=" in record.msg:
            record.msg = self._KEY.sub(r"\1[redacted]", record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                self._KEY.sub(r"\1[redacted]", a) if isinstance(a, str) and "key=" in a else a
                for a in record.args
            )
        return True


for _name in ("googleapiclient.http", "googleapiclient.discovery", "googleapiclient.model"):
    logging.getLogger(_name).addFilter(_RedactKey())

try:
    QUOTA_TZ: Any = ZoneInfo("America/Los_Angeles")  # Google resets the quota at Pacific midnight
except ZoneInfoNotFoundError:  # pragma: no cover - no tz database on this machine
    QUOTA_TZ = UTC


# -- errors ------------------------------------------------------------------------------------


def error_reason(exc: HttpError) -> tuple[int, str, str]:
    """(HTTP status, the first ``errors[].reason`` or ``details[].reason``, the message) of an
    API error body, from the parsed JSON; plain text or HTML bodies give an empty reason."""
    status = int(exc.resp.status)
    reason, message = "", ""
    try:
        error = json.loads(exc.content.decode("utf-8")).get("error")
    except (ValueError, UnicodeDecodeError, AttributeError):
        error = None
    if isinstance(error, dict):
        message = str(error.get("message") or "")
        entries = (error.get("errors") or []) + (error.get("details") or [])
        reasons = [str(e["reason"]) for e in entries if isinstance(e, dict) and e.get("reason")]
        # newer bodies say "badRequest" in errors[] and API_KEY_INVALID in details[]
        significant = [r for r in reasons if r in _QUOTA_REASONS | _KEY_REASONS]
        if significant:
            reason = significant[0]
        elif "API key not valid" in message:
            reason = "keyInvalid"
        else:
            reason = reasons[0] if reasons else str(error.get("status") or "")
    elif isinstance(error, str):
        message = error
    return status, reason, message


_QUOTA_REASONS = {"quotaExceeded", "dailyLimitExceeded", "dailyLimitExceededUnreg"}
_KEY_REASONS = {"keyInvalid", "keyExpired", "API_KEY_INVALID", "API_KEY_EXPIRED"}


def map_http_error(exc: HttpError) -> CrawlError:
    """The one-line crawler exception for an API error (the key-bearing URI left out)."""
    status, reason, _message = error_reason(exc)
    if reason in _QUOTA_REASONS:
        return QuotaExhausted(
            f"YouTube quota exceeded ({reason}): the API key's daily quota is spent; "
            "the cursor is saved and the next run after midnight Pacific time resumes"
        )
    if reason in _KEY_REASONS:
        return SourceAuthError(
            f"YouTube refused the API key ({reason}): check LISTENPOST_YOUTUBE__API_KEY "
            "or [youtube] api_key"
        )
    if status in (401, 403):
        why = reason or ("forbidden" if status == 403 else "unauthorized")
        return SourceAuthError(
            f"YouTube refused access (HTTP {status} {why}): check that the API key is valid "
            "and the YouTube Data API v3 is enabled for its project"
        )
    if status == 429 or reason in {"rateLimitExceeded", "userRateLimitExceeded"}:
        return SourceUnavailable(
            f"YouTube kept rate-limiting (HTTP {status} {reason or 'too many requests'}) "
            f"after {RETRIES} retries"
        )
    if status >= 500:
        return SourceUnavailable(f"YouTube kept failing (HTTP {status}) after {RETRIES} retries")
    return SourceUnavailable(f"YouTube answered HTTP {status} ({reason or 'no reason given'})")


# -- the client --------------------------------------------------------------------------------


def key_id(api_key: str) -> str:
    """The key as the quota ledger names it: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(api_key.encode("utf-8")).hexdigest()[:16]


class Quota:
    """Units spent per API key and Pacific-time day, counted in ``ledger`` (the database's
    ``youtube_quota``, shared by every crawler host) under ``key``, the API key's digest."""

    def __init__(
        self,
        ledger: QuotaLedgerLike,
        key: str,
        budget: int,
        stats: StatsLike,
        now: Callable[[], datetime],
    ) -> None:
        self.ledger, self.key, self.budget, self.stats, self.now = ledger, key, budget, stats, now

    @property
    def day(self) -> str:
        return self.now().astimezone(QUOTA_TZ).date().isoformat()

    @property
    def used(self) -> int:
        """Units spent today by every crawler with this key."""
        return self.ledger.spent(self.key, self.day)

    def charge(self, cost: int, reserve: int = 0) -> None:
        """Count ``cost`` units, or stop when ``cost + reserve`` would pass the budget."""
        day = self.day
        if self.ledger.spend(self.key, day, cost, cost + reserve, self.budget) is None:
            raise QuotaExhausted(
                f"YouTube daily budget reached: {self.used} of {self.budget} units used today "
                f"({day} Pacific), the next step needs {cost + reserve}; the cursor is saved "
                "and the next run resumes (raise [youtube] daily_quota to allow more)"
            )
        self.stats.quota_used += cost

    def exhaust(self) -> None:
        """The API said quotaExceeded: spend the rest of today's budget."""
        self.ledger.exhaust(self.key, self.day, self.budget)


def _request_builder(backoff: float) -> type[HttpRequest]:
    """HttpRequest whose retry sleeps (``rand() * 2**attempt`` seconds) scale by ``backoff``."""

    class Request(HttpRequest):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._rand = lambda: random.random() * backoff  # noqa: S311 - jitter, not crypto

    return Request


class YouTubeAPI:
    """The discovery-built client with quota charging and error mapping in one place."""

    def __init__(self, settings: Settings, quota: Quota, *, backoff: float = 1.0) -> None:
        self.quota = quota
        self.last_reason = ""  # the tolerated error reason behind the last None from call()
        self.endpoint = settings.youtube.api_endpoint
        http = build_http()
        http.timeout = TIMEOUT
        self.service = build(
            "youtube",
            "v3",
            developerKey=settings.secret("youtube.api_key"),
            client_options={"api_endpoint": self.endpoint},
            static_discovery=True,
            cache_discovery=False,
            http=http,
            requestBuilder=_request_builder(backoff),
        )

    def close(self) -> None:
        """Close the HTTP connections (the Resource closes its httplib2.Http)."""
        self.service.close()

    def call(
        self, resource: str, method: str = "list", *, tolerate: frozenset[str] = frozenset(),
        reserve: int = 0, **params: Any,
    ) -> dict[str, Any] | None:  # fmt: skip
        """Charge the quota, run ``resource.method(**params)`` with retries and return the
        parsed body; None when the API answered an error whose reason is in ``tolerate``.
        ``reserve``: units that must stay available for the calls this one leads to."""
        cost = COSTS.get(resource, 1)
        for attempt in range(BAD_BODY_RETRIES + 1):
            self.quota.charge(cost, reserve)
            request = getattr(getattr(self.service, resource)(), method)(**params)
            try:
                body = request.execute(num_retries=RETRIES)
            except HttpError as exc:
                status, reason, _ = error_reason(exc)
                if reason in tolerate:
                    logger.info("youtube %s.%s: %s (skipped)", resource, method, reason)
                    self.last_reason = reason
                    return None
                mapped = map_http_error(exc)
                if isinstance(mapped, QuotaExhausted):
                    self.quota.exhaust()
                logger.warning("youtube %s.%s: HTTP %s %s", resource, method, status, reason)
                raise mapped from None
            except (OSError, httplib2.HttpLib2Error) as exc:
                host = urlsplit(self.endpoint).netloc or self.endpoint
                if isinstance(exc, TimeoutError):
                    cause = f"timed out after {TIMEOUT:g} s"
                elif isinstance(exc, ConnectionRefusedError):
                    cause = "connection refused"
                else:
                    cause = type(exc).__name__
                raise SourceUnavailable(
                    f"cannot reach YouTube at {host} ({cause}) after {RETRIES} retries"
                ) from None
            if isinstance(body, dict):
                return body
            logger.warning(
                "youtube %s.%s: answer is not JSON (attempt %d)", resource, method, attempt + 1
            )
        raise SourceUnavailable(
            f"YouTube answered {resource}.{method} with something that is not JSON "
            "(a truncated body or an HTML page), "
            f"{BAD_BODY_RETRIES + 1} times"
        )
