"""Hourly volume forecasts: how many posts that need a reply will arrive each hour.

The model is a robust weekly profile: each hour of the coming week is forecast as the median of
the same hour of the week over the last ``WEEKS`` weeks of history, after spikes (an outage, a
viral post) have been replaced by what that hour usually holds. The 80% interval comes from the
model's own errors on the history: every past week that has at least one week before it is
forecast the same way, the errors are scaled by sqrt(forecast + 1) (counts vary like Poisson
counts) and their 10th and 90th percentiles widen each hour's forecast.

It was chosen by ``bench/forecast.py``, a rolling-origin backtest on real contact-centre volume,
against seasonal naive (same hour last week), statsmodels' MSTL and Holt-Winters; docs/forecast.md
has the figures. Everything here is numpy on arrays of hourly counts; the database side is in
:mod:`pipelines.volume`.
"""

from __future__ import annotations

import csv
import math
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from config.errors import ListenpostError

WEEK = 168
WEEKS = 4  # weeks of history in each hour's median
MIN_WEEKS = 2  # less history than this: no model, the hour-of-week profile instead
CONTEXT = (WEEKS + 1) * WEEK  # the hours a forecast looks at (spikes are judged in them)
INTERVAL = (0.10, 0.90)  # an 80% interval
SPIKE_FACTOR = 3.0  # an hour above 3x its usual count (and 5 more) is a spike
SPIKE_MARGIN = 5.0
SPARSE = 3.0  # an hour that averages fewer posts is forecast by its mean, not its median


class ForecastError(ListenpostError, ValueError):
    """Input a forecast cannot use (an empty or unreadable series); the message says why."""


@dataclass
class Forecast:
    mean: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    weeks: int  # whole weeks of history behind it
    method: str  # "weekly-median" or "hour-of-week profile" (too little history)


