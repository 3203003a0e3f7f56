"""Any HTML forum (phpBB, vBulletin, XenForo, Askbot, ...) from per-site selectors.

A new forum needs a ``[[forums.sites]]`` entry with ``kind = "generic"`` and its selectors, not
code. Selectors are CSS (parsel, with ``::text`` and ``::attr(name)``), or XPath when prefixed
with ``xpath:``. CSS matches the element itself too, so ``.accepted-answer`` on a post matches
a post that carries the class. The keys (config/listenpost.toml documents them as well):

thread list pages (the site's ``url`` is the first one)
    ``thread_link`` (required) thread links (an ``<a>`` gives its href);
    ``thread_item`` optional: one row per thread, ``thread_link`` and ``thread_stamp`` are
    then read inside each row; ``thread_stamp`` optional: text that changes whenever the thread
    gets a post (reply count, last-post time): an unchanged stamp means the thread is skipped;
    ``next_page`` the next listing page.
thread pages
    ``thread_title``; ``thread_id`` (else ``thread_id_regex`` on the URL, default the first
    number in the path); ``post`` (required) one element per post; ``thread_next_page`` the
    thread's next page (default: ``next_page``).
inside a post
    ``post_id`` (else the post's position), ``author``, ``date``, ``body`` (required),
    ``score``, ``accepted`` (anything matching marks the accepted answer), ``question`` (marks
    the question on every page; default: the first post of the first page).
comments inside a post (optional)
    ``comment``, ``comment_id``, ``comment_author``, ``comment_date``, ``comment_body``.
plain values
    ``reply_kind``: ``answer`` (Q&A sites) or ``comment`` (default) for replies.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import scrapy
from parsel import Selector, SelectorList
from scrapy.http import Response

from config.settings import ForumSite
from crawlers.spiders.base import ForumSpider, html_to_text, parse_date

logger = logging.getLogger(__name__)

REQUIRED = ("thread_link", "post", "body")
KEYS = frozenset(
    (
        "thread_link", "thread_item", "thread_stamp", "next_page", "thread_title", "thread_id",
        "thread_id_regex", "post", "thread_next_page", "post_id", "author", "date", "body",
        "score", "accepted", "question", "comment", "comment_id", "comment_author",
        "comment_date", "comment_body", "reply_kind",
    )
)  # fmt: skip
_FIRST_NUMBER = r"(\d+)"
_INT = re.compile(r"-?\d+")


def select(sel: Selector | SelectorList[Any], query: str | None) -> SelectorList[Any]:
    """CSS, or XPath after an ``xpath:`` prefix; an empty list for a missing selector."""
    if not query:
        return SelectorList([])
    if query.startswith("xpath:"):
        return sel.xpath(query[len("xpath:") :])
    return sel.css(query)


def text_of(found: SelectorList[Any]) -> str:
    """Text of what a selector found: strings (``::text``, ``::attr``) joined, elements as
    readable text."""
    parts = []
    for item in found:
        value = item.get()
        parts.append(value if isinstance(item.root, str) else html_to_text(value))
    return "\n".join(p.strip() for p in parts if p and p.strip())


def first_text(found: SelectorList[Any]) -> str:
    return text_of(found[:1])


def links(found: SelectorList[Any]) -> list[str]:
    out = []
    for item in found:
        if isinstance(item.root, str):
            out.append(item.get().strip())
        else:
            out.append((item.attrib.get("href") or "").strip())
    return [u for u in out if u]


def check_selectors(site: ForumSite) -> None:
    unknown = sorted(set(site.selectors) - KEYS)
    if unknown:
        raise ValueError(f"site {site.name}: unknown selector keys {', '.join(unknown)}")
    missing = [k for k in REQUIRED if not site.selectors.get(k)]
    if missing:
        raise ValueError(f"site {site.name}: selectors {', '.join(missing)} are required")


class GenericForumSpider(ForumSpider):
    name = "generic"
    kind = "generic"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> GenericForumSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        for site in spider.sites:
            check_selectors(site)  # a configuration mistake stops the run before any request
        return spider  # type: ignore[return-value]

    async def start(self) -> Any:
        for site in self.sites:
            self.state.setdefault(site.name, {}).setdefault("threads", {})
            yield scrapy.Request(
                site.url, callback=self.parse_list, errback=self.errback, cb_kwargs={"site": site}
            )

    # -- thread lists ---------------------------------------------------------------------------
    def parse_list(self, response: Response, site: ForumSite) -> Iterator[Any]:
        sel = site.selectors
        known: dict[str, str] = self.state[site.name]["threads"]
        if sel.get("thread_item"):
            rows = [
                (
                    links(select(row, sel["thread_link"]))[:1],
                    first_text(select(row, sel.get("thread_stamp"))),
                )
                for row in select(response.selector, sel["thread_item"])
            ]
        else:
            rows = [([u], "") for u in links(select(response.selector, sel["thread_link"]))]
        for found, stamp in rows:
            if not found:
                continue
            url = response.urljoin(found[0])
            if stamp and known.get(url) == stamp:
                continue
            yield scrapy.Request(
                url,
                callback=self.parse_thread,
                errback=self.errback,
                cb_kwargs={"site": site, "page": 1, "stamp": stamp, "thread_url": url},
                priority=1,
            )
        for nxt in links(select(response.selector, sel.get("next_page")))[:1]:
            yield scrapy.Request(
                response.urljoin(nxt),
                callback=self.parse_list,
                errback=self.errback,
                cb_kwargs={"site": site},
            )

    # -- threads --------------------------------------------------------------------------------
    def thread_id(self, response: Response, site: ForumSite, thread_url: str) -> str:
        found = first_text(select(response.selector, site.selectors.get("thread_id")))
        if found:
            return found
        pattern = site.selectors.get("thread_id_regex") or _FIRST_NUMBER
        match = re.search(pattern, thread_url.split("://", 1)[-1].partition("/")[2])
        return match.group(1) if match else thread_url

    def parse_thread(
        self,
        response: Response,
        site: ForumSite,
        page: int,
        stamp: str,
        thread_url: str,
        thread_id: str | None = None,
        title: str | None = None,
        first_id: str | None = None,
        position: int = 0,
    ) -> Iterator[Any]:
        sel = site.selectors
        thread_id = thread_id or self.thread_id(response, site, thread_url)
        title = title or first_text(select(response.selector, sel.get("thread_title"))) or None
        posts = select(response.selector, sel["post"])
        reply_kind = "answer" if sel.get("reply_kind") == "answer" else "comment"
        for index, post in enumerate(posts):
            position += 1
            native = first_text(select(post, sel.get("post_id"))) or f"t{thread_id}p{position}"
            is_question = bool(select(post, sel.get("question"))) if sel.get("question") else (
                page == 1 and index == 0
            )  # fmt: skip
            if is_question and first_id is None:
                first_id = native
            source_id = f"{site.name}:{native}"
            if source_id in self.seen:  # the question repeated on every page of a thread
                continue
            self.seen.add(source_id)
            accepted = bool(sel.get("accepted")) and bool(select(post, sel["accepted"]))
            kind = "post" if is_question else ("answer" if accepted else reply_kind)
            body = text_of(select(post, sel["body"]))
            author = first_text(select(post, sel.get("author")))
            score = _INT.search(first_text(select(post, sel.get("score"))) or "")
            url = f"{response.url.split('#')[0]}#{native}"
            mention = self.make_mention(
                site,
                native,
                kind=kind,
                thread_id=thread_id,
                parent_id=None if is_question else first_id,
                url=thread_url if is_question else url,
                author=author,
                title=title if is_question else None,
                text=body,
                created_at=parse_date(first_text(select(post, sel.get("date")))),
                score=int(score.group()) if score else 0,
            )
            yield mention
            if kind == "answer" and accepted and title:
                doc = self.make_answer_doc(
                    site, native, title=title, body=body, url=url, author=author,
                    score=mention.engagement.score,
                )  # fmt: skip
                if doc is not None:
                    yield doc
            yield from self.comments(site, post, thread_id, native, url)
        nxt = links(select(response.selector, sel.get("thread_next_page") or sel.get("next_page")))
        if nxt and posts:
            yield scrapy.Request(
                response.urljoin(nxt[0]),
                callback=self.parse_thread,
                errback=self.errback,
                cb_kwargs={
                    "site": site, "page": page + 1, "stamp": stamp, "thread_url": thread_url,
                    "thread_id": thread_id, "title": title, "first_id": first_id,
                    "position": position,
                },
                priority=2,
            )  # fmt: skip
        elif stamp:  # the thread's last page: all its posts are stored by now
            self.state[site.name]["threads"][thread_url] = stamp

    def comments(
        self, site: ForumSite, post: Selector, thread_id: str, parent: str, url: str
    ) -> Iterator[Any]:
        sel = site.selectors
        for n, comment in enumerate(select(post, sel.get("comment")), 1):
            body = text_of(select(comment, sel.get("comment_body")))
            if not body:
                continue
            native = first_text(select(comment, sel.get("comment_id"))) or f"{parent}c{n}"
            source_id = f"{site.name}:{native}"
            if source_id in self.seen:
                continue
            self.seen.add(source_id)
            yield self.make_mention(
                site,
                native,
                kind="comment",
                thread_id=thread_id,
                parent_id=parent,
                url=url,
                author=first_text(select(comment, sel.get("comment_author"))),
                text=body,
                created_at=parse_date(first_text(select(comment, sel.get("comment_date")))),
            )
