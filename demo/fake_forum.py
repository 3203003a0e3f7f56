"""A loopback forum: Discourse's JSON API, a small generic HTML forum and a help centre with a
sitemap, all serving the same ``world["forum"]`` (format in demo/__init__.py).

Discourse (the real JSON shapes)
    ``/latest.json?page=N``: ``topic_list.topics`` by last activity, ``per_page`` topics a page,
    ``more_topics_url`` ("/latest?no_definitions=true&page=N+1") while more remain;
    ``/t/{slug}/{id}.json`` and ``/t/{id}.json``: the topic with ``post_stream.posts`` (the first
    ``chunk_size`` = 20 posts) and ``post_stream.stream`` (every post id in order);
    ``/t/{id}/posts.json?post_ids[]=...``: the posts asked for. A topic's
    ``accepted_answer_post`` is a **post number**; that post has ``accepted_answer: true`` and the
    topic an ``accepted_answer`` object, as the discourse-solved plugin serves them.
    As on a real forum seen by an anonymous reader, a post with ``deleted_at`` is left out of the
    stream and of ``posts_count`` (``highest_post_number`` still counts it); an edit
    (:meth:`FakeDiscourse.edit_post`) moves the post's ``updated_at`` and ``version``, and bumps
    the topic (``bumped_at``, the order of ``/latest``) only when it is the topic's last post.
generic HTML forum (selectors: :data:`GENERIC_SELECTORS`)
    ``/forum/`` and ``/forum/page/{n}``: thread rows with a stamp (post count and last activity)
    and a ``next`` link; ``/forum/thread/{id}?page=N``: ``thread_page_size`` posts a page, the
    accepted answer marked with ``<span class="accepted-mark">``.
Stack Exchange API
    :class:`FakeStackExchange` (its own server): ``/2.3/questions`` and
    ``/2.3/questions/{ids}/answers``.
help centre
    ``/sitemap.xml`` (also ``/help/sitemap.xml``): one ``<url>`` with ``<lastmod>`` per article
    of ``world["help"]["articles"]`` (``[{"slug", "title", "body" (HTML), "updated_at",
    "category"?}]``, optional); ``/help/articles/{slug}``: the article page.
``/robots.txt`` allows everything but ``/admin/`` and names the sitemap.

Tests change the world through :meth:`FakeDiscourse.add_post` and :meth:`FakeDiscourse.edit_post`,
or change it directly and call :meth:`FakeDiscourse.refresh`.
"""

from __future__ import annotations

import html
import json
from typing import Any

from demo.loopback import FakeService, Request, Response, json_response

CHUNK = 20

GENERIC_SELECTORS = {
    "thread_item": "li.thread",
    "thread_link": "a.thread-link",
    "thread_stamp": ".stamp::text",
    "next_page": "a.next",
    "thread_title": "h1.thread-title::text",
    "post": "article.post",
    "post_id": "::attr(data-post-id)",
    "author": ".author::text",
    "date": "time::attr(datetime)",
    "body": ".body",
    "score": ".likes::text",
    "accepted": ".accepted-mark",
}
"""Selectors of the fake's HTML forum for a ``kind = "generic"`` site."""


def _html(status: int, text: str) -> Response:
    return status, {"Content-Type": "text/html; charset=utf-8"}, text.encode("utf-8")


