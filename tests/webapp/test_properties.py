"""Property tests over every route of the web app and the API, for every role and anonymous:
hostile query strings (huge and negative integers, control characters, invalid UTF-8
percent-escapes), path ids of any size, form bodies and JSON bodies (deep nesting, invalid UTF-8,
lone surrogates, NaN) never make a 500. The app runs with TESTING, so an unhandled exception
fails the example instead of becoming a 500 page."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.webapp.support import ROLES, add_user, csrf_token, seed, token_for

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

PROPS = settings(max_examples=100, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])  # fmt: skip
PARAMS = ["page", "per_page", "days", "to", "suggestion", "mention_id", "doc", "channel", "lang",
          "team", "status", "assignee", "mine", "suggest", "next", "platform", "text", "title",
          "body", "was", "username", "password", "idempotency_key"]  # fmt: skip
SKIP_POST = {"/logout"}  # ends the session the other examples use
CONVERTER = re.compile(r"<(?:[a-z]+(?:\([^)]*\))?:)?([a-z_]+)>")

numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.integers(min_value=0, max_value=10**80).map(str),
    st.integers(min_value=2**31 - 2, max_value=2**31 + 2).map(str),
    st.integers(min_value=2**63 - 2, max_value=2**64 + 2).map(str),
    st.sampled_from(["", " ", "+1", "-0", "0x10", "1e9", "1.5", "\u0663", "\uff11\uff12", "NaN"]),
)
controls = st.text(st.characters(max_codepoint=0x1F) | st.characters(min_codepoint=0x7F,
                                                                     max_codepoint=0x9F),
                   max_size=8)  # fmt: skip
raw_escapes = st.sampled_from(["%ff", "%c3%28", "%ed%a0%80", "%00", "%", "%zz", "%f0%28%8c%bc",
                               "%e2%82", "%C0%AF", "%2e%2e%2f", "%0d%0a"])  # fmt: skip
# a query value as it goes on the wire: percent-encoded text or raw (invalid) escapes
wire = st.lists(
    st.one_of(numbers.map(quote), controls.map(quote), st.text(max_size=12).map(quote),
              raw_escapes),
    min_size=1, max_size=3,
).map("".join)  # fmt: skip
query = st.lists(st.tuples(st.sampled_from(PARAMS) | wire, wire), max_size=4).map(
    lambda pairs: "&".join(f"{k}={v}" for k, v in pairs)
)
leaves = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**80), max_value=2**80),
                   st.floats(allow_nan=True), st.text(max_size=20), numbers, controls)  # fmt: skip
json_values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["text", "mention_id", "idempotency_key"]) | st.text(
        max_size=8), inner, max_size=4),
    max_leaves=16,
)  # fmt: skip
reply_like = st.fixed_dictionaries(
    {"text": leaves, "mention_id": leaves}, optional={"idempotency_key": leaves}
)
json_bodies = st.one_of(
    json_values.map(lambda v: json.dumps(v).encode()),
    reply_like.map(lambda v: json.dumps(v).encode()),
    st.integers(min_value=1, max_value=200_000).map(lambda n: b"[" * n + b"]" * n),
    st.integers(min_value=1, max_value=50_000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
    st.binary(max_size=40),
    numbers.map(lambda n: b'{"text": "\\ud800 hi", "mention_id": ' + n.encode() + b"}"),
)
form_values = st.one_of(numbers, controls, st.text(max_size=40))


@pytest.fixture
def world(any_settings, any_db):  # noqa: ANN001, ANN201
    """The seeded app (SQLite, and PostgreSQL when available) with a logged-in client and an API
    token for every role."""
    from webapp import create_app

    db = any_db
    app = create_app(settings=any_settings, test_config={"TESTING": True})
    ids = seed(db)
    sessions: dict[str, Any] = {"anonymous": app.test_client()}
    tokens: dict[str, str] = {"anonymous": ""}
    for role in ROLES:
        add_user(db, f"u_{role}", role)
        c = app.test_client()
        form = {"username": f"u_{role}", "password": "correct horse battery",
                "csrf_token": csrf_token(c)}  # fmt: skip
        assert c.post("/login", data=form).status_code == 302
        sessions[role] = c
        tokens[role] = token_for(db, f"bot_{role}", role)
    rules = [r for r in app.url_map.iter_rules() if r.endpoint != "static"]
    known = [str(i) for i in ids["tickets"]] + [str(m) for pair in ids["mentions"] for m in pair]
    yield {"app": app, "sessions": sessions, "tokens": tokens, "rules": rules,
           "ids": st.sampled_from(known + ["1", "2"]) | numbers}  # fmt: skip
    app.extensions["listenpost.db"].dispose()


def _path(data: Any, rule: Any, ids: Any) -> str:
    return CONVERTER.sub(lambda m: quote(data.draw(ids), safe=""), rule.rule)


def _send(world: dict[str, Any], role: str, method: str, path: str, **kw: Any) -> Any:
    client = world["sessions"][role]
    headers = kw.pop("headers", {})
    if path.startswith("/api") and world["tokens"][role]:
        headers["Authorization"] = f"Bearer {world['tokens'][role]}"
    resp = client.open(path, method=method, headers=headers, **kw)
    assert resp.status_code < 500, (role, method, path, resp.status_code)
    if path.startswith("/api") and resp.status_code >= 400:
        assert resp.is_json, (role, method, path, resp.status_code)
    return resp


@PROPS
@given(data=st.data())
def test_query_strings_on_every_route(world, data) -> None:  # noqa: ANN001
    rule = data.draw(st.sampled_from(world["rules"]), label="route")
    role = data.draw(st.sampled_from(sorted(world["sessions"])), label="role")
    method = "GET" if "GET" in rule.methods else "POST"
    if method == "POST" and rule.rule in SKIP_POST:
        return
    path = _path(data, rule, world["ids"])
    qs = data.draw(query, label="query")
    _send(world, role, method, path, query_string=qs)


@PROPS
@given(data=st.data())
def test_form_bodies_on_every_post_route(world, data) -> None:  # noqa: ANN001
    rules = [r for r in world["rules"] if "POST" in r.methods and r.rule not in SKIP_POST
             and not r.rule.startswith("/api")]  # fmt: skip
    rule = data.draw(st.sampled_from(rules), label="route")
    role = data.draw(st.sampled_from(sorted(world["sessions"])), label="role")
    path = _path(data, rule, world["ids"])
    form = data.draw(st.dictionaries(st.sampled_from(PARAMS), form_values, max_size=5))
    if data.draw(st.booleans(), label="with csrf"):
        page = "/login" if role == "anonymous" else "/mentions"
        form["csrf_token"] = csrf_token(world["sessions"][role], page)
    _send(world, role, "POST", path, data=form)


@PROPS
@given(data=st.data())
def test_json_bodies_on_every_api_route(world, data) -> None:  # noqa: ANN001
    rules = [r for r in world["rules"] if r.rule.startswith("/api") and "POST" in r.methods]
    rule = data.draw(st.sampled_from(rules), label="route")
    role = data.draw(st.sampled_from(sorted(world["tokens"])), label="role")
    method = "POST"
    path = _path(data, rule, world["ids"])
    body = data.draw(json_bodies, label="body")
    _send(world, role, method, path, data=body, headers={"Content-Type": "application/json"})


@PROPS
@given(data=st.data())
def test_unknown_paths_and_methods(world, data) -> None:  # noqa: ANN001
    role = data.draw(st.sampled_from(sorted(world["sessions"])), label="role")
    prefix = data.draw(st.sampled_from(["/", "/api/", "/tickets/", "/api/tickets/", "/gaps/"]))
    tail = data.draw(wire, label="tail")
    method = data.draw(st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]))
    _send(world, role, method, prefix + tail)
