"""The crawlers' exceptions. Third-party errors (prawcore, googleapiclient, Scrapy) are mapped to
these at the boundary, in the crawler that calls the library, so the CLI can print one line."""

from config.errors import ListenpostError


class CrawlError(ListenpostError):
    """Base class. Raised by every crawler in crawlers.api and by the crawl runner."""


class SourceAuthError(CrawlError):
    """Credentials refused (Reddit 401/403, YouTube keyInvalid or 403). Raised by crawlers.api.*."""


class QuotaExhausted(CrawlError):
    """The daily API quota is spent (YouTube quotaExceeded or our own budget). The cursor is saved
    before this is raised; the next run resumes. Raised by crawlers.api.youtube."""


class SourceUnavailable(CrawlError):
    """The service kept failing (5xx, timeouts, bad JSON) after retries.
    Raised by crawlers.api.*."""


class BadRecord(ListenpostError, ValueError):
    """One input record (an import line or a crawled payload) is unusable; the one-line message
    names the field and what is wrong. Raised by crawlers.items and crawlers.importers, and by
    every payload mapper in crawlers.api and crawlers.spiders."""
