"""`listenpost suggest`, `listenpost gaps` and `listenpost index check` on the project's small
bilingual KB and mention set (tests/indexer/world.py), with the real packaged model."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update

from crawlers.items import HelpDoc
from pipelines.chain import Chain
from pipelines.models import KnowledgeDoc, Mention
from tests.indexer.world import KB, MENTIONS
from webapp.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture
def world(db):  # noqa: ANN001, ANN201
    with Chain(db.settings, db) as chain:
        for item in KB + MENTIONS:
            chain.process(item)
    with db.session() as s:
        s.execute(update(Mention).where(Mention.source_id == "m-legal").values(severity=["legal"]))
        ids = dict(s.execute(select(Mention.source_id, Mention.id)).all())
    return ids


def run(cli, *args: str) -> dict:  # noqa: ANN001
    result = cli.invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_suggest_for_mentions_in_their_channel_and_language(cli, world) -> None:  # noqa: ANN001
    en = run(cli, "suggest", str(world["m-router-en"]), "--json")
    assert en["mention_id"] == world["m-router-en"] and en["needs_human"] is False
    first = en["suggestions"][0]
    assert (first["source_id"], first["source"], first["lang"]) == ("kb-router-en", "kb", "en")
    assert set(first) == {"doc_id", "source_id", "source", "title", "url", "score", "similarity",
                          "lang", "draft"}  # fmt: skip
    # own article before the third-party answer on the same fix
    order = [s["source_id"] for s in en["suggestions"]]
    assert order.index("kb-router-en") < order.index("se-router")
    # Reddit: markdown link, addressed to the author
    assert first["draft"].startswith("Hi u/alice,")
    assert (
        "[Wi-Fi keeps dropping: restart your router](https://help.example.com/en/router)"
        in (first["draft"])
    )

    es = run(cli, "suggest", str(world["m-router-es"]), "--json", "--k", "3")
    assert len(es["suggestions"]) == 3
    top = es["suggestions"][0]
    assert (top["source_id"], top["lang"]) == ("kb-router-es", "es")
    # YouTube: plain text, Spanish, the link cited as is
    assert top["draft"].startswith("Hola, @carlos:")
    assert "https://help.example.com/es/router" in top["draft"] and "](" not in top["draft"]
    assert len(top["draft"]) <= 10_000

    forum = run(cli, "suggest", str(world["m-refund-es"]), "--json")
    assert forum["suggestions"][0]["source_id"] == "kb-refund-es"
    assert forum["suggestions"][0]["draft"].startswith("Hola, lucia:")


def test_needs_human_when_severe_or_weak(cli, world) -> None:  # noqa: ANN001
    legal = run(cli, "suggest", str(world["m-legal"]), "--json")
    assert legal["suggestions"][0]["source_id"] == "kb-refund-en"
    assert legal["needs_human"] is True  # good match, but the case is severe
    weak = run(cli, "suggest", "--text", "Which football team won the league in 1998?", "--json")
    assert weak["mention_id"] is None and weak["needs_human"] is True
    text = run(cli, "suggest", "--text", "how do I cancel my subscription", "--json")
    assert text["suggestions"][0]["source_id"] == "kb-cancel-en"
    assert text["needs_human"] is False


def test_suggest_mistakes_are_one_line_errors(cli, world) -> None:  # noqa: ANN001
    result = cli.invoke(main, ["suggest", "999999"])
    assert result.exit_code == 1 and "Error: no mention with id 999999" in result.output
    result = cli.invoke(main, ["suggest"])
    assert result.exit_code == 1 and "MENTION_ID, --ticket ID or --text" in result.output


def test_gaps_group_languages_and_leave_out_answered_posts(cli, world, db) -> None:  # noqa: ANN001
    report = run(cli, "gaps", "--json", "--since", "30")
    gaps = report["gaps"]
    assert gaps, "the eSIM questions have no own article"
    esim = gaps[0]
    assert {"id", "label", "size", "growth", "coverage", "mention_ids", "third_party"} <= set(esim)
    assert set(esim["mention_ids"]) == {"m-esim-1", "m-esim-2", "m-esim-3"}  # en and es together
    assert esim["size"] == 3 and esim["growth"] == 1  # two in the last 15 days, one before
    assert esim["growth_text"] == "2 in the last 15 days, 1 in the 15 days before"
    assert esim["label"] == "How do I activate the eSIM on my new phone?" and esim["lang"] == "en"
    assert esim["third_party"] == ["https://www.reddit.com/r/examplemobile/comments/esim1/"]
    [answer] = esim["answers"]
    assert answer["title"] == "How I activated the eSIM on my new phone"
    assert (answer["platform"], answer["url"]) == ("reddit", esim["third_party"][0])
    assert report["computed_at"] and report["stored"] is False
    again = run(cli, "gaps", "--json", "--since", "30")  # nothing changed: read, not computed
    assert again["stored"] is True and again["gaps"] == gaps
    listed = {m for g in gaps for m in g["mention_ids"]}
    # answered by own articles, not a question or complaint, by the brand, or too old
    for answered in ("m-router-en", "m-router-es", "m-refund-es", "m-legal", "m-praise",
                     "m-brand", "m-old"):  # fmt: skip
        assert answered not in listed
    # once the brand writes the article (in both languages), the gap closes
    with Chain(db.settings, db) as chain:
        chain.process(
            HelpDoc(source="kb", source_id="kb-esim", lang="en", title="Activate your eSIM",
                    body="Open Settings > Mobile data > Add eSIM and scan the QR code we sent.")
        )  # fmt: skip
        chain.process(
            HelpDoc(source="kb", source_id="kb-esim-es", lang="es", title="Activa tu eSIM",
                    body="Abre Ajustes > Datos móviles > Añadir eSIM y escanea el código QR.")
        )  # fmt: skip
    after = run(cli, "gaps", "--json", "--since", "30")["gaps"]
    assert not {"m-esim-1", "m-esim-2", "m-esim-3"} & {m for g in after for m in g["mention_ids"]}


def test_index_check_reports_and_repairs(cli, world, db) -> None:  # noqa: ANN001
    run(cli, "index", "--json")
    clean = run(cli, "index", "check", "--json")
    assert clean["mentions"]["only_in_database"] == [] and clean["mentions"]["only_in_index"] == []
    assert clean["mentions"]["kind"] == "exact" and clean["mentions"]["recall@10"] == 1.0
    with db.session() as s:
        s.delete(s.scalar(select(KnowledgeDoc).where(KnowledgeDoc.source_id == "se-router")))
        gone = s.scalar(select(KnowledgeDoc.id).where(KnowledgeDoc.source_id == "se-router"))
    assert gone is None
    broken = run(cli, "index", "check", "--json")
    assert len(broken["knowledge"]["only_in_index"]) == 1
    fixed = run(cli, "index", "check", "--repair", "--json")
    assert fixed["repaired"]["knowledge"]["removed"] == 1
    assert run(cli, "index", "check", "--json")["knowledge"]["only_in_index"] == []


def test_index_check_measures_hnsw_above_exact_max(cli, world, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("LISTENPOST_INDEX__EXACT_MAX", "4")
    built = run(cli, "index", "--json")
    assert built["mentions"]["kind"] == "hnsw" and built["knowledge"]["kind"] == "hnsw"
    check = run(cli, "index", "check", "--json", "--sample", "5")
    assert check["mentions"]["kind"] == "hnsw" and check["mentions"]["sample"] == 5
    assert check["mentions"]["recall@10"] >= 0.9
    result = cli.invoke(main, ["index", "check"])
    assert result.exit_code == 0 and "mentions: hnsw index, 10 vectors, recall@10" in result.output
