"""All configuration, read from the environment in one place.

Every other module asks ``get_settings()``; nothing else reads ``os.environ`` for
Courtside switches. Defaults make the project run offline on the bundled data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULT_FEEDS = (
    "https://www.espn.com/espn/rss/nba/news",
    "https://www.cbssports.com/rss/headlines/nba/",
    "https://sports.yahoo.com/nba/rss.xml",
)

# Set before dbt, dlt or chromadb are imported anywhere: none of them may phone home.
TELEMETRY_OFF = {
    "DO_NOT_TRACK": "1",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    "RUNTIME__DLTHUB_TELEMETRY": "false",
    "ANONYMIZED_TELEMETRY": "False",
}


def disable_telemetry() -> None:
    for key, value in TELEMETRY_OFF.items():
        os.environ.setdefault(key, value)


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    database_url: str | None
    home: Path
    data_dir: Path
    connect_timeout: int = 5
    nba_live: bool = False
    nba_request_interval: float = 0.6
    nba_timeout: float = 30.0
    nba_retries: int = 3
    news_feeds: tuple[str, ...] = DEFAULT_FEEDS
    odds_api_key: str | None = None
    gemini_api_key: str | None = None
    seed: int = 20240101
    dbt_threads: int = 2
    extra: dict[str, str] = field(default_factory=dict)

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


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    home = Path(env.get("COURTSIDE_HOME") or PROJECT_ROOT / ".courtside").resolve()
    feeds = tuple(f.strip() for f in env.get("COURTSIDE_NEWS_FEEDS", "").split(",") if f.strip())
    return Settings(
        database_url=env.get("DATABASE_URL") or None,
        home=home,
        data_dir=Path(env.get("COURTSIDE_DATA_DIR") or PROJECT_ROOT / "data").resolve(),
        connect_timeout=int(env.get("COURTSIDE_CONNECT_TIMEOUT", "5")),
        nba_live=_bool(env.get("COURTSIDE_NBA_LIVE"), False),
        nba_request_interval=float(env.get("COURTSIDE_NBA_REQUEST_INTERVAL", "0.6")),
        nba_timeout=float(env.get("COURTSIDE_NBA_TIMEOUT", "30")),
        nba_retries=int(env.get("COURTSIDE_NBA_RETRIES", "3")),
        news_feeds=feeds or DEFAULT_FEEDS,
        odds_api_key=env.get("COURTSIDE_ODDS_API_KEY") or None,
        gemini_api_key=env.get("GEMINI_API_KEY") or env.get("GOOGLE_API_KEY") or None,
        seed=int(env.get("COURTSIDE_SEED", "20240101")),
        dbt_threads=int(env.get("COURTSIDE_DBT_THREADS", "2")),
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
