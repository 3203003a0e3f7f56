"""Agents needed per hour: Erlang C on the forecast volume.

For an hour with ``calls`` arrivals and an average handle time ``aht`` (minutes) the offered
load is ``A = calls * aht / 60`` erlangs. With ``n`` agents the probability that a post waits is
Erlang C, ``C(n, A)``, and the share answered within ``t`` minutes is
``1 - C(n, A) * exp(-(n - A) * t / aht)``. The agents needed are the fewest ``n`` that meet the
service level and keep occupancy ``A / n`` at or under the cap; the agents to schedule add
shrinkage (breaks, meetings, training): ``ceil(n / (1 - shrinkage))``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from config.errors import ListenpostError


class StaffingError(ListenpostError, ValueError):
    """A staffing parameter out of range; the message names it."""


@dataclass(frozen=True)
class Target:
    service_level: float = 0.8  # share of posts answered within ...
    within_minutes: float = 60.0  # ... this many minutes
    shrinkage: float = 0.3  # share of paid time not spent answering
    max_occupancy: float = 0.85  # share of an agent's answering time spent busy, at most

    def __post_init__(self) -> None:
        if not 0 < self.service_level < 1:
            raise StaffingError("service level must be between 0 and 1 (exclusive)")
        if self.within_minutes <= 0:
            raise StaffingError("within-minutes must be above 0")
        if not 0 <= self.shrinkage < 1:
            raise StaffingError("shrinkage must be at least 0 and below 1")
        if not 0 < self.max_occupancy <= 1:
            raise StaffingError("max occupancy must be above 0 and at most 1")


def erlang_c(agents: int, load: float) -> float:
    """Probability that an arrival waits, with ``agents`` servers and ``load`` erlangs (1.0 when
    the agents cannot keep up)."""
    if load <= 0:
        return 0.0
    if agents <= load:
        return 1.0
    b = 1.0  # Erlang B by its stable recursion
    for k in range(1, agents + 1):
        b = load * b / (k + load * b)
    return agents * b / (agents - load * (1 - b))


def service_level(agents: int, load: float, aht: float, within: float) -> float:
    """Share of arrivals answered within ``within`` minutes."""
    if load <= 0:
        return 1.0
    if agents <= load:
        return 0.0
    return 1.0 - erlang_c(agents, load) * math.exp(-(agents - load) * within / aht)


def agents_needed(calls: float, aht: float, target: Target) -> int:
    """The fewest agents answering that meet the target for ``calls`` arrivals in one hour."""
    if aht <= 0:
        raise StaffingError("handle time must be above 0 minutes")
    load = max(calls, 0.0) * aht / 60.0
    if load <= 0:
        return 0
    n = max(1, math.ceil(load / target.max_occupancy))
    if n <= load:
        n = math.floor(load) + 1
    while service_level(n, load, aht, target.within_minutes) < target.service_level:
        n += 1
    return n


def scheduled(agents: int, target: Target) -> int:
    """Agents to put on the shift so that ``agents`` are answering after shrinkage."""
    return math.ceil(agents / (1.0 - target.shrinkage) - 1e-9) if agents else 0
