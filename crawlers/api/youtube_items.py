"""YouTube Data API resources (videos, search results, comment threads, comments) -> items:
pure functions, no network. Each mapper returns an item (or None for a resource that is not a
video) or raises BadRecord (crawlers.items.payload_mapper)."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from typing import Any

from config import Settings
from crawlers.items import Engagement, HelpDoc, Mention, payload_mapper

TUTORIAL_CUES = re.compile(
    r"\b(how[ -]to|tutorial|tuto|guide|walkthrough|step[ -]by[ -]step|fix|fixing|fixed|"
    r"troubleshoot\w*|c[oó]mo|gu[ií]a|paso a paso|soluci[oó]n|solucionar|arreglar|reparar)\b",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]+>")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


# -- pure mapping ------------------------------------------------------------------------------


def brand_channels(settings: Settings) -> frozenset[str]:
    """The brand's own channel ids: ``[brand.accounts] youtube`` and ``[youtube] channel_id``."""
    ids = {*settings.brand.accounts.youtube, settings.youtube.channel_id}
    return frozenset(i for i in ids if i)


def watch_url(video_id: str, comment_id: str | None = None) -> str:
    url = f"https://www.youtube.com/watch?v={video_id}"
    return f"{url}&lc={comment_id}" if comment_id else url


def strip_html(text: str | None) -> str:
    """Plain text from a ``textDisplay`` in HTML format (links, <br>, entities)."""
    if not text:
        return ""
    return html.unescape(_TAG.sub("", _BR.sub("\n", text)))


def rfc3339(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value: str) -> datetime:
    """RFC 3339 from the API (``2019-11-26T15:51:44.000Z`` or ``2022-11-15T02:20:01Z``)."""
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


def _count(value: Any) -> int:
    """Statistics arrive as strings ("1234"); absent or hidden counts are 0."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _video_id(item: dict[str, Any]) -> str | None:
    """The id of a ``youtube#video`` (a string) or a ``youtube#searchResult`` (a dict)."""
    ident = item.get("id")
    if isinstance(ident, dict):
        return (
            ident.get("videoId") if ident.get("kind", "youtube#video") == "youtube#video" else None
        )
    return ident or None


def _video_texts(item: dict[str, Any]) -> tuple[str, str]:
    """Title and description; search results carry them HTML-escaped (``&amp;``)."""
    snippet = item.get("snippet") or {}
    title, description = snippet.get("title") or "", snippet.get("description") or ""
    if item.get("kind") == "youtube#searchResult":
        title, description = html.unescape(title), html.unescape(description)
    return title, description


@payload_mapper
def video_to_mention(item: dict[str, Any], brand: frozenset[str] = frozenset()) -> Mention | None:
    """A video from ``search.list`` or ``videos.list``; None for channel or playlist results."""
    video_id = _video_id(item)
    if not video_id:
        return None
    snippet = item.get("snippet") or {}
    stats = item.get("statistics") or {}
    title, description = _video_texts(item)
    channel = snippet.get("channelId")
    return Mention(
        platform="youtube",
        source_id=video_id,
        kind="video",
        thread_id=video_id,
        parent_id=None,
        url=watch_url(video_id),
        author=snippet.get("channelTitle") or channel or "[unknown]",
        author_id=channel,
        title=title or None,
        text=description,
        lang=snippet.get("defaultAudioLanguage") or snippet.get("defaultLanguage"),
        created_at=parse_time(snippet["publishedAt"]),
        engagement=Engagement(
            score=_count(stats.get("likeCount")),
            replies=_count(stats.get("commentCount")),
            views=_count(stats.get("viewCount")),
        ),
        by_brand=channel in brand,
        raw=item,
    )


def is_tutorial(title: str, description: str = "") -> bool:
    return bool(TUTORIAL_CUES.search(title) or TUTORIAL_CUES.search(description))


@payload_mapper
def video_to_helpdoc(item: dict[str, Any], brand: frozenset[str] = frozenset()) -> HelpDoc | None:
    """A tutorial video by someone other than the brand, as third-party help content."""
    video_id = _video_id(item)
    if not video_id:
        return None
    snippet = item.get("snippet") or {}
    title, description = _video_texts(item)
    if snippet.get("channelId") in brand or not title or not is_tutorial(title, description):
        return None
    return HelpDoc(
        source="third_party",
        source_id=f"youtube:{video_id}",
        title=title,
        body=description or title,
        url=watch_url(video_id),
        lang=snippet.get("defaultAudioLanguage") or snippet.get("defaultLanguage"),
        author=snippet.get("channelTitle") or snippet.get("channelId"),
        score=_count((item.get("statistics") or {}).get("likeCount")),
        platform="youtube",
    )


@payload_mapper
def comment_to_mention(
    comment: dict[str, Any],
    video_id: str | None,
    *,
    channel_id: str | None = None,
    replies: int = 0,
    brand: frozenset[str] = frozenset(),
) -> Mention:
    """A ``youtube#comment``: a thread's top-level comment (parent: the video) or a reply
    (parent: the top-level comment, ``snippet.parentId``). ``video_id`` comes from the thread,
    because replies from ``comments.list`` do not name their video. A channel comment without a
    video is threaded under the channel."""
    snippet = comment.get("snippet") or {}
    comment_id = comment["id"]
    video_id = video_id or snippet.get("videoId")
    channel_id = channel_id or snippet.get("channelId")
    author_id = (snippet.get("authorChannelId") or {}).get("value")
    parent = snippet.get("parentId") or video_id
    if video_id:
        url = watch_url(video_id, comment_id)
    elif channel_id:
        url = f"https://www.youtube.com/channel/{channel_id}/discussion?lc={comment_id}"
    else:
        url = None
    text = snippet.get("textOriginal")
    if text is None:
        text = strip_html(snippet.get("textDisplay"))
    return Mention(
        platform="youtube",
        source_id=comment_id,
        kind="comment",
        thread_id=video_id or channel_id,
        parent_id=parent,
        url=url,
        author=snippet.get("authorDisplayName") or author_id or "[unknown]",
        author_id=author_id,
        text=text,
        created_at=parse_time(snippet["publishedAt"]),
        engagement=Engagement(score=_count(snippet.get("likeCount")), replies=replies),
        by_brand=author_id in brand,
        raw=comment,
    )


@payload_mapper
def thread_to_mentions(
    thread: dict[str, Any], brand: frozenset[str] = frozenset()
) -> list[Mention]:
    """A ``youtube#commentThread``: its top-level comment, then the replies it carries inline."""
    snippet = thread.get("snippet") or {}
    video_id, channel_id = snippet.get("videoId"), snippet.get("channelId")
    top = comment_to_mention(
        snippet["topLevelComment"],
        video_id,
        channel_id=channel_id,
        replies=_count(snippet.get("totalReplyCount")),
        brand=brand,
    )
    inline = (thread.get("replies") or {}).get("comments") or []
    return [top] + [
        comment_to_mention(r, video_id, channel_id=channel_id, brand=brand) for r in inline
    ]
