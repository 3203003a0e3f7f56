"""Discourse forums over their JSON API.

``/latest.json`` pages (``topic_list.more_topics_url``) -> ``/t/{slug}/{id}.json`` (the first
chunk of ``post_stream.posts`` and the ids of all posts in ``post_stream.stream``) ->
``/t/{id}/posts.json?post_ids[]=...`` for the rest of a long topic, 20 ids a request.

Incremental: the site's state keeps, per topic, what the listing said of it when it was last
read whole: ``[posts_count, highest_post_number, last_posted_at, bumped_at]``. A listed topic
whose four values did not move is skipped. A topic that moved is read whole again - the topic
JSON and every post id of its stream through posts.json - because the listing cannot say which
posts changed: a new post moves posts_count and last_posted_at, a post recovered from deletion
only posts_count (it comes back at its old place in the stream, with its old id), an edit of the
last post only bumped_at, and an edit elsewhere in the topic nothing at all (it is caught the
next time the topic moves). Every post of a re-read topic is yielded; the dedup stage drops
those stored unchanged (same text, likes and replies) and the store updates edited ones in
place, so a re-read adds no row twice. A changed topic costs one request per 20 posts.

A listing page with nothing changed ends the listing early, but only when the previous run
went through the whole listing without failures (``complete``); otherwise every page is read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

import scrapy
from scrapy.http import Response

from config.settings import ForumSite
from crawlers.exceptions import BadRecord
from crawlers.items import HelpDoc, Mention, payload_mapper
from crawlers.spiders.base import BadResponse, ForumSpider, html_to_text, parse_date

logger = logging.getLogger(__name__)

CHUNK = 20  # post ids per /t/{id}/posts.json request (Discourse's own chunk size)
LIKE = 2  # actions_summary id of a like


def json_url(url: str) -> str:
    """``/latest?page=1`` (Discourse's more_topics_url) -> ``/latest.json?page=1``."""
    parts = urlsplit(url)
    path = parts.path if parts.path.endswith(".json") else parts.path.rstrip("/") + ".json"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def signature(listed: dict[str, Any]) -> list[Any]:
    """What a topic list says of a topic that moves when the topic changed (see the module
    docstring); saved per topic in the crawl state."""
    return [
        listed.get("posts_count"),
        listed.get("highest_post_number"),
        listed.get("last_posted_at"),
        listed.get("bumped_at"),
    ]


def like_count(post: dict[str, Any]) -> int:
    if isinstance(post.get("like_count"), int):
        return int(post["like_count"])
    for action in post.get("actions_summary") or []:
        if action.get("id") == LIKE:
            return int(action.get("count") or 0)
    return 0


@dataclass
class Topic:
    """What the callbacks of one topic share while its chunks arrive."""

    site: ForumSite
    id: int
    slug: str
    title: str
    listed: list[Any]  # the listing's signature of the topic, saved once the topic is done
    accepted_number: int | None = None
    views: int = 0
    first_id: int | None = None
    numbers: dict[int, int] = field(default_factory=dict)  # post_number -> post id
    pending: int = 0


@payload_mapper
def post_to_mention(spider: ForumSpider, topic: Topic, post: dict[str, Any]) -> Mention:
    """One Discourse post as a Mention (pure apart from the spider's brand accounts)."""
    number = int(post.get("post_number") or 0)
    accepted = bool(post.get("accepted_answer")) or (
        topic.accepted_number is not None and number == topic.accepted_number
    )
    if number == 1:
        kind, parent = "post", None
    else:
        kind = "answer" if accepted else "comment"
        reply_to = post.get("reply_to_post_number")
        parent = topic.numbers.get(int(reply_to)) if reply_to else None
        parent = parent or topic.first_id
    return spider.make_mention(
        topic.site,
        post["id"],
        kind=kind,
        thread_id=topic.id,
        parent_id=parent,
        url=f"{topic.site.url.rstrip('/')}/t/{topic.slug}/{topic.id}/{number}",
        author=post.get("username"),
        author_id=None if post.get("user_id") is None else str(post["user_id"]),
        title=topic.title if number == 1 else None,
        text=html_to_text(post.get("cooked")),
        created_at=parse_date(post.get("created_at")),
        score=like_count(post),
        replies=int(post.get("reply_count") or 0),
        views=topic.views if number == 1 else int(post.get("reads") or 0),
        raw=post,
    )


class DiscourseSpider(ForumSpider):
    name = "discourse"
    kind = "discourse"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.listing_done: set[str] = set()

    async def start(self) -> Any:
        for site in self.sites:
            state = self.state.setdefault(site.name, {})
            state.setdefault("topics", {})
            yield self.list_request(site, f"{site.url.rstrip('/')}/latest.json")

    def list_request(self, site: ForumSite, url: str) -> scrapy.Request:
        return scrapy.Request(
            url, callback=self.parse_list, errback=self.errback, cb_kwargs={"site": site}
        )

    # -- topic lists ----------------------------------------------------------------------------
    def parse_list(self, response: Response, site: ForumSite) -> Iterator[Any]:
        try:
            data = self.load_json(response)
            topics = data["topic_list"]["topics"]
        except (BadResponse, KeyError, TypeError) as exc:
            yield from self.retry_bad(response, str(exc))
            return
        state = self.state[site.name]
        known: dict[str, list[Any]] = state["topics"]
        changed = 0
        for t in topics:
            if known.get(str(t["id"])) == signature(t):
                continue
            if not t.get("pinned"):
                changed += 1
            yield self.topic_request(site, t)
        more = data["topic_list"].get("more_topics_url")
        if more and topics and (changed or not state.get("complete")):
            yield self.list_request(site, json_url(urljoin(site.url.rstrip("/") + "/", more)))
        else:
            self.listing_done.add(site.name)

    def topic_request(self, site: ForumSite, listed: dict[str, Any]) -> scrapy.Request:
        slug = listed.get("slug") or "topic"
        return scrapy.Request(
            f"{site.url.rstrip('/')}/t/{slug}/{listed['id']}.json",
            callback=self.parse_topic,
            errback=self.errback,
            cb_kwargs={"site": site, "listed": signature(listed)},
            priority=1,  # finish topics before reading further listing pages
        )

    # -- topics ---------------------------------------------------------------------------------
    def parse_topic(self, response: Response, site: ForumSite, listed: list[Any]) -> Iterator[Any]:
        try:
            data = self.load_json(response)
            stream = data["post_stream"]
            posts = stream["posts"]
            ids = [int(i) for i in stream.get("stream") or [p["id"] for p in posts]]
            topic_id = int(data["id"])
        except (BadResponse, KeyError, TypeError, ValueError) as exc:
            yield from self.retry_bad(response, str(exc))
            return
        accepted = data.get("accepted_answer") or {}
        topic = Topic(
            site=site,
            id=topic_id,
            slug=data.get("slug") or "topic",
            title=data.get("title") or data.get("fancy_title") or "",
            listed=listed,
            accepted_number=accepted.get("post_number") if isinstance(accepted, dict) else None,
            views=int(data.get("views") or 0),
            first_id=ids[0] if ids else None,
        )
        yield from self.emit(topic, posts)
        loaded = {int(p["id"]) for p in posts}
        missing = [i for i in ids if i not in loaded]
        chunks = [missing[i : i + CHUNK] for i in range(0, len(missing), CHUNK)]
        topic.pending = len(chunks)
        for chunk in chunks:
            query = urlencode([("post_ids[]", i) for i in chunk])
            yield scrapy.Request(
                f"{site.url.rstrip('/')}/t/{topic_id}/posts.json?{query}",
                callback=self.parse_posts,
                errback=self.errback,
                cb_kwargs={"site": site, "topic": topic},
                priority=2,
                meta={"listenpost_follow": True},  # a shared crawl: read by this crawler
            )
        if not chunks:
            self.topic_done(topic)

    def parse_posts(self, response: Response, site: ForumSite, topic: Topic) -> Iterator[Any]:
        try:
            posts = self.load_json(response)["post_stream"]["posts"]
        except (BadResponse, KeyError, TypeError) as exc:
            yield from self.retry_bad(response, str(exc))
            return
        yield from self.emit(topic, posts)
        topic.pending -= 1
        if topic.pending == 0:
            self.topic_done(topic)

    def emit(self, topic: Topic, posts: list[dict[str, Any]]) -> Iterator[Mention | HelpDoc]:
        for post in posts:
            if post.get("post_number") is not None:
                topic.numbers[int(post["post_number"])] = int(post["id"])
        for post in posts:
            if post.get("hidden") or post.get("deleted_at") or post.get("post_type", 1) != 1:
                continue  # hidden, deleted, moderator actions and whispers are not posts
            try:
                mention = post_to_mention(self, topic, post)
            except BadRecord as exc:
                # logged as an error: counted in the run's errors
                logger.error("%s: skipped a post of topic %s: %s", topic.site.name, topic.id, exc)
                continue
            yield mention
            if mention.kind == "answer":
                doc = self.make_answer_doc(
                    topic.site,
                    post["id"],
                    title=topic.title,
                    body=mention.text,
                    url=mention.url,
                    author=mention.author,
                    score=mention.engagement.score,
                )
                if doc is not None:
                    yield doc

    def topic_done(self, topic: Topic) -> None:
        """Every post of the topic has been yielded (and so stored): remember where it stands."""
        self.state[topic.site.name]["topics"][str(topic.id)] = topic.listed

    def finalize_state(self, reason: str) -> None:
        for site in self.sites:
            self.state[site.name]["complete"] = (
                reason == "finished"
                and site.name in self.listing_done
                and site.name not in self.failed_sites
            )
