"""Template helpers for text from strangers. Nothing from a post is ever marked safe: templates
autoescape, and links are only made from http(s) URLs."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask

ALLOWED_SCHEMES = {"http", "https"}


def http_url(value: object) -> str:
    """The URL when it is an absolute http(s) URL with a host, else an empty string."""
    if not isinstance(value, str):
        return ""
    url = value.strip()
    if any(ch in url for ch in "\x00\r\n\t") or any(ord(ch) < 32 for ch in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.netloc:
        return ""
    return url


def register(app: Flask) -> None:
    app.jinja_env.filters["http_url"] = http_url
