"""The outbox and its publisher: a reply goes out in the channel the customer used, with the same
client library as the crawler (PRAW for Reddit, google-api-python-client for YouTube), to the
thread where the customer wrote.

Pages and the API only queue replies; a job publishes them: :func:`publish_pending`, run by
`listenpost publish` (once), by the outbox worker of `listenpost watch` and `listenpost demo`
(webapp.outbox, every few seconds), and by any other scheduler. Each pass records a heartbeat
(job_heartbeat "outbox"), so the ticket page can tell the agent when nothing is publishing.

A reply is ``queued`` -> ``sending`` -> ``sent`` (remote id stored, the ticket's first response
time set, the posts it answers no longer need a reply) or back to ``queued`` with the error
shown (failed) and a retry offered: a failed reply is not sent again until the agent retries it
(a platform error may hide a posted reply), except by `listenpost publish`, which retries every
queued reply. Each reply has an idempotency key (unique): submitting the same composer twice
queues it once, and only the caller whose UPDATE moves it from ``queued`` to ``sending`` talks
to the platform, so it is never sent twice. Forums without an API get ``manual``: the agent
copies the text, opens the thread and marks it sent. A reply left in ``sending`` by a crash is
not retried automatically (it may have gone out); an agent checks the thread and marks it sent
or re-queues it.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from config import ConfigError, Settings
from crawlers.exceptions import CrawlError, SourceAuthError, SourceUnavailable
from crawlers.items import utcnow
from pipelines.models.records import AuditLog, JobHeartbeat, Mention, Reply, Ticket
from pipelines.status import reply_sent

logger = logging.getLogger(__name__)

# The longest reply each channel takes (Reddit comment 10,000; YouTube comment 10,000;
# Discourse's default max_post_length 32,000).
LIMITS = {"reddit": 10_000, "youtube": 10_000, "forum": 32_000, "import": 10_000}
API_CHANNELS = {"reddit", "youtube"}


class PublishError(CrawlError):
    """A reply could not be sent; the message is one line, shown to the agent."""


def new_key() -> str:
    return uuid.uuid4().hex


def queue_reply(
    session: Session, *, mention: Mention, text: str, agent: str, key: str | None = None,
    ticket_id: int | None = None,
) -> tuple[Reply, bool]:  # fmt: skip
    """Put a reply to ``mention`` in the outbox. Returns (reply, created); the same key returns
    the reply already queued. Raises ValueError for an empty or too long text."""
    key = (key or new_key())[:64]
    existing = session.scalar(select(Reply).where(Reply.idempotency_key == key))
    if existing is not None:
        return existing, False
    text = text.replace("\r\n", "\n").strip()
    limit = LIMITS.get(mention.platform, 10_000)
    if not text:
        raise ValueError("the reply is empty")
    if len(text) > limit:
        raise ValueError(f"{mention.platform} takes at most {limit} characters ({len(text)} now)")
    reply = Reply(
        mention_id=mention.id,
        ticket_id=ticket_id if ticket_id is not None else mention.ticket_id,
        channel=mention.platform,
        text=text,
        status="queued" if mention.platform in API_CHANNELS else "manual",
        idempotency_key=key,
        agent=agent,
    )
    session.add(reply)
    session.flush()
    session.add(AuditLog(actor=agent, action="reply_queued", target_type="reply",
                         target_id=str(reply.id), detail={"channel": reply.channel}))  # fmt: skip
    return reply, True


def _first_response(session: Session, reply: Reply) -> None:
    """A sent reply is the brand's reply in the thread: the ticket's first response, and the
    posts it answers need no reply any more (pipelines.status.reply_sent)."""
    if reply.ticket_id is not None:
        ticket = session.get(Ticket, reply.ticket_id)
        if ticket is not None and ticket.first_response_at is None:
            ticket.first_response_at = reply.sent_at
    reply_sent(session, reply)


def mark_sent(session: Session, reply: Reply, agent: str, remote_id: str | None = None) -> bool:
    """An agent posted a manual (forum) reply by hand, or checked a stuck one."""
    if reply.status not in ("manual", "sending", "queued"):
        return False
    reply.status = "sent"
    reply.sent_at = utcnow()
    reply.remote_id = remote_id or reply.remote_id
    reply.error = None
    _first_response(session, reply)
    session.add(AuditLog(actor=agent, action="reply_marked_sent", target_type="reply",
                         target_id=str(reply.id)))  # fmt: skip
    return True


def publish(settings: Settings, db_session: Session, reply_id: int) -> Reply:
    """Send one queued reply. Commits its state changes; never raises for a platform failure
    (the reply goes back to queued with the error)."""
    claimed = db_session.execute(
        update(Reply)
        .where(Reply.id == reply_id, Reply.status == "queued")
        .values(status="sending", error=None)
        .execution_options(synchronize_session=False)
    )
    db_session.commit()
    reply = db_session.get(Reply, reply_id)
    if reply is None:
        raise LookupError(f"no reply {reply_id}")
    db_session.refresh(reply)
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return reply  # sent, being sent, or manual: nothing to do
    mention = db_session.get(Mention, reply.mention_id)
    try:
        if mention is None:
            raise PublishError("the post this reply answers is gone")
        remote_id = send(settings, mention, reply.text)
    except PublishError as exc:
        reply.status = "queued"
        reply.error = str(exc)
        logger.warning("reply %s to %s failed: %s", reply.id, reply.channel, exc)
        db_session.add(AuditLog(actor=reply.agent or "publisher", action="reply_failed",
                                target_type="reply", target_id=str(reply.id)))  # fmt: skip
        db_session.commit()
        return reply
    reply.status = "sent"
    reply.remote_id = remote_id
    reply.sent_at = utcnow()
    reply.error = None
    _first_response(db_session, reply)
    db_session.add(AuditLog(actor=reply.agent or "publisher", action="reply_sent",
                            target_type="reply", target_id=str(reply.id),
                            detail={"remote_id": remote_id}))  # fmt: skip
    db_session.commit()
    logger.info("reply %s sent to %s as %s", reply.id, reply.channel, remote_id)
    return reply


def publish_pending(
    settings: Settings, db: Any, limit: int = 100, retry_failed: bool = False
) -> dict[str, int]:
    """Send the queued replies (oldest first) and record the outbox heartbeat; counts of sent
    and failed. A failed reply (queued with an error) waits for the agent's retry unless
    ``retry_failed``. The one publishing function: `listenpost publish`, the outbox worker and
    any task queue call it."""
    done = {"sent": 0, "failed": 0}
    with db.sessionmaker() as session:
        beat(session)
        query = select(Reply.id).where(Reply.status == "queued")
        if not retry_failed:
            query = query.where(Reply.error.is_(None))
        ids = list(session.scalars(query.order_by(Reply.id).limit(limit)))
        for rid in ids:
            reply = publish(settings, session, rid)
            done["sent" if reply.status == "sent" else "failed"] += 1
    return done


def failed(reply: Reply) -> bool:
    """A reply the publisher tried and the platform refused: queued again, with the error."""
    return reply.status == "queued" and bool(reply.error)


def shown_status(reply: Reply) -> str:
    """The status an agent reads: failed for a refused reply, else the stored status."""
    return "failed" if failed(reply) else reply.status


def requeue(reply: Reply, agent: str) -> bool:
    """The agent's retry of a failed reply: the next publisher pass sends it."""
    if not failed(reply):
        return False
    reply.error = None
    object_session = Session.object_session(reply)
    if object_session is not None:
        object_session.add(AuditLog(actor=agent, action="reply_requeued", target_type="reply",
                                    target_id=str(reply.id)))  # fmt: skip
    return True


