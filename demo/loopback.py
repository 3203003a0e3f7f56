"""A tiny threaded HTTP server on 127.0.0.1 for fake services, with fault injection.

Subclass :class:`FakeService`, implement ``route(method, path, query, body, headers)`` returning
``(status, headers, body)``; start it with ``with Subclass(world) as fake: fake.url``. Tests queue
faults (``fake.inject(Fault(...))``) that are served before the next normal answers.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

logger = logging.getLogger(__name__)

Response = tuple[int, dict[str, str], bytes]


def json_response(
    payload: Any, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    body = json.dumps(payload).encode("utf-8")
    return status, {"Content-Type": "application/json; charset=UTF-8", **(headers or {})}, body


@dataclass
class Fault:
    """One injected answer. ``path`` limits it to requests whose path starts with it; ``delay``
    sleeps before answering (a timeout when longer than the client's); ``drop`` closes the
    connection without an answer."""

    status: int = 500
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    path: str = ""
    delay: float = 0.0
    drop: bool = False


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    body: bytes
    headers: dict[str, str]


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-request (a crawl stopping, a test ending) is not an error
        of the fake; anything else is printed as socketserver does."""
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError):
            logger.debug("fake server: %s from %s", type(exc).__name__, client_address)
            return
        super().handle_error(request, client_address)


class FakeService:
    """Base of the fake Reddit, YouTube and forum servers."""

    def __init__(self, world: dict[str, Any] | None = None, port: int = 0) -> None:
        self.world = world or {}
        self.faults: deque[Fault] = deque()
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        self._port = port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- to implement -------------------------------------------------------------------------
    def route(self, req: Request) -> Response:
        raise NotImplementedError

    # -- plumbing -----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def inject(self, *faults: Fault) -> None:
        with self.lock:
            self.faults.extend(faults)

    def _next_fault(self, path: str) -> Fault | None:
        with self.lock:
            for fault in list(self.faults):
                if path.startswith(fault.path):
                    self.faults.remove(fault)
                    return fault
        return None

    def start(self) -> FakeService:
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body go out in two writes; with Nagle on, a keep-alive client waits
            # for its delayed ACK (~40 ms) on every request
            disable_nagle_algorithm = True

            def log_message(self, fmt: str, *args: Any) -> None:  # keep test output clean
                logger.debug("fake %s: " + fmt, type(service).__name__, *args)

            def _handle(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                req = Request(
                    method=self.command,
                    path=parts.path,
                    query=parse_qs(parts.query, keep_blank_values=True),
                    body=body,
                    headers={k.lower(): v for k, v in self.headers.items()},
                )
                with service.lock:
                    service.requests.append(req)
                fault = service._next_fault(parts.path)
                if fault is not None:
                    if fault.delay:
                        time.sleep(fault.delay)
                    if fault.drop:
                        self.close_connection = True
                        return
                    status, headers, payload = fault.status, fault.headers, fault.body
                else:
                    try:
                        status, headers, payload = service.route(req)
                    except Exception:  # a bug in a fake must show as a 500, not hang a test
                        logger.exception("fake server error")
                        status, headers, payload = 500, {}, b"fake server error"
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                if self.close_connection and "connection" not in {h.lower() for h in headers}:
                    # the client asked to close (prawcore does at the token endpoint): say so,
                    # or its pool reuses the dead socket and the next call fails
                    self.send_header("Connection", "close")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

        self._server = _Server(("127.0.0.1", self._port), Handler)
        self._server.daemon_threads = True
        # a short poll interval: stop() waits for it, and every test stops a server
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeService:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
