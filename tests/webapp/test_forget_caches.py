"""Forgetting reaches every cache at once, in every process: the gaps report (page and API), the
queue's filter menus and the stored suggestions no longer show anything of the person on the
next request, in the app that served them before and in a second app instance."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from crawlers.items import utcnow
from pipelines.models.records import (
    Customer,
    KnowledgeDoc,
    Mention,
    Persona,
    StoredSuggestion,
    Ticket,
)
from tests.webapp.support import add_user, csrf_token, seed, token_for
from webapp import create_app
from webapp.cli import main

MARK = "qwertyzorb"
HANDLE = "zed_hoverboard"
POSTS = [
    f"Is the {MARK} hoverboard charger safe? Mine sparks when it charges.",
    f"My {MARK} hoverboard charger sparks when charging, is that normal?",
    f"Why does the {MARK} hoverboard charger spark while charging?",
]


def _person(db) -> dict[str, object]:  # noqa: ANN001
    now = utcnow()
    with db.session() as s:
        cust = Customer(name="Zed")
        s.add(cust)
        s.flush()
        persona = Persona(platform="reddit", handle=HANDLE, customer_id=cust.id)
        s.add(persona)
        s.flush()
        ids = []
        for i, text in enumerate(POSTS):  # three tickets: a gap is asked by two or more
            t = Ticket(customer_id=cust.id, status="open", priority=0.5, team="hardware",
                       sla_due_at=now + timedelta(hours=1))  # fmt: skip
            s.add(t)
            s.flush()
            m = Mention(platform="reddit", source_id=f"t3_zed{i}", kind="post",
                        thread_id=f"t3_zed{i}", author=HANDLE, persona_id=persona.id, text=text,
                        lang="pt", created_at=now - timedelta(hours=i + 1),
                        content_hash=f"zed{i}", ticket_id=t.id, is_complaint=True,
                        role="complaint", needs_reply=True, sentiment="negative")  # fmt: skip
            s.add(m)
            s.flush()
            ids.append(m.id)
        doc = KnowledgeDoc(source="third_party", source_id="zed-doc", platform="reddit",
                           author=HANDLE, title=f"{MARK} fix for a router charged twice",
                           body=f"{MARK}: call billing about the router plan charged twice.",
                           url="https://www.reddit.com/r/x/zed", lang="en",
                           content_hash="zd")  # fmt: skip
        s.add(doc)
        s.flush()
        return {"customer": cust.id, "mentions": ids, "doc": doc.id}


def _views(client, headers) -> dict[str, str]:  # noqa: ANN001
    """What the person could show up on: the gaps page and API, the queue's menus."""
    client.post("/logout", data={"csrf_token": csrf_token(client, "/login")})
    out = {"api_gaps": client.get("/api/gaps", headers=headers["knowledge"]).get_data(as_text=True)}
    for name in ("knowledge", "agent"):
        form = {"username": f"u_{name}", "password": "correct horse battery",
                "csrf_token": csrf_token(client)}  # fmt: skip
        assert client.post("/login", data=form).status_code == 302
        path = "/gaps/" if name == "knowledge" else "/"
        out[path] = client.get(path).get_data(as_text=True)
        client.post("/logout", data={"csrf_token": csrf_token(client, path)})
    return out


def test_forget_reaches_every_cache_in_every_instance(settings, db, cli) -> None:  # noqa: ANN001
    seed(db)
    zed = _person(db)
    for role in ("knowledge", "agent"):
        add_user(db, f"u_{role}", role)
    headers = {"knowledge": {"Authorization": f"Bearer {token_for(db, 'k-bot', 'knowledge')}"}}
    out = cli.invoke(main, ["index", "--json"])
    assert out.exit_code == 0, out.output
    with db.session() as s:
        cited = [r.mention_id for r in s.scalars(select(StoredSuggestion))
                 if any(h["doc_id"] == zed["doc"] for h in r.hits)]  # fmt: skip
    assert cited  # another customer's stored suggestions cite the person's answer

    apps = [create_app(settings=settings, test_config={"TESTING": True}) for _ in range(2)]
    clients = [a.test_client() for a in apps]
    for c in clients:  # both "processes" fill their caches
        before = _views(c, headers)
        gaps = json.loads(before["api_gaps"])["clusters"]
        assert set(zed["mentions"]) & {m for g in gaps for m in g["mention_ids"]}
        assert 'value="pt"' in before["/"]

    out = cli.invoke(main, ["forget", "--customer", str(zed["customer"]), "--json"])
    assert out.exit_code == 0, out.output

    for c in clients:
        after = _views(c, headers)
        gaps = json.loads(after["api_gaps"])["clusters"]
        assert not set(zed["mentions"]) & {m for g in gaps for m in g["mention_ids"]}
        assert all(g["mention_ids"] for g in gaps)  # no cluster left of the person's posts
        for page in after.values():
            assert MARK not in page and HANDLE not in page
        assert 'value="pt"' not in after["/"]
    for a in apps:
        a.extensions["listenpost.db"].dispose()
    with db.session() as s:
        for row in s.scalars(select(StoredSuggestion)):
            assert all(h["doc_id"] != zed["doc"] for h in row.hits)
            assert all(MARK not in h["draft"] for h in row.hits)
