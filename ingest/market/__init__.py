"""The ``market`` dlt source: closing lines and FiveThirtyEight's published forecasts, into ``raw_market``.

(No ``from __future__ import annotations`` here: dlt finds the incremental argument by its
evaluated type annotation.)

The market is what the models are compared against, never an input to them. No live odds
provider is wired in (each needs a paid key and a contract of its own): the snapshot's closing
lines are the only path, and a live run leaves the tables as they are.
"""

import datetime as dt
from typing import Any, Optional, Protocol

import dlt

from ingest.cursors import cursor, start

CLOSING_LINES: dict[str, Any] = {
    "game_id": {"data_type": "text", "nullable": False},
    "game_date": {"data_type": "date", "nullable": False},
    "season": {"data_type": "text", "nullable": True},
    "home_team_abbr": {"data_type": "text", "nullable": True},
    "away_team_abbr": {"data_type": "text", "nullable": True},
    "home_spread": {"data_type": "double", "nullable": True},
    "total": {"data_type": "double", "nullable": True},
    "home_moneyline": {"data_type": "bigint", "nullable": True},
    "away_moneyline": {"data_type": "bigint", "nullable": True},
    "source": {"data_type": "text", "nullable": True},
}
FIVETHIRTYEIGHT_FORECASTS: dict[str, Any] = {
    "game_id": {"data_type": "text", "nullable": False},
    "game_date": {"data_type": "date", "nullable": False},
    "season": {"data_type": "text", "nullable": True},
    "home_team_abbr": {"data_type": "text", "nullable": True},
    "away_team_abbr": {"data_type": "text", "nullable": True},
    "elo_prob_home": {"data_type": "double", "nullable": True},
    "raptor_prob_home": {"data_type": "double", "nullable": True},
}


class MarketFeed(Protocol):
    def closing_lines(self, since: dt.date | None) -> list[dict[str, Any]]: ...
    def fivethirtyeight_forecasts(self, since: dt.date | None) -> list[dict[str, Any]]: ...


@dlt.resource(primary_key="game_id", write_disposition="merge", columns=CLOSING_LINES)
def closing_lines(feed: MarketFeed, game_date: Optional[dlt.sources.incremental[dt.date]] = None):  # noqa: UP045
    yield dlt.mark.materialize_table_schema()
    yield feed.closing_lines(start(game_date))


@dlt.resource(primary_key="game_id", write_disposition="merge", columns=FIVETHIRTYEIGHT_FORECASTS)
def fivethirtyeight_forecasts(feed: MarketFeed, game_date: Optional[dlt.sources.incremental[dt.date]] = None):  # noqa: UP045
    yield dlt.mark.materialize_table_schema()
    yield feed.fivethirtyeight_forecasts(start(game_date))


@dlt.source(name="market", max_table_nesting=0)
def market(feed: MarketFeed, *, incremental: bool = False):
    return [
        closing_lines(feed, game_date=cursor("game_date", incremental)),
        fivethirtyeight_forecasts(feed, game_date=cursor("game_date", incremental)),
    ]


class NoLiveProvider:
    """Live mode's market feed until an odds provider is wired in: the tables exist and stay as they are."""

    def closing_lines(self, since: dt.date | None) -> list[dict[str, Any]]:
        return []

    def fivethirtyeight_forecasts(self, since: dt.date | None) -> list[dict[str, Any]]:
        return []
