"""Sessions end: a cookie captured before logout opens nothing afterwards, a new password ends
every session of the user, and the cookie carries nothing of the password hash."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from pipelines.models.records import TicketNote, User
from tests.webapp.support import CSRF, PASSWORD, csrf_token, login, seed
from webapp.cli import main

COOKIE = "listenpost_session"


def _captured(client) -> str:  # noqa: ANN001
    return client.get_cookie(COOKIE).value


def _login(client, name: str) -> None:  # noqa: ANN001
    form = {"username": name, "password": PASSWORD, "csrf_token": csrf_token(client)}
    assert client.post("/login", data=form).status_code == 302


def _replay(app, cookie: str):  # noqa: ANN001, ANN202
    """A different browser holding a copy of ``cookie``."""
    other = app.test_client()
    other.set_cookie(COOKIE, cookie)
    return other


def test_a_cookie_captured_before_logout_opens_nothing(app, client, db) -> None:  # noqa: ANN001
    ids = seed(db)
    t = ids["tickets"][0]
    login(client, db, "alice", "agent")
    page = client.get(f"/tickets/{t}").get_data(as_text=True)
    token = CSRF.search(page).group(1)
    cookie = _captured(client)
    thief = _replay(app, cookie)
    assert thief.get(f"/tickets/{t}").status_code == 200  # the copy works while logged in

    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    resp = thief.get(f"/tickets/{t}")
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/login")
    thief = _replay(app, cookie)
    resp = thief.post(f"/tickets/{t}/notes", data={"text": "written after logout",
                                                     "csrf_token": token})  # fmt: skip
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/login")
    with db.session() as s:
        assert not list(s.scalars(select(TicketNote)))
    h = {"Authorization": "Bearer nothing"}
    assert _replay(app, cookie).get(f"/api/tickets/{t}", headers=h).status_code == 401


def test_logout_ends_every_session_of_the_user(app, client, db) -> None:  # noqa: ANN001
    seed(db)
    login(client, db, "alice", "agent")
    laptop = app.test_client()
    _login(laptop, "alice")
    assert laptop.get("/").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert laptop.get("/").status_code == 302
    _login(laptop, "alice")  # logging in again works
    assert laptop.get("/").status_code == 200


def test_a_new_password_ends_other_sessions(app, client, db, cli) -> None:  # noqa: ANN001
    ids = seed(db)
    login(client, db, "alice", "agent")
    cookie = _captured(client)
    assert client.get(f"/tickets/{ids['tickets'][0]}").status_code == 200
    out = cli.invoke(main, ["user", "add", "alice", "--role", "agent", "--password-stdin"],
                     input="a whole new password\n")  # fmt: skip
    assert out.exit_code == 0, out.output
    assert client.get("/").status_code == 302
    assert _replay(app, cookie).get("/").status_code == 302


def test_the_cookie_carries_nothing_of_the_password(app, client, db) -> None:  # noqa: ANN001
    login(client, db, "alice", "agent")
    data = app.session_interface.get_signing_serializer(app).loads(_captured(client))
    assert set(data) <= {"uid", "sv", "csrf_token", "_permanent", "_flashes", "_fresh"}
    with db.session() as s:
        pw_hash = s.scalar(select(User.password_hash).where(User.username == "alice"))
    raw = json.dumps(data)
    pieces = {pw_hash[i : i + 8] for i in range(len(pw_hash) - 8)}
    assert not any(p in raw for p in pieces if re.fullmatch(r"[0-9a-f]{8}", p))
    assert PASSWORD not in raw
