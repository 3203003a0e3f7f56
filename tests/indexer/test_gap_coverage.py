"""Which members an own article answers: a post close to one the brand answered with a link to an
own article is covered, whatever its cosine to the article; a post the article's cosine alone
answers joins a gap whose questions are clearly closer to it. The links are read from the
database; the clustering runs on vectors given by the test (no model)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from types import SimpleNamespace

import numpy as np

from crawlers.items import utcnow
from indexer.gaps import (
    DEFAULT,
    GapInput,
    Post,
    build,
    cited_posts,
    links,
    open_rows,
    suggested_own,
)
from pipelines.models import KnowledgeDoc, Mention

OUTAGE_URL = "https://help.example/en/outage"


def _add(s, source_id: str, text: str, hours_ago: float, **kw) -> Mention:  # noqa: ANN001, ANN003
    m = Mention(platform=kw.pop("platform", "reddit"), source_id=source_id,
                author=kw.pop("author", f"u_{source_id}"), text=text,
                created_at=utcnow() - timedelta(hours=hours_ago), content_hash=source_id,
                thread_id=kw.pop("thread_id", source_id), **kw)  # fmt: skip
    s.add(m)
    s.flush()
    return m


def _doc(s, source: str, source_id: str, title: str, url: str) -> None:  # noqa: ANN001
    s.add(KnowledgeDoc(source=source, source_id=source_id, title=title, body="...", url=url,
                       lang="en", content_hash=source_id))  # fmt: skip


def test_the_links_of_a_reply_are_read_without_what_ends_them() -> None:
    text = (f"Status and credits: {OUTAGE_URL}/. Guide: [outage](https://help.example/a?x=1), "
            "or HTTP://Help.example/b; not javascript:alert(1) nor help.example/c")  # fmt: skip
    assert links(text) == {OUTAGE_URL, "https://help.example/a?x=1", "HTTP://Help.example/b"}


def test_the_posts_the_brand_answered_with_an_own_article(db) -> None:  # noqa: ANN001
    with db.session() as s:
        _doc(s, "kb", "kb-outage", "Internet outage: status and compensation", OUTAGE_URL)
        _doc(s, "third_party", "tp-1", "How I fixed my router", "https://forum.example/t/1")
        linked = _add(s, "a", "No internet in Lisbon since 8am, outage?", 20)
        _add(s, "a-r", f"We're on it. Status and compensation: {OUTAGE_URL}", 19,
             by_brand=True, thread_id="a", parent_id="a")  # fmt: skip
        marked = _add(s, "b", "Sin conexión en toda la calle", 18, platform="forum")
        _add(s, "b-r", f"Lo explicamos en [Avería]({OUTAGE_URL}/).", 17, by_brand=True,
             platform="forum", thread_id="b", parent_id="b")  # fmt: skip
        # the article named without its link: no precedent (a title may be a common phrase)
        _add(s, "g", "Sin fibra en el barrio", 18)
        _add(s, "g-r", "Lo explicamos en Internet outage: status and compensation.", 17,
             by_brand=True, thread_id="g", parent_id="g")  # fmt: skip
        # the brand answered without an article, or with a third-party page: no precedent
        _add(s, "c", "Can I get a public IP?", 16)
        _add(s, "c-r", "Send us a DM and we will look into it.", 15, by_brand=True,
             thread_id="c", parent_id="c")  # fmt: skip
        _add(s, "d", "Router reboots every night", 14)
        _add(s, "d-r", "This may help: https://forum.example/t/1", 13, by_brand=True,
             thread_id="d", parent_id="d")  # fmt: skip
        # a customer (not the brand) citing the article; a reply older than the window
        _add(s, "e", "Fibre down again", 12)
        _add(s, "e-r", f"Check {OUTAGE_URL}", 11, thread_id="e", parent_id="e")
        _add(s, "f", "Outage in Porto?", 24 * 50)
        _add(s, "f-r", f"Yes: {OUTAGE_URL}", 24 * 49, by_brand=True, thread_id="f",
             parent_id="f")  # fmt: skip
        expected = sorted([linked.id, marked.id])
    assert cited_posts(db, utcnow() - timedelta(days=30)) == expected


def test_a_post_like_one_answered_with_an_article_is_in_no_gap() -> None:
    now = utcnow()
    posts = [Post(n, f"m{n}", f"No internet since this morning in town {n}. Outage?", "en",
                  "complaint", now - timedelta(days=n)) for n in range(1, 5)]  # fmt: skip
    vectors = np.tile(np.array([[1.0, 0.0, 0.0]], dtype=np.float32), (4, 1))
    data = GapInput(posts, vectors, np.zeros((4, 0), np.float32), [], np.zeros(0, dtype=bool),
                    now=now)  # fmt: skip
    [gap] = build(data)
    assert gap["mention_ids"] == ["m1", "m2", "m3", "m4"]  # no article, no precedent: a gap
    near = DEFAULT.precedent + 0.01
    close = replace(data, precedent=np.array([near, near, near, 0.8], dtype=np.float32))
    assert build(close) == []  # three are answered like their precedent; one post is no gap
    some = replace(data, precedent=np.array([near, 0.8, 0.8, 0.8], dtype=np.float32))
    [gap] = build(some)
    assert gap["mention_ids"] == ["m2", "m3", "m4"]


def _unit(*v: float) -> np.ndarray:
    a = np.array(v + (0.0, 0.0), dtype=np.float32)
    return a / np.linalg.norm(a)


def test_a_post_closer_to_a_gap_than_to_any_article_joins_the_gap() -> None:
    now = utcnow()
    article = _unit(0, 1, 0, 0)
    vectors = [_unit(1, 0, 0.1, 0), _unit(1, 0, -0.1, 0), _unit(1, 0, 0, 0.1),  # the gap
               _unit(1, 0.35, 0, 0),  # asks the gap's matter; near enough the article to pass
               _unit(0.2, 1, 0, 0),  # what the article answers
               _unit(1, 0.35, 0, 0.05)]  # like the fourth, and like a post answered with it
    texts = ["Is there wifi calling?", "Wifi calling?", "Can I call over wifi?",
             "Does the router support wifi calling?", "Wifi drops every night", "Wifi calling?"]
    posts = [Post(n, f"m{n}", t, "en", "question", now - timedelta(days=n))
             for n, t in enumerate(texts)]  # fmt: skip
    vecs = np.vstack(vectors)
    # the window's leading directions are the two unused dimensions: flattening keeps the rest
    basis = (np.zeros(6, np.float32), np.eye(6, dtype=np.float32)[4:])
    doc = SimpleNamespace(id=1, source_id="kb-wifi", title="Wi-Fi drops", source="kb",
                          platform=None, author=None, url=None)  # fmt: skip
    data = GapInput(posts, vecs, (vecs @ article)[:, None], [doc], np.ones(1, dtype=bool),
                    basis=basis, chunks=(article[None], np.array([0])), now=now,
                    precedent=np.array([0.5, 0.5, 0.5, 0.5, 0.5, 0.99]))  # fmt: skip
    assert open_rows(data) == [0, 1, 2]  # the article's cosine answers the other three
    [gap] = build(data)
    assert sorted(gap["mention_ids"]) == ["m0", "m1", "m2", "m3"]
    # on raw cosines (no basis: a small window) an answered post joins no gap (another scale)
    [gap] = build(replace(data, basis=None), replace(DEFAULT, raw_coverage=0.3))
    assert sorted(gap["mention_ids"]) == ["m0", "m1", "m2"]


def test_one_customers_posts_of_one_ticket_are_one_ask_not_a_gap() -> None:
    """A customer who writes their matter on Reddit and again under a video (one ticket) asks
    once: no gap; a second customer asking the same makes it one."""
    now = utcnow()
    texts = ["Port-out blocked for 12 days, how do I unblock it?",
             "Still can't port my number out, how do I unblock it?",
             "My port-out is blocked too, how do I get it unblocked?"]  # fmt: skip
    posts = [Post(n, f"m{n}", t, "en", "question", now - timedelta(days=n), None, asker)
             for n, (t, asker) in enumerate(zip(texts, ["ticket:7", "ticket:7", "ticket:9"],
                                                strict=True))]  # fmt: skip
    vectors = np.tile(np.array([[1.0, 0.0, 0.0]], dtype=np.float32), (3, 1))

    def gaps(rows: list[int]) -> list[dict]:
        return build(GapInput([posts[r] for r in rows], vectors[rows],
                              np.zeros((len(rows), 0), np.float32), [], np.zeros(0, dtype=bool),
                              now=now))  # fmt: skip

    assert gaps([0, 1]) == []
    [gap] = gaps([0, 1, 2])
    assert gap["mention_ids"] == ["m0", "m1", "m2"] and gap["size"] == 3



def test_a_post_whose_stored_suggestions_put_an_own_article_first_is_in_no_gap(db) -> None:  # noqa: ANN001
    """The suggestion ranking (words and both languages' models) finds the English reset
    article for a Spanish question that E5's cosine alone leaves far from it: stored
    suggestions with an own article at ``suggested`` cover the post; a third party's document
    at that similarity does not."""
    from pipelines.models.records import StoredSuggestion

    now = utcnow()
    with db.session() as s:
        _doc(s, "kb", "kb-reset", "Restart or factory reset", "https://help.example/reset")
        _doc(s, "third_party", "yt-1", "Reset video", "https://video.example/1")
        s.flush()
        own, third = (s.query(KnowledgeDoc).filter_by(source_id=i).one().id
                      for i in ("kb-reset", "yt-1"))  # fmt: skip
        rows = [_add(s, f"q{n}", "¿El reset de fábrica borra la configuración?", n)
                for n in range(3)]  # fmt: skip
        for row, doc, sim in zip(rows, (own, third, own), (0.95, 0.97, 0.80), strict=True):
            s.add(StoredSuggestion(mention_id=row.id, kb_version="v", mention_key="k",
                                   hits=[{"doc_id": doc, "score": sim, "similarity": sim}]))
        ids = [r.id for r in rows]
    posts = [Post(i, f"q{n}", "¿El reset de fábrica borra la configuración?", "es", "question",
                  now - timedelta(hours=n)) for n, i in enumerate(ids)]  # fmt: skip
    suggested = suggested_own(db, posts, {own})
    assert suggested.tolist() == [np.float32(0.95), 0.0, np.float32(0.80)]
    data = GapInput(posts, np.tile(np.array([[1.0, 0.0, 0.0]], np.float32), (3, 1)),
                    np.zeros((3, 0), np.float32), [], np.zeros(0, dtype=bool), now=now,
                    suggested=suggested)  # fmt: skip
    assert open_rows(data) == [1, 2]
    [gap] = build(data)
    assert gap["mention_ids"] == ["q1", "q2"]
