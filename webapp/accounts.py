"""Accounts, roles and API tokens (no Flask here: the CLI and the web app share it).

Passwords are stored as werkzeug scrypt hashes; API tokens only as their SHA-256, so a copy of
the database does not let anyone in. A login session is valid while the user's session version
is the one its cookie names: logout and a new password raise it (:func:`end_sessions`).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from config.errors import ListenpostError
from crawlers.items import utcnow
from pipelines.models.records import ApiToken, User

ROLES = ("agent", "knowledge", "marketing", "admin")
USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
MIN_PASSWORD = 8

# Which roles may use which page family (the web pages and the JSON API alike).
ACCESS: dict[str, frozenset[str]] = {
    "queue": frozenset({"agent", "admin"}),
    "tickets": frozenset({"agent", "admin"}),
    "gaps": frozenset({"knowledge", "admin"}),
    "reputation": frozenset({"marketing", "admin"}),
    "kpis": frozenset({"agent", "marketing", "admin"}),
    "mentions": frozenset(ROLES),
}

# Where each role lands after logging in.
HOME = {"agent": "queue.index", "admin": "queue.index", "knowledge": "gaps.index",
        "marketing": "reputation.index"}  # fmt: skip

# Werkzeug's default (scrypt). Tests pass a cheaper method to create_user.
HASH_METHOD = "scrypt"
_dummy: list[str] = []  # a hash to check when the user does not exist, so timing does not tell


class AccountError(ListenpostError, ValueError):
    """A bad username, role or password. Raised by :func:`create_user` and friends."""

    status = 400


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_user(
    session: Session, username: str, role: str, password: str, method: str = HASH_METHOD
) -> User:
    if not USERNAME.match(username):
        raise AccountError("a username is 1-64 letters, digits or . _ @ -")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        user = User(username=username, session_version=0)
        session.add(user)
    else:
        end_sessions(session, user)  # a new password (or role) ends every session
    user.role = role
    user.active = True
    user.password_hash = generate_password_hash(password, method=method)
    session.flush()
    return user


def end_sessions(session: Session, user: User) -> None:
    """End every login session of ``user`` (logout, a new password): the cookies name the
    session version they were issued under, and this raises it."""
    session.execute(
        update(User)
        .where(User.id == user.id)
        .values(session_version=User.session_version + 1)
        .execution_options(synchronize_session=False)
    )
    session.refresh(user, ["session_version"])


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this password, else None (same work either way)."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None or not user.active:
        if not _dummy:
            _dummy.append(generate_password_hash("not-a-password", method=HASH_METHOD))
        check_password_hash(_dummy[0], password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


def create_token(session: Session, username: str) -> str:
    """A new API token for ``username``; only its hash is stored, so it is shown once."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise AccountError(f"no user named {username!r}")
    token = "lp_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, token_hash=hash_token(token)))
    session.flush()
    return token


def user_for_token(session: Session, token: str) -> User | None:
    if not token:
        return None
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if row is None:
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    row.last_used_at = utcnow()
    return user


def agents(session: Session) -> list[str]:
    """Usernames that can hold tickets."""
    q = select(User.username).where(User.active.is_(True), User.role.in_(ACCESS["tickets"]))
    return list(session.scalars(q.order_by(User.username)))


def can(user: Any, family: str) -> bool:
    return user is not None and user.role in ACCESS[family]


# The demo's accounts (`listenpost demo` prints them); never used outside the demo's own data.
DEMO_USERS = (
    ("agent", "demo-agent", "agent"),
    ("knowledge", "demo-knowledge", "knowledge"),
    ("marketing", "demo-marketing", "marketing"),
    ("admin", "demo-admin", "admin"),
)


def ensure_demo_users(settings: Any) -> tuple[tuple[str, str, str], ...]:
    """Create the demo accounts in the demo's database; returns (name, password, role)."""
    from pipelines.models.db import Database

    db = Database(settings)
    try:
        db.init()
        with db.session() as s:
            for name, password, role in DEMO_USERS:
                create_user(s, name, role, password, method="pbkdf2:sha256")
    finally:
        db.dispose()
    return DEMO_USERS
