"""The fuzz targets (tests/fuzz/targets.py) under atheris for a bounded time each, and every
input a fuzzer found failing, replayed in-process."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz.targets import TARGETS

ROOT = Path(__file__).resolve().parents[2]
SECONDS = int(os.environ.get("LISTENPOST_FUZZ_SECONDS", "6"))  # per target

# Inputs the fuzzers found failing (base64), fixed since; each is replayed on every run.
REGRESSIONS = [
    # an unknown field named "\n\n" gave a skip message over three lines
    ("importers", "/vQhuSxDCgo="),
]


@pytest.mark.parametrize(("target", "data"), REGRESSIONS)
def test_found_inputs_stay_fixed(target: str, data: str) -> None:
    TARGETS[target](base64.b64decode(data))


def test_fuzz_targets(tmp_path: Path) -> None:
    """Every target for ``SECONDS``, the four side by side (one process each: libFuzzer runs
    once per process)."""
    pytest.importorskip("atheris", reason="atheris (the test extra) is not installed")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = {}
    for target in sorted(TARGETS):
        out = tmp_path / target
        out.mkdir()
        args = [
            sys.executable, "-m", "tests.fuzz.run", target, f"-max_total_time={SECONDS}",
            f"-artifact_prefix={out}/", "-timeout=20", "-rss_limit_mb=2048",
        ]  # fmt: skip
        log = (out / "log").open("w")
        runs[target] = (subprocess.Popen(args, env=env, cwd=out, stdout=log, stderr=log), log)  # noqa: S603
    failures = []
    for target, (proc, log) in runs.items():
        code = proc.wait(timeout=SECONDS + 180)
        log.close()
        text = (tmp_path / target / "log").read_text(errors="replace")
        found = [
            base64.b64encode(p.read_bytes()).decode() for p in (tmp_path / target).glob("crash-*")
        ]
        if code != 0 or found or "Done " not in text:
            failures.append(
                f"{target}: exit {code}, failing inputs (base64) {found}\n{text[-2000:]}"
            )
    assert not failures, "\n".join(failures)
