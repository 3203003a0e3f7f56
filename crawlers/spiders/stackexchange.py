"""Stack Exchange sites over the public API (``/2.3/questions``).

The site's ``url`` is the questions endpoint with its query, for example
``https://api.stackexchange.com/2.3/questions?site=superuser&tagged=wifi``; the spider adds
``page``, ``pagesize``, ``order=desc``, ``sort=activity``, ``filter`` (the built-in ``withbody``;
``selectors.filter`` names another, for example one made with /filters/create that embeds
``answers`` and ``comments``) and, after a complete run, ``min=<last activity seen>`` so a re-run
only reads questions with new activity. When the questions carry no ``answers``, the answers of a
page's answered questions come from ``/questions/{ids}/answers`` (one request per page of
questions). It follows ``has_more``, waits ``backoff`` seconds when the API asks for it, and
stops when ``quota_remaining`` reaches 0 (the next run carries on).

Questions become Mentions (kind post, source id ``<site>:q<id>``), answers kind answer
(``<site>:a<id>``), comments kind comment (``<site>:c<id>``); accepted answers also become
third-party HelpDocs (question title, answer text).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import scrapy
from scrapy.http import Response

from config.settings import ForumSite
from crawlers.items import HelpDoc, Mention
from crawlers.spiders.base import BadResponse, ForumSpider, html_to_text, parse_date

logger = logging.getLogger(__name__)

DEFAULT_FILTER = "withbody"  # built in: the default fields plus body
PAGE_SIZE = 100


def page_url(site: ForumSite, page: int, since: int | None) -> str:
    parts = urlsplit(site.url)
    query = dict(parse_qsl(parts.query))
    query.update(
        page=str(page),
        pagesize=str(PAGE_SIZE),
        order="desc",
        sort="activity",
        filter=site.selectors.get("filter") or query.get("filter") or DEFAULT_FILTER,
    )
    if since:
        query["min"] = str(since)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def answers_url(site: ForumSite, question_ids: list[int], page: int) -> str:
    parts = urlsplit(site.url)
    query = {k: v for k, v in parse_qsl(parts.query) if k in ("site", "key")}
    query.update(page=str(page), pagesize=str(PAGE_SIZE), filter=DEFAULT_FILTER)
    path = f"{parts.path.rstrip('/')}/{';'.join(str(i) for i in question_ids)}/answers"
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), ""))


def _text(post: dict[str, Any]) -> str:
    if post.get("body"):
        return html_to_text(post["body"])
    return post.get("body_markdown") or ""


def _owner(post: dict[str, Any]) -> tuple[str | None, str | None]:
    owner = post.get("owner") or {}
    uid = owner.get("user_id")
    return owner.get("display_name"), None if uid is None else str(uid)


def question_items(
    spider: ForumSpider, site: ForumSite, q: dict[str, Any]
) -> Iterator[Mention | HelpDoc]:
    """One API question (with its answers and comments) as items."""
    qid = q["question_id"]
    title = html_to_text(q.get("title")) or None
    author, author_id = _owner(q)
    link = q.get("link") or None
    yield spider.make_mention(
        site, f"q{qid}", kind="post", thread_id=qid, author=author, author_id=author_id,
        title=title, text=_text(q), created_at=parse_date(q.get("creation_date")), url=link,
        score=int(q.get("score") or 0), replies=int(q.get("answer_count") or 0),
        views=int(q.get("view_count") or 0), raw=q,
    )  # fmt: skip
    for c in q.get("comments") or []:
        yield _comment(spider, site, qid, c)
    for a in q.get("answers") or []:
        yield from answer_items(spider, site, {**a, "question_id": qid}, title, link)


def answer_items(
    spider: ForumSpider, site: ForumSite, a: dict[str, Any], title: str | None, link: str | None
) -> Iterator[Mention | HelpDoc]:
    """One API answer (and its comments) as items; an accepted one also as a HelpDoc."""
    qid, aid = a["question_id"], a["answer_id"]
    author, author_id = _owner(a)
    text = _text(a)
    url = a.get("link") or (f"{link}#{aid}" if link else None)
    yield spider.make_mention(
        site, f"a{aid}", kind="answer", thread_id=qid, parent_id=f"q{qid}", author=author,
        author_id=author_id, text=text, created_at=parse_date(a.get("creation_date")),
        url=url, score=int(a.get("score") or 0), raw=a,
    )  # fmt: skip
    if a.get("is_accepted") and title:
        doc = spider.make_answer_doc(
            site, f"a{aid}", title=title, body=text, url=url, author=author,
            score=int(a.get("score") or 0),
        )  # fmt: skip
        if doc is not None:
            yield doc
    for c in a.get("comments") or []:
        yield _comment(spider, site, qid, c)


def _comment(spider: ForumSpider, site: ForumSite, qid: int, c: dict[str, Any]) -> Mention:
    author, author_id = _owner(c)
    on = "a" if c.get("post_type") == "answer" else "q"
    return spider.make_mention(
        site, f"c{c['comment_id']}", kind="comment", thread_id=qid,
        parent_id=f"{on}{c['post_id']}" if c.get("post_id") else None,
        author=author, author_id=author_id, text=_text(c),
        created_at=parse_date(c.get("creation_date")), url=c.get("link") or None,
        score=int(c.get("score") or 0), raw=c,
    )  # fmt: skip


class StackExchangeSpider(ForumSpider):
    name = "stackexchange"
    kind = "stackexchange"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.newest: dict[str, int] = {}
        self.finished: set[str] = set()

    async def start(self) -> Any:
        for site in self.sites:
            since = self.state.setdefault(site.name, {}).get("last_activity")
            yield self.page_request(site, 1, since, 0.0)

    def page_request(
        self, site: ForumSite, page: int, since: int | None, wait: float
    ) -> scrapy.Request:
        return scrapy.Request(
            page_url(site, page, since),
            callback=self.parse_page,
            errback=self.errback,
            cb_kwargs={"site": site, "page": page, "since": since},
            meta={"listenpost_wait": wait},  # RetryAfterMiddleware waits before sending
            dont_filter=True,
        )

    def parse_page(
        self, response: Response, site: ForumSite, page: int, since: int | None
    ) -> Iterator[Any]:
        try:
            data = self.load_json(response)
            questions = data["items"]
        except (BadResponse, KeyError, TypeError) as exc:
            yield from self.retry_bad(response, str(exc))
            return
        wanted: dict[int, tuple[str | None, str | None]] = {}
        for q in questions:
            yield from question_items(self, site, q)
            stamp = int(q.get("last_activity_date") or 0)
            self.newest[site.name] = max(self.newest.get(site.name, 0), stamp)
            if "answers" not in q and q.get("answer_count"):
                wanted[q["question_id"]] = (html_to_text(q.get("title")) or None, q.get("link"))
        if wanted and data.get("quota_remaining") != 0:
            yield self.answers_request(site, wanted, 1, float(data.get("backoff") or 0))
        if data.get("quota_remaining") == 0:
            logger.warning("%s: API quota used up; the next run carries on", site.name)
            self.failed(response.request)
        elif data.get("has_more") and questions:
            yield self.page_request(site, page + 1, since, float(data.get("backoff") or 0))
        else:
            self.finished.add(site.name)

    def answers_request(
        self,
        site: ForumSite,
        questions: dict[int, tuple[str | None, str | None]],
        page: int,
        wait: float,
    ) -> scrapy.Request:
        return scrapy.Request(
            answers_url(site, list(questions), page),
            callback=self.parse_answers,
            errback=self.errback,
            cb_kwargs={"site": site, "questions": questions, "page": page},
            meta={"listenpost_wait": wait},
            dont_filter=True,
            priority=1,
        )

    def parse_answers(
        self,
        response: Response,
        site: ForumSite,
        questions: dict[int, tuple[str | None, str | None]],
        page: int,
    ) -> Iterator[Any]:
        try:
            data = self.load_json(response)
            answers = data["items"]
        except (BadResponse, KeyError, TypeError) as exc:
            yield from self.retry_bad(response, str(exc))
            return
        for a in answers:
            title, link = questions.get(a.get("question_id"), (None, None))
            yield from answer_items(self, site, a, title, link)
        if data.get("has_more") and answers and data.get("quota_remaining") != 0:
            yield self.answers_request(site, questions, page + 1, float(data.get("backoff") or 0))

    def finalize_state(self, reason: str) -> None:
        for site in self.sites:
            complete = (
                reason == "finished"
                and site.name in self.finished
                and site.name not in self.failed_sites
            )
            if complete and self.newest.get(site.name):
                self.state[site.name]["last_activity"] = self.newest[site.name]
