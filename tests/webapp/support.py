"""Helpers for the web app tests: users, login through the real form, a small seeded world."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from crawlers.items import utcnow
from pipelines.models.records import (
    Customer,
    KnowledgeDoc,
    Mention,
    Persona,
    PersonaLink,
    Ticket,
)
from webapp.accounts import create_token, create_user

PASSWORD = "correct horse battery"  # noqa: S105 - the test users' password
FAST_HASH = "pbkdf2:sha256:1000"  # scrypt costs 0.3 s a check here; the format is the same
ROLES = ("agent", "knowledge", "marketing", "admin")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')

# Hostile strings for every field that comes from strangers.
XSS = [
    "<script>alert('x1')</script>",
    "<img src=x onerror=\"alert('x2')\">",
    "<svg/onload=alert('x3')>",
    '"><b onmouseover="alert(\'x4\')">hover</b>',
    "[click](javascript:alert('x5'))",
    "<a href=\"javascript:alert('x6')\">link</a>",
    "<iframe src=\"data:text/html,<script>alert('x7')</script>\"></iframe>",
    "<scr<script>ipt>alert('x8')</script>",
    "</textarea><script>alert('x9')</script>",
    "<style>body{display:none}</style>",
    "{{ 7*7 }}{% raw %}",
]
BAD_URLS = [
    "javascript:alert('u1')",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    " JaVaScRiPt:alert('u2')",
    "https://ok.example/\"><script>alert('u3')</script>",
]
HOSTILE = " ".join(XSS)


def add_user(db: Any, name: str, role: str, password: str = PASSWORD) -> None:
    with db.session() as s:
        create_user(s, name, role, password, method=FAST_HASH)


def token_for(db: Any, name: str, role: str) -> str:
    add_user(db, name, role)
    with db.session() as s:
        return create_token(s, name)


def csrf_token(client: Any, path: str = "/login") -> str:
    html = client.get(path).get_data(as_text=True)
    m = CSRF.search(html)
    assert m, f"no CSRF token on {path}"
    return m.group(1)


def login(client: Any, db: Any, name: str, role: str) -> None:
    add_user(db, name, role)
    token = csrf_token(client)
    resp = client.post("/login", data={"username": name, "password": PASSWORD,
                                       "csrf_token": token})  # fmt: skip
    assert resp.status_code == 302, resp.get_data(as_text=True)


def post(client: Any, path: str, data: dict[str, Any] | None = None, page: str = "/") -> Any:
    """POST a form the way a browser does: with the CSRF token of a page it loaded."""
    return client.post(path, data={**(data or {}), "csrf_token": csrf_token(client, page)})


def seed(db: Any, hostile: bool = False, n_tickets: int = 2) -> dict[str, Any]:
    """Customers with personas on Reddit and YouTube, threads with brand replies, tickets, KB
    and third-party docs. ``hostile`` fills every stranger's field with the XSS corpus."""
    now = utcnow()
    txt = (lambda plain: f"{plain} {HOSTILE}") if hostile else (lambda plain: plain)
    ids: dict[str, Any] = {"tickets": [], "mentions": []}
    with db.session() as s:
        for i in range(n_tickets):
            cust = Customer(name=txt(f"Maria {i}"))
            s.add(cust)
            s.flush()
            pr = Persona(platform="reddit", handle=txt(f"maria_q{i}"), customer_id=cust.id)
            py = Persona(platform="youtube", handle=txt(f"Maria Q {i}"), customer_id=cust.id)
            s.add_all([pr, py])
            s.flush()
            s.add(PersonaLink(persona_a_id=pr.id, persona_b_id=py.id, evidence="same_handle",
                              detail=txt("same handle"), confidence=0.8,
                              status="proposed"))  # fmt: skip
            t = Ticket(customer_id=cust.id, status="open", priority=0.9 - i * 0.1,
                       team="billing", topic="billing", sla_due_at=now + timedelta(hours=1 - 2 * i),
                       created_at=now - timedelta(hours=2))  # fmt: skip
            s.add(t)
            s.flush()
            root = Mention(platform="reddit", source_id=f"t3_root{i}", kind="post",
                           thread_id=f"t3_root{i}", url=BAD_URLS[i % 4] if hostile else
                           f"https://www.reddit.com/r/nubefon/comments/root{i}/",
                           author=txt(f"maria_q{i}"), persona_id=pr.id,
                           title=txt(f"Nubefon billed me twice {i}"),
                           text=txt("I was charged twice for my router plan"), lang="en",
                           created_at=now - timedelta(hours=3), content_hash=f"h{i}a",
                           ticket_id=t.id, is_complaint=True, sentiment="negative",
                           topic="billing", role="complaint", status="answered",
                           needs_reply=False)  # fmt: skip
            brand = Mention(platform="reddit", source_id=f"t1_brand{i}", kind="comment",
                            thread_id=f"t3_root{i}", parent_id=f"t3_root{i}",
                            author="NubefonSupport", by_brand=True, text="We are looking into it",
                            role="answer", is_complaint=False, needs_reply=False,
                            created_at=now - timedelta(hours=2), content_hash=f"h{i}b")  # fmt: skip
            yt = Mention(platform="youtube", source_id=f"Ugcomment{i}", kind="comment",
                         thread_id=f"video{i}", parent_id=None, author=txt(f"Maria Q {i}"),
                         persona_id=py.id, text=txt("Still double billed, no answer"),
                         url=BAD_URLS[(i + 1) % 4] if hostile else
                         f"https://www.youtube.com/watch?v=video{i}&lc=Ugcomment{i}",
                         lang="es", created_at=now - timedelta(hours=1), content_hash=f"h{i}c",
                         ticket_id=t.id, is_complaint=True, sentiment="negative",
                         topic="billing", role="complaint", status="open",
                         needs_reply=True)  # fmt: skip
            s.add_all([root, brand, yt])
            s.flush()
            ids["tickets"].append(t.id)
            ids["mentions"].append((root.id, yt.id))
        s.add_all([
            KnowledgeDoc(source="kb", source_id="kb-1", title=txt("Charged twice for your plan"),
                         body=txt("A double charge is refunded within 5 days. Router plan billing "
                                  "shows both lines until then."),
                         url="https://help.nubefon.example/billing", lang="en",
                         content_hash="k1", category="billing"),
            KnowledgeDoc(source="third_party", source_id="so-1", platform="reddit",
                         title=txt("Twice charged router plan fix"),
                         body=txt("Call billing and ask for the duplicate charge reversal; worked "
                                  "for me."), author=txt("helpful_hal"),
                         url=BAD_URLS[0] if hostile else "https://www.reddit.com/r/techsupport/1",
                         content_hash="k2", category="router", score=12),
        ])  # fmt: skip
    return ids


def store_suggestions(settings: Any, db: Any) -> dict[str, int]:
    """What `listenpost index` does for the ticket pages: build the knowledge index, then store
    every open ticket's suggestions (pages only read them)."""
    from indexer.build import update_indexes
    from webapp.suggestions import store_pending

    update_indexes(settings, db, collections=("knowledge",))
    return store_pending(settings, db)
