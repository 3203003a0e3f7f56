"""The one settings object.

Precedence, lowest first: config/listenpost.toml (packaged defaults), the user TOML file
(``--config FILE`` or ``LISTENPOST_CONFIG``), environment variables (``LISTENPOST_`` prefix,
``__`` for nesting: ``LISTENPOST_REDDIT__OAUTH_URL`` sets ``[reddit] oauth_url``).

Unknown keys are an error that names the key. Secrets are read only from the environment or the
user file, and :meth:`Settings.secret` turns a missing one into a message naming the variable.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from config.errors import ListenpostError

DEFAULTS_FILE = Path(__file__).with_name("listenpost.toml")
ENV_PREFIX = "LISTENPOST_"


class ConfigError(ListenpostError):
    """A setting is missing, unknown or malformed. Raised by :func:`load_settings` and
    :meth:`Settings.secret`; the CLI shows its message on one line."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BrandAccounts(_Section):
    reddit: list[str] = []
    youtube: list[str] = []
    forum: list[str] = []


class Brand(_Section):
    name: str = ""
    queries: list[str] = []
    accounts: BrandAccounts = BrandAccounts()


class RedditSearch(_Section):
    query: str
    subreddits: list[str] = []


class Reddit(_Section):
    client_id: str = ""
    client_secret: str = ""
    user_agent: str = "listenpost/0.1"
    oauth_url: str = "https://oauth.reddit.com"
    reddit_url: str = "https://www.reddit.com"
    more_budget: int = Field(32, ge=0)
    timeout: float = Field(16.0, gt=0)
    searches: list[RedditSearch] = []
    watch: list[str] = []  # subreddits whose new posts are watched
    interval: int = Field(900, ge=1)  # seconds between runs under `listenpost watch`
    help_subreddits: list[str] = []  # good answers there become third-party help docs
    help_min_score: int = 5  # the score an answer needs to become a help doc
    active_days: float = Field(7.0, ge=0)  # known threads re-checked for new comments this long
    retries: int = Field(2, ge=0)  # retries of 5xx, timeouts, bad JSON and 429
    backoff: float = Field(2.0, ge=0)  # seconds before the first retry; doubles each time
    # the brand account replies are published with (script app, password grant; secrets)
    username: str = ""
    password: str = ""


class YouTubeSearch(_Section):
    query: str


class YouTube(_Section):
    api_key: str = ""
    api_endpoint: str = "https://www.googleapis.com"
    daily_quota: int = Field(10000, ge=0)
    channel_id: str = ""
    oauth_token: str = ""  # OAuth access token of the brand channel, for comments.insert (secret)
    searches: list[YouTubeSearch] = []
    search_interval_minutes: int = Field(60, ge=0)  # a query is searched at most this often
    interval: int = Field(1800, ge=1)


class ForumSite(_Section):
    name: str
    kind: Literal["discourse", "generic", "sitemap", "stackexchange"]
    url: str
    selectors: dict[str, str] = {}
    third_party: bool = True  # sitemap sites: false for the brand's own help centre


class Forums(_Section):
    user_agent: str = "listenpost/0.1"
    sites: list[ForumSite] = []
    interval: int = Field(3600, ge=1)


class Index(_Section):
    model: str = ""  # packaged model name or local directory; empty: multilingual-e5-small-q4
    batch_size: int = Field(64, ge=1)
    exact_max: int = Field(200_000, ge=0)
    hnsw_ef_search: int = Field(320, ge=10)  # HNSW search breadth: recall against speed
    # a second model for English queries against the knowledge collection (empty: none)
    english_model: str = "all-MiniLM-L6-v2"


class Identity(_Section):
    threshold: float = Field(0.9, ge=0, le=1)  # links at or above join; below go to an agent
    ticket_similarity: float = Field(0.86, ge=-1, le=1)  # cosine (default model) to join a ticket
    ticket_window_hours: float = Field(72.0, gt=0)  # ...when its last post is this recent
    repost_window_days: float = Field(30.0, gt=0)  # ...and for a post that asks again
    hash_key: str = ""  # HMAC key for contact details; empty: a random key kept in home
    retention_days: dict[str, int] = {}  # per source (platform): forget mentions older than N days


