"""Reddit's JSON ``data`` of t3 (submission) and t1 (comment) things -> items: pure functions,
no network. Ids are Reddit fullnames: ``source_id`` is ``t3_...`` or ``t1_...``, ``thread_id``
the submission's fullname and ``parent_id`` the parent's (Reddit's own ``parent_id``). Each
mapper returns an item or raises BadRecord (crawlers.items.payload_mapper)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from crawlers.items import Engagement, HelpDoc, Mention, payload_mapper

PUBLIC_URL = "https://www.reddit.com"
DELETED = "[deleted]"
_GONE_TEXT = {"[deleted]", "[removed]"}
_QUESTION_START = re.compile(
    r"^\s*(how|why|what|which|where|when|who|can|could|should|would|is|are|does|do|did|"
    r"has|have|any(one|body)?|help|cómo|como|por qué|qué|que|cuál|cual|dónde|donde|cuándo|"
    r"alguien|puedo|se puede|ayuda)\b",
    re.IGNORECASE,
)
_QUESTION_FLAIR = re.compile(r"question|help|support|pregunta|ayuda|unsolved|solved", re.I)


# -- pure mapping ---------------------------------------------------------------------------
def _handles(brand_accounts: Iterable[str]) -> set[str]:
    out = set()
    for handle in brand_accounts:
        name = handle.strip().lstrip("/")
        name = name[2:] if name[:2].lower() == "u/" else name
        if name:
            out.add(name.casefold())
    return out


def is_brand_author(author: str | None, brand_accounts: Iterable[str]) -> bool:
    """Whether ``author`` is one of the brand's Reddit handles (case-insensitive; "u/x" and
    "/u/x" in the settings are accepted)."""
    return bool(author) and author != DELETED and author.casefold() in _handles(brand_accounts)


def _created(data: dict[str, Any]) -> datetime:
    return datetime.fromtimestamp(float(data["created_utc"]), UTC)


def _public_url(permalink: str) -> str:
    """https://www.reddit.com + the permalink, without a query (search adds ?ref=...)."""
    path = urlsplit(permalink).path if "://" in permalink else permalink.split("?", 1)[0]
    return PUBLIC_URL + path


def _author(data: dict[str, Any]) -> str:
    author = data.get("author")
    return author if isinstance(author, str) and author else DELETED


def _text(value: Any) -> str:
    text = value if isinstance(value, str) else ""
    return "" if text.strip() in _GONE_TEXT else text


def _raw(data: dict[str, Any]) -> dict[str, Any]:
    """The payload kept for re-mapping: the thing's data without its nested reply listing."""
    return {k: v for k, v in data.items() if k != "replies"}


def _reply_count(replies: Any) -> int:
    """Direct replies in a comment's ``replies`` listing ("" when it has none); a "more" stub
    counts for the children it hides."""
    if not isinstance(replies, dict):
        return 0
    count = 0
    for child in replies.get("data", {}).get("children", []):
        if child.get("kind") == "t1":
            count += 1
        elif child.get("kind") == "more":
            count += len(child.get("data", {}).get("children", []))
    return count


@payload_mapper
def submission_to_mention(data: dict[str, Any], brand_accounts: Iterable[str] = ()) -> Mention:
    """A t3 thing's ``data`` -> a post Mention."""
    name = data.get("name") or f"t3_{data['id']}"
    author = _author(data)
    permalink = data.get("permalink") or f"/r/{data.get('subreddit', 'all')}/comments/{data['id']}/"
    return Mention(
        platform="reddit",
        source_id=name,
        kind="post",
        thread_id=name,
        parent_id=None,
        url=_public_url(permalink),
        author=author,
        author_id=data.get("author_fullname"),
        title=data.get("title") or None,
        text=_text(data.get("selftext")),
        created_at=_created(data),
        engagement=Engagement(
            score=int(data.get("score") or 0), replies=int(data.get("num_comments") or 0)
        ),
        by_brand=is_brand_author(author, brand_accounts),
        raw=_raw(data),
    )


@payload_mapper
def comment_to_mention(
    data: dict[str, Any], brand_accounts: Iterable[str] = (), *, replies: int | None = None
) -> Mention:
    """A t1 thing's ``data`` -> a comment Mention. ``replies`` overrides the count of direct
    replies read from the nested listing (the crawler passes it after expanding stubs)."""
    name = data.get("name") or f"t1_{data['id']}"
    link_id = data["link_id"]
    author = _author(data)
    permalink = data.get("permalink") or (
        f"/r/{data.get('subreddit', 'all')}/comments/{link_id.removeprefix('t3_')}/_/{data['id']}/"
    )
    return Mention(
        platform="reddit",
        source_id=name,
        kind="comment",
        thread_id=link_id,
        parent_id=data.get("parent_id") or link_id,
        url=_public_url(permalink),
        author=author,
        author_id=data.get("author_fullname"),
        title=None,
        text=_text(data.get("body")),
        created_at=_created(data),
        engagement=Engagement(
            score=int(data.get("score") or 0),
            replies=_reply_count(data.get("replies")) if replies is None else replies,
        ),
        by_brand=is_brand_author(author, brand_accounts),
        raw=_raw(data),
    )


def is_question(submission: dict[str, Any]) -> bool:
    """A question-like submission: a "?" in the title, a question word first, or a
    question/help flair."""
    title = submission.get("title") or ""
    flair = submission.get("link_flair_text") or ""
    return "?" in title or bool(_QUESTION_START.match(title) or _QUESTION_FLAIR.search(flair))


@payload_mapper
def comment_to_helpdoc(
    comment: dict[str, Any], submission: dict[str, Any], min_score: int
) -> HelpDoc | None:
    """A direct answer to a question-like submission that scores at least ``min_score``, not
    written by the asker and not deleted -> third-party help; otherwise None."""
    body = _text(comment.get("body")).strip()
    author = _author(comment)
    asker = _author(submission)
    sub_name = submission.get("name") or f"t3_{submission.get('id')}"
    if (
        not body
        or author == DELETED
        or author.casefold() == asker.casefold()
        or comment.get("parent_id") != sub_name
        or int(comment.get("score") or 0) < min_score
        or not is_question(submission)
    ):
        return None
    mention = comment_to_mention(comment)
    return HelpDoc(
        source="third_party",
        source_id=mention.source_id,
        title=submission.get("title") or mention.source_id,
        body=body,
        url=mention.url,
        author=author,
        score=int(comment.get("score") or 0),
        category=f"r/{submission['subreddit']}" if submission.get("subreddit") else None,
        platform="reddit",
    )


def thing_data(thing: Any) -> dict[str, Any]:
    """The JSON ``data`` of a PRAW Submission or Comment, back from PRAW's attributes: PRAW sets
    every field of the payload as an attribute and turns only ``author`` and ``subreddit`` into
    objects (and ``replies`` into a forest, left out here)."""
    out: dict[str, Any] = {}
    for key, value in vars(thing).items():
        if key.startswith("_") or key in {"comment_limit", "comment_sort", "submission"}:
            continue
        if key == "author":
            value = DELETED if value is None else str(value)
        elif key == "subreddit":
            value = str(value)
        elif not _plain(value):
            continue
        out[key] = value
    return out


def _plain(value: Any) -> bool:
    if value is None or isinstance(value, str | int | float | bool):
        return True
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False
