"""YouTube quota per run and per day: the real crawler (google-api-python-client), the real chain
and a temporary SQLite against the loopback FakeYouTube serving the demo world.

    python bench/youtube_quota.py [--hours 24] [--every 30] [--search-interval 60 0]

Simulates ``listenpost watch`` running the YouTube source every ``--every`` minutes for
``--hours`` hours (the crawler's clock is set for each run; nothing sleeps). Before every run one
new comment arrives on a found video, and every three hours a new video matching a brand query.
For each ``[youtube] search_interval_minutes`` value it prints the units of the first run, the
units of the later runs (min/max), the units for the whole period, the search.list calls and
whether every comment and video was stored. Google's counting is the fake's (search 100 units,
every other list call 1), checked against the crawler's own count.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def simulate(hours: int, every: int, search_interval: int) -> dict[str, object]:
    from sqlalchemy import select

    from config import load_settings
    from crawlers.api import youtube
    from demo.fake_youtube import FakeYouTube
    from demo.run import load_world
    from pipelines.chain import Chain, run_source
    from pipelines.models import Mention
    from pipelines.models.db import Database

    world = copy.deepcopy(load_world())
    yt = world["youtube"]
    start = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as home, FakeYouTube(world, api_key="k") as fake:
        settings = load_settings(
            home=home,
            brand=world["brand"],
            youtube={
                "api_key": "k",
                "api_endpoint": fake.url,
                "channel_id": world["brand"]["accounts"]["youtube"][0],
                "searches": [{"query": q} for q in world["brand"]["queries"]],
                "search_interval_minutes": search_interval,
                "daily_quota": 1_000_000,
            },
        )
        db = Database(settings)
        db.init()
        units: list[int] = []
        searches = 0
        runs = hours * 60 // every
        for k in range(runs):
            now = start + timedelta(minutes=k * every)
            stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
            if k and k % (180 // every or 1) == 0:  # a new video every three hours
                vid = f"vidBench{k:04d}"
                yt["videos"].append(
                    {"id": vid, "channel_id": "UCbench00000000000000000", "title":
                     f"{world['brand']['queries'][0]} review {k}", "description": "",
                     "published_at": stamp, "view_count": 1, "like_count": 0}
                )  # fmt: skip
            if k:  # a new comment on one of the videos
                video = yt["videos"][k % len(yt["videos"])]
                yt["comments"].append(
                    {"id": f"UgBench{k:04d}", "video_id": video["id"], "parent_id": None,
                     "author_channel_id": f"UCviewer{k:016d}", "author_display_name": f"v{k}",
                     "text": f"comment {k}", "published_at": stamp, "like_count": 0}
                )  # fmt: skip
                if "comment_count" in video:
                    video["comment_count"] += 1
            before = fake.units_used
            fake.requests.clear()
            with Chain(settings, db) as chain:
                stats = run_source(
                    chain,
                    "youtube",
                    lambda c, s, t=now: youtube.crawl(settings, c, s, now=lambda: t, backoff=0),
                )
            assert stats.quota_used == fake.units_used - before, "crawler and Google disagree"
            units.append(stats.quota_used)
            searches += sum(1 for r in fake.requests if r.path.endswith("/search"))
        with db.session() as s:
            stored = set(s.scalars(select(Mention.source_id)))
        db.dispose()
    wanted = {c["id"] for c in yt["comments"] if c["id"].startswith("UgBench")}
    wanted |= {v["id"] for v in yt["videos"] if v["id"].startswith("vidBench")}
    return {
        "runs": runs,
        "first": units[0],
        "later": (min(units[1:]), max(units[1:])) if runs > 1 else None,
        "total": sum(units),
        "search_calls": searches,
        "all_stored": wanted <= stored,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hours", type=int, default=24)
    parser.add_argument("--every", type=int, default=30, help="minutes between runs")
    parser.add_argument("--search-interval", type=int, nargs="+", default=[60, 0])
    args = parser.parse_args()
    for interval in args.search_interval:
        r = simulate(args.hours, args.every, interval)
        later = r["later"]
        print(
            f"search_interval_minutes={interval}: {r['runs']} runs every {args.every} min; "
            f"first run {r['first']} units, later runs {later[0]}-{later[1]} units; "
            f"{r['total']} units in {args.hours} h; {r['search_calls']} search.list calls; "
            f"every new comment and video stored: {r['all_stored']}"
        )


if __name__ == "__main__":
    main()