class FakeDiscourse(FakeService):
    def __init__(
        self,
        world: dict[str, Any] | None = None,
        port: int = 0,
        per_page: int = 30,
        thread_page_size: int = 10,
    ) -> None:
        super().__init__(world, port)
        self.per_page = per_page
        self.thread_page_size = thread_page_size
        self.refresh()

    # -- the world ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Rebuild the indexes after the world changed."""
        forum = self.world.setdefault("forum", {})
        topics = forum.setdefault("topics", [])
        with self.lock:
            self._topics = {int(t["id"]): t for t in topics}
            self._posts: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
            users: dict[str, int] = {}
            for t in topics:
                t["posts"].sort(key=lambda p: int(p["post_number"]))
                for p in self._visible(t):
                    self._posts[int(p["id"])] = (t, p)
                    users.setdefault(p["username"], len(users) + 1)
            self._users = users
            self._order = sorted(topics, key=self._bumped_at, reverse=True)

    @staticmethod
    def _visible(topic: dict[str, Any]) -> list[dict[str, Any]]:
        return [p for p in topic["posts"] if not p.get("deleted_at")]

    def _last_posted_at(self, topic: dict[str, Any]) -> str:
        return max((p["created_at"] for p in self._visible(topic)), default=topic["created_at"])

    def _bumped_at(self, topic: dict[str, Any]) -> str:
        return max(self._last_posted_at(topic), topic.get("bumped_at") or "")

    def add_post(self, topic_id: int, post: dict[str, Any]) -> None:
        self._topics[int(topic_id)]["posts"].append(post)
        self.refresh()

    def edit_post(self, post_id: int, cooked: str, at: str) -> None:
        """An edit as Discourse records it: new ``cooked``, ``updated_at`` and ``version``; the
        topic is bumped only when the post is its last one."""
        topic, post = self._posts[int(post_id)]
        post.update(cooked=cooked, updated_at=at, version=int(post.get("version", 1)) + 1)
        if post is self._visible(topic)[-1]:
            topic["bumped_at"] = at
        self.refresh()

    # -- Discourse JSON shapes ------------------------------------------------------------------
    def _accepted_number(self, topic: dict[str, Any]) -> int | None:
        value = topic.get("accepted_answer_post")
        return None if value is None else int(value)

    def post_json(self, topic: dict[str, Any], post: dict[str, Any]) -> dict[str, Any]:
        number = int(post["post_number"])
        replies = sum(1 for p in topic["posts"] if p.get("reply_to_post_number") == number)
        likes = int(post.get("like_count", 0))
        return {
            "id": int(post["id"]),
            "name": post.get("name", ""),
            "username": post["username"],
            "avatar_template": f"/letter_avatar/{post['username'][:1]}/{{size}}.png",
            "created_at": post["created_at"],
            "cooked": post["cooked"],
            "post_number": number,
            "post_type": 1,
            "updated_at": post.get("updated_at", post["created_at"]),
            "reply_count": replies,
            "reply_to_post_number": post.get("reply_to_post_number"),
            "quote_count": 0,
            "incoming_link_count": 0,
            "reads": int(post.get("reads", 1)),
            "readers_count": 0,
            "score": float(likes * 15 + replies * 5),
            "yours": False,
            "topic_id": int(topic["id"]),
            "topic_slug": topic["slug"],
            "display_username": post.get("name", ""),
            "primary_group_name": None,
            "version": int(post.get("version", 1)),
            "can_edit": False,
            "can_delete": False,
            "can_recover": False,
            "can_wiki": False,
            "read": True,
            "user_title": None,
            "actions_summary": [{"id": 2, "count": likes}] if likes else [],
            "moderator": False,
            "admin": False,
            "staff": False,
            "user_id": self._users.get(post["username"], 0),
            "hidden": False,
            "trust_level": 1,
            "deleted_at": None,
            "user_deleted": False,
            "edit_reason": None,
            "can_view_edit_history": True,
            "wiki": False,
            "accepted_answer": number == self._accepted_number(topic),
            "can_accept_answer": False,
            "can_unaccept_answer": False,
        }

    def topic_summary(self, topic: dict[str, Any]) -> dict[str, Any]:
        posts = self._visible(topic)
        last = self._last_posted_at(topic)
        return {
            "id": int(topic["id"]),
            "title": topic["title"],
            "fancy_title": html.escape(topic["title"]),
            "slug": topic["slug"],
            "posts_count": len(posts),
            "reply_count": max(0, len(posts) - 1),
            "highest_post_number": max((int(p["post_number"]) for p in topic["posts"]), default=0),
            "image_url": None,
            "created_at": topic["created_at"],
            "last_posted_at": last,
            "bumped": True,
            "bumped_at": self._bumped_at(topic),
            "archetype": "regular",
            "unseen": False,
            "pinned": bool(topic.get("pinned", False)),
            "unpinned": None,
            "visible": True,
            "closed": False,
            "archived": False,
            "bookmarked": None,
            "liked": None,
            "tags": [],
            "views": int(topic.get("views", len(posts) * 7)),
            "like_count": sum(int(p.get("like_count", 0)) for p in posts),
            "has_summary": False,
            "last_poster_username": posts[-1]["username"] if posts else None,
            "category_id": topic.get("category_id"),
            "pinned_globally": False,
            "has_accepted_answer": self._accepted_number(topic) is not None,
            "posters": [
                {"extras": None, "description": "Original Poster", "user_id": self._users.get(p, 0)}
                for p in dict.fromkeys(p["username"] for p in posts)
            ][:5],
        }

    def latest(self, page: int) -> dict[str, Any]:
        start = page * self.per_page
        chunk = self._order[start : start + self.per_page]
        topic_list: dict[str, Any] = {
            "can_create_topic": False,
            "draft": None,
            "draft_key": "new_topic",
            "draft_sequence": None,
            "per_page": self.per_page,
            "topics": [self.topic_summary(t) for t in chunk],
        }
        if start + self.per_page < len(self._order):
            topic_list["more_topics_url"] = f"/latest?no_definitions=true&page={page + 1}"
        users = {p["username"] for t in chunk for p in self._visible(t)}
        return {
            "users": [
                {"id": self._users[u], "username": u, "name": "", "avatar_template": ""}
                for u in sorted(users)
            ],
            "primary_groups": [],
            "topic_list": topic_list,
        }

    def topic(self, topic: dict[str, Any]) -> dict[str, Any]:
        posts = self._visible(topic)
        out = self.topic_summary(topic)
        out.update(
            {
                "post_stream": {
                    "posts": [self.post_json(topic, p) for p in posts[:CHUNK]],
                    "stream": [int(p["id"]) for p in posts],
                },
                "timeline_lookup": [],
                "chunk_size": CHUNK,
                "word_count": sum(len(p["cooked"].split()) for p in posts),
                "participant_count": len({p["username"] for p in posts}),
                "user_id": self._users.get(posts[0]["username"], 0) if posts else None,
                "deleted_at": None,
                "details": {"can_edit": False, "notification_level": 1},
            }
        )
        accepted = self._accepted_number(topic)
        if accepted is not None:
            post = next((p for p in posts if int(p["post_number"]) == accepted), None)
            if post is not None:
                out["accepted_answer"] = {
                    "post_number": accepted,
                    "username": post["username"],
                    "excerpt": post["cooked"][:200],
                }
        return out

    # -- HTML forum -----------------------------------------------------------------------------
    def forum_list(self, page: int) -> Response:
        start = (page - 1) * self.per_page
        chunk = self._order[start : start + self.per_page]
        if page < 1 or (not chunk and page > 1):
            return _html(404, "<h1>Not found</h1>")
        rows = "".join(
            f'<li class="thread"><a class="thread-link" href="/forum/thread/{t["id"]}">'
            f'{html.escape(t["title"])}</a> <span class="stamp">{len(self._visible(t))} posts, '
            f"last {self._last_posted_at(t)}</span></li>"
            for t in chunk
        )
        nxt = (
            f'<a class="next" rel="next" href="/forum/page/{page + 1}">next</a>'
            if start + self.per_page < len(self._order)
            else ""
        )
        return _html(200, f"<html><body><ul class='threads'>{rows}</ul>{nxt}</body></html>")

    def forum_thread(self, topic: dict[str, Any], page: int) -> Response:
        size = self.thread_page_size
        visible = self._visible(topic)
        posts = visible[(page - 1) * size : page * size]
        if not posts:
            return _html(404, "<h1>Not found</h1>")
        accepted = self._accepted_number(topic)
        items = []
        for p in posts:
            mark = (
                '<span class="accepted-mark">Solution</span>'
                if int(p["post_number"]) == accepted
                else ""
            )
            items.append(
                f'<article class="post" data-post-id="{p["id"]}">'
                f'<header><span class="author">{html.escape(p["username"])}</span> '
                f'<time datetime="{p["created_at"]}">{p["created_at"][:10]}</time>{mark}</header>'
                f'<div class="body">{p["cooked"]}</div>'
                f'<footer><span class="likes">{int(p.get("like_count", 0))}</span> likes</footer>'
                f"</article>"
            )
        nxt = (
            f'<a class="next" href="/forum/thread/{topic["id"]}?page={page + 1}">next</a>'
            if page * size < len(visible)
            else ""
        )
        return _html(
            200,
            f"<html><head><title>{html.escape(topic['title'])}</title></head><body>"
            f'<h1 class="thread-title">{html.escape(topic["title"])}</h1>'
            f"{''.join(items)}{nxt}</body></html>",
        )

    # -- help centre ----------------------------------------------------------------------------
    def articles(self) -> list[dict[str, Any]]:
        return list(self.world.get("help", {}).get("articles", []))

    def sitemap(self) -> Response:
        urls = "".join(
            f"<url><loc>{self.url}/help/articles/{html.escape(a['slug'])}</loc>"
            f"<lastmod>{html.escape(a['updated_at'])}</lastmod></url>"
            for a in self.articles()
        )
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        )
        return 200, {"Content-Type": "application/xml"}, body.encode("utf-8")

    def article(self, slug: str) -> Response:
        found = next((a for a in self.articles() if a["slug"] == slug), None)
        if found is None:
            return _html(404, "<h1>Not found</h1>")
        category = html.escape(found.get("category", ""))
        return _html(
            200,
            f'<html lang="{found.get("lang", "en")}"><head><title>{html.escape(found["title"])}'
            f" - Help</title></head><body><nav>Home / {category}</nav><main><h1>"
            f'{html.escape(found["title"])}</h1><p class="category">{category}</p>'
            f"<article>{found['body']}</article></main></body></html>",
        )

    # -- routing --------------------------------------------------------------------------------
    def route(self, req: Request) -> Response:
        path = req.path
        parts = [p for p in path.split("/") if p]
        page = int((req.query.get("page") or ["0"])[0] or 0)
        if path == "/robots.txt":
            text = f"User-agent: *\nDisallow: /admin/\nSitemap: {self.url}/sitemap.xml\n"
            return 200, {"Content-Type": "text/plain"}, text.encode()
        if path in ("/latest.json", "/latest"):
            return json_response(self.latest(page))
        if parts[:1] == ["t"] and path.endswith(".json"):
            if len(parts) == 3 and parts[2] == "posts.json":
                topic = self._topics.get(int(parts[1]))
                if topic is None:
                    return json_response({"errors": ["not found"]}, 404)
                wanted = [int(i) for i in req.query.get("post_ids[]", [])]
                posts = [
                    self.post_json(topic, self._posts[i][1])
                    for i in wanted
                    if i in self._posts and self._posts[i][0] is topic
                ]
                return json_response({"post_stream": {"posts": posts}, "id": int(topic["id"])})
            try:
                topic_id = int(parts[-1][: -len(".json")])
            except ValueError:
                return json_response({"errors": ["not found"]}, 404)
            topic = self._topics.get(topic_id)
            if topic is None:
                return json_response({"errors": ["not found"], "error_type": "not_found"}, 404)
            return json_response(self.topic(topic))
        if path in ("/forum", "/forum/"):
            return self.forum_list(1)
        if parts[:2] == ["forum", "page"] and len(parts) == 3 and parts[2].isdigit():
            return self.forum_list(int(parts[2]))
        if parts[:2] == ["forum", "thread"] and len(parts) == 3 and parts[2].isdigit():
            topic = self._topics.get(int(parts[2]))
            if topic is None:
                return _html(404, "<h1>Not found</h1>")
            return self.forum_thread(topic, max(page, 1))
        if path in ("/sitemap.xml", "/help/sitemap.xml"):
            return self.sitemap()
        if parts[:2] == ["help", "articles"] and len(parts) == 3:
            return self.article(parts[2])
        return _html(404, "<h1>Not found</h1>")


