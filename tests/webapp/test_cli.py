"""The `listenpost` command: init, import, kb import, mentions --json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import write_jsonl
from webapp.cli import main

MENTIONS = [
    {"id": "r-1", "platform": "reddit", "author": "maria_q", "text": "Nubefon billed me twice",
     "created_at": "2026-11-18T10:00:00Z", "lang": "en", "url": "https://www.reddit.com/r/x/1"},
    {"id": "y-1", "platform": "youtube", "author": "Carlos", "text": "Sin señal desde ayer",
     "created_at": "2026-11-19T09:30:00+01:00", "title": "Nubefon caído"},
    {"id": "f-1", "platform": "forum", "author": "nubefon_team", "text": "We are on it",
     "by_brand": True, "thread_id": "t1", "parent_id": "f-0"},
]  # fmt: skip


def _json(result) -> object:  # noqa: ANN001
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_import_twice_adds_nothing_the_second_time(cli, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "m.jsonl", MENTIONS)
    first = _json(cli.invoke(main, ["import", "mentions", str(path), "--json"]))
    assert first["new"] == 3
    second = _json(cli.invoke(main, ["import", "mentions", str(path), "--json"]))
    assert (second["new"], second["duplicates"]) == (0, 3)
    rows = _json(cli.invoke(main, ["mentions", "--json"]))
    assert len(rows) == 3


def test_mentions_json_fields_and_order(cli, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "m.jsonl", MENTIONS)
    cli.invoke(main, ["import", "mentions", str(path)])
    rows = _json(cli.invoke(main, ["mentions", "--json"]))
    # newest first; f-1 has no created_at and takes the import time
    assert [r["source_id"] for r in rows] == ["f-1", "y-1", "r-1"]
    by_id = {r["source_id"]: r for r in rows}
    r = by_id["r-1"]
    assert {"id", "source_id", "platform", "author", "lang", "created_at", "text"} <= set(r)
    assert isinstance(r["id"], int)
    assert (r["platform"], r["author"], r["lang"]) == ("reddit", "maria_q", "en")
    assert r["created_at"].startswith("2026-11-18T10:00:00")
    assert by_id["y-1"]["created_at"].startswith("2026-11-19T08:30:00")  # stored in UTC
    assert by_id["y-1"]["text"] == "Sin señal desde ayer"
    assert by_id["f-1"]["by_brand"] is True


def test_bad_lines_are_reported_and_good_lines_land(cli, tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "m.jsonl",
        [
            MENTIONS[0],
            "{not json",
            {"id": "x", "platform": "myspace", "author": "a", "text": "t"},
            {"id": "y", "platform": "reddit", "text": "no author"},
            {
                "id": "z",
                "platform": "reddit",
                "author": "a",
                "text": "t",
                "created_at": "yesterday",
            },
            {"id": "w", "platform": "reddit", "author": "a", "text": "t", "colour": "red"},
            MENTIONS[1],
        ],
    )
    result = cli.invoke(main, ["import", "mentions", str(path)])
    assert result.exit_code == 3  # finished, some input skipped
    err = result.stderr
    assert "m.jsonl:2: invalid JSON" in err
    assert "m.jsonl:3: field 'platform'" in err
    assert "m.jsonl:4: missing field 'author'" in err
    assert "m.jsonl:5: field 'created_at'" in err
    assert "m.jsonl:6: unknown field 'colour'" in err
    assert "2 new" in result.stdout
    assert len(_json(cli.invoke(main, ["mentions", "--json"]))) == 2


def test_missing_file_is_a_one_line_error(cli, tmp_path: Path) -> None:
    result = cli.invoke(main, ["import", "mentions", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_kb_import_file_and_directory(cli, tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    write_jsonl(
        kb / "a.jsonl", [{"id": "kb-1", "title": "Reset", "body": "Hold 10 s", "lang": "en"}]
    )
    write_jsonl(
        kb / "b.jsonl", [{"id": "kb-2", "title": "Factura", "body": "Cómo leerla"}, {"id": "kb-3"}]
    )
    result = cli.invoke(main, ["kb", "import", str(kb), "--json"])
    assert result.exit_code == 3  # finished, some input skipped
    assert json.loads(result.stdout)["new"] == 2
    assert "b.jsonl:2: missing field 'title'" in result.stderr
    again = _json(cli.invoke(main, ["kb", "import", str(kb / "a.jsonl"), "--json"]))
    assert (again["new"], again["duplicates"]) == (0, 1)


def test_init_creates_the_database(cli, home: Path) -> None:
    result = cli.invoke(main, ["init"])
    assert result.exit_code == 0, result.output
    assert (home / "listenpost.db").exists()


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from webapp.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('torch', 'sentence_transformers', 'faiss', 'scrapy')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "HEAVY []" in out.stdout


POSTS_XML = """<?xml version="1.0" encoding="utf-8"?>
<posts>
  <row Id="1" PostTypeId="1" AcceptedAnswerId="3" CreationDate="2024-01-02T10:00:00.000"
       Score="4" Title="Why does my grinder clog?" Body="&lt;p&gt;It clogs every week.&lt;/p&gt;"
       OwnerDisplayName="beanlover" />
  <row Id="2" PostTypeId="2" ParentId="1" Score="1" Body="&lt;p&gt;Buy a new one.&lt;/p&gt;" />
  <row Id="3" PostTypeId="2" ParentId="1" Score="9"
       Body="&lt;p&gt;Oily beans clog burrs: clean them with rice-free tablets.&lt;/p&gt;" />
  <row Id="4" PostTypeId="1" Score="0" Title="Unanswered question" Body="&lt;p&gt;?&lt;/p&gt;" />
</posts>
"""


def test_kb_import_reads_a_stack_exchange_dump(cli, tmp_path: Path) -> None:
    dump = tmp_path / "Posts.xml"
    dump.write_text(POSTS_XML, encoding="utf-8")
    args = ["kb", "import", str(dump), "--site", "coffee.stackexchange.com", "--json"]
    assert _json(cli.invoke(main, args))["new"] == 1  # only the question with an accepted answer
    assert _json(cli.invoke(main, args))["new"] == 0
    from sqlalchemy import select

    from config import load_settings
    from pipelines.models import KnowledgeDoc
    from pipelines.models.db import Database

    db = Database(load_settings())
    with db.session() as s:
        doc = s.scalars(select(KnowledgeDoc)).one()
    db.dispose()
    assert doc.source == "third_party"
    assert doc.title == "Why does my grinder clog?"
    assert "Oily beans clog burrs" in doc.body and "Buy a new one" not in doc.body
    assert doc.url == "https://coffee.stackexchange.com/q/1"


def test_kb_import_of_a_broken_dump_is_one_line(cli, tmp_path: Path) -> None:
    dump = tmp_path / "Posts.xml"
    dump.write_text("<posts><row Id='1'", encoding="utf-8")
    result = cli.invoke(main, ["kb", "import", str(dump)])
    assert result.exit_code == 1
    assert "not valid XML" in result.output and "Traceback" not in result.output
