"""Scrapy's log lines without the items in them: post text, titles and author names come from
strangers and stay out of logs (LOG_FORMATTER in crawlers/settings.py). Items are named by type
and source id; drops are logged at DEBUG (dedup drops every unchanged post on every run)."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter, LogFormatterResult


def describe(item: Any) -> str:
    """``Mention forum:site:123`` / ``HelpDoc kb:site:/path``: enough to find the row."""
    kind = type(item).__name__
    prefix = getattr(item, "platform", None) or getattr(item, "source", None) or "?"
    return f"{kind} {prefix}:{getattr(item, 'source_id', '?')}"


class ItemSafeLogFormatter(LogFormatter):
    def scraped(self, item: Any, response: Any, spider: Any) -> LogFormatterResult:
        result = super().scraped(item, response, spider)
        result["msg"] = "Scraped from %(src)s: %(item)s"
        result["args"] = {**result["args"], "item": describe(item)}
        return result

    def dropped(
        self, item: Any, exception: BaseException, response: Any, spider: Any
    ) -> LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        result["level"] = getattr(exception, "log_level", None) or logging.DEBUG
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
