"""The listenpost web app: ``create_app()`` builds it; one blueprint per page family.

Nothing happens at import time: the database opens on first use in a request.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask, g, request

from config import Settings, load_settings

logger = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def _secret_key(settings: Settings) -> str:
    """[web] secret_key, or a random key kept in the data directory across restarts."""
    if settings.web.secret_key:
        return settings.web.secret_key
    path = Path(settings.home) / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


def create_app(
    settings: Settings | None = None, test_config: dict[str, Any] | None = None
) -> Flask:
    from config.files import private_umask, secure_home

    settings = settings or load_settings()
    private_umask()  # data files 0600, directories 0700 (config/files.py)
    secure_home(Path(settings.home))
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY=_secret_key(settings),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="listenpost_session",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        LISTENPOST_SETTINGS=settings,
    )
    if test_config:
        app.config.update(test_config)

    from pipelines.models.db import Database

    app.extensions["listenpost.db"] = Database(settings)

    @app.teardown_appcontext
    def _close_session(_exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()

    @app.after_request
    def _security_headers(response: Any) -> Any:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.endpoint != "static":  # pages and API answers are per user: never cached
            response.headers["Cache-Control"] = "no-store"
        return response

    from flask_wtf.csrf import CSRFProtect

    from webapp import api, auth, gaps, html, kpis, mentions, params, queue, reputation, tickets
    from webapp.throttle import Throttle

    params.register(app)

    @app.before_request
    def _strings() -> None:
        params.check_request_strings(request.args, request.form)

    app.session_interface = auth.SessionInterface()
    app.extensions["listenpost.throttle"] = Throttle(
        app.extensions["listenpost.db"], app.config["SECRET_KEY"]
    )
    csrf = CSRFProtect(app)
    csrf.exempt(api.bp)  # bearer tokens only, never the session cookie
    html.register(app)
    for blueprint in (auth.bp, queue.bp, tickets.bp, gaps.bp, reputation.bp, kpis.bp,
                      mentions.bp, api.bp):  # fmt: skip
        app.register_blueprint(blueprint)
    _error_pages(app)
    return app


def _error_pages(app: Flask) -> None:
    """Error pages for the HTML routes, JSON ``{"error": ...}`` for every status under /api/.
    A :class:`config.ListenpostError` a handler did not catch answers with its class's
    ``status``: its one-line message for a mistake in the request (4xx), the generic message
    (and a log line naming the class) for a failure on our side."""
    from flask import render_template
    from flask_wtf.csrf import CSRFError
    from werkzeug.exceptions import HTTPException, InternalServerError

    from config.errors import ListenpostError, one_line

    messages = {
        400: "The request was not understood.",
        403: "Your role cannot open this page.",
        404: "Nothing here.",
        405: "Not allowed.",
        429: "Too many requests.",
        500: "Something went wrong on our side.",
    }

    def render(code: int, message: str) -> Any:
        if request.path.startswith("/api/") or request.path == "/api":
            return {"error": message}, code
        return render_template("error.html", code=code, message=message), code

    def http_error(e: HTTPException) -> Any:
        code = e.code or 500
        if isinstance(e, CSRFError):
            return render(400, "The form expired or did not come from this site. Reload the "
                          "page and try again.")  # fmt: skip
        own = e.description if e.description != type(e).description else None
        response = render(code, own or messages.get(code) or e.name)
        allow = getattr(e, "valid_methods", None)
        return (*response, {"Allow": ", ".join(allow)}) if code == 405 and allow else response

    def own_error(e: ListenpostError) -> Any:
        if e.status >= 500:
            logger.error("%s %s: %s", request.method, request.path, type(e).__name__)
            return render(e.status, messages[500])
        return render(e.status, one_line(e))

    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(ListenpostError, own_error)
    app.register_error_handler(InternalServerError, lambda _e: render(500, messages[500]))


def get_session() -> Any:
    """The request's database session, opened on first use and closed on teardown."""
    from flask import current_app

    if "db_session" not in g:
        g.db_session = current_app.extensions["listenpost.db"].sessionmaker()
    return g.db_session


def cache_generation(session: Any) -> int:
    """The "forget" cache generation (``pipelines.forget.forget_generation``), read once per
    request: in-memory caches filled under another one are refilled, so a forgotten person
    leaves every page of every process at once."""
    from flask import has_app_context

    from pipelines.forget import forget_generation

    if not has_app_context():
        return forget_generation(session)
    if "cache_generation" not in g:
        g.cache_generation = forget_generation(session)
    return g.cache_generation
