"""A loopback Reddit for the demo and the tests, in Reddit's real JSON shapes.

It serves ``world["reddit"]`` (see demo/__init__.py) to the real PRAW client:

- ``POST /api/v1/access_token``: app-only (client_credentials) and script (password) grants;
- ``GET /r/{sub}/search``, ``/r/{sub}/new``: listings with ``limit`` / ``after`` paging
  (``sub`` may be ``all`` or ``a+b``; ``restrict_sr``, ``sort=new|relevance|top``);
- ``GET /comments/{id}`` and ``/comments/{id}/_/{comment}``: the submission listing and the
  comment listing, cut like Reddit cuts it: at most ``max_comments`` comments (or the client's
  ``limit``), "more" stubs for the rest, "continue this thread" stubs below ``max_depth``;
- ``/api/morechildren``: the flat ``{"json": {"data": {"things": [...]}}}`` answer, at most
  ``more_cap`` comments per call, new stubs for what is left;
- ``GET /api/info``: things by fullname;
- ``POST /api/comment``: a reply, recorded into the world so later fetches see it (needs a
  user token, like Reddit: an app-only token gets ``USER_REQUIRED``).

Every OAuth answer carries ``x-ratelimit-remaining/used/reset`` for a window of
``rate_window`` seconds holding ``rate_limit`` requests; a request beyond the budget gets a 429
with ``retry-after``. The default budget is generous so the demo is not paced; tests pass a
small one to see prawcore wait.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
import threading
import time
from typing import Any
from urllib.parse import parse_qs

from demo.loopback import FakeService, Request, Response, json_response
from demo.reddit_things import RedditThings, b36

_COMMENTS = re.compile(r"^/comments/(?P<sid>[a-z0-9]+)(?:/[^/]*(?:/(?P<cid>[a-z0-9]+))?)?/?$")
_LISTING = re.compile(r"^/r/(?P<sub>[^/]+)/(?P<what>search|new)/?$")


class FakeReddit(RedditThings, FakeService):
    """The fake Reddit. ``credentials=(client_id, client_secret)`` makes the token endpoint
    refuse others with a 401; by default any non-empty pair is accepted."""

    def __init__(
        self,
        world: dict[str, Any] | None = None,
        port: int = 0,
        *,
        credentials: tuple[str, str] | None = None,
        max_comments: int = 500,
        more_cap: int = 100,
        max_depth: int = 10,
        rate_limit: int = 100_000,
        rate_window: float = 600.0,
    ) -> None:
        super().__init__(world, port)
        reddit = self.world.setdefault("reddit", {})
        reddit.setdefault("submissions", [])
        reddit.setdefault("comments", [])
        self.credentials = credentials
        self.max_comments = max_comments
        self.more_cap = more_cap
        self.max_depth = max_depth
        self.rate_limit = rate_limit
        self.rate_window = rate_window
        self.tokens: dict[str, str | None] = {}  # bearer token -> user (None: app-only)
        self.throttled = 0  # 429s served because the budget was spent
        self._window_start = time.monotonic()
        self._used = 0
        self._next_id = 0
        self._world_lock = threading.RLock()

    def add_comment(self, comment: dict[str, Any]) -> None:
        """Add a comment to the world (tests: "someone replied since the last run")."""
        with self._world_lock:
            self.comments.append(comment)

    def revoke_tokens(self) -> None:
        """Forget every issued token: the next API call gets a 401 invalid_token."""
        with self._world_lock:
            self.tokens.clear()

    # -- routing --------------------------------------------------------------------------------
    def route(self, req: Request) -> Response:
        if req.path.rstrip("/") == "/api/v1/access_token":
            return self._token(req)
        user, error = self._authorize(req)
        if error is not None:
            return error
        throttled = self._count_request()
        if throttled is not None:
            return throttled
        with self._world_lock:
            status, headers, body = self._api(req, user)
        return status, {**headers, **self._ratelimit_headers()}, body

    def _api(self, req: Request, user: str | None) -> Response:
        path = req.path
        params = {k: v[-1] for k, v in req.query.items()}
        if req.method == "POST":
            form = parse_qs(req.body.decode("utf-8"), keep_blank_values=True)
            params.update({k: v[-1] for k, v in form.items()})
        if m := _LISTING.match(path):
            return self._listing_route(m["sub"], m["what"], params)
        if m := _COMMENTS.match(path):
            return self._comments_route(m["sid"], m["cid"], params)
        trimmed = path.rstrip("/")
        if trimmed == "/api/morechildren":
            return self._morechildren(params)
        if trimmed == "/api/info":
            return self._info(params)
        if trimmed == "/api/comment" and req.method == "POST":
            return self._reply(params, user)
        return json_response({"message": "Not Found", "error": 404}, 404)

    def _token(self, req: Request) -> Response:
        auth = req.headers.get("authorization", "")
        try:
            user_pass = base64.b64decode(auth.split(" ", 1)[1]).decode("utf-8")
            client_id, _, secret = user_pass.partition(":")
        except (IndexError, ValueError):
            client_id, secret = "", ""
        ok = bool(client_id) and (
            self.credentials is None or (client_id, secret) == tuple(self.credentials)
        )
        if not ok:
            return json_response(
                {"message": "Unauthorized", "error": 401}, 401, {"Connection": "close"}
            )
        form = {k: v[-1] for k, v in parse_qs(req.body.decode("utf-8")).items()}
        grant = form.get("grant_type")
        if grant == "client_credentials":
            user = None
        elif grant == "password" and form.get("username"):
            user = form["username"]
        else:
            return json_response({"error": "unsupported_grant_type"})
        token = "fake-" + hashlib.sha256(f"{time.time_ns()}{client_id}".encode()).hexdigest()[:24]
        with self._world_lock:
            self.tokens[token] = user
        # prawcore asks for "Connection: close" here; say so, or the pooled socket goes stale.
        return json_response(
            {"access_token": token, "token_type": "bearer", "expires_in": 86400, "scope": "*"},
            headers={"Connection": "close"},
        )

    def _authorize(self, req: Request) -> tuple[str | None, Response | None]:
        auth = req.headers.get("authorization", "")
        token = auth.split(" ", 1)[1] if auth.lower().startswith("bearer ") else ""
        with self._world_lock:
            if token in self.tokens:
                return self.tokens[token], None
        status, headers, body = json_response({"message": "Unauthorized", "error": 401}, 401)
        headers["www-authenticate"] = 'Bearer realm="reddit", error="invalid_token"'
        return None, (status, headers, body)

    def _count_request(self) -> Response | None:
        with self._world_lock:
            now = time.monotonic()
            if now - self._window_start >= self.rate_window:
                self._window_start, self._used = now, 0
            if self._used >= self.rate_limit:
                self.throttled += 1
                wait = math.ceil(self.rate_window - (now - self._window_start))
                return (
                    429,
                    {"Content-Type": "text/html; charset=UTF-8", "retry-after": str(max(wait, 1))},
                    b"<!doctype html><html><head><title>Too Many Requests</title></head>"
                    b"<body><h1>whoa there, pardner!</h1></body></html>",
                )
            self._used += 1
            return None

    def _ratelimit_headers(self) -> dict[str, str]:
        with self._world_lock:
            left = self.rate_window - (time.monotonic() - self._window_start)
            return {
                "x-ratelimit-remaining": f"{float(self.rate_limit - self._used):.1f}",
                "x-ratelimit-used": str(self._used),
                "x-ratelimit-reset": str(max(math.ceil(left), 0)),
            }

    def _listing_route(self, sub: str, what: str, params: dict[str, str]) -> Response:
        names = {n.lower() for n in sub.split("+")}
        restrict = params.get("restrict_sr", "").lower() in {"1", "true", "on"}
        everywhere = "all" in names or (what == "search" and not restrict)
        found = [s for s in self.submissions if everywhere or s["subreddit"].lower() in names]
        if what == "search":
            terms = [t.lower() for t in re.findall(r"\w+", params.get("q", ""))]
            terms = [t for t in terms if t not in {"or", "and"}]
            found = [
                s
                for s in found
                if all(t in f"{s['title']} {s.get('selftext', '')}".lower() for t in terms)
            ]
        if params.get("sort") == "top":
            found.sort(key=lambda s: (-s.get("score", 1), -s["created_utc"]))
        else:  # new (and relevance: the fake has no better notion of it)
            found.sort(key=lambda s: (-s["created_utc"], s["id"]))
        return json_response(self._page(found, params))

    def _page(self, found: list[dict[str, Any]], params: dict[str, str]) -> dict[str, Any]:
        limit = max(1, min(int(params.get("limit") or 25), 100))
        start = 0
        if after := params.get("after"):
            ids = ["t3_" + s["id"] for s in found]
            start = ids.index(after) + 1 if after in ids else len(found)
        page = found[start : start + limit]
        more = start + limit < len(found)
        children = [{"kind": "t3", "data": self.submission_json(s)} for s in page]
        return self._listing(children, "t3_" + page[-1]["id"] if more and page else None)

    def _comments_route(self, sid: str, cid: str | None, params: dict[str, str]) -> Response:
        s = self._submission(sid)
        if s is None:
            return json_response({"message": "Not Found", "error": 404}, 404)
        sort = params.get("sort") or "confidence"
        limit = int(params.get("limit") or self.max_comments)
        budget = [max(0, min(limit, self.max_comments))]
        head = self._listing([{"kind": "t3", "data": self.submission_json(s)}])
        if cid is None:
            comments = self._tree("t3_" + sid, 0, budget, sort, None)
        else:
            c = self._comment(cid)
            if c is None or c["link_id"] != sid:
                return json_response({"message": "Not Found", "error": 404}, 404)
            budget[0] -= 1
            thing = {"kind": "t1", "data": self.comment_json(c, 0)}
            replies = self._tree("t1_" + cid, 1, budget, sort, None)
            thing["data"]["replies"] = self._listing(replies) if replies else ""
            comments = [thing]
        return json_response([head, self._listing(comments)])

    def _morechildren(self, params: dict[str, str]) -> Response:
        link = params.get("link_id", "").removeprefix("t3_")
        ids = [i for i in params.get("children", "").split(",") if i]
        sort = params.get("sort") or "confidence"
        if self._submission(link) is None:
            return json_response({"json": {"errors": [["INVALID_ID", "that is not valid", None]]}})
        budget = [self.more_cap]
        flat: list[dict[str, Any]] = []
        left: dict[str, list[str]] = {}
        for cid in ids:
            c = self._comment(cid)
            if c is None or c["link_id"] != link:
                continue
            depth = self._depth(c)
            if budget[0] <= 0:
                left.setdefault(c["parent_id"], []).append(cid)
                continue
            budget[0] -= 1
            flat.append({"kind": "t1", "data": self.comment_json(c, depth)})
            flat.extend(
                m
                for m in self._tree("t1_" + cid, depth + 1, budget, sort, flat)
                if m["kind"] == "more"
            )
        for parent, rest in left.items():
            count = len(rest) + sum(self._descendants("t1_" + i) for i in rest)
            depth = 0 if parent.startswith("t3_") else self._depth(self._comment(parent[3:])) + 1
            flat.append(self._more(parent, rest, count, depth))
        return json_response({"json": {"errors": [], "data": {"things": flat}}})

    def _depth(self, c: dict[str, Any] | None) -> int:
        depth = 0
        while c is not None and c["parent_id"].startswith("t1_"):
            depth += 1
            c = self._comment(c["parent_id"][3:])
        return depth

    def _info(self, params: dict[str, str]) -> Response:
        children = []
        for name in [n for n in params.get("id", "").split(",") if n]:
            kind, _, tid = name.partition("_")
            if kind == "t3" and (s := self._submission(tid)):
                children.append({"kind": "t3", "data": self.submission_json(s)})
            elif kind == "t1" and (c := self._comment(tid)):
                children.append({"kind": "t1", "data": self.comment_json(c, self._depth(c))})
        return json_response(self._listing(children))

    def _reply(self, params: dict[str, str], user: str | None) -> Response:
        if user is None:
            return json_response(
                {"json": {"errors": [["USER_REQUIRED", "Please log in to do that.", None]]}}
            )
        thing, text = params.get("thing_id", ""), params.get("text", "")
        kind, _, tid = thing.partition("_")
        parent = self._submission(tid) if kind == "t3" else self._comment(tid)
        if parent is None or kind not in {"t1", "t3"}:
            return json_response(
                {"json": {"errors": [["INVALID_ID", "that is not valid", "thing_id"]]}}
            )
        if not text.strip():
            return json_response(
                {"json": {"errors": [["NO_TEXT", "we need something here", "text"]]}}
            )
        self._next_id += 1
        link = tid if kind == "t3" else parent["link_id"]
        comment = {
            "id": "r" + b36(int(time.time()) % 1_000_000 * 100 + self._next_id),
            "link_id": link,
            "parent_id": thing,
            "author": user,
            "body": text,
            "created_utc": time.time(),
            "score": 1,
        }
        self.comments.append(comment)
        data = self.comment_json(comment, self._depth(comment))
        data["likes"] = True
        return json_response(
            {"json": {"errors": [], "data": {"things": [{"kind": "t1", "data": data}]}}}
        )
