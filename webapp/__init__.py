"""The listenpost web app: ``create_app()`` builds it; one blueprint per page family.

Nothing happens at import time: the database opens on first use in a request.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from flask import Flask, g

from config import Settings, load_settings

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


def create_app(settings: Settings | None = None, test_config: dict[str, Any] | None = None) -> Flask:
    settings = settings or load_settings()
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY=_secret_key(settings),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
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
        return response

    from webapp import html, mentions

    html.register(app)
    app.register_blueprint(mentions.bp)
    return app


def get_session() -> Any:
    """The request's database session, opened on first use and closed on teardown."""
    from flask import current_app

    if "db_session" not in g:
        g.db_session = current_app.extensions["listenpost.db"].sessionmaker()
    return g.db_session
