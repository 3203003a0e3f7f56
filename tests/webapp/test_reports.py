"""Reputation (daily volume and sentiment, spikes, CSV) and KPIs computed from known data."""

from __future__ import annotations

from datetime import timedelta

from crawlers.items import utcnow
from pipelines.models.records import Mention, Reply, Ticket
from webapp import kpis, reputation


def _m(i: int, minutes_ago: float, platform: str = "reddit", sentiment: str = "negative",
       ticket_id: int | None = None) -> Mention:  # fmt: skip
    return Mention(platform=platform, source_id=f"s{i}", author="a", text="t",
                   created_at=utcnow() - timedelta(minutes=minutes_ago), content_hash=f"h{i}",
                   sentiment=sentiment, topic="billing", ticket_id=ticket_id)  # fmt: skip


def test_daily_volume_spikes_and_csv(any_db) -> None:  # noqa: ANN001
    with any_db.session() as s:
        # a quiet baseline: one post every two hours over the previous 12 hours
        s.add_all([_m(i, 90 + 120 * i, sentiment="neutral") for i in range(6)])
        # then seven in the last hour, two on YouTube
        s.add_all([_m(100 + i, 5 + 5 * i, "youtube" if i < 2 else "reddit") for i in range(7)])
    with any_db.sessionmaker() as s:
        r = reputation.report(s, 7)
        assert r["total"] == 13
        d = r["daily"]
        assert sum(d["channels"]["youtube"]) == 2 and sum(d["channels"]["reddit"]) == 11
        assert sum(d["sentiment"]["negative"]) == 7 and sum(d["sentiment"]["neutral"]) == 6
        assert d["channel_sentiment"]["youtube"]["negative"] == 2
        hour = [x for x in r["spikes"] if x["window"] == "hour"]
        assert len(hour) == 1 and hour[0]["count"] == 7 and len(hour[0]["posts"]) == 7
        assert r["topics"] == [("billing", 13, 7)]


def test_the_brands_own_posts_are_not_reputation(any_db) -> None:  # noqa: ANN001
    with any_db.session() as s:
        s.add_all([_m(i, 30 + 60 * i, sentiment="neutral") for i in range(3)])
        brand = [_m(100 + i, 5 + i, sentiment=None) for i in range(8)]  # replies, unclassified
        for m in brand:
            m.by_brand = True
        s.add_all(brand)
    with any_db.sessionmaker() as s:
        r = reputation.report(s, 7)
        found = {x["window"]: x["count"] for x in reputation.spikes(s, utcnow())}
    assert r["total"] == 3
    assert sum(r["daily"]["channels"]["reddit"]) == 3
    assert r["topics"] == [("billing", 3, 0)]
    assert found == {"day": 3}  # eight brand replies in the last hour are no spike


def test_no_spike_when_the_last_hour_is_usual(any_db) -> None:  # noqa: ANN001
    with any_db.session() as s:
        s.add_all([_m(i, 30 + 60 * i) for i in range(13)])  # one per hour
    with any_db.sessionmaker() as s:
        found = {x["window"]: x["count"] for x in reputation.spikes(s, utcnow())}
    assert found == {"day": 13}  # usual for the hour; a spike for the day (none before)


def test_kpis(any_db) -> None:  # noqa: ANN001
    now = utcnow()
    with any_db.session() as s:
        for i, (frt, closed_h, sla_min) in enumerate([(10, 2, 30), (20, 5, 15), (40, None, 60)]):
            start = now - timedelta(hours=6)
            t = Ticket(
                status="closed" if closed_h else "open",
                created_at=now,  # stored now; its times run from the first post
                first_post_at=start,
                first_response_at=start + timedelta(minutes=frt),
                sla_due_at=start + timedelta(minutes=sla_min),
                closed_at=start + timedelta(hours=closed_h or 0) if closed_h else None,
            )
            s.add(t)
            s.flush()
            row = _m(i, 360, ticket_id=t.id)
            row.needs_reply = closed_h is None  # the open one still waits for an answer
            s.add(row)
            s.add(Reply(mention_id=i + 1, ticket_id=t.id, channel="reddit", text="x",
                        status="sent", idempotency_key=f"k{i}",
                        sent_at=start + timedelta(minutes=frt)))  # fmt: skip
            if i == 1:
                s.add(Reply(mention_id=i + 1, ticket_id=t.id, channel="reddit", text="y",
                            status="sent", idempotency_key="k-extra",
                            sent_at=start + timedelta(minutes=frt + 30)))  # fmt: skip
    with any_db.sessionmaker() as s:
        k = kpis.compute(s, 7)
    assert (k["frt_median"], k["frt_p90"], k["frt_n"]) == (20, 40, 3)
    assert k["closed"] == 2 and k["resolution_median"] == 2
    assert k["fcr"] == 50  # one of the two closed tickets needed a second reply
    assert round(k["sla_met"]) == 67  # 10 <= 30, 20 > 15, 40 <= 60
    assert k["closed_per_hour_24h"] == 2 / 24
    assert sum(map(sum, k["grid"])) == 3


def test_percentile() -> None:
    assert kpis.percentile([], 50) is None
    assert kpis.percentile([5, 1, 3], 50) == 3
    assert kpis.percentile(list(range(1, 11)), 90) == 9
