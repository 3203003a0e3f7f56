"""Retrieval pieces without a model: BM25, fusion, metrics, BEIR reading, drafts, HNSW."""

from __future__ import annotations

import json

import numpy as np
import pytest

from indexer.faiss_index import VectorIndex
from indexer.knowledge import DocInfo, Hit
from indexer.retrieval import BM25Scorer, Doc, Retriever, evaluate, fold, rrf
from indexer.suggest import YOUTUBE_LIMIT, Query, draft, summary
from tests.helpers import write_jsonl
from webapp.cli import main


def test_bm25_folds_accents_and_ranks_by_rare_words() -> None:
    docs = ["Facturación duplicada y reembolso", "El router se reinicia solo", "factura del mes"]
    scores = BM25Scorer(docs).scores(["facturacion duplicada"])[0]
    assert scores.argmax() == 0 and scores[1] == 0
    assert fold("Cómo ¿ACTIVO? la eSIM") == "como ¿activo? la esim"


def test_rrf_rewards_agreement() -> None:
    fused = rrf([([1, 2, 3], 1.0), ([2, 3, 1], 1.0)])
    assert [i for i, _ in fused] == [2, 1, 3]
    assert fused[0][1] == pytest.approx(1 / 62 + 1 / 61)


def test_evaluate_mrr_recall_ndcg() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 2, "c": 1}, "q3": {"z": 0}}
    ranked = {"q1": ["x", "a"], "q2": ["b", "y", "c"]}
    m = evaluate(ranked, qrels)
    assert m["n"] == 2  # q3 has no relevant document
    assert m["mrr@10"] == pytest.approx((0.5 + 1.0) / 2)
    assert m["recall@10"] == 1.0
    idcg = 3 + 1 / np.log2(3)
    ndcg_q2 = (3 + 1 / np.log2(4)) / idcg
    assert m["ndcg@10"] == pytest.approx(((1 / np.log2(3)) + ndcg_q2) / 2, abs=1e-4)


def test_tfidf_retriever_over_a_small_corpus() -> None:
    docs = [Doc("d1", "reset the router"), Doc("d2", "refund a double charge")]
    [hits] = Retriever(docs, method="tfidf").search(["router keeps dropping"], k=2)
    assert hits[0][0] == "d1"


@pytest.fixture
def beir(tmp_path):  # noqa: ANN001, ANN201
    write_jsonl(tmp_path / "q.jsonl", [{"_id": "q1", "text": "reembolso cargo doble"},
                                       {"_id": "q2", "text": "router wifi drops"}])  # fmt: skip
    write_jsonl(tmp_path / "c.jsonl", [
        {"_id": "d1", "title": "Reembolsos", "text": "El cargo doble se reembolsa en cinco días."},
        {"_id": "d2", "title": "Router", "text": "Restart the router when the wifi drops."},
        {"_id": "d3", "title": "Roaming", "text": "Roaming is included in the EU."},
    ])  # fmt: skip
    (tmp_path / "r.tsv").write_text("query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n")
    return tmp_path


def test_eval_retrieval_baseline_only_needs_no_model(cli, beir) -> None:  # noqa: ANN001
    from config import load_settings
    from indexer.evaluation import run_eval

    result = run_eval(load_settings(home=str(beir / "h")), beir / "q.jsonl", beir / "c.jsonl",
                      beir / "r.tsv", method="tfidf", baseline="bm25")  # fmt: skip
    assert result["n"] == 2 and result["mrr@10"] == 1.0
    assert result["baseline"]["method"] == "bm25" and result["baseline"]["mrr@10"] == 1.0