def _default_topics() -> dict[str, list[str]]:
    return {
        "billing": ["bill", "invoice", "charge", "charged", "refund", "payment", "price",
                    "factura", "cobro", "cobrado", "cargo", "reembolso", "pago", "precio"],
        "network": ["signal", "coverage", "outage", "no service", "internet down", "slow",
                    "señal", "cobertura", "caída", "sin servicio", "lento", "corte"],
        "router": ["router", "wifi", "wi-fi", "modem", "fibre", "fiber", "módem", "fibra"],
        "app": ["app", "login", "log in", "password", "update", "crash", "aplicación",
                "contraseña", "actualización", "se cierra"],
        "roaming": ["roaming", "abroad", "travel", "extranjero", "viaje", "itinerancia"],
        "account": ["account", "contract", "cancel", "sim", "number", "cuenta", "contrato",
                    "cancelar", "baja", "número"],
    }  # fmt: skip


def _default_teams() -> dict[str, str]:
    return {"billing": "billing", "network": "technical", "router": "technical",
            "app": "digital", "roaming": "billing", "account": "accounts"}  # fmt: skip


class Triage(_Section):
    """Duplicates, priority and routing (docs/understanding.md, "Triage")."""

    sla_minutes: dict[str, int] = {"reddit": 60, "youtube": 60, "forum": 60, "other": 60}
    topics: dict[str, list[str]] = Field(default_factory=_default_topics)
    teams: dict[str, str] = Field(default_factory=_default_teams)
    default_team: str = "general"
    near_duplicate: float = Field(0.8, ge=0, le=1)  # shingle Jaccard (MinHash estimate)
    near_duplicate_min_words: int = Field(8, ge=1)  # shorter posts: exact duplicates only
    near_duplicate_days: float = Field(7.0, gt=0)  # compared with posts this recent


class Staffing(_Section):
    """Defaults of ``listenpost staffing`` and the KPIs page (docs/forecast.md)."""

    service_level: float = Field(0.8, gt=0, lt=1)
    within_minutes: float = Field(60.0, gt=0)
    shrinkage: float = Field(0.3, ge=0, lt=1)
    max_occupancy: float = Field(0.85, gt=0, le=1)
    aht_minutes: float = Field(10.0, gt=0)  # handle time while fewer than min_handled are measured
    min_handled: int = Field(5, ge=1)
    on_shift: dict[str, int] = {}  # agents on the current shift per team ("now: N needed, M on")


class Web(_Section):
    host: str = "127.0.0.1"
    port: int = Field(5000, ge=0, le=65535)
    secret_key: str = ""


_BROKER_SCHEMES = ("amqp", "amqps", "pyamqp", "redis", "rediss")
_REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