def floor_hour(at: datetime) -> datetime:
    at = at if at.tzinfo else at.replace(tzinfo=UTC)
    return at.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def hourly(times: Iterable[datetime], start: datetime, end: datetime) -> np.ndarray:
    """Counts per hour from ``start`` (an hour) up to ``end`` (exclusive); times outside are
    ignored."""
    n = max(0, int((end - start).total_seconds() // 3600))
    out = np.zeros(n)
    for at in times:
        i = int((floor_hour(at) - start).total_seconds() // 3600)
        if 0 <= i < n:
            out[i] += 1
    return out


def despike(y: np.ndarray) -> np.ndarray:
    """A copy with each spike replaced by its usual level: the larger of the median of the same
    hour of the week in the other weeks and the median of the same hour of the day within three
    days either side."""
    y = np.asarray(y, dtype=float)
    n = len(y)
    if n == 0:
        return y.copy()
    weeks = -(-n // WEEK)
    grid = np.full(weeks * WEEK, np.nan)
    grid[weeks * WEEK - n :] = y  # aligned on the last hour, like the forecast
    grid = grid.reshape(weeks, WEEK)
    if weeks > 1:
        others = np.stack([np.delete(grid, r, axis=0) for r in range(weeks)])
        same_week = _nanmedian(others, axis=1).reshape(-1)[weeks * WEEK - n :]
    else:
        same_week = np.zeros(n)
    padded = np.concatenate([np.full(72, np.nan), y, np.full(72, np.nan)])
    shifts = [padded[72 + d : 72 + d + n] for d in (-72, -48, -24, 24, 48, 72)]
    same_day = _nanmedian(np.stack(shifts), axis=0)
    usual = np.maximum(same_week, same_day)
    spike = y > SPIKE_FACTOR * usual + SPIKE_MARGIN
    return np.where(spike, usual, y)


def _nanmedian(a: np.ndarray, axis: int) -> np.ndarray:
    """np.nanmedian, with 0 where every value is missing."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "All-NaN slice encountered"
        return np.nan_to_num(np.nanmedian(a, axis=axis), nan=0.0)


def weekly_median(history: np.ndarray, horizon: int, weeks: int = WEEKS) -> np.ndarray:
    """Each future hour: the median of the same hour of the week over the last ``weeks`` weeks;
    where that hour averages fewer than ``SPARSE`` posts, the mean (a median of a few small
    counts is mostly 0: on bank_calls thinned to half a call an hour the median alone forecast
    90.4% of the volume, this 98.2% at the same WAPE; ``python bench/forecast.py``). The history is
    despiked first, so the mean is not an outage's. ``history[-1]`` is the hour just before the
    first forecast hour."""
    n = len(history)
    k = min(weeks, n // WEEK)
    if k < 1:
        raise ForecastError("less than one week of history")
    phase = np.arange(horizon) % WEEK
    rows = np.array([history[n - WEEK * j + phase] for j in range(1, k + 1)])
    mean = rows.mean(axis=0)
    return np.where(mean < SPARSE, mean, np.median(rows, axis=0))


def seasonal_naive(history: np.ndarray, horizon: int) -> np.ndarray:
    """The same hour one week earlier (the baseline every forecast is scored against)."""
    return weekly_median(history, horizon, weeks=1)


def _scaled_errors(history: np.ndarray, max_weeks: int = 8) -> np.ndarray:
    """The model's scaled errors on the last weeks of the history it could have forecast."""
    errs: list[np.ndarray] = []
    n = len(history)
    for j in range(1, min(max_weeks, n // WEEK - 1) + 1):
        end = n - WEEK * (j - 1)
        past, actual = history[: end - WEEK], history[end - WEEK : end]
        f = weekly_median(despike(past[-CONTEXT:]), WEEK)
        errs.append((actual - f) / np.sqrt(f + 1.0))
    return np.concatenate(errs) if errs else np.zeros(0)


def forecast(history: np.ndarray, horizon: int) -> Forecast:
    """Forecast ``horizon`` hours after ``history`` (hourly counts, oldest first)."""
    history = np.asarray(history, dtype=float)
    weeks = len(history) // WEEK
    if weeks < MIN_WEEKS:
        return profile_fallback(history, horizon)
    mean = weekly_median(despike(history[-CONTEXT:]), horizon)
    errs = _scaled_errors(history)
    if len(errs) >= 24:
        q_lo, q_hi = np.quantile(errs, INTERVAL)
    else:  # Poisson-like spread until there is enough history to measure it
        q_lo, q_hi = -1.2816, 1.2816
    scale = np.sqrt(mean + 1.0)
    return Forecast(
        mean=mean,
        lo=np.clip(mean + q_lo * scale, 0, None),
        hi=np.clip(mean + q_hi * scale, 0, None),
        weeks=weeks,
        method="weekly-median",
    )


def profile_fallback(history: np.ndarray, horizon: int) -> Forecast:
    """With less than two weeks: the mean count of each hour of the week in what there is
    (the KPI page's volume-by-hour-of-week), aligned to the forecast's start."""
    n = len(history)
    sums, seen = np.zeros(WEEK), np.zeros(WEEK)
    for i, v in enumerate(history):
        phase = (i - n) % WEEK  # the phase of hour i relative to the first forecast hour
        sums[phase] += v
        seen[phase] += 1
    prof = np.divide(sums, seen, out=np.zeros(WEEK), where=seen > 0)
    mean = prof[np.arange(horizon) % WEEK]
    scale = np.sqrt(mean + 1.0)
    return Forecast(
        mean=mean,
        lo=np.clip(mean - 1.2816 * scale, 0, None),
        hi=mean + 1.2816 * scale,
        weeks=n // WEEK,
        method="hour-of-week profile",
    )


def wape(actual: np.ndarray, predicted: np.ndarray) -> float:
    total = float(np.abs(actual).sum())
    return float(np.abs(actual - predicted).sum()) / total if total else math.nan


def backtest(series: np.ndarray, horizon: int = WEEK, folds: int = 5) -> dict[str, float | int]:
    """Rolling origins: the last ``folds`` windows of ``horizon`` hours are each forecast from
    everything before them. WAPE and coverage are pooled over the folds; MASE scales the mean
    absolute error by seasonal naive's in-sample error (one week)."""
    series = np.asarray(series, dtype=float)
    need = horizon * folds + MIN_WEEKS * WEEK
    if len(series) < need:
        raise ForecastError(
            f"{len(series)} hours of data: {folds} folds of {horizon} hours need at least {need}"
        )
    err = base_err = covered = total = 0.0
    n_hours = 0
    for k in range(folds):
        end = len(series) - horizon * (folds - k)
        past, actual = series[:end], series[end : end + horizon]
        f = forecast(past, horizon)
        err += float(np.abs(actual - f.mean).sum())
        base_err += float(np.abs(actual - seasonal_naive(past, horizon)).sum())
        covered += float(((actual >= f.lo) & (actual <= f.hi)).sum())
        total += float(np.abs(actual).sum())
        n_hours += horizon
    train = series[: len(series) - horizon * folds]
    naive_mae = float(np.mean(np.abs(train[WEEK:] - train[:-WEEK])))
    return {
        "wape": err / total if total else math.nan,
        "mase": (err / n_hours) / naive_mae if naive_mae else math.nan,
        "baseline_wape": base_err / total if total else math.nan,
        "coverage": covered / n_hours,
        "n_hours": n_hours,
        "folds": folds,
    }


def read_counts(path: Path) -> np.ndarray:
    """A ``timestamp,count`` CSV (a header line is allowed; any interval) summed into hours, from
    the first to the last timestamp's hour; hours with no row count 0."""
    rows: list[tuple[datetime, float]] = []
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for lineno, rec in enumerate(csv.reader(fh), start=1):
                if not rec or not "".join(rec).strip():
                    continue
                if len(rec) < 2:
                    raise ForecastError(f"{path}:{lineno}: expected 'timestamp,count'")
                try:
                    at = datetime.fromisoformat(rec[0].strip().replace("Z", "+00:00"))
                    count = float(rec[1])
                except ValueError:
                    if lineno == 1 and not rows:
                        continue  # a header
                    raise ForecastError(
                        f"{path}:{lineno}: expected 'timestamp,count', got {rec[0][:40]!r}"
                    ) from None
                if not math.isfinite(count) or count < 0:
                    raise ForecastError(f"{path}:{lineno}: count must be a number >= 0")
                rows.append((floor_hour(at), count))
    except UnicodeDecodeError:
        raise ForecastError(f"{path}: not UTF-8 text") from None
    if not rows:
        raise ForecastError(f"{path}: no rows")
    start = min(at for at, _ in rows)
    end = max(at for at, _ in rows) + timedelta(hours=1)
    out = np.zeros(int((end - start).total_seconds() // 3600))
    for at, count in rows:
        out[int((at - start).total_seconds() // 3600)] += count
    return out
