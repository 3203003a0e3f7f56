"""Reply drafts cite only http(s) URLs: a KB or third-party document with a ``javascript:``,
``data:`` or otherwise odd URL is cited by its title alone, on every channel, in fresh drafts
and in the ticket page's composer."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from indexer.knowledge import DocInfo, Hit
from indexer.suggest import Query, draft
from pipelines.models.records import KnowledgeDoc
from tests.webapp.support import BAD_URLS, login, seed, store_suggestions
from webapp import suggestions

ODD = [*BAD_URLS[:3], "vbscript:msgbox(1)", "//no-scheme.example/x", "https://a.example/\x00x"]


def _hit(url: str | None, source: str = "kb") -> Hit:
    doc = DocInfo(7, source, "kb-7", "Reset the router", "Hold reset ten seconds.", url, "en",
                  "netguru", "reddit")  # fmt: skip
    return Hit(doc, 0.9, 0.9)


@pytest.mark.parametrize("channel", ["reddit", "youtube", "forum", "import"])
@pytest.mark.parametrize("url", ODD)
def test_drafts_never_cite_other_urls(channel: str, url: str) -> None:
    for source in ("kb", "third_party"):
        text = draft(_hit(url, source), Query(1, "wifi", channel, "maria", "en", None))
        assert "Reset the router" in text
        for part in ("javascript", "data:", "vbscript", "no-scheme", "\x00"):
            assert part not in text.lower(), (channel, url, text)


@pytest.mark.parametrize("channel", ["reddit", "youtube", "forum"])
def test_drafts_still_cite_http_urls(channel: str) -> None:
    text = draft(_hit("https://help.example/reset"), Query(1, "wifi", channel, "maria", "en", None))
    assert "https://help.example/reset" in text


@pytest.mark.slow
def test_ticket_composer_draft_has_no_javascript_url(client, db, settings) -> None:  # noqa: ANN001
    ids = seed(db)
    with db.session() as s:
        for doc in s.scalars(select(KnowledgeDoc)):
            doc.url = "javascript:alert(document.cookie)"
    store_suggestions(settings, db)
    login(client, db, "alice", "agent")
    tid = ids["tickets"][0]
    shown = 0
    for i in range(suggestions.K):
        page = client.get(f"/tickets/{tid}?suggestion={i}").get_data(as_text=True)
        composer = page.split('id="reply-text"')[1].split("</textarea>")[0]
        shown += bool(composer.split(">", 1)[1].strip())
        assert "javascript" not in composer.lower()
        assert 'href="javascript' not in page.lower()
    assert shown  # the drafts were there, without the link


def test_stored_drafts_are_made_again_with_a_new_draft_format(settings, monkeypatch) -> None:  # noqa: ANN001
    import indexer.suggest
    import indexer.version

    directory = Path(settings.index_dir)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "knowledge.manifest.json").write_text("{}", encoding="utf-8")
    first = indexer.version.kb_version(settings)
    indexer.version._versions.clear()
    monkeypatch.setattr(indexer.suggest, "DRAFT_FORMAT", indexer.suggest.DRAFT_FORMAT + 1)
    assert indexer.version.kb_version(settings) != first
