"""Which URLs from strangers may become links: absolute http(s) URLs with a host, nothing else
(no ``javascript:``, ``data:`` or control characters). The web pages and the reply drafts use
this one check."""

from __future__ import annotations

from urllib.parse import urlsplit

ALLOWED_SCHEMES = {"http", "https"}


def http_url(value: object) -> str:
    """The URL when it is an absolute http(s) URL with a host, else an empty string."""
    if not isinstance(value, str):
        return ""
    url = value.strip()
    if any(ord(ch) < 32 or ch == "\x7f" for ch in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.netloc:
        return ""
    return url