def forum_world(
    topics: int, posts_per_topic: int = 3, start_id: int = 1, seed_day: int = 1
) -> dict[str, Any]:
    """A generated forum world (bench and tests): ``topics`` topics of ``posts_per_topic`` posts,
    every third topic with an accepted answer (post 2)."""
    out = []
    post_id = start_id
    for n in range(1, topics + 1):
        posts = []
        for k in range(1, posts_per_topic + 1):
            minute = (n * posts_per_topic + k) % (60 * 24 * 27)
            day, hour, mins = seed_day + minute // 1440, minute % 1440 // 60, minute % 60
            stamp = f"2026-10-{day:02d}T{hour:02d}:{mins:02d}:00.000Z"
            posts.append(
                {
                    "id": post_id,
                    "post_number": k,
                    "username": f"user{(n * 7 + k) % 97}",
                    "cooked": f"<p>Topic {n} post {k}: my router drops the connection "
                    f"every {k + n % 9} minutes since the update.</p>",
                    "created_at": stamp,
                    "reply_to_post_number": None if k == 1 else 1,
                    "like_count": (n + k) % 5,
                }
            )
            post_id += 1
        topic: dict[str, Any] = {
            "id": n,
            "slug": f"router-problem-{n}",
            "title": f"Router problem number {n}",
            "category_id": 1,
            "created_at": posts[0]["created_at"],
            "posts": posts,
        }
        if n % 3 == 0 and posts_per_topic > 1:
            topic["accepted_answer_post"] = 2
        out.append(topic)
    return {
        "forum": {"categories": [{"id": 1, "name": "Support", "slug": "support"}], "topics": out}
    }


