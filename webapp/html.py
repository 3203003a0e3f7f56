"""Template helpers for text from strangers. Nothing from a post is ever marked safe: templates
autoescape, and links are only made from http(s) URLs (``crawlers.urls.http_url``)."""

from __future__ import annotations

from flask import Flask

from crawlers.urls import ALLOWED_SCHEMES, http_url

__all__ = ["ALLOWED_SCHEMES", "http_url", "register"]


def register(app: Flask) -> None:
    app.jinja_env.filters["http_url"] = http_url
