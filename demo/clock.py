"""The demo's live world placed relative to the moment the demo starts.

demo/world.json is written with fixed dates. :func:`place_world` moves every time in it
(any ``created_utc`` epoch, any ``created_at``, ``published_at`` or ``updated_at`` ISO 8601
string, wherever it is in the world, so new sections move too) onto the last ``span`` before
``now``: the world's newest moment lands ``lead`` before ``now`` and its oldest ``span + lead``
before it, every time in between in proportion (order kept, gaps scaled alike). With the
defaults the world's nine days play out in the last twelve hours (the demo's history,
demo.history, ends where they begin): the outage of the last morning was minutes ago, so its
posts are fresh with most of their hour left, and older unanswered complaints are breached by
minutes to hours, as in a care team's real queue under the default one-hour first-response
target.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

EPOCH_KEYS = ("created_utc",)
ISO_KEYS = ("created_at", "published_at", "updated_at")
SPAN = timedelta(hours=12)
LEAD = timedelta(minutes=5)


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


def _times(node: Any) -> list[datetime]:
    out: list[datetime] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in EPOCH_KEYS and isinstance(value, int | float):
                out.append(datetime.fromtimestamp(value, UTC))
            elif key in ISO_KEYS and isinstance(value, str):
                out.append(_parse(value))
            else:
                out.extend(_times(value))
    elif isinstance(node, list):
        for value in node:
            out.extend(_times(value))
    return out


def _move(node: Any, to: Any) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in EPOCH_KEYS and isinstance(value, int | float):
                node[key] = int(to(datetime.fromtimestamp(value, UTC)).timestamp())
            elif key in ISO_KEYS and isinstance(value, str):
                node[key] = to(_parse(value)).strftime("%Y-%m-%dT%H:%M:%SZ")
            else:
                _move(value, to)
    elif isinstance(node, list):
        for value in node:
            _move(value, to)


def place_world(
    world: dict[str, Any], now: datetime, span: timedelta = SPAN, lead: timedelta = LEAD
) -> dict[str, Any]:
    """A copy of ``world`` whose times run from ``now - lead - span`` to ``now - lead``."""
    placed = copy.deepcopy(world)
    times = _times(placed)
    if not times:
        return placed
    oldest, newest = min(times), max(times)
    scale = span / (newest - oldest) if newest > oldest else 0.0
    end = now.astimezone(UTC) - lead

    def to(at: datetime) -> datetime:
        return end - (newest - at) * scale

    _move(placed, to)
    return placed
