"""Reddit through PRAW: brand searches, watched subreddits, whole threads, help answers.

One run:

1. re-checks the known threads that were active in the last ``[reddit] active_days`` (one
   ``/api/info`` call per 100 threads) and fetches again those whose comment count changed, so
   new comments on known threads come in;
2. walks every listing, newest first, down to where the previous run stopped: one search per
   ``[[reddit.searches]]`` entry (r/all for each ``[brand] queries`` entry when there are none)
   and ``/new`` of every ``[reddit] watch`` subreddit;
3. fetches each new thread whole: the submission, its comment forest with up to
   ``more_budget`` "more" stubs expanded, each comment keeping its parent and thread.

Answers that score at least ``help_min_score`` under a question in a ``help_subreddits``
subreddit also become third-party :class:`HelpDoc` items.

The cursor (``cursor.data``) holds, per listing, the newest creation time seen (``listings``)
and, per known thread, its creation time, last activity and comment count (``threads``). It is
saved after every thread, once everything the thread yielded is stored. In a cluster each search,
watched subreddit and the re-check of known threads is a unit leased on its own
(``cursor.claim``; docs/deployment.md): a run crawls the units it got, and each save folds the
other hosts' saves into its cursor (:meth:`RedditCrawler.merge`).

Mapping Reddit's JSON to items is done by pure functions (:func:`submission_to_mention`,
:func:`comment_to_mention`, :func:`comment_to_helpdoc`, in crawlers/api/reddit_items.py) on the
``data`` dicts Reddit returns for t3 and t1 things. Ids are Reddit fullnames: ``source_id`` is
``t3_...`` or ``t1_...``, ``thread_id`` is the submission's fullname and ``parent_id`` the
parent's (Reddit's own ``parent_id``), which is also what a reply needs as ``thing_id``.

Rate limits: prawcore reads ``x-ratelimit-*`` on every answer and waits before the next call
when the budget runs low. prawcore retries 5xx answers and timeouts; this module sets how often
(``[reddit] retries``) and how long it waits (``backoff``, doubled each time), and retries 429
(after ``retry-after`` when given) and unreadable JSON itself. Errors are mapped to
crawlers.exceptions in :func:`map_error`, the one place that knows prawcore's exceptions.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, ClassVar, TypeVar

from config import Settings
from crawlers.api import CursorLike, StatsLike
from crawlers.api.reddit_items import (  # noqa: F401 - the mappers are also reached from here
    DELETED,
    _handles,
    comment_to_helpdoc,
    comment_to_mention,
    is_brand_author,
    is_question,
    submission_to_mention,
    thing_data,
)
from crawlers.exceptions import BadRecord, CrawlError, SourceAuthError, SourceUnavailable
from crawlers.items import Item

logger = logging.getLogger(__name__)

LISTING_SLACK = 3600.0  # seconds re-read below the newest item seen: search indexing lags
MAX_WAIT = 300.0  # a longer retry-after ends the run (the cursor is saved; the next run resumes)
T = TypeVar("T")


# -- errors, in one place --------------------------------------------------------------------
def _status(exc: Exception) -> int | None:
    response = getattr(exc, "response", None)
    return getattr(response, "status_code", None)


# What PRAW raises when valid JSON has the wrong shape (an empty 200, a listing cut short).
_MALFORMED = (ValueError, TypeError, KeyError, IndexError, AttributeError)


def map_error(exc: Exception, what: str) -> CrawlError:
    """prawcore/PRAW exception -> crawlers.exceptions, with a one-line message (no bodies,
    no tokens)."""
    from praw.exceptions import PRAWException
    from prawcore import exceptions as pe

    status = _status(exc)
    if isinstance(exc, pe.OAuthException):
        return SourceAuthError(
            f"Reddit refused the app credentials ({exc.error}): check [reddit] client_id and "
            "client_secret"
        )
    url = str(getattr(getattr(exc, "response", None), "url", ""))
    if status in (400, 401, 403) and "/api/v1/access_token" in url:
        return SourceAuthError(
            f"Reddit refused the app credentials (HTTP {status} at /api/v1/access_token): "
            "check [reddit] client_id and client_secret"
        )
    if isinstance(exc, pe.InvalidToken) or status == 401:
        return SourceAuthError(
            f"Reddit answered 401 Unauthorized ({what}): [reddit] client_id / client_secret are "
            "wrong or the app was revoked"
        )
    if isinstance(exc, pe.Forbidden | pe.InsufficientScope) or status == 403:
        return SourceAuthError(
            f"Reddit answered 403 Forbidden ({what}): the subreddit is private, quarantined or "
            "banned, or the app may not read it"
        )
    if isinstance(exc, pe.TooManyRequests) or status == 429:
        return SourceUnavailable(f"Reddit kept answering 429 Too Many Requests ({what})")
    if isinstance(exc, pe.BadJSON):
        ctype = exc.response.headers.get("content-type", "?").split(";")[0]
        return SourceUnavailable(
            f"Reddit answered {what} with something that is not JSON (HTTP {status}, {ctype})"
        )
    if isinstance(exc, pe.ServerError) or (status is not None and status >= 500):
        return SourceUnavailable(f"Reddit kept failing with HTTP {status} ({what})")
    if isinstance(exc, pe.RequestException):
        original = type(exc.original_exception).__name__
        return SourceUnavailable(f"Reddit did not answer ({what}): {original}")
    if isinstance(exc, pe.ResponseException):
        return CrawlError(f"Reddit answered HTTP {status} ({what})")
    if isinstance(exc, _MALFORMED):
        return SourceUnavailable(f"Reddit answered {what} in a shape PRAW cannot read")
    if isinstance(exc, pe.PrawcoreException | PRAWException):
        return CrawlError(f"Reddit client error ({what}): {type(exc).__name__}")
    raise exc


def _retry_after(exc: Exception) -> float | None:
    response = getattr(exc, "response", None)
    value = response.headers.get("retry-after") if response is not None else None
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


def _retry_wait(exc: Exception, attempt: int, backoff: float) -> float | None:
    """Seconds to wait before trying again, or None when ``exc`` is not worth a retry here
    (prawcore has already retried 5xx and timeouts on API calls)."""
    from prawcore import exceptions as pe

    status = _status(exc)
    pause = backoff * (2**attempt)
    if isinstance(exc, pe.TooManyRequests) or status == 429:
        after = _retry_after(exc)
        return pause if after is None else after
    if isinstance(exc, (pe.BadJSON, *_MALFORMED)):
        return pause
    if type(exc) is pe.ResponseException and status is not None and status >= 500:
        return pause  # the token endpoint: prawcore does not retry it
    return None


def _retry_strategy(count: int, backoff: float) -> type:
    """prawcore's retry strategy with our count and waits (its own: 2 retries, 0-4 s)."""
    from prawcore.sessions import FiniteRetryStrategy

    @dataclass(frozen=True)
    class Backoff(FiniteRetryStrategy):
        DEFAULT_RETRIES: ClassVar[int] = count
        retries: int = count

        def _sleep_seconds(self) -> float | None:
            done = self.DEFAULT_RETRIES - self.retries
            if done <= 0:
                return None
            return backoff * (2 ** (done - 1)) * (1 + random.random() / 4)  # noqa: S311

    return Backoff


