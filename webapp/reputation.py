"""Reputation (marketers): mention volume and sentiment per day and channel, top topics, spike
alerts with the posts behind each spike, CSV export. Charts are SVG drawn by the server."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from statistics import mean, pstdev
from typing import Any

from flask import Blueprint, Response, render_template, request
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from crawlers.items import utcnow
from pipelines.models.records import Mention
from webapp import charts, get_session
from webapp.auth import requires
from webapp.params import int_arg

bp = Blueprint("reputation", __name__, url_prefix="/reputation")

SENTIMENTS = ("negative", "neutral", "positive")
MIN_SPIKE = 3  # a spike needs at least this many posts


def _mentions() -> Any:
    # what the public says: not the brand's own posts; a duplicate group (exact or near:
    # pipelines.dedup) counts once, as its first-seen post
    return (
        (Mention.content_type == "mention")
        & Mention.by_brand.is_(False)
        & Mention.duplicate_of_id.is_(None)
    )


def daily(session: Session, days: int, now: datetime) -> dict[str, Any]:
    """Counts per day x channel and per day x sentiment over the last ``days`` days."""
    start = (now - timedelta(days=days - 1)).replace(hour=0, minute=0, second=0, microsecond=0)
    day = func.date(Mention.created_at)
    labels = [(start.date() + timedelta(days=i)).isoformat() for i in range(days)]
    index = {lab: i for i, lab in enumerate(labels)}
    by_channel: dict[str, list[int]] = {}
    by_sentiment: dict[str, list[int]] = {s: [0] * days for s in (*SENTIMENTS, "unknown")}
    channel_sentiment: dict[str, dict[str, int]] = {}
    rows = session.execute(
        select(day, Mention.platform, Mention.sentiment, func.count(Mention.id))
        .where(_mentions(), Mention.created_at >= start)
        .group_by(day, Mention.platform, Mention.sentiment)
    )
    for d, platform, sentiment, n in rows:
        key = d.isoformat() if isinstance(d, date) else str(d)[:10]
        i = index.get(key)
        if i is None:
            continue
        by_channel.setdefault(platform, [0] * days)[i] += n
        label = sentiment if sentiment in SENTIMENTS else "unknown"
        by_sentiment[label][i] += n
        mix = channel_sentiment.setdefault(platform, dict.fromkeys((*SENTIMENTS, "unknown"), 0))
        mix[label] += n
    if not any(by_sentiment["unknown"]):
        by_sentiment.pop("unknown")
    return {"labels": labels, "channels": by_channel, "sentiment": by_sentiment, "start": start,
            "channel_sentiment": channel_sentiment}  # fmt: skip


def top_topics(session: Session, since: datetime, limit: int = 10) -> list[tuple[str, int, int]]:
    """(topic, mentions, negative mentions), most mentioned first."""
    neg = func.sum(case((Mention.sentiment == "negative", 1), else_=0))
    rows = session.execute(
        select(Mention.topic, func.count(Mention.id), neg)
        .where(_mentions(), Mention.created_at >= since, Mention.topic.is_not(None))
        .group_by(Mention.topic)
        .order_by(func.count(Mention.id).desc())
        .limit(limit)
    )
    return [(t, n, int(k or 0)) for t, n, k in rows]


def spikes(session: Session, now: datetime) -> list[dict[str, Any]]:
    """Spike alerts: the last hour against the 12 before it, and the last day (24 h) against
    the 14 before it. A spike is at least MIN_SPIKE posts and above mean + 3 sd (and twice the
    mean) of the reference windows; each comes with the posts behind it."""
    out = []
    for name, window, n_ref in (("hour", timedelta(hours=1), 12), ("day", timedelta(days=1), 14)):
        start = now - window * (n_ref + 1)
        times = list(
            session.scalars(
                select(Mention.created_at).where(_mentions(), Mention.created_at >= start)
            )
        )
        counts = [0] * (n_ref + 1)
        for t in times:
            slot = int((now - t) / window)
            if 0 <= slot <= n_ref:
                counts[slot] += 1
        current, ref = counts[0], counts[1:]
        base, sd = mean(ref), pstdev(ref)
        if current >= MIN_SPIKE and current > base + 3 * sd and current >= 2 * max(base, 0.5):
            posts = list(
                session.scalars(
                    select(Mention)
                    .where(_mentions(), Mention.created_at >= now - window)
                    .order_by(Mention.created_at.desc())
                    .limit(20)
                )
            )
            out.append({"window": name, "count": current, "baseline": round(base, 1),
                        "since": now - window, "posts": posts})  # fmt: skip
    return out


def report(session: Session, days: int) -> dict[str, Any]:
    now = utcnow()
    data = daily(session, days, now)
    return {
        "days": days,
        "now": now,
        "daily": data,
        "topics": top_topics(session, data["start"]),
        "spikes": spikes(session, now),
        "total": sum(sum(v) for v in data["channels"].values()),
    }


def _days() -> int:
    return int_arg(request.args, "days", 30, 1, 365)


@bp.get("/")
@requires("reputation")
def index() -> Any:
    r = report(get_session(), _days())
    d = r["daily"]
    short = [lab[5:] for lab in d["labels"]]
    total = [sum(v[i] for v in d["channels"].values()) for i in range(len(d["labels"]))]
    volume = charts.line_chart(short, {"total": total, **d["channels"]})
    sentiment = charts.stacked_bars(short, d["sentiment"])
    return render_template("reputation/index.html", r=r, volume=volume, sentiment=sentiment)


@bp.get("/export.csv")
@requires("reputation")
def export() -> Response:
    """One row per day and channel: mentions and counts per sentiment."""
    session = get_session()
    days = _days()
    now = utcnow()
    start = (now - timedelta(days=days - 1)).replace(hour=0, minute=0, second=0, microsecond=0)
    day = func.date(Mention.created_at)
    rows = session.execute(
        select(day, Mention.platform, Mention.sentiment, func.count(Mention.id))
        .where(_mentions(), Mention.created_at >= start)
        .group_by(day, Mention.platform, Mention.sentiment)
        .order_by(day, Mention.platform)
    )
    table: dict[tuple[str, str], dict[str, int]] = {}
    for d, platform, sentiment, n in rows:
        key = (d.isoformat() if isinstance(d, date) else str(d)[:10], platform)
        cell = table.setdefault(key, {"mentions": 0, **{s: 0 for s in SENTIMENTS}})
        cell["mentions"] += n
        if sentiment in SENTIMENTS:
            cell[sentiment] += n
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["day", "channel", "mentions", *SENTIMENTS])
    for (d, platform), cell in sorted(table.items()):
        w.writerow([d, _csv_safe(platform), cell["mentions"], *(cell[s] for s in SENTIMENTS)])
    return Response(buf.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=listenpost-reputation.csv"})  # fmt: skip


def _csv_safe(value: str) -> str:
    """No formula injection when the CSV is opened in a spreadsheet."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
