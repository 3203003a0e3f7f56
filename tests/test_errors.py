"""One exception root: every exception class of the product derives from ListenpostError; the
CLI turns one into a single ``Error: ...`` line with exit status 1, the web app into an error page
(JSON under /api/) with the class's status."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from config import ListenpostError
from webapp.cli import main

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("config", "crawlers", "pipelines", "indexer", "webapp", "demo")


def _exception_classes() -> list[tuple[str, str]]:
    """(module, class) of every class in the product whose name or base says it is an error."""
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            for node in tree.body:
                if not isinstance(node, ast.ClassDef):
                    continue
                bases = [ast.unparse(b) for b in node.bases]
                if node.name.endswith("Error") or any(
                    b.endswith(("Error", "Exception")) for b in bases
                ):
                    found.append((module, node.name))
    return found


def test_every_product_exception_derives_from_the_root() -> None:
    classes = _exception_classes()
    assert len(classes) >= 20  # the scan found them
    outside = [
        f"{module}.{name}"
        for module, name in classes
        if not issubclass(getattr(importlib.import_module(module), name), ListenpostError)
    ]
    assert outside == []


def test_input_errors_stay_value_errors() -> None:
    from crawlers.exceptions import BadRecord
    from pipelines.identity import IdentityError
    from webapp.params import BadParameter

    for cls in (BadRecord, IdentityError, BadParameter):
        assert issubclass(cls, ValueError) and issubclass(cls, ListenpostError)


def test_cli_prints_a_project_error_once_in_one_line(cli) -> None:  # noqa: ANN001
    result = cli.invoke(main, ["init"])
    assert result.exit_code == 0
    result = cli.invoke(main, ["staffing", "--aht-minutes", "-1"])
    assert (result.exit_code, result.output) == (1, "Error: --aht-minutes must be above 0\n")


def test_cli_names_the_source_of_a_crawl_error(cli) -> None:  # noqa: ANN001
    result = cli.invoke(main, ["crawl", "reddit"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: reddit: missing secret reddit.client_id")
    assert result.output.count("\n") == 1


def test_cli_turns_a_bad_beir_file_into_one_line(cli, tmp_path: Path) -> None:  # noqa: ANN001
    queries, corpus, qrels = (tmp_path / n for n in ("q.jsonl", "c.jsonl", "qrels.tsv"))
    queries.write_text('{"_id": "q1", "text": "how"}\n')
    corpus.write_text('{"_id": "d1", "text": "this"}\n')
    qrels.write_text("query-id\tcorpus-id\tscore\nq1\td9\t1\n")
    result = cli.invoke(main, ["eval", "retrieval", "--queries", str(queries),
                               "--corpus", str(corpus), "--qrels", str(qrels)])  # fmt: skip
    assert result.exit_code == 1
    assert result.output == f"Error: {qrels}: corpus id 'd9' is not in {corpus}\n"


@pytest.fixture
def failing_app(app):  # noqa: ANN001, ANN201
    from indexer.faiss_index import IndexerError
    from pipelines.identity import IdentityError

    def server_side() -> str:
        raise IndexerError("index /srv/private/path was built by another model")

    def request_side() -> str:
        raise IdentityError("link 7 is not proposed")

    for prefix in ("", "/api"):
        app.add_url_rule(f"{prefix}/boom/server", f"{prefix}server", server_side)
        app.add_url_rule(f"{prefix}/boom/request", f"{prefix}request", request_side)
    return app


def test_web_renders_a_project_error_as_a_page(failing_app) -> None:  # noqa: ANN001
    client = failing_app.test_client()
    resp = client.get("/boom/server")
    assert resp.status_code == 500 and resp.mimetype == "text/html"
    assert b"Something went wrong on our side." in resp.data
    assert b"/srv/private" not in resp.data
    resp = client.get("/boom/request")
    assert resp.status_code == 400 and b"link 7 is not proposed" in resp.data


def test_web_answers_a_project_error_under_api_with_json(failing_app) -> None:  # noqa: ANN001
    client = failing_app.test_client()
    resp = client.get("/api/boom/server")
    assert (resp.status_code, resp.get_json()) == (
        500,
        {"error": "Something went wrong on our side."},
    )
    resp = client.get("/api/boom/request")
    assert (resp.status_code, resp.get_json()) == (400, {"error": "link 7 is not proposed"})
