"""`listenpost watch`: run every configured source on its own interval, unattended.

Each run is a child process (`listenpost crawl SOURCE --json`), so a source that crashes, hangs or
leaks cannot take the others down, and Scrapy gets a fresh reactor every time. A failing source is
logged and backed off (its interval doubled per consecutive failure, up to max_backoff) while the
others go on. Every run writes its own crawl_run summary (see `listenpost sources`).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from config import Settings

logger = logging.getLogger(__name__)


@dataclass
class Source:
    name: str
    interval: float
    failures: int = 0
    next_due: float = 0.0
    last: dict[str, object] = field(default_factory=dict)


def configured_sources(settings: Settings) -> list[Source]:
    """The sources the settings make runnable: credentials or sites present."""
    sources = []
    if settings.reddit.client_id and settings.reddit.client_secret:
        sources.append(Source("reddit", settings.reddit.interval))
    if settings.youtube.api_key:
        sources.append(Source("youtube", settings.youtube.interval))
    if settings.forums.sites:
        sources.append(Source("forums", settings.forums.interval))
    return sources


RunResult = tuple[bool, str]


STOP_GRACE = 1.5  # seconds a child crawl gets to finish or roll back its batch when stopped


def run_in_child(name: str, config_file: str | None, timeout: float) -> RunResult:
    """Run `listenpost crawl NAME --json` in a child process; (ok, one-line summary).

    Interrupted (Ctrl+C, or SIGTERM to this process alone), the child is sent SIGTERM and given
    STOP_GRACE seconds to commit or roll back the batch in flight, then killed; the interrupt
    goes on to the caller."""
    env = dict(os.environ)
    if config_file:
        env["LISTENPOST_CONFIG"] = str(config_file)
    cmd = [sys.executable, "-m", "webapp.cli", "crawl", name, "--json"]
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop_child(proc)
        return False, f"timed out after {timeout:.0f} s"
    except BaseException:
        stop_child(proc)
        raise
    if proc.returncode != 0:
        lines = (err or out).strip().splitlines()
        return False, lines[-1] if lines else f"exit code {proc.returncode}"
    lines = out.strip().splitlines()
    return True, lines[-1] if lines else "{}"


def stop_child(proc: subprocess.Popen[str], grace: float = STOP_GRACE) -> None:
    """SIGTERM, up to ``grace`` seconds to exit, then SIGKILL."""
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Watcher:
    def __init__(
        self,
        sources: list[Source],
        run: Callable[[str], RunResult],
        max_backoff: float = 6 * 3600,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.sources = sources
        self.run = run
        self.max_backoff = max_backoff
        self.clock = clock
        self.sleep = sleep

    def delay_after(self, source: Source) -> float:
        if source.failures == 0:
            return source.interval
        return min(source.interval * 2**source.failures, max(self.max_backoff, source.interval))

    def tick(self) -> list[tuple[str, bool, str]]:
        """Run every source that is due; return what ran."""
        ran = []
        for source in self.sources:
            now = self.clock()
            if now < source.next_due:
                continue
            try:
                ok, summary = self.run(source.name)
            except Exception as exc:  # a runner bug must not stop the other sources
                ok, summary = False, f"{type(exc).__name__}: {exc}"
            source.failures = 0 if ok else source.failures + 1
            source.next_due = self.clock() + self.delay_after(source)
            source.last = {"ok": ok, "summary": summary}
            if ok:
                logger.info("%s: %s", source.name, summary)
            else:
                logger.warning(
                    "%s failed (%d in a row), next try in %.0f s: %s",
                    source.name,
                    source.failures,
                    self.delay_after(source),
                    summary,
                )
            ran.append((source.name, ok, summary))
        return ran

    def forever(self, on_run: Callable[[str, bool, str], None] | None = None) -> None:
        while True:
            for name, ok, summary in self.tick():
                if on_run:
                    on_run(name, ok, summary)
            wait = min(s.next_due for s in self.sources) - self.clock()
            if wait > 0:
                self.sleep(wait)


def summary_line(summary: str) -> str:
    """A compact line from a crawl's JSON summary (or the error line as it is)."""
    try:
        data = json.loads(summary)
    except ValueError:
        return summary
    if isinstance(data, dict):
        return ", ".join(f"{k} {v}" for k, v in data.items() if not isinstance(v, dict))
    return summary
