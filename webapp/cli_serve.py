"""`listenpost serve` and `listenpost demo`: the web app behind waitress, started and stopped
the way webapp.process describes (the port taken first, a stop signal ends it). Registered in
webapp/cli.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click


@click.command()
@click.option("--host", default=None, help="Address to listen on (default [web] host).")
@click.option("--port", type=click.IntRange(0, 65535), default=None, help="Port ([web] port).")
@click.pass_obj
def serve(obj: Any, host: str | None, port: int | None) -> None:
    """Serve the web app."""
    from webapp import create_app
    from webapp.cli_cluster import warn_unshared_keys
    from webapp.process import bound_port, listen, until_stopped

    settings = obj.settings
    host = host or settings.web.host
    obj.db  # noqa: B018 - schema first
    warn_unshared_keys(settings, "web")
    sock = listen(host, settings.web.port if port is None else port)
    app = create_app(settings=settings)
    url = f"http://{host}:{bound_port(sock)}/"
    with until_stopped():
        run_server(app, sockets=[sock], ready=lambda: click.echo(f"listenpost is serving at {url}"))


SERVER_THREADS = 8  # requests one server process works on at once (bench/web.py)


def run_server(
    app: Any,
    host: str = "127.0.0.1",
    port: int = 0,
    sockets: Any = None,
    ready: Callable[[], None] | None = None,
) -> None:
    """Serve ``app`` with waitress, a production WSGI server (pure Python, every platform):
    a fixed pool of worker threads behind one event loop that reads requests and writes
    responses; ``sockets``: listening sockets to serve instead of host and port; ``ready`` is
    called once the server is about to take requests. A stop signal ends it
    (webapp.process.serve_until_stopped).

    The objects alive at this point (modules, the app, settings) live as long as the process:
    ``gc.freeze()`` keeps the collector's full passes from walking them again and again (they
    stall every thread of the process): measured under bench/web.py on PostgreSQL at load 5-6,
    collections took up to 150 ms during one queue request without it, at most 30 ms with it."""
    import gc

    from waitress import create_server

    from webapp.process import serve_until_stopped, signals_noted

    with signals_noted():
        gc.collect()
        gc.freeze()
        where: dict[str, Any] = {"sockets": sockets} if sockets else {"host": host, "port": port}
        server = create_server(app, threads=SERVER_THREADS, ident="listenpost", **where)
        if ready is not None:
            ready()
        serve_until_stopped(server)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=5000, show_default=True)
@click.option("--no-serve", is_flag=True, help="Load the demo and stop (for tests).")
@click.pass_obj
def demo(obj: Any, host: str, port: int, no_serve: bool) -> None:
    """Load the bundled sample through the real crawlers from loopback servers and serve it."""
    from demo.run import run_demo
    from webapp.process import until_stopped

    with until_stopped():
        run_demo(obj.config_file, host=host, port=port, serve=not no_serve)