HEARTBEAT = "outbox"
FRESH = timedelta(seconds=60)  # a publisher that beat within this is running


def beat(session: Session, now: datetime | None = None) -> None:
    """Record that the publisher runs now (committed)."""
    now = now or utcnow()
    moved = session.execute(
        update(JobHeartbeat)
        .where(JobHeartbeat.name == HEARTBEAT)
        .values(beat_at=now)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        session.add(JobHeartbeat(name=HEARTBEAT, beat_at=now))
        try:
            session.commit()
        except IntegrityError:  # another publisher inserted it meanwhile
            session.rollback()
            beat(session, now)
        return
    session.commit()


def last_beat(session: Session) -> datetime | None:
    return session.scalar(select(JobHeartbeat.beat_at).where(JobHeartbeat.name == HEARTBEAT))


def publisher_running(session: Session, now: datetime | None = None) -> bool:
    """Whether a publisher ran within FRESH: queued replies then go out within seconds."""
    at = last_beat(session)
    return at is not None and (now or utcnow()) - at <= FRESH


# -- the channels (third-party errors become PublishError here, in one place) -----------------


def send(settings: Settings, mention: Mention, text: str) -> str:
    """Post ``text`` as a reply to ``mention`` on its platform; returns the remote id."""
    try:
        if mention.platform == "reddit":
            return _send_reddit(settings, mention, text)
        if mention.platform == "youtube":
            return _send_youtube(settings, mention, text)
    except PublishError:
        raise
    except ConfigError as exc:
        raise PublishError(str(exc)) from None
    except CrawlError as exc:
        raise PublishError(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - mapped below, one line for the agent
        raise PublishError(_describe(exc)) from None
    raise PublishError(f"{mention.platform} has no API to publish to: copy the reply and mark it")


def _describe(exc: BaseException) -> str:
    name = type(exc).__name__
    text = " ".join(str(exc).split())[:200]
    return f"{name}: {text}" if text else name


def _send_reddit(settings: Settings, mention: Mention, text: str) -> str:
    import praw
    import prawcore

    from crawlers.api.reddit import http_session, make_reddit

    http = http_session(settings.reddit.timeout)
    try:
        # No automatic retry of a POST: a 5xx may still have posted the comment. The agent
        # sees the error and retries.
        reddit = make_reddit(settings, http, login=True, retries=0)
        kind, _, native = mention.source_id.partition("_")
        if kind == "t3":
            thing = reddit.submission(id=native)
        elif kind == "t1":
            thing = reddit.comment(id=native)
        else:
            raise PublishError(f"not a Reddit post or comment id: {mention.source_id[:40]}")
        try:
            comment = thing.reply(text)
        except praw.exceptions.RedditAPIException as exc:
            raise PublishError(f"Reddit refused the reply: {exc.items[0].error_type}") from None
        except prawcore.exceptions.OAuthException:
            raise SourceAuthError("Reddit refused the brand account's credentials") from None
        except (prawcore.exceptions.Forbidden, prawcore.exceptions.InvalidToken):
            raise SourceAuthError("Reddit refused the reply (403/401)") from None
        except prawcore.exceptions.ServerError as exc:
            raise SourceUnavailable(f"Reddit answered {exc.response.status_code}") from None
        except prawcore.exceptions.RequestException as exc:
            raise SourceUnavailable(
                f"Reddit did not answer: {type(exc.original_exception).__name__}"
            ) from None
        except prawcore.exceptions.ResponseException as exc:
            raise PublishError(f"Reddit answered {exc.response.status_code}") from None
        if comment is None:
            raise PublishError("Reddit accepted the reply but returned no comment")
        return str(comment.fullname)
    finally:
        http.close()


def _send_youtube(settings: Settings, mention: Mention, text: str) -> str:
    from google.oauth2.credentials import Credentials
    from googleapiclient.discovery import build
    from googleapiclient.errors import HttpError

    creds = Credentials(token=settings.secret("youtube.oauth_token"))
    service = build(
        "youtube",
        "v3",
        credentials=creds,
        client_options={"api_endpoint": settings.youtube.api_endpoint},
        static_discovery=True,
        cache_discovery=False,
    )
    try:
        if mention.kind == "video":
            top_level = {"snippet": {"textOriginal": text}}
            body = {"snippet": {"videoId": mention.source_id, "topLevelComment": top_level}}
            result = service.commentThreads().insert(part="snippet", body=body).execute()
        else:
            # replies go under the top-level comment (YouTube threads are one level deep)
            top = mention.source_id.split(".", 1)[0]
            body = {"snippet": {"parentId": top, "textOriginal": text}}
            result = service.comments().insert(part="snippet", body=body).execute()
    except HttpError as exc:
        reason = ""
        try:
            reason = exc.error_details[0].get("reason", "")  # type: ignore[index,union-attr]
        except (IndexError, TypeError, AttributeError):
            reason = ""
        status = getattr(exc.resp, "status", "?")
        raise PublishError(f"YouTube answered {status} {reason}".strip()) from None
    finally:
        service.close()
    remote = result.get("id")
    if not remote:
        raise PublishError("YouTube accepted the reply but returned no id")
    return str(remote)
