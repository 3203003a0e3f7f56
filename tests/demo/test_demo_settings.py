"""The demo's settings keep it apart from a real installation even in a shell set up for one:
its home, SQLite database, single machine and loopback clients win over LISTENPOST_* variables,
while the user's other settings still apply."""

from __future__ import annotations

from pathlib import Path

import pytest

from demo.run import DEMO_KEY, demo_settings, load_world

URLS = {
    "reddit": "http://127.0.0.1:1",
    "youtube": "http://127.0.0.1:2",
    "forum": "http://127.0.0.1:3",
}


def test_a_real_installations_environment_does_not_reach_the_demo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = {
        "LISTENPOST_HOME": str(tmp_path / "real"),
        "LISTENPOST_DATABASE_URL": "postgresql://care@db.example/listenpost",
        "LISTENPOST_CLUSTER__BROKER_URL": "amqp://guest:guest@mq.example:5672//",
        "LISTENPOST_REDDIT__USERNAME": "RealBrandAccount",
        "LISTENPOST_REDDIT__PASSWORD": "real-password",
        "LISTENPOST_REDDIT__OAUTH_URL": "https://oauth.reddit.com",
        "LISTENPOST_YOUTUBE__OAUTH_TOKEN": "real-token",
        "LISTENPOST_YOUTUBE__API_ENDPOINT": "https://www.googleapis.com",
        "LISTENPOST_TRIAGE__DEFAULT_TEAM": "care-desk",  # not the demo's business: it applies
    }
    for name, value in real.items():
        monkeypatch.setenv(name, value)
    world = load_world()
    s = demo_settings(None, world, URLS)
    assert s.home == tmp_path / "real" / "demo"
    assert s.db_url == f"sqlite:///{tmp_path / 'real' / 'demo' / 'listenpost.db'}"
    assert (s.cluster.broker_url, s.cluster.redis_url) == ("", "")
    assert s.reddit.username == world["brand"]["accounts"]["reddit"][0]
    assert (s.reddit.password, s.reddit.oauth_url) == (DEMO_KEY, URLS["reddit"])
    assert (s.youtube.oauth_token, s.youtube.api_endpoint) == (DEMO_KEY, URLS["youtube"])
    assert [site.url for site in s.forums.sites] == [URLS["forum"]]
    assert s.brand.name == world["brand"]["name"]
    assert s.triage.default_team == "care-desk"
    assert demo_settings(None, world, URLS, home=tmp_path / "d").home == tmp_path / "d"
