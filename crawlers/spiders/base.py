"""The base of listenpost's spiders, and the helpers every spider shares.

A concrete spider has a ``name``, the site ``kind`` it serves, and callbacks that turn
responses into :class:`~crawlers.items.Mention` and :class:`~crawlers.items.HelpDoc` items.

Declarative knobs of :class:`ForumSpider` (class attributes, or ``-a NAME=VALUE`` for ``site``):

``kind``
    Which ``[[forums.sites]]`` entries the spider crawls (``discourse``, ``generic`` or
    ``sitemap``). Every site of that kind is crawled, unless ``-a site=NAME`` picks one.
``site``
    (``-a site=NAME``) crawl only the configured site called NAME; an unknown name is an error.
``max_bad_retries``
    How often a response whose body cannot be parsed (truncated JSON, an HTML error page where
    JSON was expected) is fetched again before it counts as an error. Default: RETRY_TIMES.

Run time attributes the spider offers to the rest of the crawl:

``listenpost``
    The listenpost :class:`~config.Settings` (``LISTENPOST_SETTINGS`` from the runner, else
    ``config.load_settings()``, which reads ``LISTENPOST_CONFIG`` and ``LISTENPOST_*``).
``sites``
    The :class:`~config.settings.ForumSite` entries this run crawls.
``state``
    ``{site name: dict}``: each site's saved position. It is loaded from and saved to the
    crawl_state table by the ``pipelines.crawlstate.CrawlStateExtension`` extension (the spider
    never imports pipelines); a spider only reads it and updates it *after* it has yielded every
    item of a finished unit of work (a topic, a thread, an article). The items are stored later,
    in batches in a worker process (pipelines.scrapy_chain), so the extension snapshots the
    positions and writes a snapshot only once every item yielded before it has been committed
    (its ledger): a saved position never covers an unstored item. Without the extension the dict
    is empty and everything is fetched; dedup keeps repeats out of the database.
``state_source(site)``
    The crawl_state key of a site: ``forum:<site name>``.

Source ids are ``<site name>:<native id>``: stable across runs and unique across sites.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import scrapy
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.http import Response
from w3lib.html import remove_tags, remove_tags_with_content, replace_entities

from config import Settings, load_settings
from config.errors import ListenpostError
from config.settings import ForumSite
from crawlers.items import Engagement, HelpDoc, Mention, MentionKind

logger = logging.getLogger(__name__)

_BLOCK = re.compile(
    r"<\s*(?:br|p|div|li|ul|ol|h[1-6]|blockquote|pre|tr|table|hr)\b[^>]*>"
    r"|<\s*/\s*(?:p|div|ul|ol|h[1-6]|blockquote|pre|table)\s*>",
    re.IGNORECASE,
)
_GAPS = re.compile(r"[ \t]*\n(?:[ \t]*\n)+")
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d %b %Y, %H:%M",
    "%b %d, %Y %I:%M %p",
    "%d.%m.%Y %H:%M",
    "%Y-%m-%d",
)


def html_to_text(html: str | None) -> str:
    """Readable text from a post's HTML: block elements become line breaks, entities decoded.
    The normalize stage folds spaces and blank lines afterwards."""
    if not html:
        return ""
    html = remove_tags_with_content(html, which_ones=("script", "style", "noscript"))
    html = _BLOCK.sub("\n", html)
    text = replace_entities(remove_tags(html))
    return _GAPS.sub("\n\n", text).strip()


def parse_date(value: str | int | float | None) -> datetime | None:
    """A UTC datetime from what forums print: ISO 8601 (with or without Z), epoch seconds,
    RFC 2822 and a few common "YYYY-MM-DD HH:MM[:SS] [+ZZZZ]" forms; None when none fits."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(float(value), UTC)
    text = " ".join(str(value).split())
    if not text:
        return None
    if text.isdigit():
        return datetime.fromtimestamp(int(text), UTC)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is None:
        for fmt in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(text, fmt)  # noqa: DTZ007 - naive means UTC here
                break
            except ValueError:
                continue
    if parsed is None:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


class BadResponse(ListenpostError):
    """A response body the spider cannot read (raised and handled inside crawlers.spiders)."""


