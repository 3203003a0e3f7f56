"""Hostile post text, author names, titles and URLs rendered on every page: nothing runs.

Each page is parsed and every tag checked: no script but our own static file, no event handler
attribute, no link or source with a scheme other than http(s), no style or iframe element."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser

from crawlers.items import utcnow
from pipelines.models.records import KnowledgeDoc, Mention
from tests.webapp.support import BAD_URLS, HOSTILE, XSS, login, post, seed

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}


class Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and not (names.get("src") or "").startswith("/static/"):
            self.problems.append(f"script tag {attrs}")
        if tag in {"iframe", "object", "embed", "style", "base", "meta"} and tag != "meta":
            self.problems.append(f"{tag} tag")
        if tag == "meta" and "http-equiv" in names:
            self.problems.append("meta http-equiv")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on {tag}")
            if name == "style":
                self.problems.append(f"style attribute on {tag}")
            if name in URL_ATTRS and value:
                v = value.strip().lower()
                if ":" in v.split("/", 1)[0] and not v.startswith(("http://", "https://")):
                    self.problems.append(f"{name}={value!r} on {tag}")


def audit(html: str) -> list[str]:
    parser = Audit()
    parser.feed(html)
    return parser.problems


def _more_hostile(db) -> None:  # noqa: ANN001
    now = utcnow()
    with db.session() as s:
        for i in range(6):  # a spike in the last hour, and a gap cluster ("router")
            s.add(Mention(platform="reddit", source_id=f"t3_spike{i}", kind="post",
                          thread_id=f"t3_spike{i}", author=XSS[i], title=XSS[i + 1],
                          text=HOSTILE, url=BAD_URLS[i % len(BAD_URLS)],
                          created_at=now - timedelta(minutes=5 + i), content_hash=f"s{i}",
                          topic="router", sentiment="negative"))  # fmt: skip
        s.add(KnowledgeDoc(source="forum", source_id="f-9", platform="forum", title=HOSTILE,
                           body=HOSTILE, author=XSS[3], url=BAD_URLS[1], content_hash="f9",
                           category="router"))  # fmt: skip
    _hostile_gap(db, now)


def _hostile_gap(db, now) -> None:  # noqa: ANN001
    """A stored gap report of the hostile posts, answered by the hostile document: the real
    clustering (indexer.gaps.build) over vectors that put them together."""
    import numpy as np
    from sqlalchemy import select

    from indexer.gap_store import save
    from indexer.gaps import GapInput, Post, build
    from indexer.knowledge import DocInfo

    with db.session() as s:
        rows = s.scalars(select(Mention).where(Mention.source_id.like("t3_spike%"))).all()
        # each asks (a gap is a matter asked about): its title as a question
        posts = [Post(m.id, m.source_id, f"{m.title}?\n{m.text}", "en", "question",
                      m.created_at) for m in rows]  # fmt: skip
        doc = DocInfo.of(
            s.scalars(select(KnowledgeDoc).where(KnowledgeDoc.source_id == "f-9")).one()
        )
    vectors = np.ones((len(posts), 4), dtype=np.float32) / 2.0
    data = GapInput(posts, vectors, np.zeros((len(posts), 1), dtype=np.float32), [doc],
                    np.array([False]), doc_vectors=lambda c: np.full((len(c), 1), 0.95),
                    now=now)  # fmt: skip
    gaps = build(data)
    assert gaps and gaps[0]["answers"]
    save(db, 30.0, "hostile", {"gaps": gaps, "since_days": 30.0, "computed_at": now.isoformat()})


def test_the_audit_catches_the_corpus_unescaped() -> None:
    assert all(audit(x) for x in XSS[:4] + XSS[5:7] + XSS[8:10])
    assert audit(f'<a href="{BAD_URLS[0]}">x</a>') and audit(f'<a href="{BAD_URLS[1]}">x</a>')


def test_nothing_from_a_post_runs_on_any_page(client, db) -> None:  # noqa: ANN001
    ids = seed(db, hostile=True)
    _more_hostile(db)
    login(client, db, "root", "admin")
    tid = ids["tickets"][0]
    root_id, yt_id = ids["mentions"][0]
    pages = [
        "/", "/?status=open", f"/tickets/{tid}", f"/tickets/{tid}?to={root_id}&suggestion=0",
        f"/tickets/{tid}?to={root_id}&suggestion=1", f"/tickets/{ids['tickets'][1]}",
        f"/tickets/{tid}/suggestions?to={root_id}", f"/tickets/{tid}/suggestions?to={yt_id}",
        "/gaps/", "/gaps/draft?doc=2", "/gaps/draft?doc=3", "/reputation/", "/kpis/",
        "/mentions",
    ]  # fmt: skip
    # a queued reply and a note with hostile text show on the ticket page too
    post(client, f"/tickets/{tid}/notes", {"text": HOSTILE}, page=f"/tickets/{tid}")
    with db.session() as s:
        m = s.get(Mention, root_id)
        m.platform = "forum"  # a manual reply: the copy box and the "open thread" link
    post(client, f"/tickets/{tid}/reply", {"mention_id": root_id, "text": HOSTILE},
         page=f"/tickets/{tid}")  # fmt: skip
    seen_escaped = 0
    for path in pages:
        resp = client.get(path)
        assert resp.status_code == 200, path
        html = resp.get_data(as_text=True)
        assert audit(html) == [], path
        assert "alert('x1')</script>" not in html, path
        assert '="javascript:' not in html.lower() and '="data:' not in html.lower(), path
        seen_escaped += "&lt;script&gt;" in html
    assert seen_escaped >= 8  # the hostile strings were really on the pages, escaped
    reputation = client.get("/reputation/").get_data(as_text=True)
    assert "mentions in the last hour" in reputation  # the spike and its posts rendered
    gaps = client.get("/gaps/").get_data(as_text=True)
    assert "6 posts: 6 in the last 15 days" in gaps and "Answered by the community" in gaps
    csv = client.get("/reputation/export.csv").get_data(as_text=True)
    assert csv.splitlines()[0] == "day,channel,mentions,negative,neutral,positive"


def test_markdown_export_escapes_and_attributes(client, db) -> None:  # noqa: ANN001
    seed(db, hostile=True)
    login(client, db, "kim", "knowledge")
    resp = post(client, "/gaps/draft.md", {"doc": 2, "title": "[x](javascript:alert(1))",
                                           "body": "Steps"}, page="/gaps/")  # fmt: skip
    assert resp.status_code == 200 and resp.mimetype == "text/markdown"
    text = resp.get_data(as_text=True)
    assert text.startswith("# \\[x\\]\\(javascript:alert\\(1\\)\\)")
    assert "Adapted from" in text and "helpful\\_hal" in text
    assert "](<javascript" not in text  # the hostile source URL is not linked
