"""The YouTube crawler: YouTube Data API v3 through google-api-python-client.

What one run does, in order, each step resuming where the previous run stopped:

1. **searches** - ``search.list`` (100 units a page) for every query of ``[[youtube.searches]]``
   (or ``[brand] queries``), ``order=date`` with ``publishedAfter`` = the start of the last
   finished pass (or the newest video it saw, if earlier) less ``SEARCH_OVERLAP`` for the search
   index's lag, so a pass pages only through new videos, usually one page. A query searched less
   than ``[youtube] search_interval_minutes`` ago is not searched again: searches are the
   expensive call, and the cheap steps below still catch new comments on every run.
   ``videos.list`` (1 unit for up to 50) adds statistics and the full description. Each video
   becomes a Mention; a tutorial by someone else also becomes a third-party HelpDoc (the
   mappers: crawlers/api/youtube_items.py).
2. **videos** - every tracked video, 50 at a time: ``videos.list`` refreshes its statistics; when
   its ``commentCount`` moved since the last pass, ``commentThreads.list`` (order=time) yields the
   threads newer than the newest seen before, plus the replies of threads whose
   ``totalReplyCount`` grew (inline replies when complete, else ``comments.list`` by parentId).
3. **channels** - the same thread pass over ``allThreadsRelatedToChannelId`` for each brand
   channel (``[youtube] channel_id`` and ``[brand.accounts] youtube``).

A run that stopped (quota, error, interrupt) starts again at the step it stopped in and comes
round to the searches last, so a small budget still reaches the comments.

The cursor (``cursor.data``, saved after every page): ``quota`` {day, units}; ``phase``;
``searches`` {query: {after (publishedAfter of the next pass), newest (the newest video seen),
searched_at (start of the last finished pass), token, pass_started}}; ``video_ids`` (tracking order)
and ``videos`` {id: {comments (commentCount at the last pass), newest, replies {thread id:
totalReplyCount}, token, pass_newest, disabled?, gone?}}; ``video_pos``; ``channels`` {id: the
same thread state}. A saved page token Google no longer accepts (invalidPageToken) restarts
that pass; dedup drops what comes again.

Quota: every call is charged before it is sent (search 100 units, everything else 1) against
``[youtube] daily_quota``; the units spent are kept in the cursor per Pacific-time day (when
Google resets the quota), so two runs the same day share one budget. The crawl stops *before* a
call that would pass the budget, saves the cursor and raises :class:`QuotaExhausted`.

Errors from the library (``HttpError``, transport errors, bodies that are not JSON) are mapped
in one place, :func:`map_http_error` / :meth:`YouTubeAPI.call`, to one-line crawler exceptions.
The request URI holds the API key, so an ``HttpError`` is never logged or shown as such.
"""

from __future__ import annotations

import json
import logging
import random
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import httplib2
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import HttpRequest, build_http

from config import Settings
from crawlers.api import CursorLike, StatsLike
from crawlers.api.youtube_items import (  # noqa: F401 - the mappers are also reached from here
    TUTORIAL_CUES,
    _count,
    _video_id,
    brand_channels,
    comment_to_mention,
    is_tutorial,
    parse_time,
    rfc3339,
    strip_html,
    thread_to_mentions,
    video_to_helpdoc,
    video_to_mention,
    watch_url,
)
from crawlers.exceptions import (
    BadRecord,
    CrawlError,
    QuotaExhausted,
    SourceAuthError,
    SourceUnavailable,
)
from crawlers.items import Item

logger = logging.getLogger(__name__)

COSTS = {"search": 100}  # quota units per call; every other read is 1
RETRIES = 3  # num_retries for execute(): 5xx, 429, rate-limit 403s and connection errors
BAD_BODY_RETRIES = 2  # extra attempts when a 2xx body is not JSON (truncated, an HTML page)
TIMEOUT = 30.0  # seconds per HTTP request
SEARCH_PAGE = 50
THREAD_PAGE = 100
REPLY_PAGE = 100
VIDEO_BATCH = 50
SEARCH_OVERLAP = timedelta(hours=1)  # publishedAfter reaches this far before the last pass


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


