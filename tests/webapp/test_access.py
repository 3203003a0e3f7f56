"""Every route for every role: allowed, refused (403), or sent to the login page."""

from __future__ import annotations

import pytest

from tests.webapp.support import ROLES, login, post, seed, token_for

PAGES = {
    # path template -> the roles that may open it
    "/": {"agent", "admin"},
    "/tickets/{t}": {"agent", "admin"},
    "/tickets/{t}/suggestions?to={m}": {"agent", "admin"},
    "/tickets/{t}/replies.json": {"agent", "admin"},
    "/gaps/": {"knowledge", "admin"},
    "/gaps/draft?doc={doc}": {"knowledge", "admin"},
    "/reputation/": {"marketing", "admin"},
    "/reputation/export.csv": {"marketing", "admin"},
    "/kpis/": {"agent", "marketing", "admin"},
    "/mentions": set(ROLES),
}
FORMS = {
    "/tickets/{t}/claim": ({}, {"agent", "admin"}),
    "/tickets/{t}/assign": ({"assignee": "", "was": ""}, {"agent", "admin"}),
    "/tickets/{t}/status": ({"status": "pending"}, {"agent", "admin"}),
    "/tickets/{t}/notes": ({"text": "call back"}, {"agent", "admin"}),
    "/tickets/{t}/not-complaint": ({"mention_id": "{m}"}, {"agent", "admin"}),
    "/tickets/{t}/no-reply": ({}, {"agent", "admin"}),
    "/tickets/{t}/reply": ({"mention_id": "{m}", "text": "hi"}, {"agent", "admin"}),
    "/tickets/{t}/links/{link}/reject": ({}, {"agent", "admin"}),
    "/gaps/draft.md": ({"title": "T", "body": "B", "doc": "{doc}"}, {"knowledge", "admin"}),
}
API = {
    ("GET", "/api/queue"): {"agent", "admin"},
    ("GET", "/api/tickets/{t}"): {"agent", "admin"},
    ("GET", "/api/tickets/{t}/suggest"): {"agent", "admin"},
    ("POST", "/api/tickets/{t}/claim"): {"agent", "admin"},
    ("GET", "/api/gaps"): {"knowledge", "admin"},
    ("GET", "/api/reputation"): {"marketing", "admin"},
    ("GET", "/api/kpis"): {"agent", "marketing", "admin"},
}


def _fill(path: str, ids: dict) -> str:  # noqa: ANN001
    t = ids["tickets"][0]
    forum_mention = ids["mentions"][0][0]
    return path.format(t=t, m=forum_mention, doc=2, link=1)


@pytest.mark.parametrize("role", ROLES)
def test_pages_per_role(client, db, role: str) -> None:  # noqa: ANN001
    ids = seed(db)
    login(client, db, f"u_{role}", role)
    for path, allowed in PAGES.items():
        resp = client.get(_fill(path, ids))
        if role in allowed:
            assert resp.status_code == 200, (role, path, resp.status_code)
        elif path == "/":
            assert resp.status_code == 302  # sent to the role's own home page
            assert client.get(resp.headers["Location"]).status_code == 200
        else:
            assert resp.status_code == 403, (role, path, resp.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_forms_per_role(client, db, role: str) -> None:  # noqa: ANN001
    ids = seed(db)
    login(client, db, f"u_{role}", role)
    for path, (data, allowed) in FORMS.items():
        form = {k: _fill(v, ids) for k, v in data.items()}
        resp = post(client, _fill(path, ids), form, page="/mentions")
        expected = (200, 302) if role in allowed else (403,)
        assert resp.status_code in expected, (role, path, resp.status_code)


def test_anonymous_is_sent_to_login(client, db) -> None:  # noqa: ANN001
    ids = seed(db)
    for path in PAGES:
        resp = client.get(_fill(path, ids))
        assert resp.status_code == 302, path
        assert resp.headers["Location"].startswith("/login")
    resp = client.post(_fill("/tickets/{t}/claim", ids))
    assert resp.status_code == 400  # no CSRF token: refused before anything else


def test_forms_without_csrf_token_are_refused(client, db) -> None:  # noqa: ANN001
    ids = seed(db)
    login(client, db, "alice", "agent")
    resp = client.post(f"/tickets/{ids['tickets'][0]}/claim")
    assert resp.status_code == 400
    resp = client.post(f"/tickets/{ids['tickets'][0]}/claim", data={"csrf_token": "forged"})
    assert resp.status_code == 400
    resp = client.post("/logout")
    assert resp.status_code == 400


@pytest.mark.parametrize("role", ROLES)
def test_api_per_role(client, db, role: str) -> None:  # noqa: ANN001
    ids = seed(db)
    token = token_for(db, f"api_{role}", role)
    for (method, path), allowed in API.items():
        resp = client.open(_fill(path, ids), method=method,
                           headers={"Authorization": f"Bearer {token}"})  # fmt: skip
        if role in allowed:
            assert resp.status_code == 200, (role, path, resp.status_code, resp.get_json())
        else:
            assert resp.status_code == 403, (role, path, resp.status_code)


def test_api_needs_a_valid_token(client, db) -> None:  # noqa: ANN001
    seed(db)
    assert client.get("/api/queue").status_code == 401
    assert client.get("/api/queue", headers={"Authorization": "Bearer nope"}).status_code == 401
    # a logged-in browser session is not an API credential
    login(client, db, "alice", "agent")
    assert client.get("/api/queue").status_code == 401


def test_login_wrong_password_and_rate_limit(client, db) -> None:  # noqa: ANN001
    login(client, db, "bob", "agent")
    client.post("/logout", data={"csrf_token": __import__("tests.webapp.support", fromlist=["x"])
                .csrf_token(client, "/mentions")})  # fmt: skip
    from tests.webapp.support import csrf_token

    token = csrf_token(client)
    codes = [
        client.post(
            "/login", data={"username": "bob", "password": "wrong", "csrf_token": token}
        ).status_code
        for _ in range(6)
    ]
    assert codes[:5] == [401] * 5
    assert codes[5] == 429
    # even the right password waits now
    ok = client.post("/login", data={"username": "bob", "password": "correct horse battery",
                                     "csrf_token": token})  # fmt: skip
    assert ok.status_code == 429


def test_login_redirect_stays_on_site(client, db) -> None:  # noqa: ANN001
    from tests.webapp.support import PASSWORD, add_user, csrf_token

    add_user(db, "carol", "agent")
    for target, expected in (("//evil.example/x", "/"), ("https://evil.example", "/"),
                             ("/kpis/", "/kpis/")):  # fmt: skip
        with client.session_transaction() as sess:
            sess.clear()
        token = csrf_token(client)
        resp = client.post(f"/login?next={target}", data={"username": "carol",
                           "password": PASSWORD, "csrf_token": token})  # fmt: skip
        assert resp.headers["Location"] == expected


def test_password_is_hashed_and_headers_are_set(client, db) -> None:  # noqa: ANN001
    from sqlalchemy import select

    from pipelines.models.records import User

    login(client, db, "dora", "admin")
    with db.session() as s:
        stored = s.scalar(select(User.password_hash).where(User.username == "dora"))
    assert "correct horse" not in stored and stored.startswith(("scrypt:", "pbkdf2:"))
    resp = client.get("/")
    csp = resp.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert resp.headers["X-Frame-Options"] == "DENY"
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
