"""The ``nba`` dlt source: team game logs and the schedule, into ``raw_nba``.

(No ``from __future__ import annotations`` here: dlt finds the incremental argument by
its evaluated type annotation.)

Resources read from a feed: a snapshot feed (recorded bodies, already parsed and
validated) or the live feed (nba_api). Both produce rows through ingest.gamelog and
ingest.scoreboard, so the loaded rows cannot depend on where they came from.

``team_game_logs`` is incremental on game_date in live mode, with a lag of a few days
so late stat corrections are picked up again (merge on game_id + team_id keeps it
idempotent). Snapshot replays are not incremental: they may load seasons in any order.
"""

import datetime as dt
from collections.abc import Iterator
from typing import Any, Optional, Protocol

import dlt

from ingest.gamelog import parse_league_game_log
from ingest.nba_client import NbaStatsClient, season_of
from ingest.scoreboard import parse_scoreboard

CORRECTION_LAG_DAYS = 3

TEAM_GAME_LOG_COLUMNS: dict[str, Any] = {
    "game_id": {"data_type": "text", "nullable": False},
    "team_id": {"data_type": "bigint", "nullable": False},
    "game_date": {"data_type": "date", "nullable": False},
    "opponent_team_id": {"data_type": "bigint", "nullable": False},
    "is_home": {"data_type": "bool", "nullable": False},
    "is_neutral_site": {"data_type": "bool", "nullable": False},
    **{c: {"data_type": "double"} for c in ("fg_pct", "fg3_pct", "ft_pct")},
    **{
        c: {"data_type": "bigint"}
        for c in (
            "min",
            "fgm",
            "fga",
            "fg3m",
            "fg3a",
            "ftm",
            "fta",
            "oreb",
            "dreb",
            "reb",
            "ast",
            "stl",
            "blk",
            "tov",
            "pf",
            "pts",
            "plus_minus",
            "video_available",
        )
    },
}
SCHEDULE_COLUMNS: dict[str, Any] = {
    "game_id": {"data_type": "text", "nullable": False},
    "game_date": {"data_type": "date", "nullable": False},
    "home_team_id": {"data_type": "bigint", "nullable": False},
    "away_team_id": {"data_type": "bigint", "nullable": False},
    "is_neutral_site": {"data_type": "bool", "nullable": False},
    "tipoff_at": {"data_type": "timestamp", "nullable": True},
    "status": {"data_type": "text", "nullable": False},
}


class NbaFeed(Protocol):
    def game_logs(self, since: dt.date | None) -> Iterator[list[dict[str, Any]]]: ...
    def schedule(self) -> list[dict[str, Any]]: ...


class RowsFeed:
    """Rows already read and validated (snapshot mode)."""

    def __init__(self, game_logs: list[dict[str, Any]], schedule: list[dict[str, Any]]):
        self._game_logs, self._schedule = game_logs, schedule

    def game_logs(self, since: dt.date | None) -> Iterator[list[dict[str, Any]]]:
        yield self._game_logs

    def schedule(self) -> list[dict[str, Any]]:
        return self._schedule


class LiveFeed:
    """stats.nba.com through nba_api for the morning of ``day``."""

    def __init__(self, day: dt.date, client: NbaStatsClient | None = None):
        self.day, self.client = day, client or NbaStatsClient()

    def game_logs(self, since: dt.date | None) -> Iterator[list[dict[str, Any]]]:
        season = season_of(self.day)
        body = self.client.league_game_log(season, date_from=since, date_to=self.day - dt.timedelta(days=1))
        yield parse_league_game_log(body, f"stats.nba.com leaguegamelog {season}")

    def schedule(self) -> list[dict[str, Any]]:
        return parse_scoreboard(self.client.scoreboard(self.day), f"stats.nba.com scoreboardv2 {self.day}")


@dlt.resource(
    name="team_game_logs", primary_key=("game_id", "team_id"), write_disposition="merge", columns=TEAM_GAME_LOG_COLUMNS
)
def team_game_logs(feed: NbaFeed, game_date: Optional[dlt.sources.incremental[dt.date]] = None):  # noqa: UP045
    since = game_date.start_value if game_date is not None else None
    yield from feed.game_logs(since)


@dlt.resource(name="schedule", primary_key="game_id", write_disposition="merge", columns=SCHEDULE_COLUMNS)
def schedule(feed: NbaFeed):
    yield feed.schedule()


@dlt.source(name="nba", max_table_nesting=0)
def nba(feed: NbaFeed, *, incremental: bool = False, extra_resources: tuple = ()):
    """Team game logs and schedule; ``incremental`` (live mode) re-reads the last few days."""
    cursor = (
        dlt.sources.incremental("game_date", lag=CORRECTION_LAG_DAYS, range_start="closed") if incremental else None
    )
    return [team_game_logs(feed, game_date=cursor), schedule(feed), *extra_resources]
