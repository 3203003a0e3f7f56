"""`listenpost user add`, `listenpost token create` and `listenpost publish`; the session
cookie's flags."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from config import load_settings
from pipelines.models.db import Database
from pipelines.models.records import ApiToken, User
from tests.webapp.support import CSRF, PASSWORD
from webapp.cli import main


def _db(home: Path) -> Database:
    db = Database(load_settings(home=str(home)))
    db.init()
    return db


def test_user_add_token_create_and_the_token_works(cli, home: Path) -> None:  # noqa: ANN001
    assert cli.invoke(main, ["init"]).exit_code == 0
    result = cli.invoke(main, ["user", "add", "ana", "--role", "agent", "--password-stdin"],
                        input="s3cret-pass\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "user ana (agent) saved" in result.output
    token = cli.invoke(main, ["token", "create", "ana"])
    assert token.exit_code == 0, token.output
    value = token.stdout.strip()
    assert value.startswith("lp_") and len(value) > 30
    db = _db(home)
    with db.session() as s:
        user = s.scalar(select(User).where(User.username == "ana"))
        assert user.role == "agent" and "s3cret" not in user.password_hash
        assert [t.token_hash for t in s.scalars(select(ApiToken))] != [value]  # only a hash
    from webapp import create_app

    app = create_app(settings=db.settings, test_config={"TESTING": True})
    resp = app.test_client().get("/api/queue", headers={"Authorization": f"Bearer {value}"})
    assert resp.status_code == 200 and resp.get_json()["tickets"] == []
    db.dispose()


def test_user_add_refuses_bad_input(cli) -> None:  # noqa: ANN001
    assert cli.invoke(main, ["init"]).exit_code == 0
    short = cli.invoke(main, ["user", "add", "bo", "--role", "agent", "--password-stdin"],
                       input="short\n")  # fmt: skip
    assert short.exit_code == 1 and "at least 8 characters" in short.output
    role = cli.invoke(main, ["user", "add", "bo", "--role", "boss", "--password-stdin"],
                      input="long-enough\n")  # fmt: skip
    assert role.exit_code == 2 and "boss" in role.output
    nobody = cli.invoke(main, ["token", "create", "ghost"])
    assert nobody.exit_code == 1 and "no user named 'ghost'" in nobody.output


def test_publish_with_an_empty_outbox(cli) -> None:  # noqa: ANN001
    assert cli.invoke(main, ["init"]).exit_code == 0
    result = cli.invoke(main, ["publish", "--json"])
    assert result.exit_code == 0 and result.stdout.strip() == '{"sent": 0, "failed": 0}'


def test_session_cookie_flags(client, db) -> None:  # noqa: ANN001
    from tests.webapp.support import add_user

    add_user(db, "eve", "agent")
    for base, secure in (("http://localhost", False), ("https://care.example", True),
                         ("http://care.example", True)):  # fmt: skip
        c = client.application.test_client()
        page = c.get("/login", base_url=base).get_data(as_text=True)
        token = CSRF.search(page).group(1)
        # over HTTPS Flask-WTF also wants a same-origin Referer (browsers send it here)
        form = {"username": "eve", "password": PASSWORD, "csrf_token": token}
        resp = c.post("/login", base_url=base, headers={"Referer": base + "/login"}, data=form)
        assert resp.status_code == 302, (base, resp.status_code)
        cookie = resp.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert ("Secure" in cookie) is secure, (base, cookie)
