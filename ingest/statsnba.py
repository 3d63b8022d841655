"""What every stats.nba.com body shares: result sets, game-id prefixes, season ids.

Live responses (nba_api) and recorded snapshot files go through these same helpers, so a row
cannot depend on where it came from.
"""

from __future__ import annotations

from typing import Any

from warehouse.errors import InputError
from warehouse.seasons import season_label

# the first three digits of a GAME_ID
GAME_TYPES = {
    "001": "preseason",
    "002": "regular_season",
    "003": "all_star",
    "004": "playoffs",
    "005": "play_in",
    "006": "cup_final",
}


def result_set(body: Any, name: str, source: str) -> tuple[list[str], list[list[Any]]]:
    """Headers and rows of the result set called ``name`` ('resultSets' list or a single 'resultSet')."""
    if not isinstance(body, dict) or not ("resultSets" in body or "resultSet" in body):
        raise InputError(f"{source}: not a stats.nba.com response body (no 'resultSets')")
    sets = body.get("resultSets", body.get("resultSet"))
    for rs in sets if isinstance(sets, list) else [sets]:
        if isinstance(rs, dict) and rs.get("name") == name:
            headers, rows = rs.get("headers"), rs.get("rowSet")
            if not isinstance(headers, list) or not isinstance(rows, list):
                raise InputError(f"{source}: result set {name!r} lacks headers or rowSet")
            return headers, rows
    raise InputError(f"{source}: no result set named {name!r}")


def game_type(game_id: str) -> str:
    """'0022300001' -> 'regular_season'; an unknown prefix raises ValueError."""
    try:
        return GAME_TYPES[game_id[:3]]
    except KeyError:
        raise ValueError(f"GAME_ID {game_id!r} has an unknown type prefix {game_id[:3]!r}") from None


def season_from_id(season_id: Any) -> str:
    """SEASON_ID is the season type digit and the first year: '22023' -> '2023-24'."""
    text = str(season_id).strip()
    if not (text.isdigit() and len(text) == 5):
        raise ValueError(f"SEASON_ID {season_id!r} is not like 22023")
    return season_label(int(text[-4:]))


def season_from_game_id(game_id: str) -> str:
    """Game ids carry the season's first year in digits 4-5: '0022300001' -> '2023-24' ('99' is 1999)."""
    year = int(game_id[3:5])
    return season_label(year + (1900 if year >= 46 else 2000))


def normalize_game_id(value: Any) -> str:
    """A 10-digit game id (CSV readers may have eaten the leading zeros)."""
    text = str(value).strip()
    if text.isdigit() and len(text) < 10:
        text = text.zfill(10)
    if not (text.isdigit() and len(text) == 10):
        raise ValueError(f"GAME_ID {value!r} is not a 10-digit game id")
    return text
