"""The real packaged model into real FAISS: ids are database ids, incremental, model-checked."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from crawlers.items import HelpDoc
from indexer.build import update_indexes
from indexer.embedder import load_embedder
from indexer.faiss_index import IndexerError, VectorIndex
from pipelines.chain import Chain
from pipelines.models import KnowledgeDoc, Mention
from tests.helpers import mention

pytestmark = pytest.mark.slow


@pytest.fixture
def loaded(db):  # noqa: ANN001, ANN201
    with Chain(db.settings, db) as chain:
        chain.process(mention("m1", "My router keeps dropping the wifi connection every hour"))
        chain.process(mention("m2", "They charged my credit card twice this month"))
        chain.process(mention("m3", "Great pizza last night, would eat again"))
        chain.process(
            HelpDoc(
                source="kb",
                source_id="kb-1",
                title="Wi-Fi drops",
                body="Restart the router and move it away from the microwave.",
            )
        )
        chain.process(
            HelpDoc(source="kb", source_id="kb-2", title="Double charge",
                    body="A duplicate card charge is refunded in five days.")
        )  # fmt: skip
    return db


def test_build_search_and_incremental(loaded) -> None:  # noqa: ANN001
    settings = loaded.settings
    first = update_indexes(settings, loaded)
    assert first["mentions"] == {"embedded": 3, "removed": 0, "count": 3, "kind": "exact"}
    assert first["knowledge"]["count"] == 2
    manifest = json.loads((settings.index_dir / "mentions.manifest.json").read_text())
    emb = load_embedder("")
    assert (manifest["model"], manifest["dim"], manifest["count"]) == (emb.name, emb.dim, 3)

    again = update_indexes(settings, loaded)
    assert again["mentions"]["embedded"] == 0 and again["knowledge"]["embedded"] == 0

    index = VectorIndex.load(settings.index_dir, "knowledge", emb.name, emb.dim)
    [hits] = index.search(emb.encode(["I was billed two times"], kind="query"), k=2)
    with loaded.session() as s:
        best = s.get(KnowledgeDoc, hits[0][0])
        assert best.source_id == "kb-2"  # FAISS ids are database ids

    with loaded.session() as s:
        s.delete(s.scalar(select(Mention).where(Mention.source_id == "m3")))
    third = update_indexes(settings, loaded)
    assert third["mentions"] == {"embedded": 0, "removed": 1, "count": 2, "kind": "exact"}


def test_index_from_another_model_is_refused(loaded) -> None:  # noqa: ANN001
    settings = loaded.settings
    update_indexes(settings, loaded)
    with pytest.raises(IndexerError, match="--rebuild"):
        VectorIndex.load(settings.index_dir, "mentions", "other-model", 384)
    path = settings.index_dir / "mentions.faiss"
    path.write_bytes(path.read_bytes()[:-8] + b"corrupt!")
    with pytest.raises(IndexerError, match="does not match its manifest"):
        VectorIndex.load(settings.index_dir, "mentions", load_embedder("").name, 384)
    rebuilt = update_indexes(settings, loaded, rebuild=True)
    assert rebuilt["mentions"]["count"] == 3
