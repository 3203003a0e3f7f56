"""`listenpost classifier train|evaluate`: the complaint classifier's own commands.

Registered on the main group in webapp/cli.py. User mistakes (missing file, no text/label
columns, one class only, too many folds) are one-line click.ClickException messages.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click


@click.group()
def classifier() -> None:
    """Train and evaluate the complaint classifier."""


@classifier.command()
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_obj
def train(obj: Any, as_json: bool) -> None:
    """Retrain from the seed set plus agents' corrections; writes HOME/models/complaint.joblib."""
    from pipelines import classifier as clf
    from pipelines.feedback import train_and_save

    settings = obj.settings
    db = obj.db
    start = time.perf_counter()
    with db.session() as session:
        models = train_and_save(settings.home, session)
    summary = {
        "seed": models.n_seed,
        "corrections": models.n_feedback,
        "seconds": round(time.perf_counter() - start, 2),
        "path": str(clf.model_path(settings.home).resolve()),
    }
    if as_json:
        click.echo(json.dumps(summary))
    else:
        click.echo(
            f"trained on {summary['seed']} seed posts and {summary['corrections']} corrections "
            f"in {summary['seconds']} s: {summary['path']}"
        )


@classifier.command()
@click.option(
    "--data",
    "data",
    required=True,
    type=click.Path(path_type=Path),
    help="Labelled CSV or JSONL: text, label (1 = complaint); or a header-less CSV "
    "id, text, label[, extra].",
)
@click.option("--folds", type=int, default=10, show_default=True, help="Stratified folds.")
@click.option("--baseline", is_flag=True, help="Also the TF-IDF baseline on the same folds.")
@click.option("--seed", type=int, default=0, show_default=True, help="Fold shuffling seed.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def evaluate(data: Path, folds: int, baseline: bool, seed: int, as_json: bool) -> None:
    """Stratified K-fold cross-validation of the project's method on a labelled file.

    Prints {"n", "folds", "f1_macro", "accuracy", "auc"} (and "baseline" with --baseline).
    """
    from pipelines import classifier as clf

    try:
        texts, labels = clf.load_labelled(data)
        result = clf.cross_validate(texts, labels, folds=folds, baseline=baseline, seed=seed)
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"cannot read {data}: {type(exc).__name__}") from None
    out = {k: result[k] for k in ("n", "folds", "f1_macro", "accuracy", "auc")}
    if baseline:
        out["baseline"] = {k: result["baseline"][k] for k in ("f1_macro", "accuracy", "auc")}
    if as_json:
        click.echo(json.dumps(out))
        return
    click.echo(
        f"{out['n']} posts, {out['folds']} folds: macro-F1 {out['f1_macro']:.4f}, "
        f"accuracy {out['accuracy']:.4f}, AUC {out['auc']:.4f}"
    )
    if baseline:
        b = out["baseline"]
        click.echo(
            f"TF-IDF baseline, same folds: macro-F1 {b['f1_macro']:.4f}, "
            f"accuracy {b['accuracy']:.4f}, AUC {b['auc']:.4f}"
        )