# -- the client --------------------------------------------------------------------------------
def http_session(timeout: float) -> Any:
    """A requests session whose every call uses ``timeout`` (prawcore passes its own 16 s
    default to every API call, which would win over the requestor's)."""
    import requests

    class Http(requests.Session):
        def request(self, *args: Any, **kwargs: Any) -> Any:
            kwargs["timeout"] = timeout
            return super().request(*args, **kwargs)

    return Http()


def make_reddit(
    settings: Settings, http: Any, *, login: bool = False, retries: int | None = None
) -> Any:
    """A praw.Reddit on the configured endpoints, sending through ``http`` (see
    :func:`http_session`; the caller closes it). Read-only app-only OAuth by default; with
    ``login`` the brand account's password grant (publishing replies). ``retries`` overrides
    ``[reddit] retries`` (the publisher passes 0: a 5xx may already have posted)."""
    import praw

    cfg = settings.reddit
    account = (
        {
            "username": settings.secret("reddit.username"),
            "password": settings.secret("reddit.password"),
        }
        if login
        else {}
    )
    reddit = praw.Reddit(
        client_id=settings.secret("reddit.client_id"),
        client_secret=settings.secret("reddit.client_secret"),
        user_agent=cfg.user_agent,
        oauth_url=cfg.oauth_url.rstrip("/"),
        reddit_url=cfg.reddit_url.rstrip("/"),
        check_for_updates=False,
        check_for_async=False,
        requestor_kwargs={"session": http},
        **account,
    )
    if not login:
        reddit.read_only = True
    # prawcore keeps its retry policy on the session object; there is no public setter.
    count = cfg.retries if retries is None else retries
    reddit._core._retry_strategy_class = _retry_strategy(count, cfg.backoff)
    return reddit


