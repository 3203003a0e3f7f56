"""Server-rendered SVG charts: this module computes the geometry (numbers only); the templates
draw it, so every label goes through Jinja's autoescape. No JavaScript involved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PALETTE = {
    "reddit": "#c2410c",
    "youtube": "#b91c1c",
    "forum": "#047857",
    "import": "#6b7280",
    "negative": "#b42318",
    "neutral": "#98a2b3",
    "positive": "#079455",
    "total": "#0b63c5",
    "forecast": "#0b63c5",
    "actual": "#101828",
}
CYCLE = ("#7c3aed", "#0e7490", "#b45309", "#be185d", "#4d7c0f", "#334155")  # other names, in turn


def color(name: str, i: int) -> str:
    return PALETTE.get(name, CYCLE[i % len(CYCLE)])


@dataclass
class Series:
    name: str
    color: str
    points: str  # "x,y x,y ..." for a polyline


def line_chart(
    labels: list[str],
    series: dict[str, list[Any]],
    width: int = 720,
    height: int = 200,
    band: tuple[list[float], list[float]] | None = None,
) -> dict[str, Any]:
    """Polylines for ``series`` (name -> values aligned with ``labels``), and a shaded band
    between two value lists (an interval) when ``band`` is given."""
    pad_l, pad_b, pad_t = 36, 22, 8
    top = max([max(v) for v in [*series.values(), *(band or ())] if v] + [1])
    top = round(top, 1) if isinstance(top, float) else top
    n = max(len(labels), 2)
    step = (width - pad_l - 8) / (n - 1)

    def xy(i: int, v: int) -> str:
        x = pad_l + i * step
        y = pad_t + (height - pad_t - pad_b) * (1 - v / top)
        return f"{x:.1f},{y:.1f}"

    out = [
        Series(name, color(name, k), " ".join(xy(i, v) for i, v in enumerate(vals)))
        for k, (name, vals) in enumerate(series.items())
    ]
    every = max(1, len(labels) // 8)
    ticks = [(pad_l + i * step, lab) for i, lab in enumerate(labels) if i % every == 0]
    shade = None
    if band:
        lo, hi = band
        shade = " ".join([xy(i, v) for i, v in enumerate(hi)]
                         + [xy(i, v) for i, v in reversed(list(enumerate(lo)))])  # fmt: skip
    return {"width": width, "height": height, "series": out, "top": top, "ticks": ticks,
            "base": height - pad_b, "left": pad_l, "band": shade}  # fmt: skip


def stacked_bars(
    labels: list[str], stacks: dict[str, list[int]], width: int = 720, height: int = 200
) -> dict[str, Any]:
    """Rectangles for stacked bars: stacks is name -> values aligned with labels."""
    pad_l, pad_b, pad_t = 36, 22, 8
    totals = [sum(v[i] for v in stacks.values()) for i in range(len(labels))]
    top = max(totals + [1])
    n = max(len(labels), 1)
    slot = (width - pad_l - 8) / n
    bar = max(slot * 0.7, 1)
    rects = []
    for i in range(len(labels)):
        y = height - pad_b
        for k, (name, vals) in enumerate(stacks.items()):
            h = (height - pad_t - pad_b) * vals[i] / top
            if h > 0:
                y -= h
                rects.append({"x": round(pad_l + i * slot, 1), "y": round(y, 1), "w": round(bar, 1),
                              "h": round(h, 1), "color": color(name, k),
                              "title": f"{labels[i]} {name}: {vals[i]}"})  # fmt: skip
    every = max(1, len(labels) // 8)
    ticks = [(pad_l + i * slot, lab) for i, lab in enumerate(labels) if i % every == 0]
    return {"width": width, "height": height, "rects": rects, "top": top, "ticks": ticks,
            "base": height - pad_b, "left": pad_l,
            "legend": [(name, color(name, k)) for k, name in enumerate(stacks)]}  # fmt: skip


def heatmap(grid: list[list[int]], cell: int = 22) -> dict[str, Any]:
    """7 x 24 cells (weekday x hour) shaded by count."""
    top = max([max(row) for row in grid] + [1])
    cells = []
    for d, row in enumerate(grid):
        for h, v in enumerate(row):
            cells.append({"x": 40 + h * cell, "y": 4 + d * cell, "v": v,
                          "o": round(0.08 + 0.92 * v / top, 3) if v else 0.04})  # fmt: skip
    return {
        "cells": cells,
        "cell": cell - 2,
        "width": 40 + 24 * cell + 4,
        "height": 8 + 7 * cell + 16,
    }
