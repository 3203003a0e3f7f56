"""The demo's live world placed relative to the moment the demo starts: every time of the bundled
world moves into the last twelve hours, order and proportions kept, so its queue mixes fresh, due
and breached SLAs instead of posts all weeks old."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from demo.clock import LEAD, SPAN, _times, place_world
from demo.run import load_world

NOW = datetime(2027, 3, 4, 15, 30, tzinfo=UTC)


def _posts(world: dict) -> list[tuple[datetime, bool]]:
    """(time, by the brand) of every customer-facing post of the world."""
    brand = world["brand"]["accounts"]
    out = [(datetime.fromtimestamp(c["created_utc"], UTC), c["author"] in brand["reddit"])
           for c in world["reddit"]["submissions"] + world["reddit"]["comments"]]  # fmt: skip
    out += [(datetime.fromisoformat(c["published_at"].replace("Z", "+00:00")),
             c["author_channel_id"] in brand["youtube"])
            for c in world["youtube"]["comments"]]  # fmt: skip
    out += [(datetime.fromisoformat(p["created_at"].replace("Z", "+00:00")),
             p["username"] in brand["forum"])
            for t in world["forum"]["topics"] for p in t["posts"]]  # fmt: skip
    return out


def test_the_world_plays_out_in_the_last_twelve_hours() -> None:
    world = load_world()
    placed = place_world(world, NOW)
    before, after = _times(world), _times(placed)
    assert len(before) == len(after) > 60
    assert max(after) == NOW - LEAD and min(after) == NOW - LEAD - SPAN
    # order kept and every gap scaled alike
    pairs = sorted(zip(before, after, strict=True))
    assert [a for _, a in pairs] == sorted(after)
    scale = SPAN / (max(before) - min(before))
    for (b0, a0), (b1, a1) in zip(pairs, pairs[1:], strict=False):
        assert abs((a1 - a0) - (b1 - b0) * scale) <= timedelta(seconds=1)
    assert world == load_world()  # the bundled world itself is left as it is


def test_fresh_due_and_breached_customer_posts() -> None:
    ages = [NOW - at for at, by_brand in _posts(place_world(load_world(), NOW)) if not by_brand]
    hour = timedelta(hours=1)
    fresh = [a for a in ages if a < timedelta(minutes=20)]
    due = [a for a in ages if timedelta(minutes=20) <= a < hour]
    breached = [a for a in ages if a >= hour]
    assert fresh and due and breached, (len(fresh), len(due), len(breached))
    # under the default one-hour target, breached posts are late by minutes to hours, not days
    assert sorted(breached)[len(breached) // 2] <= timedelta(hours=8)
    assert max(ages) <= SPAN + LEAD <= timedelta(hours=12, minutes=5)  # demo.history ends there
