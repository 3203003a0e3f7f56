"""Login, logout, the current user, role checks and the login limits (webapp.throttle).

Sessions are Flask's signed cookies (HttpOnly, SameSite=Lax, Secure except on plain-HTTP
loopback, where the demo runs) holding the user's id and session version, nothing of the
password: logout and a new password raise the version, which ends every session of the user.
Every form carries Flask-WTF's CSRF token.
"""

from __future__ import annotations

import logging
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
from webapp.throttle import DEVICE_COOKIE, DEVICE_DAYS, Throttle

logger = logging.getLogger(__name__)

bp = Blueprint("auth", __name__)

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


class SessionInterface(SecureCookieSessionInterface):
    """Secure cookies everywhere but plain HTTP on loopback (the demo, the browser test)."""

    def get_cookie_secure(self, app: Any) -> bool:
        if request and not request.is_secure and request.host.rsplit(":", 1)[0] in LOOPBACK:
            return False
        return True


def current_user() -> Any:
    return g.get("user")


@bp.before_app_request
def _load_user() -> None:
    g.user = None
    uid = session.get("uid")
    if uid is not None and not request.path.startswith(("/api/", "/static/")):
        from pipelines.models.records import User

        user = get_session().get(User, uid)
        version = session.get("sv")
        if user is not None and user.active and version == user.session_version:
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
    throttle: Throttle = current_app.extensions["listenpost.throttle"]
    if request.method == "POST":
        username = (request.form.get("username") or "").strip()[:64]
        password = request.form.get("password") or ""
        nonce = throttle.device_nonce(request.cookies.get(DEVICE_COOKIE), username)
        if nonce is not None:  # a browser this account logged in from: only its own limit
            keys = [throttle.key("dev", nonce)]
        else:
            keys = [throttle.key("ip", request.remote_addr or ""),
                    throttle.key("user", username.lower())]  # fmt: skip
        if throttle.blocked(keys):
            logger.warning("login rate limit hit")
            return render_template("auth/login.html", error="Too many attempts. Wait a few "
                                   "minutes and try again.", username=username), 429  # fmt: skip
        user = accounts.authenticate(get_session(), username, password)
        if user is None:
            throttle.fail(keys)
            return render_template(
                "auth/login.html", error="Wrong username or password.", username=username
            ), 401
        if nonce is not None:
            throttle.clear(keys[0])
        session.clear()
        session["uid"] = user.id
        session["sv"] = user.session_version
        session.permanent = True
        target = _safe_next(request.args.get("next")) or url_for(accounts.HOME[user.role])
        response = redirect(target)
        cookie, _ = throttle.device_cookie(username, nonce)
        response.set_cookie(
            DEVICE_COOKIE, cookie, max_age=DEVICE_DAYS * 86400, httponly=True, samesite="Lax",
            secure=current_app.session_interface.get_cookie_secure(current_app),
        )  # fmt: skip
        return response
    if current_user() is not None:
        return redirect(url_for(accounts.HOME[current_user().role]))
    return render_template("auth/login.html", error=None, username="")


@bp.post("/logout")
def logout() -> Any:
    user = current_user()
    if user is not None:  # every session of the user ends, this one and any copy of its cookie
        accounts.end_sessions(get_session(), user)
        get_session().commit()
    session.clear()
    flash("Logged out.")
    return redirect(url_for("auth.login"))