class RedditCrawler:
    """One run over the configured searches and watched subreddits (see the module doc)."""

    def __init__(self, settings: Settings, cursor: CursorLike, stats: StatsLike) -> None:
        self.settings = settings
        self.cfg = settings.reddit
        self.cursor = cursor
        self.stats = stats
        self.accounts = _handles(settings.brand.accounts.reddit)
        self.help_subs = {s.lower().removeprefix("r/") for s in self.cfg.help_subreddits}
        self.sleep: Callable[[float], None] = time.sleep
        self.reddit: Any = None
        self.listings: dict[str, dict[str, Any]] = cursor.data.setdefault("listings", {})
        self.threads: dict[str, dict[str, Any]] = cursor.data.setdefault("threads", {})
        self.claimed: set[str] = set()  # units this run crawls: "known" and listing keys
        self.pruned: set[str] = set()
        if getattr(cursor, "claim", None) is not None:  # a cluster: units leased one by one
            cursor.merge = self.merge  # type: ignore[attr-defined]

    # -- units of work -----------------------------------------------------------------------
    def claim(self, unit: str) -> bool:
        """May this run crawl ``unit`` ("known": re-checking known threads; or a listing's
        key)? Always on one machine; in a cluster, when this process got the unit's lease."""
        claim = getattr(self.cursor, "claim", None)
        if claim is not None and not claim(unit):
            return False
        self.claimed.add(unit)
        return True

    def merge(self, stored: dict[str, Any]) -> dict[str, Any]:
        """Fold the stored cursor (other hosts' units) into this run's before a save: their
        listings' positions, the threads they fetched (the latest activity wins), less what
        this run pruned; what this run's units changed stays. Returns the data to write."""
        for key, state in (stored.get("listings") or {}).items():
            if key not in self.claimed:
                self.listings[key] = state
        for name, thread in (stored.get("threads") or {}).items():
            ours = self.threads.get(name)
            if name in self.pruned:
                continue
            if ours is None or float(thread.get("last", 0)) > float(ours.get("last", 0)):
                self.threads[name] = thread
        return self.cursor.data

    # -- calling Reddit ----------------------------------------------------------------------
    def call(self, fn: Callable[[], T], what: str) -> T:
        """Run one request (or a few, for a thread) with our retries and error mapping."""
        attempt = 0
        while True:
            try:
                return fn()
            except Exception as exc:  # noqa: BLE001 - mapped below, bugs re-raised by map_error
                wait = _retry_wait(exc, attempt, self.cfg.backoff)
                if wait is not None and wait > MAX_WAIT:
                    raise SourceUnavailable(
                        f"Reddit asks to wait {wait:.0f} s before the next request ({what}); "
                        "run again later"
                    ) from exc
                if wait is None or attempt >= self.cfg.retries:
                    raise map_error(exc, what) from exc
                attempt += 1
                logger.warning(
                    "reddit: %s (%s); retry %d of %d in %.1f s",
                    type(exc).__name__, what, attempt, self.cfg.retries, wait,
                )  # fmt: skip
                self.sleep(wait)

    def _skippable(self, exc: CrawlError) -> bool:
        """A missing or moved thing (404, redirect to search): skip it, count an error."""
        from prawcore import exceptions as pe

        return isinstance(exc.__cause__, pe.NotFound | pe.Redirect)

    # -- the run -------------------------------------------------------------------------------
    def run(self) -> Iterator[Item]:
        http = http_session(self.cfg.timeout)
        try:
            self.reddit = make_reddit(self.settings, http)
            if self.claim("known"):
                yield from self.refresh_known()
            for key, what, make in self.plan():
                if self.claim(key):
                    yield from self.walk_listing(key, what, make)
            if "known" in self.claimed:
                self.prune()
            self.cursor.save()
            limits = self.reddit.auth.limits
            logger.info(
                "reddit: done; rate limit remaining %s, used %s",
                limits.get("remaining"), limits.get("used"),
            )  # fmt: skip
        finally:
            http.close()

    def plan(self) -> list[tuple[str, str, Callable[[], Iterator[Any]]]]:
        """(cursor key, description, listing factory) for every search and watched subreddit."""
        out: list[tuple[str, str, Callable[[], Iterator[Any]]]] = []
        searches = [(s.query, s.subreddits) for s in self.cfg.searches] or [
            (q, []) for q in self.settings.brand.queries
        ]
        for query, subreddits in searches:
            where = "+".join(s.removeprefix("r/") for s in subreddits) or "all"

            def search(where: str = where, query: str = query) -> Iterator[Any]:
                return self.reddit.subreddit(where).search(
                    query, sort="new", time_filter="all", limit=None
                )

            out.append((f"search:{where.lower()}:{query}", f"search in r/{where}", search))
        for sub in self.cfg.watch:
            name = sub.removeprefix("r/")

            def new(name: str = name) -> Iterator[Any]:
                return self.reddit.subreddit(name).new(limit=None)

            out.append((f"new:{name.lower()}", f"r/{name}/new", new))
        return out

    def walk_listing(
        self, key: str, what: str, make: Callable[[], Iterator[Any]]
    ) -> Iterator[Item]:
        """New submissions of one listing, oldest first, each thread fetched whole; the
        listing's position moves forward after each thread."""
        state = self.listings.setdefault(key, {})
        newest = state.get("newest_utc")
        floor = None if newest is None else float(newest) - LISTING_SLACK
        fresh: list[tuple[str, str, float]] = []
        try:
            listing = self.call(make, what)
            while True:
                submission = self.call(lambda: next(listing, None), what)
                if submission is None:
                    break
                created = float(submission.created_utc)
                if floor is not None and created < floor:
                    break
                if submission.name not in self.threads:
                    fresh.append((submission.id, submission.name, created))
        except CrawlError as exc:
            if not self._skippable(exc):
                raise
            self.stats.errors += 1
            logger.warning("reddit: skipped %s: %s", what, exc)
            return
        logger.info("reddit: %s: %d new threads", what, len(fresh))
        for sid, name, created in sorted(fresh, key=lambda f: f[2]):
            if name not in self.threads:
                yield from self.fetch_thread(sid)
            if created >= float(state.get("newest_utc") or 0.0):
                state["newest_utc"], state["newest"] = created, name
            self.cursor.save()

    def refresh_known(self) -> Iterator[Item]:
        """Fetch again the active known threads whose comment count changed."""
        now = time.time()
        window = self.cfg.active_days * 86400
        active = [n for n, t in self.threads.items() if now - float(t.get("last", 0)) <= window]
        if not active:
            return
        changed: list[str] = []
        things = self.call(lambda: iter(self.reddit.info(fullnames=active)), "info")
        while True:
            thing = self.call(lambda: next(things, None), "info on known threads")
            if thing is None:
                break
            known = self.threads.get(thing.name)
            if known is not None and int(thing.num_comments) != int(known.get("num_comments", -1)):
                changed.append(thing.id)
        logger.info("reddit: %d of %d known threads changed", len(changed), len(active))
        for sid in changed:
            yield from self.fetch_thread(sid)
            self.cursor.save()

    def fetch_thread(self, sid: str) -> Iterator[Item]:
        """The submission, all comments (up to ``more_budget`` stubs expanded) and help docs;
        records the thread in the cursor (the caller saves it)."""
        budget = self.cfg.more_budget

        def load() -> tuple[dict[str, Any], list[tuple[dict[str, Any], int]], int]:
            from praw.models import Comment

            submission = self.reddit.submission(id=sid)
            submission.comment_sort = "new"
            forest = submission.comments
            skipped = forest.replace_more(limit=budget)
            comments = [
                (thing_data(c), len(c.replies)) for c in forest.list() if isinstance(c, Comment)
            ]
            return thing_data(submission), comments, len(skipped)

        try:
            post, comments, skipped = self.call(load, f"thread t3_{sid}")
        except CrawlError as exc:
            if not self._skippable(exc):
                raise
            self.stats.errors += 1
            logger.warning("reddit: skipped thread t3_%s: %s", sid, exc)
            return
        if skipped:
            logger.info("reddit: t3_%s: %d 'more' stubs left over the budget", sid, skipped)
        try:
            submission = submission_to_mention(post, self.accounts)
        except BadRecord as exc:
            self.stats.errors += 1
            logger.warning("reddit: skipped thread t3_%s: %s", sid, exc)
            return
        yield submission
        help_thread = str(post.get("subreddit", "")).lower() in self.help_subs
        last = submission.created_at.timestamp()
        for data, replies in comments:
            try:
                mention = comment_to_mention(data, self.accounts, replies=replies)
                doc = (
                    comment_to_helpdoc(data, post, self.cfg.help_min_score) if help_thread else None
                )
            except BadRecord as exc:
                self.stats.errors += 1
                logger.warning("reddit: skipped a comment in t3_%s: %s", sid, exc)
                continue
            yield mention
            last = max(last, mention.created_at.timestamp())
            if doc is not None:
                yield doc
        self.threads[submission.source_id] = {
            "created": submission.created_at.timestamp(),
            "last": last,
            "num_comments": int(post.get("num_comments") or 0),
        }

    def prune(self) -> None:
        """Forget threads quiet for longer than the active window that no listing will show
        again (created below every listing's re-read floor)."""
        horizon = time.time() - self.cfg.active_days * 86400
        floors = [float(s["newest_utc"]) for s in self.listings.values() if "newest_utc" in s]
        floor = min(floors, default=0.0) - LISTING_SLACK
        for name in [
            n
            for n, t in self.threads.items()
            if float(t.get("last", 0)) < horizon and float(t.get("created", 0)) < floor
        ]:
            del self.threads[name]
            self.pruned.add(name)


def crawl(settings: Settings, cursor: CursorLike, stats: StatsLike) -> Iterator[Item]:
    """The crawl contract of crawlers.api: yield items, save the cursor after each thread."""
    yield from RedditCrawler(settings, cursor, stats).run()
