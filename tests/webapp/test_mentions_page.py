"""The mentions page: newest first, every stranger's string escaped, links only for http(s)."""

from __future__ import annotations

from datetime import datetime

from pipelines.chain import Chain
from tests.helpers import mention
from tests.webapp.support import login

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def _load(db, items) -> None:  # noqa: ANN001
    with Chain(db.settings, db) as chain:
        for item in items:
            chain.process(item)


def test_lists_mentions_newest_first(client, db) -> None:  # noqa: ANN001
    _load(
        db,
        [
            mention("old", "older post", created_at=datetime(2026, 1, 1)),
            mention("new", "newer post", created_at=datetime(2026, 6, 1)),
        ],
    )
    login(client, db, "reader", "agent")
    html = client.get("/mentions").get_data(as_text=True)
    assert html.index("newer post") < html.index("older post")
    assert client.get("/mentions?platform=youtube").get_data(as_text=True).count("newer post") == 0


def test_hostile_text_is_escaped_everywhere(client, db) -> None:  # noqa: ANN001
    _load(
        db,
        [
            mention("x1", XSS, title=XSS, author='"><b onmouseover=alert(3)>evil',
                    url="javascript:alert(4)"),
            mention("x2", "data url", url="data:text/html;base64,PHNjcmlwdD4="),
            mention("x3", "fine", url="https://www.reddit.com/r/a/comments/1/?q=\"><script>"),
        ],
    )  # fmt: skip
    login(client, db, "reader", "agent")
    resp = client.get("/mentions")
    html = resp.get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b onmouseover" not in html
    assert "javascript:" not in html
    assert 'href="data:' not in html
    assert "&#34;&gt;&lt;script&gt;" in html  # the https link is kept, escaped
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
