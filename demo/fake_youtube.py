"""A loopback YouTube Data API v3 serving a world dict (format in demo).

It answers at the paths google-api-python-client calls when built with
``client_options={"api_endpoint": fake.url}`` (the bundled discovery document has an empty
servicePath and method paths ``youtube/v3/...``):

    GET  /youtube/v3/search          q, type, order, maxResults (<= 50), pageToken, publishedAfter,
                                      channelId
    GET  /youtube/v3/videos          id (comma list), part
    GET  /youtube/v3/commentThreads  videoId | allThreadsRelatedToChannelId | id, searchTerms,
                                      order (time|relevance), maxResults (<= 100), textFormat,
                                      part (snippet[,replies]), pageToken
    GET  /youtube/v3/comments        parentId | id, maxResults (<= 100), textFormat, pageToken
    POST /youtube/v3/comments        comments.insert (a reply: snippet.parentId)
    POST /youtube/v3/commentThreads  commentThreads.insert (snippet.videoId, topLevelComment)

Responses have the real shapes (kind, etag, pageInfo, nextPageToken, statistics as strings,
HTML ``textDisplay`` unless textFormat=plainText). Every request needs ``key=`` (or, for
inserts, a Bearer token): a missing key answers 403 forbidden, a wrong one 400 keyInvalid.
``quota`` (units, search 100, insert 50, other calls 1) makes the server answer 403
quotaExceeded once spent. Optional world keys: a video's ``comments_disabled`` (403
commentsDisabled on its threads).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
from datetime import UTC, datetime
from typing import Any

from demo.loopback import FakeService, Request, Response, json_response

API = "/youtube/v3/"
COSTS = {"search": 100, "insert": 50}
# replies carried inside a commentThread (part=replies); the rest through comments.list
REPLIES_INLINE = 5


def _etag(*parts: Any) -> str:
    return hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:27]


def _error(status: int, reason: str, message: str, domain: str = "youtube.api") -> Response:
    """The API's error body: {"error": {"code", "message", "errors": [...], "status"}}."""
    grpc = {400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND"}.get(status)
    body: dict[str, Any] = {
        "code": status,
        "message": message,
        "errors": [{"message": message, "domain": domain, "reason": reason}],
    }
    if grpc:
        body["status"] = grpc
    return json_response({"error": body}, status)


def _token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset:06d}".encode()).decode().rstrip("=")