@pytest.mark.slow
def test_eval_retrieval_command(cli, beir) -> None:  # noqa: ANN001
    args = ["eval", "retrieval", "--queries", str(beir / "q.jsonl"), "--corpus",
            str(beir / "c.jsonl"), "--qrels", str(beir / "r.tsv"), "--baseline", "tfidf",
            "--json"]  # fmt: skip
    result = cli.invoke(main, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"n", "mrr@10", "recall@10", "ndcg@10", "baseline"}
    assert data["n"] == 2 and data["mrr@10"] == 1.0
    assert data["baseline"]["mrr@10"] == 1.0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("q.jsonl", '{"_id": "q1", "text": "ok"}\n{"_id": "q2"\n', "q.jsonl:2: not JSON"),
        ("q.jsonl", '{"_id": "q1", "text": 5}\n', "q.jsonl:1: needs string fields _id, text"),
        ("r.tsv", "q1\td1\t1\nq2 d2 1\n", "r.tsv:2: expected query-id, corpus-id, score"),
        ("r.tsv", "q1\td1\thigh\n", "r.tsv:1: score 'high' is not an integer"),
        ("r.tsv", "q1\td9\t1\n", "corpus id 'd9' is not in"),
    ],
)
def test_eval_retrieval_bad_files(cli, beir, name: str, content: str, message: str) -> None:  # noqa: ANN001
    (beir / name).write_text(content, encoding="utf-8")
    args = ["eval", "retrieval", "--queries", str(beir / "q.jsonl"), "--corpus",
            str(beir / "c.jsonl"), "--qrels", str(beir / "r.tsv")]  # fmt: skip
    result = cli.invoke(main, args)
    assert result.exit_code == 1
    assert message in result.output and result.output.count("\n") == 1


def test_eval_retrieval_missing_file(cli, beir) -> None:  # noqa: ANN001
    args = ["eval", "retrieval", "--queries", str(beir / "nope.jsonl"), "--corpus",
            str(beir / "c.jsonl"), "--qrels", str(beir / "r.tsv")]  # fmt: skip
    result = cli.invoke(main, args)
    assert result.exit_code == 1 and "cannot read" in result.output


def _hit(body: str, lang: str = "en", source: str = "kb", author: str | None = None) -> Hit:
    doc = DocInfo(1, source, "kb-1", "Reset [your] router", body, "https://help.example.com/r",
                  lang, author, None)  # fmt: skip
    return Hit(doc, 0.9, 0.03)


def test_drafts_follow_channel_rules() -> None:
    body = "Unplug the router for 30 seconds. Plug it back in. " * 400
    yt = draft(_hit(body), Query(1, "wifi", "youtube", "@maria", "en", None))
    assert len(yt) <= YOUTUBE_LIMIT and yt.startswith("Hi @maria,")
    assert yt.rstrip().endswith("we will look into it with you.")
    assert "https://help.example.com/r" in yt and "](" not in yt
    reddit = draft(_hit("Unplug it.", source="third_party", author="netguru"),
                   Query(1, "wifi", "reddit", "bob", "en", None))  # fmt: skip
    assert "[Reset \\[your\\] router](https://help.example.com/r)" in reddit
    assert "answer by netguru" in reddit and reddit.startswith("Hi u/bob,")
    forum = draft(_hit("Desenchúfalo.", lang="es"), Query(None, "wifi", "forum", None, "es", None))
    assert forum.startswith("Hola:") and "Fuente: Reset [your] router\nhttps://" in forum
    named = draft(_hit("Desenchúfalo.", lang="es"), Query(None, "wifi", "forum", "ana", "es", None))
    assert named.startswith("Hola, ana:\n\nNuestro artículo de ayuda lo explica: Desenchúfalo.")
    assert summary("One. Two two. Three three three.", limit=13) == "One. Two two."
    steps = "What worked for me: 1. Check the holder's name. It is the usual cause. 2. Ask again."
    assert (
        summary(steps, limit=75)
        == "What worked for me: 1. Check the holder's name. It is the usual cause."
    )


