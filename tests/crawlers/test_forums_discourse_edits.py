"""Discourse topics that change after they were read: a post recovered at its old place in the
stream, edits in the middle of a long topic and of its last post. Real spider, real item
pipelines, the loopback forum (each crawl in its own process, like ``listenpost crawl forums``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.crawlers.forum_support import Rows, crawl, forum_settings, make_fake, small_world

SITE = "acme-community"
TOPIC = 20
SLUG = "x200-firmware-megathread"


def _world() -> dict[str, Any]:
    """The small world plus a topic of 45 posts (ids 501..545) whose post 44 was deleted when
    the first crawl runs (so its stream holds 44 ids)."""
    world = small_world()
    posts = [
        {
            "id": 500 + n,
            "post_number": n,
            "username": f"owner{n}",
            "cooked": f"<p>X200 firmware report {n}: the router reboots at night.</p>",
            "created_at": f"2026-10-06T09:{n:02d}:00.000Z",
        }
        for n in range(1, 46)
    ]
    posts[43]["deleted_at"] = "2026-10-06T11:00:00.000Z"
    world["forum"]["topics"].append(
        {
            "id": TOPIC,
            "slug": SLUG,
            "title": "X200 firmware megathread",
            "category_id": 1,
            "created_at": posts[0]["created_at"],
            "posts": posts,
        }
    )
    return world


def _topic_rows(rows: Rows) -> dict[str, Any]:
    return {k: m for k, m in rows.mentions(f"{SITE}:").items() if m.thread_id == f"{SITE}:t{TOPIC}"}


def test_recovered_and_edited_posts_of_a_long_topic_are_picked_up_once(home: Path) -> None:
    with make_fake(_world()) as fake:
        sites = [{"name": SITE, "kind": "discourse", "url": fake.url}]
        settings = forum_settings(home, fake, sites=sites)
        first = crawl(settings, ["discourse"])
        assert first["errors"] == 0
        with Rows(settings) as rows:
            assert len(_topic_rows(rows)) == 44 and f"{SITE}:544" not in rows.mentions()
            total = rows.count()

        # post 44 is recovered (posts_count moves, nothing else) and post 30 is edited (an edit
        # in the middle of a topic moves nothing in the listing)
        topic = next(t for t in fake.world["forum"]["topics"] if t["id"] == TOPIC)
        topic["posts"][43]["deleted_at"] = None
        fake.refresh()
        fake.edit_post(530, "<p>Fixed by firmware 2.5, see the release notes.</p>",
                       "2026-10-07T08:00:00.000Z")  # fmt: skip
        fake.requests.clear()
        second = crawl(settings, ["discourse"])
        paths = [r.path for r in fake.requests]
        chunks = [r.query["post_ids[]"] for r in fake.requests if r.path.endswith("/posts.json")]
        assert (second["new"], second["updated"], second["errors"]) == (1, 1, 0)
        # the other 43 posts of the re-read topic came again and were dropped as unchanged
        assert second["duplicates"] == 43
        assert paths.count(f"/t/{SLUG}/{TOPIC}.json") == 1
        assert not [p for p in paths if p.startswith("/t/") and f"/{TOPIC}" not in p]
        # the whole stream: 20 posts in the topic JSON, the other 25 ids by posts.json
        assert sorted(len(c) for c in chunks) == [5, 20]  # requests run concurrently
        assert sorted(int(i) for c in chunks for i in c) == list(range(521, 546))
        with Rows(settings) as rows:
            got = _topic_rows(rows)
            assert len(got) == 45 and rows.count() == total + 1  # one row each, none twice
            recovered = got[f"{SITE}:544"]
            assert recovered.url.endswith(f"/t/{SLUG}/{TOPIC}/44")
            assert recovered.text == "X200 firmware report 44: the router reboots at night."
            edited = got[f"{SITE}:530"]
            assert edited.text == "Fixed by firmware 2.5, see the release notes."
            assert edited.raw["version"] == 2
            assert edited.raw["updated_at"] == "2026-10-07T08:00:00.000Z"
            assert rows.state(f"forum:{SITE}")["topics"][str(TOPIC)][:2] == [45, 45]

        # nothing changed: the listing only, no topic, nothing new
        fake.requests.clear()
        third = crawl(settings, ["discourse"])
        assert not [r.path for r in fake.requests if r.path.startswith("/t/")]
        assert (third["new"], third["updated"], third["duplicates"]) == (0, 0, 0)

        # an edit of the topic's last post bumps it (bumped_at moves, nothing else)
        fake.edit_post(545, "<p>Update: 2.5.1 fixed the reboots for me too.</p>",
                       "2026-10-08T08:00:00.000Z")  # fmt: skip
        fake.requests.clear()
        fourth = crawl(settings, ["discourse"])
        assert (fourth["new"], fourth["updated"]) == (0, 1)
        with Rows(settings) as rows:
            got = _topic_rows(rows)
            assert got[f"{SITE}:545"].text == "Update: 2.5.1 fixed the reboots for me too."
            assert len(got) == 45 and rows.count() == total + 1