def _offset(token: str) -> int | None:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except ValueError:
        return None
    if not raw.startswith("o:") or not raw[2:].isdigit():
        return None
    return int(raw[2:])


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _to_html(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def _ts(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


class FakeYouTube(FakeService):
    """The fake Data API. ``api_key``: the one accepted key; ``quota``: server-side units
    (None: unlimited); ``me``: the channel that inserts comments (default: the first brand
    account, else the first channel)."""

    def __init__(
        self,
        world: dict[str, Any] | None = None,
        port: int = 0,
        *,
        api_key: str = "test-key",
        quota: int | None = None,
        me: str | None = None,
    ) -> None:
        super().__init__(world, port)
        yt = self.world.setdefault("youtube", {})
        for key in ("channels", "videos", "comments"):
            yt.setdefault(key, [])
        self.api_key = api_key
        self.quota = quota
        self.units_used = 0
        accounts = (self.world.get("brand") or {}).get("accounts", {}).get("youtube") or []
        self.me = me or (accounts[0] if accounts else None)
        if self.me is None and yt["channels"]:
            self.me = yt["channels"][0]["id"]

    # -- world lookups ------------------------------------------------------------------------
    @property
    def yt(self) -> dict[str, Any]:
        return self.world["youtube"]

    def _channel_title(self, channel_id: str | None) -> str:
        for ch in self.yt["channels"]:
            if ch["id"] == channel_id:
                return str(ch.get("title") or channel_id)
        return channel_id or ""

    def _video(self, video_id: str) -> dict[str, Any] | None:
        return next((v for v in self.yt["videos"] if v["id"] == video_id), None)

    def _comment(self, comment_id: str) -> dict[str, Any] | None:
        return next((c for c in self.yt["comments"] if c["id"] == comment_id), None)

    def _replies_of(self, comment_id: str) -> list[dict[str, Any]]:
        replies = [c for c in self.yt["comments"] if c.get("parent_id") == comment_id]
        return sorted(replies, key=lambda c: _ts(c["published_at"]))

    # -- resources ----------------------------------------------------------------------------
    def _thumbnails(self, video_id: str) -> dict[str, Any]:
        sizes = {"default": ("default", 120, 90), "medium": ("mqdefault", 320, 180),
                 "high": ("hqdefault", 480, 360)}  # fmt: skip
        return {
            name: {"url": f"https://i.ytimg.com/vi/{video_id}/{file}.jpg", "width": w, "height": h}
            for name, (file, w, h) in sizes.items()
        }

    def _video_snippet(self, v: dict[str, Any]) -> dict[str, Any]:
        return {
            "publishedAt": v["published_at"],
            "channelId": v["channel_id"],
            "title": v["title"],
            "description": v.get("description", ""),
            "thumbnails": self._thumbnails(v["id"]),
            "channelTitle": self._channel_title(v["channel_id"]),
            "categoryId": "26",
            "liveBroadcastContent": "none",
            "localized": {"title": v["title"], "description": v.get("description", "")},
        }

    def _video_resource(self, v: dict[str, Any], parts: set[str]) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": "youtube#video", "etag": _etag(v), "id": v["id"]}
        if "snippet" in parts:
            out["snippet"] = self._video_snippet(v)
        if "statistics" in parts:
            stats = {
                "viewCount": str(v.get("view_count", 0)),
                "likeCount": str(v.get("like_count", 0)),
                "favoriteCount": "0",
            }
            if not v.get("comments_disabled"):
                count = v.get("comment_count")
                if count is None:
                    count = sum(1 for c in self.yt["comments"] if c["video_id"] == v["id"])
                stats["commentCount"] = str(count)
            out["statistics"] = stats
        return out

    def _search_result(self, v: dict[str, Any]) -> dict[str, Any]:
        description = v.get("description", "")
        if len(description) > 160:  # search snippets carry a cut description
            description = description[:157].rstrip() + " ..."
        snippet = self._video_snippet(v)
        snippet.pop("categoryId")
        snippet.pop("localized")
        # search.list escapes HTML in titles and descriptions
        snippet["title"] = html.escape(v["title"], quote=False)
        snippet["description"] = html.escape(description, quote=False)
        snippet["publishTime"] = v["published_at"]
        return {
            "kind": "youtube#searchResult",
            "etag": _etag("s", v),
            "id": {"kind": "youtube#video", "videoId": v["id"]},
            "snippet": snippet,
        }

    def _comment_resource(self, c: dict[str, Any], plain: bool, *, in_list: bool = False) -> dict:
        text = c.get("text", "")
        author = c.get("author_channel_id")
        video = self._video(c["video_id"]) if c.get("video_id") else None
        snippet: dict[str, Any] = {}
        if video is not None and not (in_list and c.get("parent_id")):
            snippet["channelId"] = video["channel_id"]
            snippet["videoId"] = video["id"]
        snippet.update(
            {
                "textDisplay": text if plain else _to_html(text),
                "textOriginal": text,
                "authorDisplayName": c.get("author_display_name", ""),
                "authorProfileImageUrl": "https://yt3.ggpht.com/a/default-user=s48-c-k-c0xffffffff-no-rj-mo",
                "authorChannelUrl": f"http://www.youtube.com/channel/{author}",
                "authorChannelId": {"value": author},
            }
        )
        if c.get("parent_id"):
            snippet["parentId"] = c["parent_id"]
        snippet.update(
            {
                "canRate": True,
                "viewerRating": "none",
                "likeCount": int(c.get("like_count", 0)),
                "publishedAt": c["published_at"],
                "updatedAt": c.get("updated_at", c["published_at"]),
            }
        )
        return {"kind": "youtube#comment", "etag": _etag(c), "id": c["id"], "snippet": snippet}

    def _thread_resource(self, top: dict[str, Any], parts: set[str], plain: bool) -> dict:
        replies = self._replies_of(top["id"])
        video = self._video(top["video_id"])
        out: dict[str, Any] = {"kind": "youtube#commentThread", "etag": _etag("t", top),
                               "id": top["id"]}  # fmt: skip
        if "snippet" in parts:
            out["snippet"] = {"channelId": video["channel_id"]} if video else {}
            out["snippet"] |= {
                "videoId": top["video_id"],
                "topLevelComment": self._comment_resource(top, plain),
                "canReply": True,
                "totalReplyCount": len(replies),
                "isPublic": True,
            }
        if "replies" in parts and replies:
            # the API carries a few replies inline, newest first
            inline = list(reversed(replies))[:REPLIES_INLINE]
            out["replies"] = {"comments": [self._comment_resource(r, plain) for r in inline]}
        return out

    # -- paging -------------------------------------------------------------------------------
    def _page(
        self, req: Request, kind: str, items: list[Any], default: int, cap: int,
        extra: dict | None = None,
    ) -> Response:  # fmt: skip
        q = self._q(req)
        try:
            size = int(q.get("maxResults") or default)
        except ValueError:
            return _error(400, "invalidParameter", "Invalid value for maxResults.")
        if not 0 <= size <= cap:
            return _error(400, "invalidParameter", f"Invalid value {size} for maxResults.")
        offset = 0
        if q.get("pageToken"):
            got = _offset(q["pageToken"])
            if got is None:
                return _error(400, "invalidPageToken", "The pageToken parameter is invalid.")
            offset = got
        page = items[offset : offset + size]
        body: dict[str, Any] = {"kind": kind, "etag": _etag(kind, offset, len(items))}
        if offset + size < len(items):
            body["nextPageToken"] = _token(offset + size)
        if offset > 0 and kind == "youtube#searchListResponse":
            body["prevPageToken"] = _token(max(0, offset - size))
        body.update(extra or {})
        body["pageInfo"] = {"totalResults": len(items), "resultsPerPage": size}
        body["items"] = page
        return json_response(body)

    @staticmethod
    def _q(req: Request) -> dict[str, str]:
        return {k: v[-1] for k, v in req.query.items()}

    # -- routing ------------------------------------------------------------------------------
    def route(self, req: Request) -> Response:
        if not req.path.startswith(API):
            return 404, {"Content-Type": "text/html"}, b"<html><body>Not Found</body></html>"
        name = req.path[len(API) :].strip("/")
        q = self._q(req)
        bearer = req.headers.get("authorization", "").startswith("Bearer ")
        if "key" not in q and not bearer:
            return _error(
                403,
                "forbidden",
                "The request is missing a valid API key.",
                domain="global",
            )
        if "key" in q and q["key"] != self.api_key:
            return _error(400, "keyInvalid", "API key not valid. Please pass a valid API key.",
                          domain="usageLimits")  # fmt: skip
        method = "insert" if req.method == "POST" else "list"
        cost = COSTS["insert"] if method == "insert" else COSTS.get(name, 1)
        with self.lock:
            if self.quota is not None and self.units_used + cost > self.quota:
                return _error(
                    403,
                    "quotaExceeded",
                    "The request cannot be completed because you have exceeded your "
                    '<a href="/youtube/v3/getting-started#quota">quota</a>.',
                    domain="youtube.quota",
                )
            self.units_used += cost
        handler = getattr(self, f"_{method}_{name}", None)
        if handler is None:
            return _error(404, "notFound", f"Method {method} {name} not found.")
        with self.lock:
            return handler(req, q)

    def _list_search(self, req: Request, q: dict[str, str]) -> Response:
        if q.get("type", "video") not in ("video", "video,channel,playlist"):
            items: list[dict[str, Any]] = []
        else:
            terms = (q.get("q") or "").casefold().split()
            after = _ts(q["publishedAfter"]) if q.get("publishedAfter") else None
            videos = [
                v for v in self.yt["videos"]
                if all(t in f"{v['title']} {v.get('description', '')}".casefold() for t in terms)
                and (after is None or _ts(v["published_at"]) >= after)
                and (not q.get("channelId") or v["channel_id"] == q["channelId"])
            ]  # fmt: skip
            videos.sort(key=lambda v: _ts(v["published_at"]), reverse=True)
            items = [self._search_result(v) for v in videos]
        return self._page(req, "youtube#searchListResponse", items, 5, 50, {"regionCode": "US"})

    def _list_videos(self, req: Request, q: dict[str, str]) -> Response:
        parts = set((q.get("part") or "").split(","))
        ids = [i for i in (q.get("id") or "").split(",") if i]
        items = [self._video_resource(v, parts) for i in ids if (v := self._video(i))]
        return json_response(
            {
                "kind": "youtube#videoListResponse",
                "etag": _etag("v", ids),
                "pageInfo": {"totalResults": len(items), "resultsPerPage": len(items)},
                "items": items,
            }
        )

    def _list_commentThreads(self, req: Request, q: dict[str, str]) -> Response:  # noqa: N802
        parts = set((q.get("part") or "").split(","))
        plain = q.get("textFormat") == "plainText"
        tops = [c for c in self.yt["comments"] if not c.get("parent_id")]
        if q.get("videoId"):
            video = self._video(q["videoId"])
            if video is None:
                return _error(404, "videoNotFound", "The video identified by the <code><a href="
                              '"/youtube/v3/docs/commentThreads/list#videoId">videoId</a></code> '
                              "parameter could not be found.")  # fmt: skip
            if video.get("comments_disabled"):
                return _error(403, "commentsDisabled", "The video identified by the <code><a "
                              'href="/youtube/v3/docs/commentThreads/list#videoId">videoId</a>'
                              "</code> parameter has disabled comments.")  # fmt: skip
            tops = [c for c in tops if c["video_id"] == video["id"]]
        elif q.get("allThreadsRelatedToChannelId"):
            channel = q["allThreadsRelatedToChannelId"]
            own = {v["id"] for v in self.yt["videos"] if v["channel_id"] == channel}
            tops = [c for c in tops if c["video_id"] in own]
        elif q.get("id"):
            wanted = q["id"].split(",")
            tops = [c for c in tops if c["id"] in wanted]
        else:
            return _error(400, "missingRequiredParameter", "No filter selected. Expected one "
                          "of: allThreadsRelatedToChannelId, videoId, id, channelId.")  # fmt: skip
        if q.get("searchTerms"):
            terms = q["searchTerms"].casefold()
            tops = [
                c for c in tops
                if terms in c.get("text", "").casefold()
                or any(terms in r.get("text", "").casefold() for r in self._replies_of(c["id"]))
            ]  # fmt: skip
        if q.get("order", "time") == "relevance":
            tops.sort(key=lambda c: (int(c.get("like_count", 0)), _ts(c["published_at"])),
                      reverse=True)  # fmt: skip
        else:
            tops.sort(key=lambda c: _ts(c["published_at"]), reverse=True)
        items = [self._thread_resource(c, parts, plain) for c in tops]
        return self._page(req, "youtube#commentThreadListResponse", items, 20, 100)

    def _list_comments(self, req: Request, q: dict[str, str]) -> Response:
        plain = q.get("textFormat") == "plainText"
        if q.get("parentId"):
            if self._comment(q["parentId"]) is None:
                return _error(404, "commentNotFound", "The comment identified by the "
                              "<code>parentId</code> parameter could not be found.")  # fmt: skip
            found = self._replies_of(q["parentId"])
        elif q.get("id"):
            found = [c for i in q["id"].split(",") if (c := self._comment(i))]
        else:
            return _error(400, "missingRequiredParameter", "No filter selected. Expected one "
                          "of: id, parentId.")  # fmt: skip
        items = [self._comment_resource(c, plain, in_list=True) for c in found]
        return self._page(req, "youtube#commentListResponse", items, 20, 100)

    # -- inserts ------------------------------------------------------------------------------
    def _body(self, req: Request) -> dict[str, Any] | None:
        try:
            body = json.loads(req.body or b"{}")
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    def _new_comment(self, video_id: str, parent_id: str | None, text: str) -> dict[str, Any]:
        comment_id = "Ug" + secrets.token_urlsafe(18).replace("-", "x").replace("_", "y")
        if parent_id:
            comment_id = f"{parent_id}.{secrets.token_urlsafe(16)}"
        record = {
            "id": comment_id,
            "video_id": video_id,
            "parent_id": parent_id,
            "author_channel_id": self.me,
            "author_display_name": self._channel_title(self.me),
            "text": text,
            "published_at": _now(),
            "like_count": 0,
        }
        self.yt["comments"].append(record)
        return record

    def _insert_comments(self, req: Request, q: dict[str, str]) -> Response:
        body = self._body(req)
        snippet = (body or {}).get("snippet") or {}
        parent = self._comment(snippet.get("parentId") or "")
        text = snippet.get("textOriginal")
        if body is None or not text:
            return _error(400, "invalidCommentMetadata", "The request metadata is invalid.")
        if parent is None:
            return _error(404, "parentCommentNotFound", "The specified parent comment could "
                          "not be found.")  # fmt: skip
        top = parent if not parent.get("parent_id") else self._comment(parent["parent_id"])
        assert top is not None
        record = self._new_comment(top["video_id"], top["id"], text)
        resource = self._comment_resource(record, plain=False, in_list=True)
        return json_response(resource)

    def _insert_commentThreads(self, req: Request, q: dict[str, str]) -> Response:  # noqa: N802
        body = self._body(req)
        snippet = (body or {}).get("snippet") or {}
        top = ((snippet.get("topLevelComment") or {}).get("snippet") or {}).get("textOriginal")
        if body is None or not top:
            return _error(400, "invalidCommentMetadata", "The request metadata is invalid.")
        video = self._video(snippet.get("videoId") or "")
        if video is None:
            return _error(404, "videoNotFound", "The specified video could not be found.")
        if video.get("comments_disabled"):
            return _error(403, "commentsDisabled", "The video has disabled comments.")
        record = self._new_comment(video["id"], None, top)
        return json_response(self._thread_resource(record, {"snippet"}, plain=False))
