"""Login limits: one address guessing is stopped, an account guessed from many addresses is
stopped for unknown clients, and nobody can lock a user out of a browser they logged in from;
the counts live in the database, so two app instances (processes) share them."""

from __future__ import annotations

from sqlalchemy import select

from pipelines.models.records import LoginThrottle
from tests.webapp.support import PASSWORD, add_user, csrf_token
from webapp import create_app
from webapp.throttle import ACCOUNT_LIMIT, ADDRESS_LIMIT


def _attempt(client, addr: str, name: str, password: str) -> int:  # noqa: ANN001
    client.environ_base["REMOTE_ADDR"] = addr
    token = csrf_token(client)
    resp = client.post("/login", data={"username": name, "password": password,
                                       "csrf_token": token})  # fmt: skip
    return resp.status_code


def test_strangers_cannot_lock_a_user_out_of_her_browser(app, client, db) -> None:  # noqa: ANN001
    add_user(db, "alice", "agent")
    assert _attempt(client, "10.0.0.1", "alice", PASSWORD) == 302  # her browser, once
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    for n in range(20):  # 20 addresses, 5 wrong passwords each
        stranger = app.test_client()
        for _ in range(ADDRESS_LIMIT):
            assert _attempt(stranger, f"10.1.0.{n}", "alice", "guess") in (401, 429)
    # a sixth (or twenty-first) address: her browser still gets in with the right password
    assert _attempt(client, "10.9.9.9", "alice", PASSWORD) == 302
    assert client.get("/").status_code == 200
    # an unknown client is held by the account's limit, even with the right password
    assert _attempt(app.test_client(), "10.9.9.10", "alice", PASSWORD) == 429


def test_one_address_guessing_is_blocked(app, client, db) -> None:  # noqa: ANN001
    add_user(db, "alice", "agent")
    add_user(db, "bob", "agent")
    for n in range(ADDRESS_LIMIT):
        assert _attempt(client, "10.2.0.1", "alice" if n % 2 else "bob", "guess") == 401
    assert _attempt(client, "10.2.0.1", "alice", "guess") == 429
    assert _attempt(client, "10.2.0.1", "bob", PASSWORD) == 429  # the address waits
    assert _attempt(app.test_client(), "10.2.0.2", "bob", PASSWORD) == 302  # others do not


def test_an_account_guessed_from_many_addresses_is_slowed(app, db) -> None:  # noqa: ANN001
    add_user(db, "alice", "agent")
    for n in range(ACCOUNT_LIMIT):
        assert _attempt(app.test_client(), f"10.3.0.{n}", "alice", "guess") == 401
    assert _attempt(app.test_client(), "10.3.1.1", "alice", "guess") == 429
    assert _attempt(app.test_client(), "10.3.1.2", "Alice", "guess") == 429


def test_two_app_instances_share_the_counts(any_settings, any_db) -> None:  # noqa: ANN001
    add_user(any_db, "alice", "agent")
    apps = [create_app(settings=any_settings, test_config={"TESTING": True}) for _ in range(2)]
    one, two = (a.test_client() for a in apps)
    try:
        for n in range(ADDRESS_LIMIT):
            assert _attempt(one if n % 2 else two, "10.4.0.1", "alice", "guess") == 401
        assert _attempt(one, "10.4.0.1", "alice", PASSWORD) == 429
        assert _attempt(two, "10.4.0.1", "alice", PASSWORD) == 429
    finally:
        for a in apps:
            a.extensions["listenpost.db"].dispose()


def test_counters_keep_no_address_or_username(app, client, db) -> None:  # noqa: ANN001
    add_user(db, "alice", "agent")
    _attempt(client, "10.5.0.1", "alice-typed-password", "guess")
    with db.session() as s:
        keys = [r.key for r in s.scalars(select(LoginThrottle))]
    assert len(keys) == 2
    assert not any("10.5.0.1" in k or "alice" in k for k in keys)
