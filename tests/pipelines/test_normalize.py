import pytest
from scrapy.exceptions import DropItem

from pipelines.chain import PipelineContext
from pipelines.normalize import Normalize, clean_text, content_hash
from tests.helpers import mention


def test_clean_text_strips_controls_and_folds_space() -> None:
    assert clean_text("  a\u202e b\x00c \t\r\n\n\n\nd  ") == "a bc\n\nd"
    assert clean_text(None) == ""


def test_hash_ignores_case_and_spacing_but_not_words() -> None:
    assert content_hash("T", "Hello  world") == content_hash("t", "hello world")
    assert content_hash("T", "Hello world") != content_hash("T", "Hello word")


def test_normalize_drops_empty_mentions(settings) -> None:  # noqa: ANN001
    stage = Normalize(PipelineContext(settings))
    item = stage.process_item(mention(text="  hi\x00 there "))
    assert item.text == "hi there" and len(item.content_hash) == 64
    with pytest.raises(DropItem):
        stage.process_item(mention(text=" \u200b "))
