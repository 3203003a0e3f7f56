"""What the loopback Reddit (demo/fake_reddit.py) serves, in Reddit's real JSON shapes:
submissions and comments of ``world["reddit"]`` as things (t3, t1), listings, "more" stubs and
comment trees cut by depth and by a comment budget. The routes, tokens and rate limit are in
fake_reddit.py."""

from __future__ import annotations

import hashlib
import html
import re
from typing import Any


def b36(number: int) -> str:
    chars = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = chars[rest] + out
        if not number:
            return out


def _slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "_".join(words)[:50] or "_"


def _account_id(author: str) -> str:
    return "t2_" + hashlib.sha1(author.encode("utf-8")).hexdigest()[:8]  # noqa: S324 - an id


def _sub_id(sub: str) -> str:
    return "t5_" + hashlib.sha1(sub.lower().encode("utf-8")).hexdigest()[:6]  # noqa: S324


def _md_html(text: str) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in text.split("\n\n") if p)
    return f'<div class="md">{paras}</div>'


class RedditThings:
    """The world's submissions and comments as Reddit's JSON. Needs ``world`` and ``max_depth``
    (FakeReddit sets both)."""

    world: dict[str, Any]
    max_depth: int

    # -- world access -------------------------------------------------------------------------
    @property
    def submissions(self) -> list[dict[str, Any]]:
        return self.world["reddit"]["submissions"]

    @property
    def comments(self) -> list[dict[str, Any]]:
        return self.world["reddit"]["comments"]

    def _submission(self, sid: str) -> dict[str, Any] | None:
        return next((s for s in self.submissions if s["id"] == sid), None)

    def _comment(self, cid: str) -> dict[str, Any] | None:
        return next((c for c in self.comments if c["id"] == cid), None)

    def _children(self, parent: str, sort: str) -> list[dict[str, Any]]:
        found = [c for c in self.comments if c["parent_id"] == parent]
        if sort == "new":
            return sorted(found, key=lambda c: (-c["created_utc"], c["id"]))
        if sort == "old":
            return sorted(found, key=lambda c: (c["created_utc"], c["id"]))
        return sorted(found, key=lambda c: (-c.get("score", 1), c["created_utc"], c["id"]))

    def _descendants(self, fullname: str) -> int:
        kids = [c for c in self.comments if c["parent_id"] == fullname]
        return len(kids) + sum(self._descendants("t1_" + c["id"]) for c in kids)

    def _num_comments(self, sid: str) -> int:
        return sum(1 for c in self.comments if c["link_id"] == sid)

    # -- JSON shapes ----------------------------------------------------------------------------
    def submission_json(self, s: dict[str, Any]) -> dict[str, Any]:
        sub = s["subreddit"]
        permalink = f"/r/{sub}/comments/{s['id']}/{_slug(s['title'])}/"
        is_self = s.get("is_self", not s.get("url"))
        data: dict[str, Any] = {
            "approved_at_utc": None,
            "subreddit": sub,
            "selftext": s.get("selftext", ""),
            "saved": False,
            "gilded": 0,
            "clicked": False,
            "title": s["title"],
            "subreddit_name_prefixed": f"r/{sub}",
            "hidden": False,
            "downs": 0,
            "name": "t3_" + s["id"],
            "upvote_ratio": 1.0,
            "ups": s.get("score", 1),
            "total_awards_received": 0,
            "score": s.get("score", 1),
            "edited": False,
            "link_flair_text": s.get("flair"),
            "is_self": is_self,
            "domain": f"self.{sub}" if is_self else "example.com",
            "selftext_html": _md_html(s.get("selftext", "")) if s.get("selftext") else None,
            "archived": False,
            "no_follow": False,
            "over_18": False,
            "locked": False,
            "spoiler": False,
            "subreddit_id": _sub_id(sub),
            "id": s["id"],
            "author": s["author"],
            "num_comments": self._num_comments(s["id"]),
            "send_replies": True,
            "permalink": permalink,
            "stickied": False,
            "url": s.get("url") or f"https://www.reddit.com{permalink}",
            "subreddit_subscribers": 1000,
            "created_utc": float(s["created_utc"]),
            "num_crossposts": 0,
            "distinguished": None,
        }
        if s["author"] != "[deleted]":
            data["author_fullname"] = _account_id(s["author"])
        return data

    def comment_json(self, c: dict[str, Any], depth: int, replies: Any = "") -> dict[str, Any]:
        s = self._submission(c["link_id"]) or {"subreddit": "unknown", "title": "", "author": ""}
        sub = s["subreddit"]
        body = c.get("body", "")
        data: dict[str, Any] = {
            "subreddit_id": _sub_id(sub),
            "approved_at_utc": None,
            "author_is_blocked": False,
            "edited": False,
            "gilded": 0,
            "archived": False,
            "no_follow": True,
            "author": c["author"],
            "send_replies": True,
            "parent_id": c["parent_id"],
            "score": c.get("score", 1),
            "ups": c.get("score", 1),
            "downs": 0,
            "total_awards_received": 0,
            "replies": replies,
            "id": c["id"],
            "body": body,
            "is_submitter": c["author"] == s["author"] and c["author"] != "[deleted]",
            "collapsed": False,
            "body_html": _md_html(body),
            "stickied": False,
            "subreddit": sub,
            "score_hidden": False,
            "permalink": f"/r/{sub}/comments/{c['link_id']}/{_slug(s['title'])}/{c['id']}/",
            "locked": False,
            "name": "t1_" + c["id"],
            "created_utc": float(c["created_utc"]),
            "subreddit_name_prefixed": f"r/{sub}",
            "controversiality": 0,
            "depth": depth,
            "link_id": "t3_" + c["link_id"],
            "distinguished": None,
        }
        if c["author"] != "[deleted]":
            data["author_fullname"] = _account_id(c["author"])
        return data

    @staticmethod
    def _listing(children: list[dict[str, Any]], after: str | None = None) -> dict[str, Any]:
        return {
            "kind": "Listing",
            "data": {
                "after": after,
                "dist": len(children),
                "modhash": None,
                "geo_filter": "",
                "children": children,
                "before": None,
            },
        }

    @staticmethod
    def _more(parent: str, ids: list[str], count: int, depth: int) -> dict[str, Any]:
        """A "more" stub; without ids it is Reddit's "continue this thread"."""
        first = ids[0] if ids else "_"
        return {
            "kind": "more",
            "data": {
                "count": count,
                "name": "t1_" + first,
                "id": first,
                "parent_id": parent,
                "depth": depth,
                "children": ids,
            },
        }

    def _tree(
        self, parent: str, depth: int, budget: list[int], sort: str, flat: list[Any] | None
    ) -> list[dict[str, Any]]:
        """The comments under ``parent`` within the budget (a one-item list, shared), nested
        in ``replies``, or appended to ``flat`` in pre-order (morechildren)."""
        out: list[dict[str, Any]] = []
        kids = self._children(parent, sort)
        for i, kid in enumerate(kids):
            if depth >= self.max_depth:
                out.append(self._more(parent, [], 0, depth))
                break
            if budget[0] <= 0:
                rest = kids[i:]
                count = len(rest) + sum(self._descendants("t1_" + k["id"]) for k in rest)
                out.append(self._more(parent, [k["id"] for k in rest], count, depth))
                break
            budget[0] -= 1
            thing = {"kind": "t1", "data": self.comment_json(kid, depth)}
            out.append(thing)
            if flat is not None:
                flat.append(thing)
                flat.extend(
                    m
                    for m in self._tree("t1_" + kid["id"], depth + 1, budget, sort, flat)
                    if m["kind"] == "more"
                )
            else:
                replies = self._tree("t1_" + kid["id"], depth + 1, budget, sort, None)
                thing["data"]["replies"] = self._listing(replies) if replies else ""
        return out