if __name__ == "__main__":  # pragma: no cover - a manual look at the shapes
    with FakeDiscourse(forum_world(3)) as fake:
        print(json.dumps(fake.latest(0))[:400])


class FakeStackExchange(FakeService):
    """The Stack Exchange API's ``/2.3/questions`` (``page``, ``pagesize``, ``sort=activity``,
    ``min``) and ``/2.3/questions/{ids}/answers`` in the API's wrapper (``items``, ``has_more``,
    ``quota_max``, ``quota_remaining``, ``backoff`` every ``backoff_every`` pages) from
    ``world["stackexchange"]``: ``{"questions": [{"question_id", "title", "body", "link",
    "owner": {"user_id", "display_name"}, "creation_date", "last_activity_date" (epoch seconds),
    "score", "answer_count", "view_count", "accepted_answer_id"?}], "answers": [{"answer_id",
    "question_id", "body", "owner", "creation_date", "score", "is_accepted"}]}``."""

    def __init__(
        self,
        world: dict[str, Any] | None = None,
        port: int = 0,
        quota: int = 10000,
        backoff: float = 0.0,
        backoff_every: int = 0,
    ) -> None:
        super().__init__(world, port)
        self.quota = quota
        self.backoff = backoff
        self.backoff_every = backoff_every
        self.calls = 0

    def _wrap(self, items: list[dict[str, Any]], page: int, size: int) -> Response:
        with self.lock:
            self.calls += 1
            self.quota = max(0, self.quota - 1)
            quota, calls = self.quota, self.calls
        chunk = items[(page - 1) * size : page * size]
        body: dict[str, Any] = {
            "items": chunk,
            "has_more": page * size < len(items),
            "quota_max": 10000,
            "quota_remaining": quota,
        }
        if self.backoff and self.backoff_every and calls % self.backoff_every == 0:
            body["backoff"] = self.backoff
        return json_response(body)

    def route(self, req: Request) -> Response:
        if req.path == "/robots.txt":  # api.stackexchange.com has none
            return 404, {"Content-Type": "text/plain"}, b"not found"
        data = self.world.get("stackexchange", {})
        parts = [p for p in req.path.split("/") if p]
        page = int((req.query.get("page") or ["1"])[0])
        size = min(100, int((req.query.get("pagesize") or ["30"])[0]))
        if not req.query.get("site"):
            error = {"error_id": 400, "error_name": "bad_parameter", "error_message": "site"}
            return json_response(error, 400)
        if parts[1:] == ["questions"]:
            since = int((req.query.get("min") or ["0"])[0])
            questions = [
                q for q in data.get("questions", []) if int(q["last_activity_date"]) >= since
            ]
            questions.sort(key=lambda q: int(q["last_activity_date"]), reverse=True)
            return self._wrap(questions, page, size)
        if len(parts) == 4 and parts[1] == "questions" and parts[3] == "answers":
            ids = {int(i) for i in parts[2].split(";")}
            answers = [a for a in data.get("answers", []) if int(a["question_id"]) in ids]
            return self._wrap(answers, page, size)
        return json_response({"error_id": 404, "error_name": "no_method"}, 404)