class Quota:
    """Units spent per Pacific-time day, kept in ``cursor.data["quota"]``."""

    def __init__(
        self, data: dict[str, Any], budget: int, stats: StatsLike, now: Callable[[], datetime]
    ) -> None:
        self.data, self.budget, self.stats, self.now = data, budget, stats, now

    @property
    def day(self) -> str:
        return self.now().astimezone(QUOTA_TZ).date().isoformat()

    @property
    def used(self) -> int:
        state = self.data.get("quota") or {}
        return int(state.get("units", 0)) if state.get("day") == self.day else 0

    def charge(self, cost: int, reserve: int = 0) -> None:
        """Count ``cost`` units, or stop when ``cost + reserve`` would pass the budget."""
        used = self.used
        if used + cost + reserve > self.budget:
            raise QuotaExhausted(
                f"YouTube daily budget reached: {used} of {self.budget} units used today "
                f"({self.day} Pacific), the next step needs {cost + reserve}; the cursor is saved "
                "and the next run resumes (raise [youtube] daily_quota to allow more)"
            )
        self.data["quota"] = {"day": self.day, "units": used + cost}
        self.stats.quota_used += cost

    def exhaust(self) -> None:
        """The API said quotaExceeded: spend the rest of today's budget."""
        self.data["quota"] = {"day": self.day, "units": max(self.used, self.budget)}


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


# -- the crawl ---------------------------------------------------------------------------------


_EXPIRED = frozenset({"invalidPageToken"})  # tolerated only when resuming at a saved token


def _utcnow() -> datetime:
    return datetime.now(UTC)


def search_queries(settings: Settings) -> list[str]:
    queries = [s.query for s in settings.youtube.searches] or list(settings.brand.queries)
    return list(dict.fromkeys(q for q in queries if q.strip()))


