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

Each site's selectors are compiled once (:class:`CompiledSelectors`: parsel's CSS translation, then
an lxml ``XPath`` object) and run on the lxml nodes of the page Scrapy parsed once
(``response.selector.root``): the same XPath, the same nodes and the same text as parsel's
``Selector.css``/``.xpath`` give, without a parsel ``Selector`` per match. A selector that does
not compile stops the run before any request, like a missing one.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import scrapy
from lxml import etree
from parsel import Selector, SelectorList
from parsel.csstranslator import GenericTranslator, HTMLTranslator
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


# -- compiled selectors (the generic spider's hot path) ----------------------------------------
# parsel's HTML selectors know the EXSLT regular expressions as ``re:`` (Selector's default
# namespaces); its other defaults are not XPath extension namespaces lxml needs at compile time.
_NAMESPACES = {"re": "http://exslt.org/regular-expressions"}
_NOT_XPATH = frozenset(("thread_id_regex", "reply_kind"))

# parsel's CSS translator and serialization per Selector type (HtmlResponse -> html, an XML
# response -> xml).
_TRANSLATORS = {"html": HTMLTranslator(), "xml": GenericTranslator()}

Node = Any
"""What a compiled selector finds: lxml elements (and comments), or strings (``::text``,
``::attr``, ``@name``, ``string()``), or an XPath number or boolean."""


def compile_query(query: str, kind: str = "html") -> etree.XPath:
    """The lxml XPath of a selector: CSS through parsel's translator (what ``Selector.css``
    runs: ``descendant-or-self::`` from the context node), or the XPath after ``xpath:``."""
    if query.startswith("xpath:"):
        expr = query[len("xpath:") :]
    else:
        expr = _TRANSLATORS[kind].css_to_xpath(query)
    return etree.XPath(expr, namespaces=_NAMESPACES, smart_strings=False)


class CompiledSelectors:
    """A site's selectors compiled once for a page type (``html`` or ``xml``, as parsel's
    ``Selector.type``); ``find(node, key)`` lists what a key's selector finds from a context node,
    in document order, as parsel would (an empty list for a missing key)."""

    def __init__(self, site: ForumSite, kind: str = "html") -> None:
        self.kind = kind
        self.queries: dict[str, etree.XPath] = {}
        for key, query in site.selectors.items():
            if key in _NOT_XPATH or not query:
                continue
            try:
                self.queries[key] = compile_query(query, kind)
            except (etree.XPathError, ValueError) as exc:  # cssselect raises ValueError kinds
                raise ValueError(f"site {site.name}: selector {key} {query!r}: {exc}") from None

    def find(self, node: Node, key: str) -> list[Node]:
        query = self.queries.get(key)
        if query is None:
            return []
        result = query(node)
        return result if type(result) is list else [result]

    def text(self, found: list[Node]) -> str:
        """:func:`text_of` for what :meth:`find` found: strings as they are, elements as
        readable text, stripped, joined by line breaks."""
        parts = []
        for node in found:
            if isinstance(node, str):
                value = node.strip()
            else:
                value = _serialize(node, self.kind)
                value = html_to_text(value).strip() if value else ""
            if value:
                parts.append(value)
        return "\n".join(parts)

    def first_text(self, found: list[Node]) -> str:
        return self.text(found[:1])


def page_root(response: Response) -> tuple[Node, str]:
    """The root node of the page Scrapy parsed (``response.selector``, parsed once) and its type.
    A page that is neither HTML nor XML is read as HTML, as parsel's ``css`` does for a
    ``text`` selector; JSON has no nodes (parsel raises the same ValueError)."""
    selector = response.selector
    if selector.type in _TRANSLATORS:
        return selector.root, selector.type
    if selector.type == "text":
        return Selector(text=response.text, type="html").root, "html"
    raise ValueError(f"Cannot use css on a Selector of type {selector.type!r}")


def _serialize(node: Node, kind: str) -> str:
    """What parsel's ``Selector.get()`` gives for a node (an element serialized as HTML, or as
    XML on an XML page)."""
    if isinstance(node, str):
        return node
    try:
        return etree.tostring(node, method=kind, encoding="unicode", with_tail=False)
    except (AttributeError, TypeError):
        if node is True:
            return "1"
        if node is False:
            return "0"
        return str(node)


def nodes_links(found: list[Node]) -> list[str]:
    """:func:`links` for compiled-selector results: strings, or an element's ``href``."""
    out = []
    for node in found:
        if isinstance(node, str):
            url = node.strip()
        else:
            get = getattr(node, "get", None)
            url = ((get("href") if get is not None else None) or "").strip()
        if url:
            out.append(url)
    return out


