"""`listenpost index [check]`, `listenpost eval retrieval` and `listenpost gaps`: the FAISS
indexes, with the suggestions and gaps report computed after them, and the retrieval's measure.
Registered in webapp/cli.py."""

from __future__ import annotations

import json
from pathlib import Path

import click

from webapp.cli_common import Obj, format_counts, pass_obj


@click.group(invoke_without_command=True)
@click.option("--rebuild", is_flag=True, help="Re-embed everything from scratch.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def index(ctx: click.Context, rebuild: bool, as_json: bool) -> None:
    """Embed new or changed mentions and knowledge into the FAISS indexes."""
    if ctx.invoked_subcommand is not None:
        return
    obj = ctx.find_object(Obj)
    from indexer.build import update_indexes
    from indexer.gap_store import refresh as refresh_gaps
    from webapp.suggestions import store_pending

    result = update_indexes(obj.settings, obj.db, rebuild=rebuild, progress=not as_json)
    # the ticket pages' suggested answers and gaps report, computed here, not in a request
    result["suggestions"] = store_pending(obj.settings, obj.db)
    result["gaps"] = refresh_gaps(obj.settings, obj.db)
    click.echo(json.dumps(result) if as_json else format_counts(result))


@index.command("check")
@click.option("--repair", is_flag=True, help="Embed what is missing, drop what is gone.")
@click.option("--sample", type=click.IntRange(min=1), default=200, show_default=True,
              help="Stored vectors used as queries to measure recall@10.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_obj
def index_check(obj: Obj, repair: bool, sample: int, as_json: bool) -> None:
    """Recall@10 of the approximate index against exact search, and ids in only one of database
    and index."""
    from indexer.build import check_indexes

    result = check_indexes(obj.settings, obj.db, sample=sample, repair=repair)
    if as_json:
        click.echo(json.dumps(result))
        return
    for name, r in result.items():
        if name in ("model", "repaired"):
            continue
        recall = "n/a" if r["recall@10"] is None else f"{r['recall@10']:.3f}"
        click.echo(
            f"{name}: {r['kind']} index, {r['count']} vectors, recall@10 {recall} "
            f"(sample {r['sample']}), only in database {len(r['only_in_database'])}, "
            f"only in index {len(r['only_in_index'])}, changed {len(r['changed'])}"
            + (
                f", documents not chunked yet {len(r['unchunked_documents'])}"
                if "unchunked_documents" in r
                else ""
            )
        )
    if repair:
        click.echo("repaired: " + format_counts(result["repaired"]))


@click.group("eval")
def eval_group() -> None:
    """Measure the project's components on public evaluation sets."""


@eval_group.command("retrieval")
@click.option("--queries", "queries_path", required=True, type=click.Path(path_type=Path))
@click.option("--corpus", "corpus_path", required=True, type=click.Path(path_type=Path))
@click.option("--qrels", "qrels_path", required=True, type=click.Path(path_type=Path))
@click.option("--baseline", type=click.Choice(["tfidf", "bm25"]), default=None,
              help="Also score this baseline in the same run.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_obj
def eval_retrieval(
    obj: Obj,
    queries_path: Path,
    corpus_path: Path,
    qrels_path: Path,
    baseline: str | None,
    as_json: bool,
) -> None:
    """MRR@10, recall@10 and nDCG@10 of the project's retrieval over a BEIR-format set."""
    from indexer.evaluation import run_eval

    result = run_eval(obj.settings, queries_path, corpus_path, qrels_path, baseline=baseline)
    if as_json:
        click.echo(json.dumps(result))
        return
    rows = [("retrieval", result)] + ([("baseline " + baseline, result["baseline"])]
                                      if baseline else [])  # fmt: skip
    for name, r in rows:
        click.echo(f"{name}: n {r['n']}, MRR@10 {r['mrr@10']:.3f}, recall@10 "
                   f"{r['recall@10']:.3f}, nDCG@10 {r['ndcg@10']:.3f}")  # fmt: skip


@click.command()
@click.option("--since", type=click.FloatRange(min=0, min_open=True), default=30,
              show_default=True, help="Days of mentions to look at.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_obj
def gaps(obj: Obj, since: float, as_json: bool) -> None:
    """Public questions and complaints that no own KB article answers, clustered and ranked."""
    from indexer.gap_store import as_text, report

    result = report(obj.settings, obj.db, since_days=since)
    click.echo(json.dumps(result, ensure_ascii=False) if as_json else as_text(result))