class Cluster(_Section):
    """Scale-out over a message broker (docs/deployment.md). Empty ``broker_url``: one machine."""

    broker_url: str = ""  # amqp://guest:guest@127.0.0.1:5672// (RabbitMQ) or redis://host:6379/0
    queue: str = Field("listenpost", min_length=1)  # the broker queue of chain batches
    batch_size: int = Field(256, ge=1)  # items per enqueued batch (one task, one commit)
    retries: int = Field(5, ge=0)  # a batch that failed is retried this often, then logged
    retry_delay: float = Field(10.0, ge=0)  # seconds before the first retry; doubles each time
    lease_seconds: float = Field(300.0, gt=0)  # a crawler's hold on a source, renewed while it runs
    index_interval: float = Field(300.0, gt=0)  # beat: index update and suggestions, seconds
    triage_interval: float = Field(600.0, gt=0)  # beat: triage refresh, seconds
    publish_interval: float = Field(60.0, gt=0)  # beat: publishing queued replies, seconds
    # Redis shared by every host: the near-duplicate index's bands and the forum crawls' request
    # queue and duplicate filter (empty: the broker's, when the broker is Redis)
    redis_url: str = ""

    @field_validator("broker_url")
    @classmethod
    def _scheme(cls, value: str) -> str:
        scheme, sep, _ = value.partition("://")
        if value and (not sep or scheme not in _BROKER_SCHEMES):
            raise ValueError("must start with " + ", ".join(f"{s}://" for s in _BROKER_SCHEMES))
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_scheme(cls, value: str) -> str:
        if value and not value.startswith(_REDIS_SCHEMES):
            raise ValueError("must start with " + ", ".join(_REDIS_SCHEMES))
        return value

    @property
    def shared_redis(self) -> str:
        """The Redis every host shares: ``redis_url``, else the broker when it is Redis; empty
        on one machine (and with a RabbitMQ broker and no ``redis_url``)."""
        if self.redis_url:
            return self.redis_url
        return self.broker_url if self.broker_url.startswith(_REDIS_SCHEMES) else ""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        extra="forbid",
    )

    home: Path = Path(".listenpost")
    database_url: str = ""
    brand: Brand = Brand()
    reddit: Reddit = Reddit()
    youtube: YouTube = YouTube()
    forums: Forums = Forums()
    index: Index = Index()
    identity: Identity = Identity()
    triage: Triage = Triage()
    staffing: Staffing = Staffing()
    web: Web = Web()
    cluster: Cluster = Cluster()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Environment beats the merged TOML files, which arrive as init kwargs.
        return (env_settings, init_settings)

    @property
    def db_url(self) -> str:
        """The SQLAlchemy URL: LISTENPOST_DATABASE_URL, or SQLite under home."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.home / 'listenpost.db').resolve()}"

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    def secret(self, dotted: str) -> str:
        """Return the secret at ``section.key`` or stop with the variable to set."""
        section, key = dotted.split(".")
        value = getattr(getattr(self, section), key)
        if not value:
            var = f"{ENV_PREFIX}{section.upper()}__{key.upper()}"
            raise ConfigError(
                f"missing secret {dotted}: set {var} or [{section}] {key} in your config file"
            )
        return str(value)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise ConfigError(f"config file {path} is not valid UTF-8 (line {line})") from None
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from None


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _describe(exc: ValidationError, origin: str) -> str:
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err["loc"])
    if err["type"] == "extra_forbidden":
        return f"unknown config key '{where}' ({origin})"
    return f"bad config value for '{where}': {err['msg']} ({origin})"


def load_settings(config_file: str | os.PathLike[str] | None = None, **overrides: Any) -> Settings:
    """Build the settings: defaults, then the user file, then the environment.

    ``overrides`` (tests, the demo) sit between the user file and the environment.
    """
    data = _read_toml(DEFAULTS_FILE)
    origin = str(DEFAULTS_FILE)
    path = config_file or os.environ.get(f"{ENV_PREFIX}CONFIG")
    if path:
        user = _read_toml(Path(path))
        origin = str(path)
        data = _merge(data, user)
    data = _merge(data, overrides)
    try:
        settings = Settings(**data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, f"{origin} or {ENV_PREFIX}* environment")) from None
    if settings.cluster.broker_url and settings.db_url.startswith("sqlite"):
        raise ConfigError(
            "[cluster] broker_url is set but database_url is SQLite: a cluster needs PostgreSQL "
            f"(set database_url or {ENV_PREFIX}DATABASE_URL, or empty broker_url for one machine)"
        )
    if settings.cluster.redis_url and settings.db_url.startswith("sqlite"):
        raise ConfigError(
            "[cluster] redis_url is set but database_url is SQLite: hosts sharing Redis share "
            f"PostgreSQL too (set database_url or {ENV_PREFIX}DATABASE_URL, or empty redis_url)"
        )
    return settings
