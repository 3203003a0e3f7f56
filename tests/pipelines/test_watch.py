"""The watcher: every source on its own interval; a failing one backs off, the others go on."""

from __future__ import annotations

import json

from config import load_settings
from pipelines.watch import Source, Watcher, configured_sources, summary_line
from tests.helpers import write_jsonl
from webapp.cli import main


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_failing_source_backs_off_while_others_go_on() -> None:
    clock = FakeClock()
    calls: list[tuple[float, str]] = []

    def run(name: str) -> tuple[bool, str]:
        calls.append((clock.now, name))
        if name == "youtube":
            raise RuntimeError("quota service down")
        return True, json.dumps({"new": 1})

    watcher = Watcher(
        [Source("reddit", 10), Source("youtube", 10)], run, max_backoff=60, clock=clock
    )
    for _ in range(16):
        watcher.tick()
        wait = min(s.next_due for s in watcher.sources) - clock.now
        clock.sleep(max(wait, 0))
    reddit_times = [t for t, n in calls if n == "reddit"]
    youtube_times = [t for t, n in calls if n == "youtube"]
    assert reddit_times[:4] == [0, 10, 20, 30]  # unaffected by youtube's failures
    gaps = [b - a for a, b in zip(youtube_times, youtube_times[1:], strict=False)]
    assert gaps[:3] == [20, 40, 60] and max(gaps) == 60  # doubled, capped
    assert watcher.sources[1].last["ok"] is False


def test_recovery_resets_the_backoff() -> None:
    clock = FakeClock()
    results = iter([(False, "boom"), (False, "boom"), (True, "{}"), (True, "{}")])
    watcher = Watcher([Source("forums", 5)], lambda name: next(results), clock=clock)
    delays = []
    for _ in range(4):
        watcher.tick()
        delays.append(watcher.sources[0].next_due - clock.now)
        clock.now = watcher.sources[0].next_due
    assert delays == [10, 20, 5, 5]


def test_configured_sources_need_credentials_or_sites() -> None:
    assert configured_sources(load_settings()) == []
    s = load_settings(
        reddit={"client_id": "a", "client_secret": "b"},
        forums={"sites": [{"name": "f", "kind": "discourse", "url": "http://127.0.0.1:1"}]},
    )
    assert [x.name for x in configured_sources(s)] == ["reddit", "forums"]


def test_summary_line() -> None:
    assert summary_line('{"new": 2, "duplicates": 0}') == "new 2, duplicates 0"
    assert summary_line("Error: youtube: quotaExceeded") == "Error: youtube: quotaExceeded"


def test_watch_without_sources_is_a_clear_error(cli, home) -> None:  # noqa: ANN001
    result = cli.invoke(main, ["watch", "--once"])
    assert result.exit_code == 1 and "nothing to watch" in result.output
    assert not (home / "listenpost.db").exists()  # the mistake is named before anything is made


def test_sources_lists_run_summaries(cli, tmp_path) -> None:  # noqa: ANN001
    path = write_jsonl(
        tmp_path / "m.jsonl", [{"id": "1", "platform": "other", "author": "a", "text": "t"}]
    )
    cli.invoke(main, ["import", "mentions", str(path)])
    cli.invoke(main, ["import", "mentions", str(path)])
    result = cli.invoke(main, ["sources", "--json"])
    assert result.exit_code == 0, result.output
    runs = json.loads(result.stdout)
    assert [(r["source"], r["new"], r["duplicates"], r["status"]) for r in runs] == [
        ("import:m.jsonl", 0, 1, "ok"),
        ("import:m.jsonl", 1, 0, "ok"),
    ]
    text = cli.invoke(main, ["sources"]).stdout
    assert "import:m.jsonl" in text and "new 1" in text
