"""`listenpost classifier evaluate|train`: JSON output, the baseline on the same folds, one-line
errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipelines import classifier as clf
from webapp.cli import main


def _seed_csv(path: Path, header: bool) -> Path:
    import csv

    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        if header:
            w.writerow(["id", "text", "label"])
        for r in clf.seed_rows():
            w.writerow([r["id"], r["text"], r["label"], r["lang"]] if not header else
                       [r["id"], r["text"], r["label"]])  # fmt: skip
    return path


@pytest.mark.slow
def test_evaluate_json_with_baseline_on_headerless_csv(cli: CliRunner, tmp_path: Path) -> None:
    data = _seed_csv(tmp_path / "seed.csv", header=False)
    result = cli.invoke(main, ["classifier", "evaluate", "--data", str(data), "--folds", "4",
                               "--json", "--baseline"])  # fmt: skip
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert list(out) == ["n", "folds", "f1_macro", "accuracy", "auc", "baseline"]
    assert out["n"] == len(clf.seed_rows()) and out["folds"] == 4
    assert out["f1_macro"] >= 0.8
    assert out["f1_macro"] > out["baseline"]["f1_macro"]
    assert set(out["baseline"]) == {"f1_macro", "accuracy", "auc"}


@pytest.mark.slow
def test_train_writes_the_model(cli: CliRunner, home: Path) -> None:
    assert cli.invoke(main, ["init"]).exit_code == 0
    result = cli.invoke(main, ["classifier", "train", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["seed"] == len(clf.seed_rows()) and out["corrections"] == 0
    assert clf.model_path(home).is_file()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (None, "no such file"),
        ("text,label\nlate,1\nlost,1\n", "one class only"),
        ("body,target\nlate,1\nfine,0\n", "no text and label columns"),
        ("text,label\nlate,1\nfine,0\n", "at least 2 posts of each class"),
        ("text,label\nlate,1\nlost,1\nfine,0\nok,0\n", "--folds must be between 2 and 2"),
    ],
)
def test_user_mistakes_are_one_line_errors(
    cli: CliRunner, tmp_path: Path, body: str | None, message: str
) -> None:
    path = tmp_path / "data.csv"
    if body is not None:
        path.write_text(body)
    result = cli.invoke(main, ["classifier", "evaluate", "--data", str(path), "--json"])
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
