"""`listenpost import mentions` and `listenpost kb import`: JSONL files (and Stack Exchange
dumps) through the pipeline chain.

Registered on the main group in webapp/cli.py. Every good line is imported and every bad one
printed as ``skipped FILE:LINE: what is wrong`` on stderr; a run that skipped anything exits with
``SKIPPED`` (3) after its summary, so scripts can tell "finished, some input skipped" from
success (0) and from a stopped run (1).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

SKIPPED = 3  # exit status: finished, some input skipped (docs/configuration.md, "Exit status")


def exit_if_skipped(skipped: int) -> None:
    """End the command with ``SKIPPED`` when it skipped input (its output is all written)."""
    if skipped:
        sys.exit(SKIPPED)


def _run_import(obj: Any, source: str, records: Iterator[tuple[str, int, Any]], quiet: bool) -> Any:
    """Feed (file, line, item-or-error) through the chain; bad lines are reported and skipped.
    Returns the run's stats and the skip lines."""
    from crawlers.importers import BadRecord
    from pipelines.chain import Chain, run_source
    from webapp.cli_common import progress

    bad: list[str] = []

    def produce(cursor: Any, stats: Any) -> Iterator[Any]:
        for name, lineno, item in progress(records, quiet, source):
            if isinstance(item, BadRecord):
                stats.errors += 1
                bad.append(f"{name}:{lineno}: {item}")
                continue
            yield item

    try:
        with Chain(obj.settings, obj.db) as chain:
            stats = run_source(chain, source, produce)
    finally:
        for line in bad:
            click.echo(f"skipped {line}", err=True)
    return stats, bad


def _finish(stats: Any, bad: list[str], as_json: bool) -> None:
    from webapp.cli_common import summary

    summary(stats, as_json)
    exit_if_skipped(len(bad))


@click.group("import")
def import_() -> None:
    """Import records from files."""


@import_.command("mentions")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_obj
def import_mentions(obj: Any, file: Path, as_json: bool) -> None:
    """Import mentions from a JSONL FILE (docs/configuration.md: interchange format). Exits 3
    when lines were skipped."""
    from crawlers.importers import mention_from_record, read_jsonl

    records = ((file.name, n, item) for n, item in read_jsonl(file, mention_from_record))
    _finish(*_run_import(obj, f"import:{file.name}", records, as_json), as_json)


@click.group()
def kb() -> None:
    """The knowledge base: the brand's own articles and third-party help."""


@kb.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--site", help="Stack Exchange dump: the site's host (default: guessed from the path)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_obj
def kb_import(obj: Any, path: Path, site: str | None, as_json: bool) -> None:
    """Import KB articles from a JSONL file or a directory of them, or third-party Q&A from a
    Stack Exchange data dump (Posts.xml: questions with their accepted answers). Exits 3 when
    lines were skipped."""
    from crawlers.importers import kb_files, kb_from_record, read_jsonl

    if path.is_file() and path.suffix.lower() == ".xml":
        _import_dump(obj, path, site, as_json)
        return
    files = kb_files(path)
    if not files:
        raise click.ClickException(f"no .jsonl files under {path}")

    def records() -> Iterator[tuple[str, int, Any]]:
        for f in files:
            for n, item in read_jsonl(f, kb_from_record):
                yield f.name, n, item

    _finish(*_run_import(obj, f"kb:{path.name}", records(), as_json), as_json)


def _import_dump(obj: Any, path: Path, site: str | None, as_json: bool) -> None:
    from crawlers.stackexchange import read_posts_xml

    records = ((path.name, n, doc) for n, doc in enumerate(read_posts_xml(path, site), start=1))
    _finish(*_run_import(obj, f"kb:{path.name}", records, as_json), as_json)
