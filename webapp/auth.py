"""Login, logout, the current user, role checks and the login rate limit.

Sessions are Flask's signed cookies (HttpOnly, SameSite=Lax, Secure except on plain-HTTP
loopback, where the demo runs). Every form carries Flask-WTF's CSRF token.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface

from webapp import accounts, get_session

logger = logging.getLogger(__name__)

bp = Blueprint("auth", __name__)

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


class SessionInterface(SecureCookieSessionInterface):
    """Secure cookies everywhere but plain HTTP on loopback (the demo, the browser test)."""

    def get_cookie_secure(self, app: Any) -> bool:
        if request and not request.is_secure and request.host.rsplit(":", 1)[0] in LOOPBACK:
            return False
        return True


class RateLimiter:
    """At most ``limit`` failed logins per key within ``window`` seconds (in-process)."""

    def __init__(self, limit: int = 5, window: float = 300.0) -> None:
        self.limit = limit
        self.window = window
        self._fails: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._fails.setdefault(key, deque())
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        with self._lock:
            return any(len(self._recent(k, now)) >= self.limit for k in keys)

    def fail(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for k in keys:
                self._recent(k, now).append(now)

    def clear(self, key: str) -> None:
        with self._lock:
            self._fails.pop(key, None)


def current_user() -> Any:
    return g.get("user")


@bp.before_app_request
def _load_user() -> None:
    g.user = None
    uid = session.get("uid")
    if uid is not None and not request.path.startswith(("/api/", "/static/")):
        from pipelines.models.records import User

        user = get_session().get(User, uid)
        if user is not None and user.active and session.get("pw") == user.password_hash[-16:]:
            g.user = user
        else:
            session.clear()


@bp.app_context_processor
def _inject() -> dict[str, Any]:
    return {"current_user": current_user(), "can": accounts.can}


def requires(family: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Page decorator: log in first, then the role must be allowed for ``family``."""

    def deco(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            user = current_user()
            if user is None:
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if not accounts.can(user, family):
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return deco


def _safe_next(target: str | None) -> str | None:
    """Only same-site paths: no scheme, no host, no backslash tricks."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    limiter: RateLimiter = current_app.extensions["listenpost.login_limiter"]
    if request.method == "POST":
        username = (request.form.get("username") or "").strip()[:64]
        password = request.form.get("password") or ""
        ip_key, user_key = f"ip:{request.remote_addr}", f"user:{username.lower()}"
        if limiter.blocked(ip_key, user_key):
            logger.warning("login rate limit hit")
            return render_template("auth/login.html", error="Too many attempts. Wait a few "
                                   "minutes and try again.", username=username), 429  # fmt: skip
        user = accounts.authenticate(get_session(), username, password)
        if user is None:
            limiter.fail(ip_key, user_key)
            return render_template(
                "auth/login.html", error="Wrong username or password.", username=username
            ), 401
        limiter.clear(user_key)
        session.clear()
        session["uid"] = user.id
        session["pw"] = user.password_hash[-16:]  # a password change ends other sessions
        session.permanent = True
        return redirect(_safe_next(request.args.get("next")) or url_for(accounts.HOME[user.role]))
    if current_user() is not None:
        return redirect(url_for(accounts.HOME[current_user().role]))
    return render_template("auth/login.html", error=None, username="")


@bp.post("/logout")
def logout() -> Any:
    session.clear()
    flash("Logged out.")
    return redirect(url_for("auth.login"))