class ForumSpider(scrapy.Spider):
    """Base of the forum and help-content spiders; see the module docstring for the knobs."""

    kind: str = ""
    site: str | None = None
    max_bad_retries: int | None = None

    listenpost: Settings
    sites: list[ForumSite]
    state: dict[str, dict[str, Any]]
    failed_sites: set[str]
    brand_accounts: set[str]

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ForumSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.listenpost = crawler.settings.get("LISTENPOST_SETTINGS") or load_settings()
        spider.sites = spider.select_sites(spider.listenpost, spider.site)
        spider.state = {site.name: {} for site in spider.sites}
        spider.brand_accounts = {a.casefold() for a in spider.listenpost.brand.accounts.forum}
        spider.failed_sites = set()
        if spider.max_bad_retries is None:
            spider.max_bad_retries = crawler.settings.getint("RETRY_TIMES")
        return spider

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        """``scrapy crawl NAME`` too: the listenpost settings, the [forums] user agent,
        private data files (config/files.py) and, in a cluster with Redis, the shared request
        queue and duplicate filter (crawlers.shared)."""
        from config.files import private_umask

        private_umask()
        super().update_settings(settings)
        listenpost = settings.get("LISTENPOST_SETTINGS")
        if listenpost is None:
            listenpost = load_settings()
            settings.set("LISTENPOST_SETTINGS", listenpost, priority="spider")
        settings.set("USER_AGENT", listenpost.forums.user_agent, priority="spider")
        if listenpost.cluster.shared_redis:  # a cluster: crawlers share requests in Redis
            from crawlers.shared import shared_settings

            for key, value in shared_settings(listenpost).items():
                settings.set(key, value, priority="spider")

    @classmethod
    def select_sites(cls, settings: Settings, only: str | None = None) -> list[ForumSite]:
        sites = [s for s in settings.forums.sites if s.kind == cls.kind]
        if only:
            sites = [s for s in sites if s.name == only]
            if not sites:
                raise ValueError(f"no [[forums.sites]] of kind {cls.kind!r} is called {only!r}")
        return sites

    @staticmethod
    def state_source(site: ForumSite | str) -> str:
        name = site if isinstance(site, str) else site.name
        return f"forum:{name}"

    # -- items ----------------------------------------------------------------------------------
    def is_brand(self, author: str | None) -> bool:
        return bool(author) and author.casefold() in self.brand_accounts

    def make_mention(
        self,
        site: ForumSite,
        native_id: str | int,
        *,
        kind: MentionKind,
        thread_id: str | int,
        author: str | None,
        text: str,
        created_at: datetime | None,
        url: str | None,
        parent_id: str | int | None = None,
        title: str | None = None,
        score: int = 0,
        replies: int = 0,
        views: int = 0,
        author_id: str | None = None,
        raw: dict[str, Any] | None = None,
        lang: str | None = None,
    ) -> Mention:
        author = (author or "").strip() or "[unknown]"
        return Mention(
            platform="forum",
            source_id=f"{site.name}:{native_id}",
            kind=kind,
            thread_id=f"{site.name}:t{thread_id}",
            parent_id=None if parent_id is None else f"{site.name}:{parent_id}",
            url=url,
            author=author[:255],
            author_id=author_id,
            title=title,
            text=text,
            lang=lang,
            created_at=created_at or datetime.now(UTC),
            engagement=Engagement(score=score, replies=replies, views=views),
            by_brand=self.is_brand(author),
            raw=raw,
        )

    def make_answer_doc(
        self,
        site: ForumSite,
        native_id: str | int,
        *,
        title: str,
        body: str,
        url: str | None,
        author: str | None,
        score: int = 0,
    ) -> HelpDoc | None:
        """An accepted answer as help content (third-party unless the site is the brand's)."""
        if not body.strip() or not title.strip():
            return None
        return HelpDoc(
            source="third_party" if site.third_party else "kb",
            source_id=f"{site.name}:{native_id}",
            title=title,
            body=body,
            url=url,
            author=author or None,
            score=score,
            platform="forum",
        )

    # -- responses ------------------------------------------------------------------------------
    def load_json(self, response: Response) -> Any:
        """The JSON body, or :class:`BadResponse` (truncated body, HTML error page...)."""
        try:
            return json.loads(response.body)
        except (ValueError, UnicodeDecodeError) as exc:
            ctype = response.headers.get(b"Content-Type", b"").decode("latin-1")
            raise BadResponse(f"not JSON ({ctype or 'no content type'}): {exc}") from None

    def retry_bad(self, response: Response, reason: str) -> Iterable[scrapy.Request]:
        """Fetch an unreadable response again, up to ``max_bad_retries``; then log an error."""
        retry = get_retry_request(
            response.request,
            spider=self,
            reason="bad_body",
            max_retry_times=self.max_bad_retries,
        )
        if retry is not None:
            logger.info("fetching %s again: %s", response.url, reason)
            yield retry
        else:  # get_retry_request has logged the give-up as an error (counted in crawl_run)
            self.crawler.stats.inc_value("listenpost/bad_responses")
            self.failed(response.request)

    def failed(self, request: scrapy.Request) -> None:
        """A request of this run failed for good: the spider does not claim a complete pass."""
        site = request.cb_kwargs.get("site") if request is not None else None
        if isinstance(site, ForumSite):
            self.failed_sites.add(site.name)

    def errback(self, failure: Any) -> None:
        """Errback of every request: count the failure against its site (already logged)."""
        request = getattr(failure, "request", None)
        if request is None and hasattr(failure, "value"):
            request = getattr(failure.value, "request", None)
        if request is None and hasattr(failure.value, "response"):
            request = failure.value.response.request
        self.failed(request)

    def finalize_state(self, reason: str) -> None:
        """Called by the crawl-state extension before the last save; spiders may override."""