class GenericForumSpider(ForumSpider):
    name = "generic"
    kind = "generic"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seen: set[str] = set()
        self.compiled: dict[tuple[str, str], CompiledSelectors] = {}

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> GenericForumSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        for site in spider.sites:
            check_selectors(site)  # a configuration mistake stops the run before any request
            spider.selectors_of(site)  # and so does a selector that does not compile
        return spider  # type: ignore[return-value]

    def selectors_of(self, site: ForumSite, kind: str = "html") -> CompiledSelectors:
        """The site's selectors compiled for a page type (``response.selector.type``)."""
        compiled = self.compiled.get((site.name, kind))
        if compiled is None:
            compiled = self.compiled[site.name, kind] = CompiledSelectors(site, kind)
        return compiled

    async def start(self) -> Any:
        for site in self.sites:
            self.state.setdefault(site.name, {}).setdefault("threads", {})
            yield scrapy.Request(
                site.url, callback=self.parse_list, errback=self.errback, cb_kwargs={"site": site}
            )

    # -- thread lists ---------------------------------------------------------------------------
    def parse_list(self, response: Response, site: ForumSite) -> Iterator[Any]:
        root, kind = page_root(response)
        compiled = self.selectors_of(site, kind)
        find, first_text = compiled.find, compiled.first_text
        known: dict[str, str] = self.state[site.name]["threads"]
        if site.selectors.get("thread_item"):
            rows = [
                (
                    nodes_links(find(row, "thread_link"))[:1],
                    first_text(find(row, "thread_stamp")),
                )
                for row in find(root, "thread_item")
            ]
        else:
            rows = [([u], "") for u in nodes_links(find(root, "thread_link"))]
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
        for nxt in nodes_links(find(root, "next_page"))[:1]:
            yield scrapy.Request(
                response.urljoin(nxt),
                callback=self.parse_list,
                errback=self.errback,
                cb_kwargs={"site": site},
            )

    # -- threads --------------------------------------------------------------------------------
    def thread_id(self, response: Response, site: ForumSite, thread_url: str) -> str:
        root, kind = page_root(response)
        compiled = self.selectors_of(site, kind)
        found = compiled.first_text(compiled.find(root, "thread_id"))
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
        root, kind = page_root(response)
        compiled = self.selectors_of(site, kind)
        find, text, first_text = compiled.find, compiled.text, compiled.first_text
        thread_id = thread_id or self.thread_id(response, site, thread_url)
        title = title or first_text(find(root, "thread_title")) or None
        posts = find(root, "post")
        reply_kind = "answer" if sel.get("reply_kind") == "answer" else "comment"
        has_question, has_accepted = bool(sel.get("question")), bool(sel.get("accepted"))
        has_comments = bool(sel.get("comment"))
        page_url = response.url.split("#")[0]
        for index, post in enumerate(posts):
            position += 1
            native = first_text(find(post, "post_id")) or f"t{thread_id}p{position}"
            is_question = bool(find(post, "question")) if has_question else (
                page == 1 and index == 0
            )  # fmt: skip
            if is_question and first_id is None:
                first_id = native
            source_id = f"{site.name}:{native}"
            if source_id in self.seen:  # the question repeated on every page of a thread
                continue
            self.seen.add(source_id)
            accepted = has_accepted and bool(find(post, "accepted"))
            kind = "post" if is_question else ("answer" if accepted else reply_kind)
            body = text(find(post, "body"))
            author = first_text(find(post, "author"))
            score = _INT.search(first_text(find(post, "score")))
            url = f"{page_url}#{native}"
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
                created_at=parse_date(first_text(find(post, "date"))),
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
            if has_comments:
                yield from self.comments(site, post, thread_id, native, url, compiled)
        nxt = nodes_links(
            find(root, "thread_next_page" if sel.get("thread_next_page") else "next_page")
        )
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
                meta={"listenpost_follow": True},  # a shared crawl: read by this crawler
            )  # fmt: skip
        elif stamp:  # the thread's last page: all its posts are stored by now
            self.state[site.name]["threads"][thread_url] = stamp

    def comments(
        self,
        site: ForumSite,
        post: Node,
        thread_id: str,
        parent: str,
        url: str,
        compiled: CompiledSelectors | None = None,
    ) -> Iterator[Any]:
        compiled = compiled or self.selectors_of(site)
        find, text, first_text = compiled.find, compiled.text, compiled.first_text
        for n, comment in enumerate(find(post, "comment"), 1):
            body = text(find(comment, "comment_body"))
            if not body:
                continue
            native = first_text(find(comment, "comment_id")) or f"{parent}c{n}"
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
                author=first_text(find(comment, "comment_author")),
                text=body,
                created_at=parse_date(first_text(find(comment, "comment_date"))),
            )
