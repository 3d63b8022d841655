"""The ``nba`` dlt source: team and player game logs, the schedule and player season totals, into ``raw_nba``.

(No ``from __future__ import annotations`` here: dlt finds the incremental argument by its
evaluated type annotation.)

Resources read from a feed: a snapshot (recorded bodies, ingest.snapshot) or the live feed
(nba_api, ingest.nba.live). Both produce rows through the parsers of this package, so the loaded
rows cannot depend on where they came from.

Incremental loads (the daily run) carry a cursor per resource (ingest.cursors): game dates for
the logs and the schedule, the day a season's totals became known for the totals.
Every table exists after any load, empty until its first row arrives.
"""

import datetime as dt
from typing import Any, Optional, Protocol

import dlt

from ingest.cursors import cursor, start
from ingest.nba import schema


class NbaFeed(Protocol):
    """Rows known on the morning of the load; ``since`` is the cursor's start (None: everything)."""

    def team_game_logs(self, since: dt.date | None) -> list[dict[str, Any]]: ...
    def schedule(self, since: dt.date | None) -> list[dict[str, Any]]: ...
    def player_game_logs(self, since: dt.date | None) -> list[dict[str, Any]]: ...
    def player_season_totals(self, since: dt.date | None) -> list[dict[str, Any]]: ...


@dlt.resource(primary_key=("game_id", "team_id"), write_disposition="merge", columns=schema.TEAM_GAME_LOGS)
def team_game_logs(feed: NbaFeed, game_date: Optional[dlt.sources.incremental[dt.date]] = None):  # noqa: UP045
    yield dlt.mark.materialize_table_schema()
    yield feed.team_game_logs(start(game_date))


@dlt.resource(primary_key="game_id", write_disposition="merge", columns=schema.SCHEDULE)
def schedule(feed: NbaFeed, game_date: Optional[dlt.sources.incremental[dt.date]] = None):  # noqa: UP045
    yield dlt.mark.materialize_table_schema()
    yield feed.schedule(start(game_date))


@dlt.resource(primary_key=("player_id", "game_id"), write_disposition="merge", columns=schema.PLAYER_GAME_LOGS)
def player_game_logs(feed: NbaFeed, game_date: Optional[dlt.sources.incremental[dt.date]] = None):  # noqa: UP045
    yield dlt.mark.materialize_table_schema()
    yield feed.player_game_logs(start(game_date))


@dlt.resource(primary_key=("player_id", "season"), write_disposition="merge", columns=schema.PLAYER_SEASON_TOTALS)
def player_season_totals(feed: NbaFeed, known_on: Optional[dlt.sources.incremental[dt.date]] = None):  # noqa: UP045
    yield dlt.mark.materialize_table_schema()
    yield feed.player_season_totals(start(known_on))


@dlt.source(name="nba", max_table_nesting=0)
def nba(feed: NbaFeed, *, incremental: bool = False):
    return [
        team_game_logs(feed, game_date=cursor("game_date", incremental)),
        schedule(feed, game_date=cursor("game_date", incremental)),
        player_game_logs(feed, game_date=cursor("game_date", incremental)),
        player_season_totals(feed, known_on=cursor("known_on", incremental, lag_days=0, range_start="open")),
    ]
