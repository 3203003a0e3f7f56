from pathlib import Path

import pytest

from config import ConfigError, load_settings
from webapp.cli import main


def test_defaults_come_from_the_packaged_file(home: Path) -> None:
    s = load_settings()
    assert s.reddit.oauth_url == "https://oauth.reddit.com"
    assert s.youtube.daily_quota == 10000
    assert s.home == Path(".listenpost")


def test_user_file_overrides_defaults_and_env_overrides_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "user.toml"
    user.write_text(
        '[reddit]\noauth_url = "http://127.0.0.1:9/"\nuser_agent = "mine"\n'
        '[brand]\nname = "Acme"\nqueries = ["acme"]\n'
    )
    s = load_settings(user)
    assert s.reddit.oauth_url == "http://127.0.0.1:9/"
    assert s.brand.queries == ["acme"]
    monkeypatch.setenv("LISTENPOST_REDDIT__OAUTH_URL", "http://127.0.0.1:7/")
    monkeypatch.setenv("LISTENPOST_CONFIG", str(user))
    s = load_settings()
    assert s.reddit.oauth_url == "http://127.0.0.1:7/"
    assert s.reddit.user_agent == "mine"


def test_home_and_database_url_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LISTENPOST_HOME", str(tmp_path / "h"))
    s = load_settings()
    assert s.home == tmp_path / "h"
    assert s.db_url == f"sqlite:///{(tmp_path / 'h' / 'listenpost.db').resolve()}"
    monkeypatch.setenv("LISTENPOST_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert load_settings().db_url == "postgresql+psycopg://u@h/db"


def test_unknown_key_is_an_error_naming_it(tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    user.write_text("[reddit]\noauth_ulr = 'x'\n")
    with pytest.raises(ConfigError, match=r"unknown config key 'reddit.oauth_ulr'"):
        load_settings(user)


def test_bad_value_and_bad_toml(tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    user.write_text("[youtube]\ndaily_quota = 'lots'\n")
    with pytest.raises(ConfigError, match="youtube.daily_quota"):
        load_settings(user)
    user.write_text("[youtube\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(user)
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(tmp_path / "missing.toml")


def test_missing_secret_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="LISTENPOST_REDDIT__CLIENT_SECRET"):
        load_settings().secret("reddit.client_secret")
    assert load_settings(reddit={"client_secret": "s"}).secret("reddit.client_secret") == "s"


def test_cli_reports_config_errors_in_one_line(cli, tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    user.write_text("[web]\nbogus = 1\n")
    result = cli.invoke(main, ["--config", str(user), "init"])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: unknown config key 'web.bogus' ({user} or LISTENPOST_* environment)"
    )
    assert "Traceback" not in result.output


def test_cli_missing_secret_is_one_line(cli, tmp_path: Path) -> None:
    result = cli.invoke(main, ["crawl", "reddit"])
    assert result.exit_code == 1
    assert "LISTENPOST_REDDIT__CLIENT_ID" in result.output or (
        "LISTENPOST_REDDIT__CLIENT_SECRET" in result.output
    )
    assert len(result.output.strip().splitlines()) == 1


def test_cli_config_file_not_utf8_is_one_line(cli, tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    user.write_bytes(b'[web]\nport = 5001\nhost = "caf\xe9"\n')
    result = cli.invoke(main, ["--config", str(user), "init"])
    assert result.exit_code == 1
    assert result.output == f"Error: config file {user} is not valid UTF-8 (line 3)\n"


def test_a_cluster_refuses_sqlite_naming_the_setting() -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(cluster={"broker_url": "amqp://guest:guest@127.0.0.1:5672//"})
    assert str(err.value).startswith("[cluster] broker_url is set but database_url is SQLite")
    assert "\n" not in str(err.value)
    ok = load_settings(
        database_url="postgresql+psycopg://u@h/db", cluster={"broker_url": "redis://h:6379/0"}
    )
    assert ok.cluster.broker_url == "redis://h:6379/0"
    assert load_settings().cluster.broker_url == ""  # one machine by default


def test_a_broker_url_of_another_scheme_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"bad config value for 'cluster.broker_url': .*amqp://"):
        load_settings(
            database_url="postgresql+psycopg://u@h/db", cluster={"broker_url": "http://x"}
        )


def test_a_shared_redis_needs_postgresql_and_a_redis_url() -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(cluster={"redis_url": "redis://127.0.0.1:6379/0"})
    assert str(err.value).startswith("[cluster] redis_url is set but database_url is SQLite")
    with pytest.raises(ConfigError, match=r"bad config value for 'cluster.redis_url': .*redis://"):
        load_settings(database_url="postgresql+psycopg://u@h/db", cluster={"redis_url": "http://x"})
    pg = "postgresql+psycopg://u@h/db"
    redis_broker = load_settings(database_url=pg, cluster={"broker_url": "redis://h:6379/1"})
    assert redis_broker.cluster.shared_redis == "redis://h:6379/1"  # the broker's Redis
    rabbit = {"broker_url": "amqp://guest:guest@h:5672//"}
    assert load_settings(database_url=pg, cluster=rabbit).cluster.shared_redis == ""
    both = load_settings(database_url=pg, cluster={**rabbit, "redis_url": "redis://r:6379/2"})
    assert both.cluster.shared_redis == "redis://r:6379/2"
    assert load_settings().cluster.shared_redis == ""  # one machine
