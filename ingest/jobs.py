"""The ingest jobs: replay a snapshot as of a morning, or fetch the live sources for a morning.

Jobs are plain functions with typed results that audit themselves (``ops.pipeline_audit``),
hold the warehouse lock, and raise ``CourtsideError``s with a clear message: the CLI, the daily
pipeline, the API and the tests all call them the same way.

A snapshot load as of D ends with exactly what was known on the morning of D:

* a full load (the default) merges everything the snapshot knew that morning;
* an incremental load (the daily run) reads only from each resource's cursor on, and only the
  season files that can hold such rows, so its cost does not grow with history;
* a load as of a morning *earlier* than results already in the warehouse replaces the raw
  tables' rows (as-of replays go back in time only by starting over).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

from ingest.load import run_sources
from ingest.market import NoLiveProvider, market
from ingest.nba import nba
from ingest.nba.client import NbaStatsClient
from ingest.nba.live import LiveNbaFeed
from ingest.news import news
from ingest.news.live import LiveNewsFeed
from ingest.snapshot import SnapshotDir
from warehouse.db import connect, database_url
from warehouse.jobs import job
from warehouse.seasons import today_eastern

# the tables a load reports on: loaded now, and held in all
RAW_TABLES = (
    "raw_nba.team_game_logs",
    "raw_nba.schedule",
    "raw_nba.player_game_logs",
    "raw_nba.player_season_totals",
    "raw_market.closing_lines",
    "raw_market.fivethirtyeight_forecasts",
    "raw_news.articles",
    "raw_news.feed_fetches",
    "raw_news.injury_log",
    "raw_news.injury_log_quarantine",
    "raw_news.injury_player_quarantine",
    "raw_news.injury_report",
)


@dataclass
class IngestResult:
    mode: str  # snapshot | live
    day: dt.date | None  # the morning loaded (None: everything in the snapshot)
    incremental: bool
    rows: dict[str, int] = field(default_factory=dict)  # rows written now, per table
    held: dict[str, int] = field(default_factory=dict)  # rows in each table after the load
    seasons: list[str] = field(default_factory=list)
    recovered: list[str] = field(default_factory=list)  # packages of interrupted runs finished or discarded
    replaced: str | None = None  # why the raw tables were replaced instead of merged into
    seconds: float = 0.0

    @property
    def games(self) -> int:
        return self.held.get("raw_nba.schedule", 0)

    @property
    def quarantined(self) -> int:
        return self.held.get("raw_news.injury_log_quarantine", 0) + self.held.get(
            "raw_news.injury_player_quarantine", 0
        )


def _held(url: str) -> dict[str, int]:
    out = {}
    with connect(url) as conn:
        for name in RAW_TABLES:
            if conn.execute("select to_regclass(%s)", (name,)).fetchone()[0]:
                out[name] = conn.execute(f"select count(*) from {name}").fetchone()[0]
    return out


def latest_result_date(url: str) -> dt.date | None:
    """The newest box score in the raw tables (None before the first load)."""
    with connect(url) as conn:
        if not conn.execute("select to_regclass('raw_nba.team_game_logs')").fetchone()[0]:
            return None
        return conn.execute("select max(game_date) from raw_nba.team_game_logs").fetchone()[0]


def ingest_snapshot(
    directory: Path | str,
    through: dt.date | None = None,
    *,
    incremental: bool = False,
    snapshot: SnapshotDir | None = None,
    run_id: str | None = None,
) -> IngestResult:
    """Load a snapshot directory as known on the morning of ``through`` (all of it when None).

    ``snapshot`` lets a replay of many mornings parse each file once.
    """
    started = time.perf_counter()
    url = database_url()
    details = {"dir": str(directory), "through": through, "incremental": incremental}
    with job("ingest.snapshot", lock="ingest a snapshot", run_id=run_id, details=details) as run:
        snap = snapshot or SnapshotDir(directory)
        view = snap.as_of(through)
        result = IngestResult("snapshot", through, incremental, seasons=view.seasons)
        latest = latest_result_date(url)
        if through is not None and latest is not None and latest >= through:
            result.replaced = f"the warehouse held results through {latest}, later than the morning of {through}"
            result.incremental = False
        sources = {
            "nba": nba(view, incremental=result.incremental),
            "market": market(view, incremental=result.incremental),
            "news": news(view, incremental=result.incremental),
        }
        loaded = run_sources(sources, url, refresh=result.replaced is not None)
        result.rows, result.recovered = loaded.rows, loaded.recovered
        result.held = _held(url)
        result.seconds = time.perf_counter() - started
        run.rows.update(result.rows)
        run.details.update(seasons=result.seasons, recovered=result.recovered, replaced=result.replaced)
    return result


def ingest_live(
    day: dt.date | None = None,
    *,
    client: NbaStatsClient | None = None,
    news_session=None,
    with_news: bool = True,
    run_id: str | None = None,
) -> IngestResult:
    """Fetch what stats.nba.com and the news feeds know on the morning of ``day`` (today, US-Eastern)."""
    started = time.perf_counter()
    day = day or today_eastern()
    url = database_url()
    with job("ingest.live", lock="ingest live sources", run_id=run_id, details={"day": day}) as run:
        result = IngestResult("live", day, incremental=True)
        sources = {
            "nba": nba(LiveNbaFeed(day, client), incremental=True),
            "market": market(NoLiveProvider(), incremental=True),
        }
        # without news the tables still exist, and keep what earlier runs loaded
        feeds = None if with_news else ()
        sources["news"] = news(LiveNewsFeed(day, feeds=feeds, session=news_session), incremental=True)
        loaded = run_sources(sources, url)
        result.rows, result.recovered = loaded.rows, loaded.recovered
        result.held = _held(url)
        result.seconds = time.perf_counter() - started
        run.rows.update(result.rows)
        run.details.update(recovered=result.recovered)
    return result
