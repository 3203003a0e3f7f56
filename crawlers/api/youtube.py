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

The cursor (``cursor.data``, saved after every page): ``phase``;
``searches`` {query: {after (publishedAfter of the next pass), newest (the newest video seen),
searched_at (start of the last finished pass), token, pass_started}}; ``video_ids`` (tracking order)
and ``videos`` {id: {comments (commentCount at the last pass), newest, replies {thread id:
totalReplyCount}, token, pass_newest, disabled?, gone?}}; ``video_pos``; ``channels`` {id: the
same thread state}. A saved page token Google no longer accepts (invalidPageToken) restarts
that pass; dedup drops what comes again. In a cluster each search (``search:<query>``), the
pass over the tracked videos (``videos``) and each brand channel (``channel:<id>``) is a unit
leased on its own (``cursor.claim``; docs/deployment.md): a run crawls the units it got, starting
each from what the other hosts last saved of it, and each save folds their saves into its cursor
(:meth:`_Run.merge`).

Quota: every call is charged before it is sent (search 100 units, everything else 1) against
``[youtube] daily_quota``; the units spent are counted in the database per API key and
Pacific-time day (when Google resets the quota; table ``youtube_quota``, pipelines/quota.py), so
every run of the day, on every host, shares one budget and no unit is counted twice. The crawl
stops *before* a call that would pass the budget, saves the cursor and raises
:class:`QuotaExhausted`.

The client (crawlers/api/youtube_client.py) charges the quota and maps the library's errors
(``HttpError``, transport errors, bodies that are not JSON) in one place,
:func:`map_http_error` / :meth:`YouTubeAPI.call`, to one-line crawler exceptions. The request
URI holds the API key, so an ``HttpError`` is never logged or shown as such.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from config import Settings
from crawlers.api import CursorLike, StatsLike
from crawlers.api.youtube_client import Quota, YouTubeAPI, key_id
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
from crawlers.exceptions import BadRecord
from crawlers.items import Item

logger = logging.getLogger(__name__)

SEARCH_PAGE = 50
THREAD_PAGE = 100
REPLY_PAGE = 100
VIDEO_BATCH = 50
SEARCH_OVERLAP = timedelta(hours=1)  # publishedAfter reaches this far before the last pass


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
        key = key_id(settings.secret("youtube.api_key"))
        self.quota = Quota(cursor.quota, key, settings.youtube.daily_quota, stats, now)
        counted = self.data.pop("quota", None)  # a cursor's own count {day, units}: to the ledger
        if isinstance(counted, dict) and counted.get("day") == self.quota.day:
            units = int(counted.get("units", 0))
            cursor.quota.spend(key, self.quota.day, units, units, max(units, self.quota.budget))
        self.api = YouTubeAPI(settings, self.quota, backoff=backoff)
        self.data.setdefault("searches", {})
        self.data.setdefault("video_ids", [])
        self.data.setdefault("videos", {})
        self.data.setdefault("channels", {})
        self.claimed: set[str] = set()  # units this run crawls: search:Q, videos, channel:ID
        if getattr(cursor, "claim", None) is not None:  # a cluster: units leased one by one
            cursor.merge = self.merge  # type: ignore[attr-defined]

    def save(self) -> None:
        self.cursor.save()

    # -- units of work -------------------------------------------------------------------------
    def claim(self, unit: str) -> bool:
        """May this run crawl ``unit``? Always on one machine; in a cluster, when this process
        got the unit's lease, and then from the unit's state as the other hosts last saved it."""
        claim = getattr(self.cursor, "claim", None)
        if claim is not None:
            if not claim(unit):
                return False
            self.merge(self.cursor.stored())  # type: ignore[attr-defined]
        self.claimed.add(unit)
        return True

    def merge(self, stored: dict[str, Any]) -> dict[str, Any]:
        """Fold the stored cursor (other hosts' units) into this run's before a save: the
        searches and channels this run does not hold, the videos other hosts' searches found
        (appended to the tracking order) and, unless this run holds ``videos``, every tracked
        video's state and the pass's position. Returns the data to write."""
        data = self.data
        for kind, prefix in (("searches", "search:"), ("channels", "channel:")):
            for name, state in (stored.get(kind) or {}).items():
                if prefix + name not in self.claimed:
                    data[kind][name] = state
        held = "videos" in self.claimed
        theirs: dict[str, Any] = stored.get("videos") or {}
        ids = [v for v in stored.get("video_ids") or [] if v in theirs]
        if held:  # the list a running pass walks grows in place
            data["video_ids"].extend(v for v in ids if v not in data["videos"])
        else:
            data["video_ids"][:] = ids + [v for v in data["video_ids"] if v not in theirs]
            data["video_pos"] = int(stored.get("video_pos", 0))
        for vid in ids:
            if not held or vid not in data["videos"]:
                data["videos"][vid] = theirs[vid]
        return data

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
            if self.claim(f"search:{query}"):
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
        if not self.claim("videos"):
            return
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
            if not self.claim(f"channel:{channel}"):
                continue
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
