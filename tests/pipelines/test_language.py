"""The language stage: English and Spanish on short posts, "unknown" when unsure."""

from __future__ import annotations

import pytest

from crawlers.items import HelpDoc
from pipelines.chain import PipelineContext
from pipelines.language import (
    MIN_PROBABILITY,
    Language,
    detect,
    detect_language,
    strip_for_detection,
)
from tests.helpers import mention


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("My flight got cancelled again", "en"),
        ("still no internet, third day in a row", "en"),
        ("@Iberia me habéis perdido la maleta", "es"),
        ("¿A qué hora abre la oficina?", "es"),
        ("Llevo una hora esperando al técnico https://t.co/abc", "es"),
        ("Thanks for the quick reply #happy", "en"),
    ],
)
def test_short_posts(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "  ", "@brand #fail https://x.co/1", "👍🔥", "10/10", "ok"])
def test_unknown_when_there_is_nothing_to_go_on(text: str) -> None:
    assert detect_language(text) == "unknown"


@pytest.mark.parametrize("text", ["hotel", "taxi", "chocolate", "Madrid Barcelona"])
def test_unknown_below_the_probability_floor(text: str) -> None:
    # words shared by several languages: a best guess exists, but it is not confident
    lang, prob = detect(text)
    assert lang == "unknown"
    assert 0.0 < prob < MIN_PROBABILITY


def test_strip_removes_urls_handles_and_hashtags() -> None:
    cleaned = strip_for_detection("@Vueling mira esto https://t.co/xyz #retraso u/someone 2024")
    assert cleaned == "mira esto"


def test_stage_sets_lang_and_keeps_a_platform_tag(settings, db) -> None:
    ctx = PipelineContext(settings, db)
    stage = Language(ctx)
    try:
        item = stage.process_item(mention(text="Me han cobrado dos veces la factura"))
        assert item.lang == "es"
        tagged = stage.process_item(mention(text="Me han cobrado dos veces", lang="pt"))
        assert tagged.lang == "pt"
        doc = HelpDoc(
            source="kb",
            source_id="kb1",
            title="Reset your router",
            body="Unplug the router, wait thirty seconds and plug it back in.",
        )
        assert stage.process_item(doc).lang == "en"
    finally:
        ctx.close()
