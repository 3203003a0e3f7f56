"""A mixed English/Spanish batch through the whole chain (normalize, language, dedup, classify,
identity, tickets, store): every understanding field on the item and in the stored row."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from crawlers.items import Engagement
from pipelines.chain import Chain
from pipelines.classify import Classify
from pipelines.models import Mention as MentionRow
from tests.helpers import mention

pytestmark = pytest.mark.slow

# source_id: (text, engagement, by_brand, expected lang, role, sentiment, severity)
BATCH = {
    "en-c1": (
        "Flight cancelled, no rebooking, and nobody answers the phone. I will call my lawyer.",
        Engagement(), False, "en", "complaint", "negative", ["legal"],
    ),
    "en-c2": (
        "Third outage this week, I'm switching providers.   ",
        Engagement(score=250), False, "en", "complaint", "negative", ["cancel", "amplification"],
    ),
    "en-q": (
        "What time does the downtown branch open on Saturdays?",
        Engagement(), False, "en", "question", "neutral", [],
    ),
    "en-p": (
        "Thanks for the quick fix, the support agent was great!",
        Engagement(), False, "en", "praise", "positive", [],
    ),
    "es-c1": (
        "El cargador que me vendisteis echó humo y nadie me responde. Esto es peligroso.",
        Engagement(), False, "es", "complaint", "negative", ["safety"],
    ),
    "es-c2": (
        "Me han cobrado dos veces la factura y llevo una semana esperando el reembolso.",
        Engagement(views=50_000), False, "es", "complaint", "negative", ["amplification"],
    ),
    "es-q": (
        "¿Cuánto cuesta añadir una maleta después de reservar?",
        Engagement(), False, "es", "question", "neutral", [],
    ),
    "es-p": (
        "¡Muchas gracias! El repartidor fue muy amable y la comida llegó calentita.",
        Engagement(), False, "es", "praise", "positive", [],
    ),
    "en-a": (
        "Easy fix: unplug the router, hold the reset pin for 30 seconds, then set the wifi "
        "password again from the sticker. Worked for me.",
        Engagement(), False, "en", "answer", "neutral", [],
    ),
    "es-a": (
        "Me pasó igual: en la app ve a Ajustes > Roaming y actívalo, luego reinicia el móvil.",
        Engagement(), False, "es", "answer", "neutral", [],
    ),
    "brand": (
        "Sorry to hear that, please send us a DM with your booking reference.",
        Engagement(), True, "en", "other", None, [],
    ),
}  # fmt: skip


def test_mixed_batch_through_the_whole_chain(settings, db) -> None:
    with Chain(settings, db) as chain:
        assert any(isinstance(s, Classify) for s in chain.stages)
        out = {}
        for sid, (text, engagement, by_brand, *_rest) in BATCH.items():
            item = mention(sid, text, engagement=engagement, by_brand=by_brand, author=f"u-{sid}")
            out[sid] = chain.process(item)
        assert chain.stats.new == len(BATCH)

    with db.session() as s:
        rows = {r.source_id: r for r in s.scalars(select(MentionRow))}
    for sid, (_text, _eng, brand, lang, role, sentiment, severity) in BATCH.items():
        item, row = out[sid], rows[sid]
        for obj in (item, row):
            assert obj.lang == lang, sid
            assert obj.role == role, sid
            assert obj.is_complaint is (role == "complaint"), sid
            assert obj.sentiment == sentiment, sid
            assert obj.severity == severity, sid
        if brand:  # the brand's own posts are not classified
            assert row.complaint_score is None and row.sentiment_score is None
            continue
        assert row.complaint_score == pytest.approx(item.complaint_score)
        assert 0.0 <= row.complaint_score <= 1.0
        assert -1.0 <= row.sentiment_score <= 1.0
        if sentiment == "negative":
            assert row.sentiment_score < 0
        elif sentiment == "positive":
            assert row.sentiment_score > 0
    assert rows["en-c2"].text == "Third outage this week, I'm switching providers."


def test_unchanged_repeat_is_not_classified_again(settings, db) -> None:
    with Chain(settings, db) as chain:
        first = chain.process(mention("r1", "My parcel never arrived and support ignores me"))
        assert first is not None and first.is_complaint is True
        again = chain.process(mention("r1", "My parcel never arrived and support ignores me"))
        assert again is None and chain.stats.duplicates == 1


def test_items_per_second_through_the_chain(settings, db) -> None:
    """Throughput is printed (pytest -s), never asserted: it depends on the machine."""
    texts = [
        "My internet has been down since {} and nobody comes to fix it",
        "Llevo desde el {} sin internet y nadie viene a arreglarlo",
        "Does the {} plan include roaming?",
    ]
    with Chain(settings, db) as chain:
        chain.process(mention("warm", "warm up the models"))
        start = time.perf_counter()
        n = 60
        for i in range(n):
            chain.process(mention(f"t{i}", texts[i % 3].format(i), author=f"a{i}"))
        rate = n / (time.perf_counter() - start)
        assert chain.stats.new == n + 1
    print(f"\nchain throughput with classify: {rate:.1f} items/s")