class _Run:
    """One run's state; every method that yields is a resumable phase."""

    def __init__(
        self,
        settings: Settings,
        cursor: CursorLike,
        stats: StatsLike,
        now: Callable[[], datetime],
        backoff: float,
    ) -> None:
        self.settings = settings
        self.cursor = cursor
        self.stats = stats
        self.data = cursor.data
        self.brand = brand_channels(settings)
        self.now = now
        self.quota = Quota(self.data, settings.youtube.daily_quota, stats, now)
        self.api = YouTubeAPI(settings, self.quota, backoff=backoff)
        self.data.setdefault("searches", {})
        self.data.setdefault("video_ids", [])
        self.data.setdefault("videos", {})
        self.data.setdefault("channels", {})

    def save(self) -> None:
        self.cursor.save()

    def mapped(self, what: str, mapper: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``mapper(*args, **kwargs)``, or None (an error counted) for a malformed resource."""
        try:
            return mapper(*args, **kwargs)
        except BadRecord as exc:
            self.stats.errors += 1
            logger.warning("youtube: skipped %s: %s", what, exc)
            return None

    # -- 1. searches ---------------------------------------------------------------------------
    def searches(self) -> Iterator[Item]:
        for query in search_queries(self.settings):
            yield from self._search(query)

    def _search(self, query: str) -> Iterator[Item]:
        st = self.data["searches"].setdefault(query, {"after": None, "token": None})
        if not st.get("token"):  # a new pass, unless the last one is recent enough
            last = st.get("searched_at")
            wait = timedelta(minutes=self.settings.youtube.search_interval_minutes)
            if last and self.now() - parse_time(last) < wait:
                logger.info("youtube search %r: searched at %s, not again yet", query, last)
                return
            st["pass_started"] = rfc3339(self.now())
        while True:
            body = self.api.call(
                "search",
                tolerate=_EXPIRED if st.get("token") else frozenset(),
                reserve=1,  # the videos.list call that completes the page
                part="snippet",
                q=query,
                type="video",
                order="date",
                maxResults=SEARCH_PAGE,
                publishedAfter=st.get("after"),
                pageToken=st.get("token"),
            )
            if body is None:  # a saved page token expired: this pass starts again
                st["token"] = None
                continue
            items = [i for i in body.get("items") or [] if _video_id(i)]
            yield from self._videos_found(items, st)
            token = body.get("nextPageToken")
            if not items:
                token = None  # the API can hand out tokens past the last result
            st["token"] = token
            self.save()
            if not token:
                break
        # the next pass asks only for videos published since this one started (or since the
        # newest video seen, if that is earlier), less an overlap for the search index's lag
        started = parse_time(st.pop("pass_started", None) or rfc3339(self.now()))
        newest = parse_time(st["newest"]) if st.get("newest") else started
        st["after"] = rfc3339(min(started, newest) - SEARCH_OVERLAP)
        st["searched_at"] = rfc3339(started)
        self.save()
        logger.info("youtube search pass done (%d videos tracked)", len(self.data["video_ids"]))

    def _videos_found(self, items: list[dict[str, Any]], st: dict[str, Any]) -> Iterator[Item]:
        if not items:
            return
        ids = [vid for vid in (_video_id(i) for i in items) if vid]
        body = self.api.call(
            "videos", part="snippet,statistics", id=",".join(ids), maxResults=VIDEO_BATCH
        )
        details = {v.get("id"): v for v in (body or {}).get("items") or []}
        for item in items:
            vid = _video_id(item)
            assert vid is not None
            resource = details.get(vid, item)
            mention = self.mapped(f"video {vid}", video_to_mention, resource, self.brand)
            if mention is None:
                continue
            yield mention
            doc = self.mapped(f"video {vid}", video_to_helpdoc, resource, self.brand)
            if doc is not None:
                yield doc
            if vid not in self.data["videos"]:
                self.data["videos"][vid] = {"comments": None, "newest": None, "replies": {}}
                self.data["video_ids"].append(vid)
            if not st.get("newest") or mention.created_at > parse_time(st["newest"]):
                st["newest"] = rfc3339(mention.created_at)

    # -- 2. tracked videos ---------------------------------------------------------------------
    def videos(self) -> Iterator[Item]:
        ids: list[str] = self.data["video_ids"]
        pos = int(self.data.get("video_pos", 0))
        while pos < len(ids):
            batch = [
                v for v in ids[pos : pos + VIDEO_BATCH] if not self.data["videos"][v].get("gone")
            ]
            if batch:
                yield from self._video_batch(batch)
            pos = min(pos + VIDEO_BATCH, len(ids))
            self.data["video_pos"] = pos
            self.save()
        self.data["video_pos"] = 0
        self.save()

    def _video_batch(self, batch: list[str]) -> Iterator[Item]:
        body = self.api.call(
            "videos", part="snippet,statistics", id=",".join(batch), maxResults=VIDEO_BATCH
        )
        found = {v.get("id"): v for v in (body or {}).get("items") or []}
        for vid in batch:
            st = self.data["videos"][vid]
            resource = found.get(vid)
            if resource is None:  # deleted or made private
                st["gone"] = True
                continue
            mention = self.mapped(f"video {vid}", video_to_mention, resource, self.brand)
            if mention is not None:
                yield mention  # refreshed statistics; dedup drops it when unchanged
            stats = resource.get("statistics") or {}
            count = _count(stats["commentCount"]) if "commentCount" in stats else None
            unchanged = count == st.get("comments") if count is not None else st.get("disabled")
            if st.get("token") is None and unchanged:
                continue  # no comment added or removed (or still disabled) since the last pass
            yield from self._threads(
                st, {"videoId": vid}, frozenset({"commentsDisabled", "videoNotFound"})
            )
            st["comments"] = count

    # -- 3. brand channels ---------------------------------------------------------------------
    def channels(self) -> Iterator[Item]:
        for channel in sorted(self.brand):
            st = self.data["channels"].setdefault(channel, {"newest": None, "replies": {}})
            yield from self._threads(
                st,
                {"allThreadsRelatedToChannelId": channel},
                frozenset({"channelNotFound", "commentsDisabled"}),
            )

    # -- comment threads -----------------------------------------------------------------------
    def _threads(
        self, st: dict[str, Any], scope: dict[str, str], tolerate: frozenset[str]
    ) -> Iterator[Item]:
        """One pass over a video's or channel's threads (resumes at ``st["token"]``). Returns
        False when the API answered a tolerated error (comments disabled, video gone)."""
        boundary = parse_time(st["newest"]) if st.get("newest") else None
        if not st.get("token"):
            st["pass_newest"] = st.get("newest")
        st.setdefault("replies", {})
        while True:
            body = self.api.call(
                "commentThreads",
                tolerate=tolerate | (_EXPIRED if st.get("token") else frozenset()),
                part="snippet,replies",
                order="time",
                maxResults=THREAD_PAGE,
                textFormat="plainText",
                pageToken=st.get("token"),
                **scope,
            )
            if body is None and self.api.last_reason in _EXPIRED:
                st["token"] = None  # a saved page token expired: this pass starts again
                continue
            if body is None:
                st["token"] = None
                st.pop("pass_newest", None)
                st["disabled"] = True
                self.save()
                return False
            for thread in body.get("items") or []:
                yield from self._thread(thread, st, boundary)
            token = body.get("nextPageToken") if body.get("items") else None
            st["token"] = token
            self.save()
            if not token:
                break
        st["newest"] = st.pop("pass_newest", None) or st.get("newest")
        st.pop("disabled", None)
        self.save()
        return True

    def _thread(
        self, thread: dict[str, Any], st: dict[str, Any], boundary: datetime | None
    ) -> Iterator[Item]:
        snippet = thread.get("snippet") or {}
        top = snippet.get("topLevelComment") or {}
        if not top.get("id"):
            return
        thread_id = thread.get("id") or top["id"]
        video_id, channel_id = snippet.get("videoId"), snippet.get("channelId")
        count = _count(snippet.get("totalReplyCount"))
        mention = self.mapped(
            f"comment {top['id']}",
            comment_to_mention,
            top,
            video_id,
            channel_id=channel_id,
            replies=count,
            brand=self.brand,
        )
        if mention is None:
            return
        published = mention.created_at
        known = int(st["replies"].get(thread_id, 0))
        is_new = boundary is None or published > boundary
        if is_new or count != known:
            yield mention
        if count > known:
            inline = (thread.get("replies") or {}).get("comments") or []
            replies = inline if len(inline) >= count else self._replies(thread_id)
            for reply in replies:
                what = f"a reply in thread {thread_id}"
                kwargs = {"channel_id": channel_id, "brand": self.brand}
                item = self.mapped(what, comment_to_mention, reply, video_id, **kwargs)
                if item is not None:
                    yield item
        if count:
            st["replies"][thread_id] = count
        else:
            st["replies"].pop(thread_id, None)
        newest = st.get("pass_newest")
        if not newest or published > parse_time(newest):
            st["pass_newest"] = rfc3339(published)

    def _replies(self, parent_id: str) -> Iterator[dict[str, Any]]:
        token: str | None = None
        while True:
            body = self.api.call(
                "comments",
                tolerate=frozenset({"commentNotFound", "parentCommentNotFound"}),
                part="snippet",
                parentId=parent_id,
                maxResults=REPLY_PAGE,
                textFormat="plainText",
                pageToken=token,
            )
            if body is None:
                return
            yield from body.get("items") or []
            token = body.get("nextPageToken") if body.get("items") else None
            if not token:
                return


def crawl(
    settings: Settings,
    cursor: CursorLike,
    stats: StatsLike,
    *,
    now: Callable[[], datetime] | None = None,
    backoff: float = 1.0,
) -> Iterator[Item]:
    """Yield YouTube Mentions and HelpDocs (see the module docstring). ``now`` and ``backoff``
    (a factor on the library's retry sleeps) are for tests. The cursor is saved after each page
    and before any exception leaves, so a stopped run resumes where it stopped."""
    run = _Run(settings, cursor, stats, now or _utcnow, backoff)
    phases = (run.searches, run.videos, run.channels)
    # a run that stopped (quota, error) resumes at the phase it stopped in and goes round to
    # the searches last, so a small budget still reaches the comments
    start = int(cursor.data.get("phase", 0)) % len(phases)
    try:
        for step in range(len(phases)):
            index = (start + step) % len(phases)
            cursor.data["phase"] = index
            yield from phases[index]()
        cursor.data["phase"] = 0
    finally:
        run.api.close()
        try:
            cursor.save()
        except Exception:  # never hide the error that got us here
            logger.exception("youtube: could not save the cursor")
