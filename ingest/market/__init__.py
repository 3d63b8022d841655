"""The ``market`` dlt source: closing lines and FiveThirtyEight's published forecasts.

The market is what the models are compared against, never an input to them. A live
odds provider is not wired in: it needs an API key (COURTSIDE_ODDS_API_KEY) and a
contract; until then the snapshot files are the only path.
"""

from __future__ import annotations

from typing import Any

import dlt

LINE_COLUMNS: dict[str, Any] = {
    "game_id": {"data_type": "text", "nullable": False},
    "game_date": {"data_type": "date", "nullable": False},
    "home_spread": {"data_type": "double", "nullable": True},
    "total": {"data_type": "double", "nullable": True},
    "home_moneyline": {"data_type": "bigint", "nullable": True},
    "away_moneyline": {"data_type": "bigint", "nullable": True},
    "source": {"data_type": "text", "nullable": True},
}
FORECAST_COLUMNS: dict[str, Any] = {
    "game_id": {"data_type": "text", "nullable": False},
    "game_date": {"data_type": "date", "nullable": False},
    "elo_prob_home": {"data_type": "double", "nullable": True},
    "raptor_prob_home": {"data_type": "double", "nullable": True},
}


@dlt.source(name="market", max_table_nesting=0)
def market(lines: list[dict[str, Any]], forecasts: list[dict[str, Any]]):
    yield dlt.resource(
        lines, name="closing_lines", primary_key="game_id", write_disposition="merge", columns=LINE_COLUMNS
    )
    yield dlt.resource(
        forecasts,
        name="fivethirtyeight_forecasts",
        primary_key="game_id",
        write_disposition="merge",
        columns=FORECAST_COLUMNS,
    )
