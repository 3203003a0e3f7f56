"""Crawl and import runs that were killed: found and marked "interrupted" on the next start.

A run row (crawl_run) is written "running" when a run starts and finished by the same process
(``ok``, ``failed``, ``interrupted`` by Ctrl-C, ...). A process killed with SIGKILL, or a
machine that lost power, never finishes its row. Each row therefore records the process that
runs it: ``pid`` and ``host`` (the machine's name). Whenever a run starts, and whenever
``listenpost sources`` lists runs, the rows still "running" on this host whose process is gone
are marked ``interrupted`` with the message "the process ended without finishing the run".

Why the process and not a heartbeat: the check is exact on the host that ran it and costs
nothing while the run goes on (a heartbeat needs a writer on a timer and a staleness guess).
A pid the system has given to a newer process is told apart by that process's start time
(Linux ``/proc``): a process that started after the run did is not the run's. Rows of another
host (several machines on one PostgreSQL database) are left to that host's next start.
"""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from crawlers.items import as_utc, utcnow
from pipelines.models import CrawlRun

GONE_MESSAGE = "the process ended without finishing the run"


def host_name() -> str:
    return socket.gethostname()[:255]


def _boot_time() -> float | None:
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("btime "):
                    return float(line.split()[1])
    except OSError:
        return None
    return None


def process_started(pid: int) -> datetime | None:
    """When process ``pid`` started (Linux), or None when that cannot be read."""
    boot = _boot_time()
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as fh:
            stat = fh.read()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()  # after "pid (comm) "
    if boot is None or len(fields) < 20:
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    return datetime.fromtimestamp(boot + int(fields[19]) / ticks, UTC)


def is_running(pid: int, since: datetime) -> bool:
    """Whether process ``pid`` is alive and is the one that started a run at ``since``."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, another user's
    started = process_started(pid)
    # a pid taken by a newer process (2 s for the clock-tick rounding of the start time)
    return started is None or started.timestamp() <= as_utc(since).timestamp() + 2


def mark_interrupted(session: Session) -> int:
    """Mark this host's "running" rows whose process is gone as interrupted; returns how many."""
    rows = session.scalars(
        select(CrawlRun).where(
            CrawlRun.status == "running", CrawlRun.host == host_name(), CrawlRun.pid.is_not(None)
        )
    ).all()
    marked = 0
    for row in rows:
        if row.pid == os.getpid() or is_running(row.pid, row.started_at):  # type: ignore[arg-type]
            continue
        row.status = "interrupted"
        row.message = GONE_MESSAGE
        row.finished_at = utcnow()
        marked += 1
    return marked


def start_run(session: Session, source: str) -> CrawlRun:
    """A new "running" row for ``source`` owned by this process (after marking killed runs)."""
    mark_interrupted(session)
    run = CrawlRun(source=source, status="running", pid=os.getpid(), host=host_name())
    session.add(run)
    session.flush()
    return run
