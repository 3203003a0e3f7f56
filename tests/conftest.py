"""Shared fixtures: settings on a temporary home, databases (SQLite and PostgreSQL), the Flask app,
its client and a CLI runner."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from config import Settings, load_settings
from pipelines.models.db import Database

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PG_ENV = "LISTENPOST_TEST_DATABASE_URL"
BROKER_ENV = "LISTENPOST_TEST_BROKER_URL"
REDIS_ENV = "LISTENPOST_TEST_REDIS_URL"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's own listenpost environment."""
    for name in list(os.environ):
        if name.startswith("LISTENPOST_") and name not in (PG_ENV, BROKER_ENV, REDIS_ENV):
            monkeypatch.delenv(name)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def settings(home: Path) -> Settings:
    return load_settings(home=str(home))


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = Database(settings)
    database.init()
    yield database
    database.dispose()


def _postgres_admin_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (set by .ci/run)")
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    admin_url = make_url(_postgres_admin_url())
    name = f"lp_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any connection failure means "not reachable"
        admin.dispose()
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL at {admin_url.render_as_string()} is not reachable: {exc}")
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def redis_url() -> str:
    """The Redis under test (mark the test ``redis``), or skip: unset, or unreachable outside
    CI. Tests keep their keys under a prefix of their own."""
    url = os.environ.get(REDIS_ENV)
    if not url:
        pytest.skip(f"Redis tests need {REDIS_ENV} (set by .ci/run)")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        if os.environ.get("CI"):
            raise
        pytest.skip(f"Redis at {url} is not reachable: {exc}")
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_settings(request: pytest.FixtureRequest, home: Path) -> Settings:
    """Settings on SQLite, then on PostgreSQL: storage tests run on both."""
    if request.param == "sqlite":
        return load_settings(home=str(home))
    return load_settings(home=str(home), database_url=request.getfixturevalue("pg_url"))


@pytest.fixture
def any_db(any_settings: Settings) -> Iterator[Database]:
    database = Database(any_settings)
    database.init()
    yield database
    database.dispose()


@pytest.fixture
def app(settings: Settings, db: Database):  # noqa: ANN201
    from webapp import create_app

    return create_app(settings=settings, test_config={"TESTING": True})


@pytest.fixture
def client(app):  # noqa: ANN001, ANN201
    return app.test_client()


@pytest.fixture
def cli(home: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A runner for the `listenpost` command on the temporary home."""
    monkeypatch.setenv("LISTENPOST_HOME", str(home))
    return CliRunner()
