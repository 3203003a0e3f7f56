"""The volume forecast and Erlang C: generated series with known seasonality, published Erlang C
values, and the CSV reader of `forecast evaluate`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from pipelines.forecast import (
    WEEK,
    ForecastError,
    backtest,
    forecast,
    read_counts,
    seasonal_naive,
    wape,
)
from pipelines.staffing import Target, agents_needed, erlang_c, scheduled, service_level


def true_rates(weeks: int) -> np.ndarray:
    """Busy weekday afternoons, quiet nights, half volume at weekends."""
    hours = np.arange(WEEK * weeks)
    hod, dow = hours % 24, (hours // 24) % 7
    daily = 2 + 10 * np.exp(-(((hod - 14) / 4.0) ** 2))
    return daily * np.where(dow >= 5, 0.5, 1.0)


def test_forecast_recovers_the_weekly_shape() -> None:
    rng = np.random.default_rng(7)
    rates = true_rates(7)
    y = rng.poisson(rates).astype(float)
    history, future = y[: 6 * WEEK], rates[6 * WEEK :]
    f = forecast(history, WEEK)
    assert f.method == "weekly-median"
    assert wape(future, f.mean) < 0.2
    assert np.corrcoef(f.mean, future)[0, 1] > 0.9
    weekend, weekday = f.mean[5 * 24 :].sum() / 2, f.mean[: 5 * 24].sum() / 5
    assert 0.35 < weekend / weekday < 0.65  # the weekend's half volume
    assert (f.lo <= f.mean).all() and (f.mean <= f.hi).all()


def test_a_sparse_series_is_not_underestimated() -> None:
    """A few posts a day: most hours hold 0 or 1, where a median of four weeks is biased
    towards 0; the week's total stays within 10% of the true rate's."""
    rng = np.random.default_rng(5)
    rates = true_rates(9) * 0.05  # 0.1 to 0.6 posts an hour
    totals = []
    for start in range(5 * WEEK, 9 * WEEK, WEEK):
        rng_y = rng.poisson(rates[:start]).astype(float)
        totals.append(forecast(rng_y, WEEK).mean.sum() / rates[start : start + WEEK].sum())
    assert 0.9 <= float(np.mean(totals)) <= 1.1


def test_interval_covers_about_eighty_percent() -> None:
    rng = np.random.default_rng(11)
    rates = true_rates(30)
    y = rng.poisson(rates).astype(float)
    result = backtest(y, horizon=WEEK, folds=20)
    assert 0.7 <= result["coverage"] <= 0.9
    assert result["wape"] < result["baseline_wape"]
    assert set(result) == {"wape", "mase", "baseline_wape", "coverage", "n_hours", "folds"}
    assert result["n_hours"] == 20 * WEEK and result["folds"] == 20


def test_a_spike_does_not_poison_next_week() -> None:
    rng = np.random.default_rng(3)
    rates = true_rates(5)
    y = rng.poisson(rates).astype(float)
    outage = 4 * WEEK + 2 * 24 + 10  # Wednesday 10:00 of the last week
    y[outage : outage + 5] = 150
    f = forecast(y, WEEK)
    same_hours = f.mean[2 * 24 + 10 : 2 * 24 + 15]
    assert same_hours.max() < 2 * rates[outage : outage + 5].max()
    assert seasonal_naive(y, WEEK)[2 * 24 + 10] == 150  # the baseline repeats it


def test_too_little_history_falls_back_to_the_hour_of_week_profile() -> None:
    y = np.tile(np.r_[np.zeros(12), np.full(12, 4.0)], 7)  # one week
    f = forecast(y, 48)
    assert f.method == "hour-of-week profile"
    assert f.weeks == 1
    assert list(f.mean[:24]) == [0.0] * 12 + [4.0] * 12


def test_backtest_needs_enough_data() -> None:
    with pytest.raises(ForecastError, match="need at least"):
        backtest(np.ones(WEEK * 3), horizon=WEEK, folds=5)


def test_read_counts_aggregates_any_interval_to_hours(tmp_path: Path) -> None:
    start = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)
    lines = [f"{(start + timedelta(minutes=5 * i)).isoformat()},{i % 3}" for i in range(36)]
    headerless = tmp_path / "calls.csv"
    headerless.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with_header = tmp_path / "calls_h.csv"
    with_header.write_text("timestamp,count\n" + "\n".join(lines) + "\n", encoding="utf-8")
    for path in (headerless, with_header):
        counts = read_counts(path)
        assert list(counts) == [12.0, 12.0, 12.0]


def test_read_counts_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("2026-01-05T07:00:00Z,3\nyesterday,4\n", encoding="utf-8")
    with pytest.raises(ForecastError, match=r"bad.csv:2: expected 'timestamp,count'"):
        read_counts(path)
    path.write_text("2026-01-05T07:00:00Z,-3\n", encoding="utf-8")
    with pytest.raises(ForecastError, match=r"bad.csv:1: count must be a number >= 0"):
        read_counts(path)


def test_erlang_c_matches_the_published_worked_example() -> None:
    # 100 calls in 30 minutes, 3 minutes handle time: 10 erlangs; 80% answered within 20 s.
    assert [round(erlang_c(n, 10.0), 4) for n in (11, 12, 13, 14)] == [
        0.6821, 0.4494, 0.2853, 0.1741,
    ]  # fmt: skip
    assert round(service_level(14, 10.0, 3.0, 20 / 60), 3) == 0.888
    target = Target(service_level=0.8, within_minutes=20 / 60, shrinkage=0.0, max_occupancy=1.0)
    assert agents_needed(200, 3.0, target) == 14


def test_occupancy_cap_and_shrinkage() -> None:
    loose = Target(service_level=0.5, within_minutes=60, shrinkage=0.3, max_occupancy=0.85)
    # 34 posts of 15 minutes an hour: 8.5 erlangs; the 0.85 cap needs 10 agents
    assert agents_needed(34, 15.0, loose) == 10
    assert scheduled(10, loose) == 15  # 10 / 0.7 rounded up
    assert agents_needed(0, 15.0, loose) == 0 and scheduled(0, loose) == 0
