"""The outbox and the publisher against the loopback Reddit and YouTube, through PRAW and
google-api-python-client: same thread, remote id stored, first response time set, failures
stay queued with the error, retries, and never a double send."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from demo.fake_reddit import FakeReddit
from demo.fake_youtube import FakeYouTube
from demo.loopback import Fault
from pipelines.models.db import Database
from pipelines.models.records import Mention, Reply, Ticket
from tests.webapp.publish_world import publish_settings, world
from tests.webapp.support import login, post, seed, token_for
from webapp import create_app, publisher


@pytest.fixture
def fakes() -> Iterator[tuple[FakeReddit, FakeYouTube]]:
    w = world()
    with FakeReddit(w) as reddit, FakeYouTube(w, api_key="test-key") as youtube:
        yield reddit, youtube


@pytest.fixture
def pub(tmp_path: Path, fakes):  # noqa: ANN001, ANN201
    reddit, youtube = fakes
    settings = publish_settings(tmp_path / "home", reddit.url, youtube.url)
    db = Database(settings)
    db.init()
    ids = seed(db)
    app = create_app(settings=settings, test_config={"TESTING": True})
    yield settings, db, ids, app, reddit, youtube
    db.dispose()


def _mention(db: Database, mid: int) -> Mention:
    with db.session() as s:
        return s.get(Mention, mid)


def test_reddit_reply_lands_in_the_customers_thread(pub) -> None:  # noqa: ANN001
    settings, db, ids, _app, reddit, _yt = pub
    root_id, _yt_id = ids["mentions"][0]
    with db.sessionmaker() as s:
        reply, created = publisher.queue_reply(s, mention=s.get(Mention, root_id),
                                               text="Sorry! Refund is on its way.",
                                               agent="alice")  # fmt: skip
        s.commit()
        done = publisher.publish(settings, s, reply.id)
        assert created and done.status == "sent", done.error
        posted = [c for c in reddit.comments if c["body"] == "Sorry! Refund is on its way."]
        assert len(posted) == 1
        assert posted[0]["parent_id"] == "t3_root0" and posted[0]["author"] == "NubefonSupport"
        assert done.remote_id == "t1_" + posted[0]["id"]
        ticket = s.get(Ticket, ids["tickets"][0])
        assert ticket.first_response_at == done.sent_at
        # publishing again, or queueing the same key again, sends nothing more
        again = publisher.publish(settings, s, reply.id)
        same, created2 = publisher.queue_reply(s, mention=s.get(Mention, root_id), text="other",
                                               agent="alice",
                                               key=reply.idempotency_key)  # fmt: skip
        assert again.status == "sent" and same.id == reply.id and not created2
    assert len([c for c in reddit.comments if c["author"] == "NubefonSupport"]) == 1


def test_youtube_reply_goes_under_the_comment(pub) -> None:  # noqa: ANN001
    settings, db, ids, _app, _reddit, youtube = pub
    _root, yt_id = ids["mentions"][0]
    with db.sessionmaker() as s:
        reply, _ = publisher.queue_reply(s, mention=s.get(Mention, yt_id), text="Lo sentimos",
                                         agent="alice")  # fmt: skip
        s.commit()
        done = publisher.publish(settings, s, reply.id)
    assert done.status == "sent", done.error
    posted = [c for c in youtube.world["youtube"]["comments"] if c["text"] == "Lo sentimos"]
    assert len(posted) == 1
    assert posted[0]["parent_id"] == "Ugcomment0" and posted[0]["author_channel_id"] == "UCbrand"
    assert done.remote_id == posted[0]["id"]


def test_a_sent_reply_clears_needs_reply_before_the_brand_post_is_crawled(pub) -> None:  # noqa: ANN001
    settings, db, ids, _app, _reddit, _yt = pub
    (_root0, yt0), (_root1, yt1) = ids["mentions"]
    with db.sessionmaker() as s:
        assert s.get(Mention, yt0).needs_reply is True
        reply, _ = publisher.queue_reply(s, mention=s.get(Mention, yt0), text="Lo miramos",
                                         agent="alice")  # fmt: skip
        s.commit()
        # queued is not sent: the post still needs its reply
        assert s.get(Mention, yt0).needs_reply is True
        done = publisher.publish(settings, s, reply.id)
        assert done.status == "sent", done.error
        s.expire_all()
        answered = s.get(Mention, yt0)
        assert answered.needs_reply is False and answered.status == "answered"
        other = s.get(Mention, yt1)  # another customer's thread is still owed its reply
        assert other.needs_reply is True and other.status == "open"


def test_failure_stays_queued_with_the_error_then_retry_sends_once(pub) -> None:  # noqa: ANN001
    settings, db, ids, _app, reddit, _yt = pub
    root_id, _ = ids["mentions"][0]
    reddit.inject(Fault(status=503, path="/api/comment"))
    with db.sessionmaker() as s:
        reply, _ = publisher.queue_reply(s, mention=s.get(Mention, root_id), text="Try again",
                                         agent="alice")  # fmt: skip
        s.commit()
        failed = publisher.publish(settings, s, reply.id)
        assert failed.status == "queued"
        assert "503" in failed.error
        assert s.get(Ticket, ids["tickets"][0]).first_response_at is None
        assert not [c for c in reddit.comments if c["body"] == "Try again"]
        done = publisher.publish(settings, s, reply.id)
        assert done.status == "sent" and done.error is None
    assert len([c for c in reddit.comments if c["body"] == "Try again"]) == 1


def test_missing_credentials_are_an_error_for_the_agent(tmp_path: Path, fakes) -> None:  # noqa: ANN001
    reddit, youtube = fakes
    settings = publish_settings(tmp_path / "h", reddit.url, youtube.url)
    settings = settings.model_copy(update={"reddit": settings.reddit.model_copy(
        update={"password": ""})})  # fmt: skip
    db = Database(settings)
    db.init()
    ids = seed(db)
    with db.sessionmaker() as s:
        reply, _ = publisher.queue_reply(s, mention=s.get(Mention, ids["mentions"][0][0]),
                                         text="hello", agent="a")  # fmt: skip
        s.commit()
        out = publisher.publish(settings, s, reply.id)
    assert out.status == "queued" and "LISTENPOST_REDDIT__PASSWORD" in out.error
    db.dispose()


def test_forum_replies_are_manual_and_marked_sent(db) -> None:  # noqa: ANN001
    ids = seed(db)
    with db.sessionmaker() as s:
        m = s.get(Mention, ids["mentions"][0][0])
        m.platform = "forum"
        s.commit()
        reply, _ = publisher.queue_reply(s, mention=m, text="see the guide", agent="alice")
        assert reply.status == "manual"
        assert publisher.mark_sent(s, reply, "alice")
        s.commit()
        assert reply.status == "sent" and s.get(Ticket, reply.ticket_id).first_response_at


def test_a_manual_reply_marked_sent_clears_needs_reply(db) -> None:  # noqa: ANN001
    ids = seed(db)
    _root, yt = ids["mentions"][0]
    with db.sessionmaker() as s:
        m = s.get(Mention, yt)
        m.platform = "forum"
        s.commit()
        reply, _ = publisher.queue_reply(s, mention=m, text="see the guide", agent="alice")
        s.commit()
        assert s.get(Mention, yt).needs_reply is True
        assert publisher.mark_sent(s, reply, "alice")
        s.commit()
        s.expire_all()
        assert s.get(Mention, yt).needs_reply is False
        assert s.get(Mention, yt).status == "answered"


def test_too_long_for_the_channel_is_refused(db) -> None:  # noqa: ANN001
    ids = seed(db)
    with db.sessionmaker() as s:
        m = s.get(Mention, ids["mentions"][0][1])
        with pytest.raises(ValueError, match="youtube takes at most 10000"):
            publisher.queue_reply(s, mention=m, text="x" * 10_001, agent="a")


def test_composer_form_queues_and_a_double_submit_sends_once(pub) -> None:  # noqa: ANN001
    settings, db, ids, app, reddit, _yt = pub
    client = app.test_client()
    login(client, db, "alice", "agent")
    t = ids["tickets"][0]
    root_id, _ = ids["mentions"][0]
    form = {"mention_id": root_id, "text": "We refunded you", "idempotency_key": "k" * 32}
    first = post(client, f"/tickets/{t}/reply", form, page=f"/tickets/{t}")
    second = post(client, f"/tickets/{t}/reply", form, page=f"/tickets/{t}")
    assert first.status_code == second.status_code == 302
    page = client.get(f"/tickets/{t}").get_data(as_text=True)
    assert "Reply queued for reddit" in page
    assert not reddit.comments  # the request only queued it
    assert publisher.publish_pending(settings, db) == {"sent": 1, "failed": 0}
    assert publisher.publish_pending(settings, db) == {"sent": 0, "failed": 0}
    assert len([c for c in reddit.comments if c["body"] == "We refunded you"]) == 1
    with db.session() as s:
        rows = s.scalars(select(Reply)).all()
        assert [(r.status, r.agent) for r in rows] == [("sent", "alice")]
        assert s.get(Ticket, t).assignee == "alice"  # replying claimed the free ticket


def test_api_reply_publishes_to_the_channel_of_the_mention(pub) -> None:  # noqa: ANN001
    settings, db, ids, app, reddit, youtube = pub
    client = app.test_client()
    token = token_for(db, "bot", "agent")
    auth = {"Authorization": f"Bearer {token}"}
    queue = client.get("/api/queue", headers=auth).get_json()
    assert [x["id"] for x in queue["tickets"]] == ids["tickets"]
    first = queue["tickets"][0]
    assert set(first) >= {"id", "priority", "status", "channel", "mention_ids"}
    _root, yt_id = ids["mentions"][0]
    assert yt_id in first["mention_ids"]
    resp = client.post(f"/api/tickets/{first['id']}/reply", headers=auth,
                       json={"text": "Hola, ya está resuelto", "mention_id": yt_id})  # fmt: skip
    assert resp.status_code == 201, resp.get_json()
    body = resp.get_json()
    assert body["status"] == "queued" and isinstance(body["reply_id"], int)
    assert body["remote_id"] is None and body["error"] is None

    def sent() -> int:
        return [c["text"] for c in youtube.world["youtube"]["comments"]].count(
            "Hola, ya está resuelto"
        )

    assert sent() == 0  # the request only queued it
    assert publisher.publish_pending(settings, db) == {"sent": 1, "failed": 0}
    assert sent() == 1
    detail = client.get(f"/api/tickets/{first['id']}", headers=auth).get_json()
    assert detail["replies"][0]["status"] == "sent"
    assert detail["replies"][0]["remote_id"].startswith("Ug")
    # another agent cannot reply on a ticket the first one holds
    other = {"Authorization": f"Bearer {token_for(db, 'carl', 'agent')}"}
    resp = client.post(f"/api/tickets/{first['id']}/reply", headers=other,
                       json={"text": "me too", "mention_id": yt_id})  # fmt: skip
    assert resp.status_code == 409 and resp.get_json()["assignee"] == "bot"