def test_hnsw_above_exact_max_with_deletes(tmp_path) -> None:  # noqa: ANN001
    rng = np.random.default_rng(0)
    vecs = rng.standard_normal((600, 16)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    index = VectorIndex("mentions", "m", 16, exact_max=500)
    index.add(list(range(1, 401)), vecs[:400], ["h"] * 400)
    index.save(tmp_path)
    assert index.kind == "exact" and not (tmp_path / "mentions.hnsw").exists()
    index.add(list(range(401, 601)), vecs[400:], ["h"] * 200)
    index.save(tmp_path)
    loaded = VectorIndex.load(tmp_path, "mentions", "m", 16, exact_max=500)
    assert loaded.kind == "hnsw" and json.loads(
        (tmp_path / "mentions.manifest.json").read_text())["kind"] == "hnsw"  # fmt: skip
    approx = loaded.search(vecs[:50], k=10)
    exact = loaded.search(vecs[:50], k=10, exact=True)
    overlap = np.mean([len({i for i, _ in a} & {i for i, _ in e}) / 10
                       for a, e in zip(approx, exact, strict=True)])  # fmt: skip
    assert overlap >= 0.95 and exact[0][0][0] == 1
    loaded.remove([1])
    assert all(i != 1 for i, _ in loaded.search(vecs[:1], k=10)[0])  # rebuilt without it
    loaded.remove(list(range(2, 200)))
    loaded.save(tmp_path)
    assert loaded.kind == "exact" and not (tmp_path / "mentions.hnsw").exists()


def test_hnsw_search_breadth_from_settings(tmp_path, settings) -> None:  # noqa: ANN001
    """[index] hnsw_ef_search reaches the saved graph on load; a wider search finds at least as
    many of the exact neighbours as a narrow one, one query at a time or in a batch."""
    import faiss

    from indexer.build import load_index

    rng = np.random.default_rng(1)
    vecs = rng.standard_normal((3000, 32)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    index = VectorIndex("mentions", "m", 32, exact_max=100, ef_search=10)
    index.add(list(range(1, 3001)), vecs, ["h"] * 3000)
    exact = index.search(vecs[:40], k=10, exact=True)

    def recall() -> float:
        approx = [index.search(v[None, :], k=10)[0] for v in vecs[:40]]
        return float(np.mean([len({i for i, _ in a} & {i for i, _ in e}) / 10
                              for a, e in zip(approx, exact, strict=True)]))  # fmt: skip

    narrow = recall()
    index.ef_search = 400
    assert recall() >= narrow and recall() > 0.95
    # each query's nearest neighbour is itself, at cosine 1 up to float rounding
    first = [h[0] for h in index.search(vecs[:40], k=10)]
    assert [i for i, _ in first] == [h[0][0] for h in exact]
    assert np.allclose([c for _, c in first], [h[0][1] for h in exact], atol=1e-5)
    index.save(settings.index_dir)
    s = settings.model_copy(update={"index": settings.index.model_copy(
        update={"exact_max": 100, "hnsw_ef_search": 77})})  # fmt: skip
    embedder = type("E", (), {"name": "m", "dim": 32})()
    loaded = load_index(s, "mentions", embedder)
    assert loaded.kind == "hnsw" and loaded.ef_search == 77
    assert faiss.downcast_index(loaded.hnsw.index).hnsw.efSearch == 77


def test_routed_blend_keeps_each_signal_where_it_helps() -> None:
    """BM25 counts only over documents in the query's language (scaled to the best of them);
    the English model counts only for English queries."""
    from indexer.retrieval import ENGLISH_WEIGHT, LEXICAL_WEIGHT, blend

    dense = np.array([[0.80, 0.80, 0.80], [0.80, 0.80, 0.80]], dtype=np.float32)
    lexical = np.array([[4.0, 2.0, 9.0], [4.0, 2.0, 9.0]], dtype=np.float32)
    english = np.array([[0.5, 0.1, 0.0], [0.5, 0.1, 0.0]], dtype=np.float32)
    out = blend(dense, lexical, english, ["en", "es"], ["en", "en", "es"])
    first = [0.80 + LEXICAL_WEIGHT + ENGLISH_WEIGHT * 0.5,
             0.80 + LEXICAL_WEIGHT / 2 + ENGLISH_WEIGHT * 0.1, 0.80]  # fmt: skip
    assert out[0] == pytest.approx(first)
    assert out[1] == pytest.approx([0.80, 0.80, 0.80 + LEXICAL_WEIGHT])
    # a Spanish question against English passages: the dense cosine alone decides
    cross = blend(dense, lexical, english, ["es", "es"], ["en", "en", "en"])
    assert cross == pytest.approx(dense)
    assert blend(dense, None, None, ["en", None], ["en", "en", "es"]) == pytest.approx(dense)
