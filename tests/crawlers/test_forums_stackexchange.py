"""The Stack Exchange API spider against the loopback API, through the real pipelines."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from demo.fake_forum import FakeStackExchange
from tests.crawlers.forum_support import T0, Rows, crawl, se_settings, se_world


class TimedStackExchange(FakeStackExchange):
    def __init__(self, *a: Any, **kw: Any) -> None:
        super().__init__(*a, **kw)
        self.times: list[float] = []

    def route(self, req: Any) -> Any:
        if req.path.startswith("/2.3/"):
            self.times.append(time.monotonic())
        return super().route(req)


def test_questions_answers_and_accepted_answers(home: Path) -> None:
    with FakeStackExchange(se_world(3)) as fake:
        settings = se_settings(home, fake)
        first = crawl(settings, ["stackexchange"])
        fake.world["stackexchange"]["questions"][0]["last_activity_date"] = T0 + 1000
        fake.world["stackexchange"]["answers"].append(
            {
                "answer_id": 13, "question_id": 10, "body": "<p>Or update it.</p>",
                "owner": {"user_id": 9, "display_name": "late"}, "creation_date": T0 + 999,
                "score": 0, "is_accepted": False,
            }
        )  # fmt: skip
        fake.requests.clear()
        second = crawl(settings, ["stackexchange"])
        questions_calls = [r for r in fake.requests if r.path == "/2.3/questions"]
    assert first["new"] == 3 + 6 + 3  # questions, answers, accepted answers as help docs
    assert first["errors"] == 0
    assert second["new"] == 1  # the new answer only; the changed question is the same text
    assert questions_calls[0].query["min"] == [str(T0 + 300)]
    assert questions_calls[0].query["site"] == ["superuser"]
    with Rows(settings) as rows:
        got = rows.mentions("su:")
        docs = rows.docs()
    q = got["su:q10"]
    assert (q.kind, q.title, q.author, q.thread_id) == (
        "post", "Router & modem question 1", "asker1", "su:t10",
    )  # fmt: skip
    assert q.text == "My router 1 drops Wi-Fi."
    assert (q.score, q.replies, q.views) == (1, 2, 51)
    assert q.url == "https://superuser.com/questions/10/q"
    a = got["su:a11"]
    assert (a.kind, a.parent_id, a.author, a.by_brand, a.score) == (
        "answer", "su:q10", "helper1", True, 2,
    )  # fmt: skip
    assert a.url == "https://superuser.com/questions/10/q#11"
    doc = docs["third_party:su:a11"]
    assert (doc.title, doc.body, doc.author, doc.score) == (
        "Router & modem question 1", "Answer 1: reset the router 1.", "helper1", 2,
    )  # fmt: skip
    assert "third_party:su:a12" not in docs


def test_backoff_is_honoured_and_quota_stops_the_run(home: Path) -> None:
    world = se_world(3)
    with TimedStackExchange(world, backoff=1.0, backoff_every=1) as fake:
        settings = se_settings(home, fake)
        crawl(settings, ["stackexchange"])
        assert len(fake.times) == 2  # questions, then the page's answers after the backoff
        assert fake.times[1] - fake.times[0] >= 0.95
    with FakeStackExchange(world, quota=1) as fake:
        settings = se_settings(home.parent / "other", fake)
        result = crawl(settings, ["stackexchange"])
        with Rows(settings) as rows:
            assert rows.state("forum:su").get("last_activity") is None  # not a complete run
    assert result["new"] == 3  # the questions; the answers wait for quota
