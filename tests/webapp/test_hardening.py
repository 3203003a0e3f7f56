"""Hostile parameters: ids and pages beyond 64 bits, JSON errors under /api/, identity actions
on another ticket's links, and no caching of what a user sees."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pipelines.models.records import Persona, PersonaLink, Reply, TicketNote
from tests.webapp.support import login, post, seed, token_for

BIG = "99999999999999999999"  # beyond 64 bits
PG_BIG = str(2**31)  # beyond PostgreSQL's integer


@pytest.fixture
def agent(client, db):  # noqa: ANN001, ANN201
    ids = seed(db)
    login(client, db, "alice", "agent")
    return ids


def test_big_ids_in_urls_are_404(client, db, agent) -> None:  # noqa: ANN001
    t = agent["tickets"][0]
    for path in (f"/tickets/{BIG}", f"/tickets/{PG_BIG}", f"/tickets/{2**63}",
                 f"/tickets/{BIG}/suggestions?to=1", f"/tickets/{t}/replies/{BIG}/sent",
                 "/tickets/0"):  # fmt: skip
        resp = client.get(path) if "sent" not in path else post(client, path)
        assert resp.status_code in (404, 405), (path, resp.status_code)
        assert resp.status_code != 500
    assert client.get(f"/tickets/{BIG}").mimetype == "text/html"
    assert post(client, f"/tickets/{t}/replies/{BIG}/sent").status_code == 404
    assert post(client, f"/tickets/{t}/links/{BIG}/reject").status_code == 404


def test_big_and_bad_query_parameters(client, db, agent) -> None:  # noqa: ANN001
    t = agent["tickets"][0]
    assert client.get(f"/?page={BIG}").status_code == 400
    assert b"page is out of range" in client.get(f"/?page={BIG}").data
    assert client.get("/?page=abc").status_code == 400
    assert client.get(f"/?page={2**40}").status_code == 200  # clamped to the last page
    assert client.get(f"/mentions?page={BIG}").status_code == 400
    assert client.get(f"/kpis/?days={BIG}").status_code == 400
    assert client.get(f"/kpis/?days={2**40}").status_code == 200
    assert client.get(f"/tickets/{t}?to={BIG}").status_code == 200  # no such post: no target
    assert client.get(f"/tickets/{t}?to={PG_BIG}&suggestion={BIG}").status_code == 400
    assert client.get(f"/tickets/{t}?suggestion=-{BIG}").status_code == 400
    assert client.get(f"/tickets/{t}?suggestion=-3").status_code == 200
    assert client.get(f"/tickets/{t}/suggestions?to={BIG}").status_code == 404
    assert client.get(f"/tickets/{t}/suggestions?to=x").status_code == 400
    resp = post(client, f"/tickets/{t}/reply", {"mention_id": BIG, "text": "hi"})
    assert resp.status_code == 400
    resp = post(client, f"/tickets/{t}/not-complaint", {"mention_id": f"-{BIG}"})
    assert resp.status_code == 400


def test_nul_in_forms_and_queries_is_400(client, db, agent) -> None:  # noqa: ANN001
    t = agent["tickets"][0]
    resp = post(client, f"/tickets/{t}/notes", {"text": "call\x00back"}, page=f"/tickets/{t}")
    assert resp.status_code == 400
    assert b"contains a NUL character" in resp.data
    assert client.get("/?lang=e%00n").status_code == 400
    with db.session() as s:
        assert not list(s.scalars(select(TicketNote)))


def test_api_big_ids_and_json_errors(client, db) -> None:  # noqa: ANN001
    ids = seed(db)
    t = ids["tickets"][0]
    h = {"Authorization": f"Bearer {token_for(db, 'bot', 'agent')}"}
    for path in (f"/api/tickets/{BIG}", f"/api/tickets/{PG_BIG}", f"/api/tickets/{BIG}/suggest",
                 "/api/no-such-route"):  # fmt: skip
        resp = client.get(path, headers=h)
        assert resp.status_code == 404, path
        assert resp.is_json and resp.get_json()["error"], path
    resp = client.get(f"/api/queue?page={BIG}", headers=h)
    assert resp.status_code == 400 and resp.get_json() == {"error": "page is out of range"}
    resp = client.get(f"/api/tickets/{t}/suggest?mention_id={BIG}", headers=h)
    assert resp.status_code == 200 and resp.get_json()["mention_id"] is None
    resp = client.delete("/api/queue", headers=h)
    assert resp.status_code == 405 and resp.is_json and "GET" in resp.headers["Allow"]
    assert client.get("/api/nothing").is_json
    for body in ({"text": "hi", "mention_id": 2**70}, {"text": "hi", "mention_id": -(2**70)},
                 {"text": "hi", "mention_id": True}, {"text": "hi", "mention_id": 1.5},
                 {"text": "hi", "mention_id": ids["mentions"][0][0], "idempotency_key": {"a": 1}},
                 {"text": "a\x00b", "mention_id": ids["mentions"][0][0]}):  # fmt: skip
        resp = client.post(f"/api/tickets/{t}/reply", json=body, headers=h)
        assert resp.status_code == 400 and resp.is_json, body
    resp = client.post(f"/api/tickets/{t}/reply", data=b'{"text": "\\ud800", "mention_id": 1}',
                       headers={**h, "Content-Type": "application/json"})  # fmt: skip
    assert resp.status_code == 400 and resp.is_json
    for deep in (b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 20_000 + b"1" + b"}" * 20_000):
        resp = client.post(f"/api/tickets/{t}/reply", data=deep,
                           headers={**h, "Content-Type": "application/json"})  # fmt: skip
        assert resp.status_code == 400
        assert resp.get_json() == {"error": "the JSON body is nested too deeply"}
    with db.session() as s:
        assert not list(s.scalars(select(Reply)))


def test_api_500_is_json_and_pages_keep_the_error_page(app, client, db) -> None:  # noqa: ANN001
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def boom() -> None:
        raise RuntimeError("broken on purpose")

    app.add_url_rule("/api/boom", "api_boom", boom)
    app.add_url_rule("/boom", "boom", boom)
    resp = client.get("/api/boom")
    assert resp.status_code == 500 and resp.get_json() == {
        "error": "Something went wrong on our side."
    }
    page = client.get("/boom")
    assert page.status_code == 500 and page.mimetype == "text/html"
    assert b"<h1>500</h1>" in page.data
    assert client.get("/no-such-page").mimetype == "text/html"


def test_identity_actions_check_the_link_belongs_to_the_ticket(client, db, agent) -> None:  # noqa: ANN001
    t0, t1 = agent["tickets"]
    with db.session() as s:
        links = {lk.id: lk for lk in s.scalars(select(PersonaLink))}
        personas = list(s.scalars(select(Persona).order_by(Persona.id)))
    other_link = max(links)  # the second customer's link
    other_persona = personas[-1]
    page = f"/tickets/{t0}"
    for path in (f"/tickets/{t0}/links/{other_link}/reject",
                 f"/tickets/{t0}/links/{other_link}/confirm",
                 f"/tickets/{t0}/personas/{other_persona.id}/split"):  # fmt: skip
        assert post(client, path, page=page).status_code == 404, path
    with db.session() as s:
        assert s.get(PersonaLink, other_link).status == "proposed"
        assert s.get(Persona, other_persona.id).customer_id == other_persona.customer_id
    resp = post(client, f"/tickets/{t1}/links/{other_link}/reject", page=f"/tickets/{t1}")
    assert resp.status_code == 302
    with db.session() as s:
        assert s.get(PersonaLink, other_link).status == "rejected"


def test_no_store_on_pages_and_api_not_on_static(client, db, agent) -> None:  # noqa: ANN001
    t = agent["tickets"][0]
    for path in ("/", f"/tickets/{t}", "/mentions", "/kpis/"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path
    h = {"Authorization": f"Bearer {token_for(db, 'bot', 'agent')}"}
    assert client.get("/api/queue", headers=h).headers["Cache-Control"] == "no-store"
    with client.get("/static/listenpost.css") as static:
        assert "no-store" not in static.headers.get("Cache-Control", "")


def test_ids_beyond_the_database_integer_on_every_backend(any_settings, any_db) -> None:  # noqa: ANN001
    from webapp import create_app

    ids = seed(any_db)
    t = ids["tickets"][0]
    app = create_app(settings=any_settings, test_config={"TESTING": True})
    try:
        _beyond_integer(app.test_client(), any_db, t)
    finally:
        app.extensions["listenpost.db"].dispose()


def _beyond_integer(client, any_db, t: int) -> None:  # noqa: ANN001
    login(client, any_db, "alice", "agent")
    assert client.get(f"/tickets/{PG_BIG}").status_code == 404
    assert client.get(f"/tickets/{t}?to={PG_BIG}").status_code == 200
    assert client.get(f"/tickets/{t}/suggestions?to={PG_BIG}").status_code == 404
    assert (
        post(client, f"/tickets/{t}/reply", {"mention_id": PG_BIG, "text": "hi"}).status_code == 400
    )
    h = {"Authorization": f"Bearer {token_for(any_db, 'bot', 'agent')}"}
    assert client.get(f"/api/tickets/{PG_BIG}", headers=h).status_code == 404
    body = {"text": "hi", "mention_id": 2**31}
    assert client.post(f"/api/tickets/{t}/reply", json=body, headers=h).status_code == 400
    resp = post(client, f"/tickets/{t}/notes", {"text": "a\x00b"}, page=f"/tickets/{t}")
    assert resp.status_code == 400
