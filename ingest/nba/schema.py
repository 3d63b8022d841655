"""The raw_nba tables: every column the nba source loads, with its type (docs/CONTRACTS.md).

Declared in full, so a table created before its first row arrives (an as-of load before the
season's first game) already has the columns the staging models select.
"""

from __future__ import annotations

from typing import Any

# box-score counting stats shared by the team and player game logs and the season totals
BOX_SCORE_COUNTS = (
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
)
BOX_SCORE_PCTS = ("fg_pct", "fg3_pct", "ft_pct")
SEASON_TOTAL_COUNTS = ("gp", "w", "l", *BOX_SCORE_COUNTS)


def _types(names: tuple[str, ...], data_type: str) -> dict[str, Any]:
    return {c: {"data_type": data_type} for c in names}


TEAM_GAME_LOGS: dict[str, Any] = {
    "game_id": {"data_type": "text", "nullable": False},
    "team_id": {"data_type": "bigint", "nullable": False},
    "season_id": {"data_type": "text"},
    "season": {"data_type": "text", "nullable": False},
    "team_abbreviation": {"data_type": "text"},
    "team_name": {"data_type": "text"},
    "game_date": {"data_type": "date", "nullable": False},
    "matchup": {"data_type": "text"},
    "wl": {"data_type": "text"},
    "game_type": {"data_type": "text", "nullable": False},
    "source_endpoint": {"data_type": "text"},
    "source_file": {"data_type": "text"},
    "opponent_team_id": {"data_type": "bigint", "nullable": False},
    "is_home": {"data_type": "bool", "nullable": False},
    "is_neutral_site": {"data_type": "bool", "nullable": False},
    "min": {"data_type": "bigint"},
    **_types(BOX_SCORE_COUNTS, "bigint"),
    **_types(BOX_SCORE_PCTS, "double"),
    "video_available": {"data_type": "bigint"},
}
SCHEDULE: dict[str, Any] = {
    "game_id": {"data_type": "text", "nullable": False},
    "game_date": {"data_type": "date", "nullable": False},
    "season": {"data_type": "text", "nullable": False},
    "game_type": {"data_type": "text", "nullable": False},
    "home_team_id": {"data_type": "bigint", "nullable": False},
    "away_team_id": {"data_type": "bigint", "nullable": False},
    "is_neutral_site": {"data_type": "bool", "nullable": False},
    "tipoff_at": {"data_type": "timestamp", "nullable": True},
    "status": {"data_type": "text", "nullable": False},
    "source": {"data_type": "text"},
}
PLAYER_GAME_LOGS: dict[str, Any] = {
    "player_id": {"data_type": "bigint", "nullable": False},
    "game_id": {"data_type": "text", "nullable": False},
    "season": {"data_type": "text"},
    "season_id": {"data_type": "text"},
    "player_name": {"data_type": "text"},
    "game_date": {"data_type": "date"},
    "team_id": {"data_type": "bigint"},
    "team_abbreviation": {"data_type": "text"},
    "opponent_abbreviation": {"data_type": "text"},
    "matchup": {"data_type": "text"},
    "is_home": {"data_type": "bool"},
    "wl": {"data_type": "text"},
    "min": {"data_type": "double"},
    **_types(BOX_SCORE_COUNTS, "bigint"),
    **_types(BOX_SCORE_PCTS, "double"),
    "game_type": {"data_type": "text"},
    "source_endpoint": {"data_type": "text"},
    "source_file": {"data_type": "text"},
}
PLAYER_SEASON_TOTALS: dict[str, Any] = {
    "player_id": {"data_type": "bigint", "nullable": False},
    "season": {"data_type": "text", "nullable": False},
    "known_on": {"data_type": "date", "nullable": False},
    "player_name": {"data_type": "text"},
    "nickname": {"data_type": "text"},
    "team_id": {"data_type": "bigint"},
    "team_abbreviation": {"data_type": "text"},
    "team_count": {"data_type": "bigint"},
    "age": {"data_type": "double"},
    "min": {"data_type": "double"},
    **_types(SEASON_TOTAL_COUNTS, "bigint"),
    "source_endpoint": {"data_type": "text"},
    "source_file": {"data_type": "text"},
}
