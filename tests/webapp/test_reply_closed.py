"""Replying to a closed ticket asks for confirmation (the form's confirm step; the API's
``"reopen": true``, else 409) and reopens it; sent replies show in the ticket's thread, marked as
the brand's, with their status. Against the loopback Reddit and YouTube servers."""

from __future__ import annotations

import html

from sqlalchemy import select

from pipelines.models.records import AuditLog, Reply, Ticket
from tests.webapp.support import csrf_token, login, post, token_for
from tests.webapp.test_publisher import fakes, pub  # noqa: F401 - the fixtures
from webapp import publisher


def _close(db, tid: int) -> None:  # noqa: ANN001
    with db.session() as s:
        s.get(Ticket, tid).status = "closed"


def _status(db, tid: int) -> str:  # noqa: ANN001
    with db.session() as s:
        return s.get(Ticket, tid).status


def test_the_form_asks_before_a_reply_reopens_a_closed_ticket(pub) -> None:  # noqa: ANN001, F811
    settings, db, ids, app, reddit, _yt = pub
    client = app.test_client()
    login(client, db, "alice", "agent")
    tid = ids["tickets"][0]
    root_id, _ = ids["mentions"][0]
    _close(db, tid)
    page = client.get(f"/tickets/{tid}").get_data(as_text=True)
    assert "This ticket is closed" in page

    form = {
        "mention_id": root_id,
        "text": "Sorry, <b>one more</b> thing",
        "idempotency_key": "a" * 32,
    }
    first = post(client, f"/tickets/{tid}/reply", form, page=f"/tickets/{tid}")
    assert first.status_code == 409  # the confirm step: nothing sent, the ticket still closed
    body = first.get_data(as_text=True)
    assert 'name="reopen" value="1"' in body and "Reopen and reply on Reddit" in body
    assert "Sorry, &lt;b&gt;one more&lt;/b&gt; thing" in body  # the text kept, escaped
    assert not reddit.comments and _status(db, tid) == "closed"

    confirmed = client.post(f"/tickets/{tid}/reply", data={**form, "reopen": "1",
                            "csrf_token": csrf_token(client, f"/tickets/{tid}")})  # fmt: skip
    assert confirmed.status_code == 302
    assert publisher.publish_pending(settings, db) == {"sent": 1, "failed": 0}
    assert [c["body"] for c in reddit.comments] == ["Sorry, <b>one more</b> thing"]
    assert _status(db, tid) == "active"
    with db.session() as s:
        assert s.scalar(select(AuditLog).where(AuditLog.action == "status")).detail == {
            "status": "open",
            "was": "closed",
        }  # reopened, then claimed by the reply

    # the sent reply is in the thread, under the post it answers, as the brand's, with status
    page = client.get(f"/tickets/{tid}").get_data(as_text=True)
    thread = page.split("<h2>Threads")[1].split('<h2 id="composer">')[0]
    with db.session() as s:
        (reply,) = s.scalars(select(Reply)).all()
    article = thread.split(f'id="r{reply.id}"')[1].split("</article>")[0]
    assert "brand reply" in article and 'class="reply-status">sent<' in article
    assert "Sorry, &lt;b&gt;one more&lt;/b&gt; thing" in article
    assert thread.index(f'id="m{root_id}"') < thread.index(f'id="r{reply.id}"')
    # the post's own actions stay with the post, above the replies to it
    actions = thread.index(f'/tickets/{tid}?to={root_id}#composer')
    assert thread.index(f'id="m{root_id}"') < actions < thread.index(f'id="r{reply.id}"')
    assert html.unescape(article).count("<b>") == 1  # only the escaped text, no markup


def test_the_api_reopens_only_when_told(pub) -> None:  # noqa: ANN001, F811
    settings, db, ids, app, _reddit, youtube = pub
    client = app.test_client()
    auth = {"Authorization": f"Bearer {token_for(db, 'bot', 'agent')}"}
    tid = ids["tickets"][0]
    _root, yt_id = ids["mentions"][0]
    _close(db, tid)
    body = {"text": "Hola otra vez", "mention_id": yt_id}
    refused = client.post(f"/api/tickets/{tid}/reply", headers=auth, json=body)
    assert refused.status_code == 409 and "reopen" in refused.get_json()["error"]
    assert _status(db, tid) == "closed"
    sent = client.post(f"/api/tickets/{tid}/reply", headers=auth, json={**body, "reopen": True})
    assert sent.status_code == 201 and sent.get_json()["status"] == "queued"
    assert _status(db, tid) == "active"
    assert publisher.publish_pending(settings, db) == {"sent": 1, "failed": 0}
    texts = [c["text"] for c in youtube.world["youtube"]["comments"]]
    assert texts.count("Hola otra vez") == 1
