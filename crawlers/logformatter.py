"""Scrapy's log lines without the items in them: post text, titles and author names come from
strangers and stay out of logs (LOG_FORMATTER in crawlers/settings.py). Items are named by type
and source id; drops are logged at DEBUG (dedup drops every unchanged post on every run).

The per-page and per-item lines (crawled, scraped, dropped) below the crawl's ``LOG_LEVEL`` are
not made at all: Scrapy's own loggers are at DEBUG whatever LOG_LEVEL says, so each of them
would otherwise build a log record per page or item for a handler to throw away."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter, LogFormatterResult


def describe(item: Any) -> str:
    """``Mention forum:site:123`` / ``HelpDoc kb:site:/path``: enough to find the row."""
    kind = type(item).__name__
    prefix = getattr(item, "platform", None) or getattr(item, "source", None) or "?"
    return f"{kind} {prefix}:{getattr(item, 'source_id', '?')}"


def level_number(level: Any) -> int:
    """A LOG_LEVEL setting (``"INFO"``, ``20``) as a number; unknown names log everything."""
    if isinstance(level, int):
        return level
    number = logging.getLevelName(str(level).upper())
    return number if isinstance(number, int) else logging.NOTSET


class ItemSafeLogFormatter(LogFormatter):
    def __init__(self, min_level: int = logging.NOTSET) -> None:
        super().__init__()
        self.min_level = min_level

    @classmethod
    def from_crawler(cls, crawler: Any) -> ItemSafeLogFormatter:
        return cls(level_number(crawler.settings.get("LOG_LEVEL") or logging.DEBUG))

    def crawled(self, request: Any, response: Any, spider: Any) -> LogFormatterResult | None:
        if logging.DEBUG < self.min_level:
            return None
        return super().crawled(request, response, spider)

    def scraped(self, item: Any, response: Any, spider: Any) -> LogFormatterResult | None:
        if logging.DEBUG < self.min_level:
            return None
        result = super().scraped(item, response, spider)
        result["msg"] = "Scraped from %(src)s: %(item)s"
        result["args"] = {**result["args"], "item": describe(item)}
        return result

    def dropped(
        self, item: Any, exception: BaseException, response: Any, spider: Any
    ) -> LogFormatterResult | None:
        level = getattr(exception, "log_level", None) or logging.DEBUG
        if level_number(level) < self.min_level:
            return None
        result = super().dropped(item, exception, response, spider)
        result["level"] = level
        result["msg"] = "Dropped %(item)s: %(exception)s"
        result["args"] = {**result["args"], "item": describe(item)}
        return result

    def item_error(
        self, item: Any, exception: BaseException, response: Any, spider: Any
    ) -> LogFormatterResult:
        result = super().item_error(item, exception, response, spider)
        result["msg"] = "Error processing %(item)s"
        result["args"] = {"item": describe(item)}
        return result
