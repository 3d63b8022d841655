"""All configuration, read from the environment in one place.

Every other module asks ``get_settings()``; nothing else reads ``os.environ`` for Courtside
switches. Settings are grouped by concern, one frozen dataclass each, with a comment per field
naming its variable. Defaults make the project run offline on the bundled data. A value that
cannot be read (``COURTSIDE_NBA_RETRIES=many``) is an ``InputError`` naming the variable.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from warehouse.errors import InputError
from warehouse.money import dollars_to_cents

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULT_FEEDS = (
    "https://www.espn.com/espn/rss/nba/news",
    "https://www.cbssports.com/rss/headlines/nba/",
    "https://sports.yahoo.com/nba/rss.xml",
)
# Where the league publishes its official injury report PDFs (ingest.news.official_injury_report names the files)
DEFAULT_INJURY_REPORT_URL = "https://ak-static.cms.nba.com/referee/injury/"
MODES = ("snapshot", "live")

# Set before dbt, dlt or chromadb are imported anywhere: none of them may phone home.
TELEMETRY_OFF = {
    "DO_NOT_TRACK": "1",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    "RUNTIME__DLTHUB_TELEMETRY": "false",
    "ANONYMIZED_TELEMETRY": "False",
}
# dlt logs every retried load job with its traceback; a load reports its own failure in one line
# (ingest.load), so dlt's log is for whoever asks for it with RUNTIME__LOG_LEVEL.
QUIET_LIBRARIES = {"RUNTIME__LOG_LEVEL": "CRITICAL"}


def disable_telemetry() -> None:
    """Process-wide defaults that switch telemetry and library chatter off (never overriding the user's choice)."""
    for key, value in {**TELEMETRY_OFF, **QUIET_LIBRARIES}.items():
        os.environ.setdefault(key, value)


@dataclass(frozen=True)
class DatabaseSettings:
    url: str | None = None  # DATABASE_URL; unset = the embedded server under $COURTSIDE_HOME/pg
    connect_timeout: int = 5  # COURTSIDE_CONNECT_TIMEOUT: seconds before an unreachable database is reported
    lock_wait: float = 0.0  # COURTSIDE_LOCK_WAIT: seconds a run waits for another run's lock (0 = fail at once)


@dataclass(frozen=True)
class SourceSettings:
    mode: str = "snapshot"  # COURTSIDE_MODE: snapshot (replay data/) or live (nba_api, feeds, injury report)
    snapshot_dir: Path = PROJECT_ROOT / "data"  # COURTSIDE_DATA_DIR: the snapshot the daily run replays
    nba_request_interval: float = 0.6  # COURTSIDE_NBA_REQUEST_INTERVAL: seconds between stats.nba.com calls
    nba_timeout: float = 30.0  # COURTSIDE_NBA_TIMEOUT: per-call timeout (seconds), also for feeds
    nba_retries: int = 3  # COURTSIDE_NBA_RETRIES: tries per call, with exponential backoff
    news_feeds: tuple[str, ...] = DEFAULT_FEEDS  # COURTSIDE_NEWS_FEEDS: comma-separated RSS/Atom URLs
    injury_report_url: str = DEFAULT_INJURY_REPORT_URL  # COURTSIDE_INJURY_REPORT_URL: the reports' folder

    @property
    def live(self) -> bool:
        return self.mode == "live"


def _points(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or value < 0:
        raise ValueError(text)
    return value


@dataclass(frozen=True)
class ModelSettings:
    seed: int = 20240101  # COURTSIDE_SEED: seed for every model fit
    # COURTSIDE_ABSENCE_POINTS: points of home margin per point of adjusted plus-minus the listed-out
    # players take off (ml.model.absence_shift); 0 = off (docs/research/model-gap.md rows 16-19)
    absence_points: float = 0.0


@dataclass(frozen=True)
class DbtSettings:
    threads: int = 2  # COURTSIDE_DBT_THREADS


EMBEDDINGS = ("auto", "local", "gemini")


@dataclass(frozen=True)
class IntelSettings:
    gemini_api_key: str | None = None  # GEMINI_API_KEY (or GOOGLE_API_KEY): Gemini summaries and embeddings
    embedding: str = "auto"  # COURTSIDE_INTEL_EMBEDDING: auto (gemini with a key, else local) | local | gemini
    gemini_model: str = "gemini-2.5-flash"  # COURTSIDE_GEMINI_MODEL: the model that writes briefs
    gemini_embedding_model: str = "gemini-embedding-001"  # COURTSIDE_GEMINI_EMBEDDING_MODEL
    gemini_timeout: float = 20.0  # COURTSIDE_GEMINI_TIMEOUT: seconds before a brief falls back to extractive
    top_k: int = 8  # COURTSIDE_INTEL_TOP_K: documents retrieved per game (the out list comes on top)

    @property
    def embedding_provider(self) -> str:
        if self.embedding == "auto":
            return "gemini" if self.gemini_api_key else "local"
        return self.embedding


@dataclass(frozen=True)
class LedgerSettings:
    bankroll_cents: int = 100_000  # COURTSIDE_BANKROLL: starting bankroll in dollars (default 1000.00)
    kelly_fraction: Decimal = Decimal("0.25")  # COURTSIDE_KELLY_FRACTION: share of the full Kelly stake suggested
    max_stake_cents: int = 10_000  # COURTSIDE_MAX_STAKE: the largest stake accepted, in dollars (default 100.00)


@dataclass(frozen=True)
class ApiSettings:
    host: str = "127.0.0.1"  # COURTSIDE_API_HOST: loopback unless asked otherwise
    port: int = 8001  # COURTSIDE_API_PORT
    api_key: str | None = None  # COURTSIDE_API_KEY: Bearer token required for writes (unset: writes refused)
    pool_size: int = 8  # COURTSIDE_API_POOL: database connections the server keeps open


@dataclass(frozen=True)
class MlopsSettings:
    # COURTSIDE_MLOPS_QUEUE_RETRAINS: the daily run queues a retrain job when the policy says so
    # (off: it only records the decision; a person queues with `courtside mlops policy --execute`)
    queue_retrains: bool = False
    # COURTSIDE_MLOPS_MIN_NEW_GAMES: evaluated live games since the active model's training cutoff
    # that make the policy retrain on their own (ml/mlops/thresholds.py has the other thresholds)
    min_new_games: int = 150


@dataclass(frozen=True)
class Settings:
    home: Path  # COURTSIDE_HOME: embedded database, dlt state, dbt target, models, reports, Chroma store
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    sources: SourceSettings = field(default_factory=SourceSettings)
    models: ModelSettings = field(default_factory=ModelSettings)
    dbt: DbtSettings = field(default_factory=DbtSettings)
    intel: IntelSettings = field(default_factory=IntelSettings)
    ledger: LedgerSettings = field(default_factory=LedgerSettings)
    api: ApiSettings = field(default_factory=ApiSettings)
    mlops: MlopsSettings = field(default_factory=MlopsSettings)

    @property
    def pg_dir(self) -> Path:
        return self.home / "pg"

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"

    @property
    def chroma_dir(self) -> Path:
        return self.home / "chroma"

    @property
    def dlt_dir(self) -> Path:
        return self.home / "dlt"


class _Env:
    """Typed reads of the environment that name the variable when its value is unusable."""

    def __init__(self, env: Mapping[str, str]):
        self.env = env

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.env.get(name, "").strip()
        return value or default

    def typed(self, name: str, kind: Callable[[str], Any], default: Any, what: str) -> Any:
        value = self.text(name)
        if value is None:
            return default
        try:
            return kind(value)
        except ValueError:
            raise InputError(f"{name}={value!r} is not {what}") from None

    def flag(self, name: str, default: bool) -> bool:
        value = self.text(name)
        if value is None:
            return default
        if value.lower() in ("1", "true", "yes", "on"):
            return True
        if value.lower() in ("0", "false", "no", "off"):
            return False
        raise InputError(f"{name}={value!r} is not a yes/no value (true/false, 1/0, yes/no, on/off)")

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        value = (self.text(name) or default).lower()
        if value not in choices:
            raise InputError(f"{name}={value!r} is not one of {', '.join(choices)}")
        return value


def _database_url(e: _Env) -> str | None:
    url = e.text("DATABASE_URL")
    if url is not None and not url.startswith(("postgresql://", "postgres://")):
        raise InputError(
            f"DATABASE_URL={url!r} is not a PostgreSQL URL (expected postgresql://user:password@host:port/dbname)"
        )
    return url


def _fraction(value: str) -> Decimal:
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValueError(value) from None
    if not amount.is_finite() or not 0 < amount <= 1:
        raise ValueError(value)
    return amount


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    e = _Env(os.environ if env is None else env)
    feeds = tuple(f.strip() for f in (e.text("COURTSIDE_NEWS_FEEDS") or "").split(",") if f.strip())
    return Settings(
        home=Path(e.text("COURTSIDE_HOME") or PROJECT_ROOT / ".courtside").resolve(),
        database=DatabaseSettings(
            url=_database_url(e),
            connect_timeout=e.typed("COURTSIDE_CONNECT_TIMEOUT", int, 5, "a whole number of seconds"),
            lock_wait=e.typed("COURTSIDE_LOCK_WAIT", float, 0.0, "a number of seconds"),
        ),
        sources=SourceSettings(
            mode=e.choice("COURTSIDE_MODE", MODES, "snapshot"),
            snapshot_dir=Path(e.text("COURTSIDE_DATA_DIR") or PROJECT_ROOT / "data").resolve(),
            nba_request_interval=e.typed("COURTSIDE_NBA_REQUEST_INTERVAL", float, 0.6, "a number of seconds"),
            nba_timeout=e.typed("COURTSIDE_NBA_TIMEOUT", float, 30.0, "a number of seconds"),
            nba_retries=e.typed("COURTSIDE_NBA_RETRIES", int, 3, "a whole number"),
            news_feeds=feeds or DEFAULT_FEEDS,
            injury_report_url=e.text("COURTSIDE_INJURY_REPORT_URL", DEFAULT_INJURY_REPORT_URL),
        ),
        models=ModelSettings(
            seed=e.typed("COURTSIDE_SEED", int, 20240101, "a whole number"),
            absence_points=e.typed("COURTSIDE_ABSENCE_POINTS", _points, 0.0, "a number of points >= 0"),
        ),
        dbt=DbtSettings(threads=e.typed("COURTSIDE_DBT_THREADS", int, 2, "a whole number")),
        intel=IntelSettings(
            gemini_api_key=e.text("GEMINI_API_KEY") or e.text("GOOGLE_API_KEY"),
            embedding=e.choice("COURTSIDE_INTEL_EMBEDDING", EMBEDDINGS, "auto"),
            gemini_model=e.text("COURTSIDE_GEMINI_MODEL", "gemini-2.5-flash"),
            gemini_embedding_model=e.text("COURTSIDE_GEMINI_EMBEDDING_MODEL", "gemini-embedding-001"),
            gemini_timeout=e.typed("COURTSIDE_GEMINI_TIMEOUT", float, 20.0, "a number of seconds"),
            top_k=e.typed("COURTSIDE_INTEL_TOP_K", int, 8, "a whole number"),
        ),
        ledger=LedgerSettings(
            bankroll_cents=e.typed(
                "COURTSIDE_BANKROLL", dollars_to_cents, 100_000, "a positive amount of dollars (e.g. 1000.00)"
            ),
            kelly_fraction=e.typed("COURTSIDE_KELLY_FRACTION", _fraction, Decimal("0.25"), "a fraction in (0, 1]"),
            max_stake_cents=e.typed(
                "COURTSIDE_MAX_STAKE", dollars_to_cents, 10_000, "a positive amount of dollars (e.g. 100.00)"
            ),
        ),
        api=ApiSettings(
            host=e.text("COURTSIDE_API_HOST", "127.0.0.1"),
            port=e.typed("COURTSIDE_API_PORT", int, 8001, "a port number"),
            api_key=e.text("COURTSIDE_API_KEY"),
            pool_size=e.typed("COURTSIDE_API_POOL", int, 8, "a whole number of connections"),
        ),
        mlops=MlopsSettings(
            queue_retrains=e.flag("COURTSIDE_MLOPS_QUEUE_RETRAINS", False),
            min_new_games=e.typed("COURTSIDE_MLOPS_MIN_NEW_GAMES", int, 150, "a whole number"),
        ),
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
