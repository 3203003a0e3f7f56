"""A batch's wire form (pipelines.cluster.app): items survive the JSON round trip as the chain
needs them, and a malformed entry is refused with a line naming what is wrong."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawlers.items import HelpDoc, Mention
from pipelines.cluster.app import decode, encode
from tests.helpers import mention


def test_items_survive_the_trip_through_json() -> None:
    m = mention("p1", "Mi router <b>se cae</b>", author="ana", raw={"id": "p1", "ups": 3})
    doc = HelpDoc(source="kb", source_id="a1", title="Reset", body="Hold the button.")
    wire = json.loads(json.dumps([encode(m), encode(doc)]))
    back = [decode(e) for e in wire]
    assert back[0] == m and back[0].raw == {"id": "p1", "ups": 3}
    assert back[1] == doc


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"kind": "tweet", "item": {}}, "a batch entry is not"),
        ("p1", "a batch entry is not"),
        ({"kind": "mention", "item": {"platform": "reddit"}}, "bad mention in a batch: source_id"),
    ],
)
def test_a_malformed_entry_is_named(entry: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        decode(entry)  # type: ignore[arg-type]


@pytest.mark.postgres
def test_an_unreachable_broker_stops_the_crawl_before_its_cursor_moves(
    pg_url: str, home: Path
) -> None:
    from config import load_settings
    from pipelines.chain import Chain, Cursor, run_source
    from pipelines.cluster.producer import BrokerError
    from pipelines.models.db import Database

    settings = load_settings(
        home=str(home),
        database_url=pg_url,
        cluster={"broker_url": "amqp://guest:guest@127.0.0.1:9//", "batch_size": 2},
    )
    db = Database(settings)
    db.init()

    def produce(cursor: Cursor, stats: object) -> Iterator[Mention]:
        yield mention("p1")
        cursor.data["after"] = "p1"
        cursor.save()

    try:
        with Chain(settings, db, stages=[]) as chain, pytest.raises(BrokerError) as err:
            run_source(chain, "reddit", produce)
        assert str(err.value).startswith("cannot enqueue to the broker at amqp://guest:**@")
        assert Cursor(db, "reddit").data == {}
    finally:
        db.dispose()


def test_worker_and_beat_need_a_broker(cli: CliRunner) -> None:
    from webapp.cli import main

    for command in ("worker", "beat"):
        result = cli.invoke(main, [command])
        assert result.exit_code == 1
        assert f"listenpost {command} needs [cluster] broker_url" in result.output


def test_a_cluster_host_left_to_its_own_keys_is_warned(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from config import load_settings
    from webapp.cli_cluster import warn_unshared_keys

    cluster = {"broker_url": "amqp://guest:guest@127.0.0.1:9//"}
    pg = "postgresql+psycopg://postgres@127.0.0.1:9/x"
    warn_unshared_keys(load_settings(home=str(home), database_url=pg, cluster=cluster), "identity")
    err = capsys.readouterr().err
    assert err.startswith("warning: [identity] hash_key is not set: this host uses its own key (")
    assert err.count("\n") == 1 and "LISTENPOST_IDENTITY__HASH_KEY" in err

    shared = load_settings(
        home=str(home), database_url=pg, cluster=cluster, identity={"hash_key": "k"},
        web={"secret_key": "s"},
    )  # fmt: skip
    warn_unshared_keys(shared, "identity", "web")
    warn_unshared_keys(load_settings(home=str(home)), "identity", "web")  # one machine
    assert capsys.readouterr().err == ""
