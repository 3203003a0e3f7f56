"""How the long-running commands (`serve`, `demo`, `watch`) start and stop.

- :func:`stop_on_signals`: SIGTERM stops a command the way Ctrl+C (SIGINT) does, by raising
  KeyboardInterrupt in the main thread, so every open transaction is rolled back or finished by
  the code that holds it (``Database.session``, ``pipelines.chain.run_source``) and servers close
  their sockets. Libraries that install handlers of their own while they run (Scrapy's crawler
  process) put these back when they are done (``crawlers.spiders.run``).
- :func:`listen`: the listening socket, opened before anything else is started or printed, so a
  port in use is one line naming the address, not a traceback after "serving at".
"""

from __future__ import annotations

import atexit
import errno
import os
import signal
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import click

from config.errors import ListenpostError

_received: list[int] = []  # the stop signals received, in order


def _stop(signum: int, _frame: object) -> None:
    _received.append(signum)
    raise KeyboardInterrupt


def _note(signum: int, _frame: object) -> None:
    _received.append(signum)


def stop_on_signals() -> None:
    """SIGINT and SIGTERM raise KeyboardInterrupt in the main thread, and are remembered: an
    exception raised by a signal handler is lost when the interpreter happens to run it inside
    a finalizer or weakref callback ("Exception ignored in ..."), so loops that wait
    (:func:`sleep`, :func:`serve_until_stopped`) also look at :func:`stop_requested`."""
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)


def stop_requested() -> bool:
    return bool(_received)


def check_stop() -> None:
    """KeyboardInterrupt when a stop signal came (even one whose exception was lost)."""
    if _received:
        raise KeyboardInterrupt


TICK = 0.25  # seconds between two looks at stop_requested() while waiting


def sleep(seconds: float) -> None:
    """time.sleep that ends with KeyboardInterrupt within TICK of a stop signal."""
    end = time.monotonic() + seconds
    while True:
        check_stop()
        left = end - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(TICK, left))


def serve_until_stopped(server: Any) -> None:
    """Run a waitress server (``waitress.create_server``) until a stop signal, then close it:
    in-flight requests get the task dispatcher's shutdown timeout, the sockets are closed.
    waitress's own ``run()`` loops until KeyboardInterrupt reaches it; this loop also ends
    within TICK of a signal whose exception was lost."""
    loop = server.asyncore.loop
    where = getattr(server, "map", None)
    if where is None:
        where = server._map  # noqa: SLF001 - a single-socket server keeps its map here
    try:
        while not stop_requested() and where:
            loop(timeout=TICK, map=where, use_poll=server.adj.asyncore_use_poll, count=1)
    except KeyboardInterrupt:
        pass
    finally:
        server.task_dispatcher.shutdown(timeout=1)
        server.asyncore.close_all(where, ignore_all=True)


@contextmanager
def signals_noted() -> Iterator[None]:
    """Within: SIGINT and SIGTERM only set the flag of :func:`stop_requested` (for a loop that
    looks at it, like :func:`serve_until_stopped`), so nothing is interrupted halfway."""
    handlers = {sig: signal.signal(sig, _note) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


@contextmanager
def until_stopped(status: int = 0) -> Iterator[None]:
    """The body of a long command (`serve`, `demo`, `watch`; `crawl` with ``status`` 130): a
    stop signal or Ctrl+C ends it with "stopped" and exit ``status`` once the interrupted code
    has committed or rolled back and closed what it held (an error the stop caused counts as
    stopped). The interpreter's own teardown is skipped then (with torch loaded it alone takes
    seconds): :func:`exit_now`."""
    try:
        yield
    except KeyboardInterrupt:
        pass
    except ListenpostError:
        if not stop_requested():
            raise
    else:
        if not stop_requested():
            return
    click.echo("stopped", err=status != 0)
    exit_now(status)


def exit_now(code: int) -> None:
    """End the process: exit handlers run (logging, multiprocessing), output is flushed, the
    interpreter's module teardown is skipped."""
    atexit._run_exitfuncs()  # noqa: SLF001 - what a normal exit runs first
    for stream in (sys.stdout, sys.stderr):
        with suppress(Exception):
            stream.flush()
    os._exit(code)


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port; a one-line ClickException when it cannot be opened."""
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise click.ClickException(f"cannot listen on {where}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(1024)
    except OSError as exc:
        sock.close()
        reason = "the port is in use" if exc.errno == errno.EADDRINUSE else exc.strerror
        raise click.ClickException(f"cannot listen on {where}: {reason}") from None
    return sock


def bound_port(sock: socket.socket) -> int:
    """The port a listening socket got (the one asked for, or the kernel's pick for 0)."""
    return int(sock.getsockname()[1])
