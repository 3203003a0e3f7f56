"""What a post's suggestions are searched for (a short reply with the post it answers) and one
slot per article (its two language versions are one article)."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from crawlers.items import HelpDoc
from indexer.build import update_indexes
from indexer.knowledge import DocInfo, KnowledgeBase, twins
from indexer.suggest import context_of, load_query
from pipelines.chain import Chain
from pipelines.models import Mention
from pipelines.models.db import Database

T = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
LONG = ("My OrbitaBox router drops the wifi every evening for a few minutes and every device in "
        "the flat loses the connection, wired is fine")  # fmt: skip


def _post(s, sid: str, author: str, text: str, **kw) -> Mention:  # noqa: ANN001, ANN003
    fields = {"platform": "youtube", "thread_id": "vid1", "created_at": T, "content_hash": sid}
    fields.update(kw)
    row = Mention(source_id=sid, author=author, text=text, **fields)
    s.add(row)
    s.flush()
    return row


def test_a_short_reply_is_searched_with_the_post_it_answers(db: Database) -> None:
    with db.session() as s:
        video = _post(s, "vid1", "Orbita", "How to fix slow wifi", title="Slow wifi?",
                      by_brand=True, kind="video")  # fmt: skip
        top = _post(s, "c1", "ana", LONG, parent_id="vid1")
        same = _post(s, "c2", "bea", "Same here in Bristol", parent_id="c1")
        brand = _post(s, "c3", "Orbita", "Sorry to hear that, please DM us", parent_id="c1",
                      by_brand=True)  # fmt: skip
        after_brand = _post(s, "c4", "cris", "how do I get it back?", parent_id="c3")
        own = _post(s, "c5", "ana", "still nothing", parent_id="c1")
        longer = _post(s, "c6", "dani", LONG + " since Monday", parent_id="c1")
        under_video = _post(s, "c7", "eva", "mine too, every night", parent_id="vid1")
        ids = {n: r.id for n, r in locals().items() if isinstance(r, Mention)}
        # the customer's comment it answers, not the video above it
        assert context_of(s, same) is top
        # a brand reply is an answer, not a subject: the video the comments sit under is
        assert context_of(s, after_brand) is video and context_of(s, under_video) is video
        # the author's own post adds nothing; a longer post says what it is about
        assert context_of(s, own) is None and context_of(s, longer) is None
        assert context_of(s, top) is None and context_of(s, brand) is top
    query = load_query(db, ids["same"])
    assert query.text == f"{LONG}\nSame here in Bristol" and query.author == "bea"
    assert load_query(db, ids["longer"]).text == LONG + " since Monday"


def _info(i: int, source: str = "kb", lang: str = "en") -> DocInfo:
    return DocInfo(i, source, f"d{i}", f"t{i}", "body", None, lang, None, None)


def test_twins_are_mutual_best_translations_of_own_articles() -> None:
    docs = [_info(1), _info(2, lang="es"), _info(3), _info(4, lang="es"), _info(5, "third_party"),
            _info(6, lang="es")]  # fmt: skip
    v = np.array([[1, 0, 0, 0], [0.95, 0.31, 0, 0],  # 1 and 2: translations
                  [0, 1, 0, 0], [0, 0.7, 0.71, 0],  # 4 is 3's best Spanish match but too far
                  [0, 0, 0.05, 1], [0, 0, 0.1, 0.99]],  # 6's best is third-party 5: no twin
                 dtype=np.float32)  # fmt: skip
    langs = [d.lang for d in docs]
    assert twins(docs, langs, v) == {1: 2, 2: 1}


@pytest.mark.slow
def test_one_slot_per_article_in_either_language(db: Database) -> None:
    articles = [
        ("kb-double-en", "en", "Charged twice: getting a duplicate payment back",
         "If you were charged twice for the same month, the duplicate payment is refunded to "
         "your card within five working days. You do not need to call us."),
        ("kb-double-es", "es", "Cobro duplicado: cómo recuperar el importe",
         "Si te hemos cobrado dos veces el mismo mes, el cobro duplicado se devuelve a tu "
         "tarjeta en cinco días hábiles. No hace falta que nos llames."),
        ("kb-wifi-en", "en", "Wi-Fi keeps dropping on the router",
         "Move the router away from walls and restart it. Change the wifi channel in the app."),
        ("kb-wifi-es", "es", "El wifi del router se desconecta",
         "Aleja el router de las paredes y reinícialo. Cambia el canal del wifi en la app."),
    ]  # fmt: skip
    with Chain(db.settings, db) as chain:
        for sid, lang, title, body in articles:
            chain.process(HelpDoc(source="kb", source_id=sid, lang=lang, title=title, body=body))
    update_indexes(db.settings, db, collections=("knowledge",))
    kb = KnowledgeBase(db.settings, db, refresh=False)
    by_sid = {d.source_id: d.id for d in kb.docs}
    assert kb.twins[by_sid["kb-double-en"]] == by_sid["kb-double-es"]
    assert kb.twins[by_sid["kb-wifi-es"]] == by_sid["kb-wifi-en"]
    [hits] = kb.search(["I was charged twice this month, when do I get my money back?"], k=2,
                       lang="en")  # fmt: skip
    assert [h.doc.source_id for h in hits] == ["kb-double-en", "kb-wifi-en"]
    [hits] = kb.search(["Me habéis cobrado dos veces este mes"], k=2, lang="es")
    assert [h.doc.source_id for h in hits] == ["kb-double-es", "kb-wifi-es"]
