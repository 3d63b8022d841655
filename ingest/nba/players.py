"""Parse player game logs and player season totals (stats.nba.com result sets) into raw_nba rows.

One row parser per table serves both modes: a snapshot CSV's header and data rows are the
``headers`` and ``rowSet`` of a recorded result set, and live mode hands nba_api's result sets
to the same functions.

The two game-log endpoints differ only in spelling (``Player_ID`` vs ``PLAYER_ID``,
``SEASON_ID`` "22023" vs ``SEASON_YEAR`` "2023-24", ``GAME_DATE`` "Apr 09, 2024" vs
"2024-04-09T00:00:00"); the parser accepts both. PlayerGameLog carries no team column: the
player's team is the first three letters of ``MATCHUP``.

Every row is parsed before any is returned; the first bad row raises ``InputError`` naming the
source and the row (1-based data row, header excluded).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from ingest.nba.schema import BOX_SCORE_COUNTS, BOX_SCORE_PCTS, SEASON_TOTAL_COUNTS
from ingest.statsnba import game_type, normalize_game_id, season_from_id
from ingest.teams import by_abbreviation
from ingest.values import decimal, is_blank, parse_date, whole_number
from warehouse.errors import InputError
from warehouse.seasons import start_year

# header spellings of the two game-log endpoints -> our column
_GAME_LOG_ALIASES = {
    "PLAYER_ID": "player_id",
    "GAME_ID": "game_id",
    "SEASON_YEAR": "season",
    "TEAM_ABBREVIATION": "team_abbreviation",
    "PLAYER_NAME": "player_name",
}
GAME_LOG_REQUIRED = ("player_id", "game_id", "game_date", "matchup", "min", *BOX_SCORE_COUNTS)
SEASON_TOTAL_REQUIRED = ("player_id", "player_name", "team_id", "team_abbreviation", "min", *SEASON_TOTAL_COUNTS)
_MATCHUP = re.compile(r"([A-Z]{3}) (vs\.|@) ([A-Z]{3})")


@lru_cache(maxsize=1)
def _static_names() -> dict[int, str]:
    from nba_api.stats.static import players

    return {int(p["id"]): p["full_name"] for p in players.get_players()}


def static_player_name(player_id: int) -> str | None:
    """NBA.com name from nba_api's offline player list (PlayerGameLog rows carry no name)."""
    return _static_names().get(player_id)


def _columns(headers: Sequence[str], required: Sequence[str], source: str) -> list[str]:
    cols = [_GAME_LOG_ALIASES.get(str(h).strip().upper(), str(h).strip().lower()) for h in headers]
    missing = [c for c in required if c not in cols]
    if missing:
        raise InputError(f"{source}: missing columns {', '.join(c.upper() for c in missing)}")
    return cols


def _records(cols: list[str], rows: Iterable[Sequence[Any]], source: str):
    for n, values in enumerate(rows, start=1):
        if len(values) != len(cols):
            raise InputError(f"{source}: row {n}: has {len(values)} fields, the header has {len(cols)}")
        yield n, dict(zip(cols, values, strict=True))


def _minutes(value: Any, limit: float) -> float:
    # PlayerGameLog gives whole minutes, PlayerGameLogs decimals; some endpoints "MM:SS"
    if isinstance(value, str) and ":" in value:
        mm, ss = value.split(":", 1)
        return int(mm) + int(ss) / 60
    minutes = decimal(value, "MIN")
    if not 0 <= minutes <= limit:
        raise ValueError(f"MIN {value!r} is out of range")
    return minutes


def parse_game_log_rows(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], source: str, endpoint: str
) -> list[dict]:
    """A PlayerGameLog / PlayerGameLogs result set as raw_nba.player_game_logs rows."""
    cols = _columns(headers, GAME_LOG_REQUIRED, source)
    if "season_id" not in cols and "season" not in cols:
        raise InputError(f"{source}: missing columns SEASON_ID (or SEASON_YEAR)")
    out: list[dict] = []
    seen: dict[tuple[int, str], int] = {}
    for n, raw in _records(cols, rows, source):
        try:
            row = _game_log_row(raw)
        except ValueError as exc:
            raise InputError(f"{source}: row {n}: {exc}") from None
        key = (row["player_id"], row["game_id"])
        if key in seen:
            raise InputError(
                f"{source}: row {n}: duplicate player {key[0]} in game {key[1]} (first at row {seen[key]})"
            )
        seen[key] = n
        out.append({**row, "source_endpoint": endpoint, "source_file": source})
    return out


def _game_log_row(raw: dict[str, Any]) -> dict:
    game_id = normalize_game_id(raw["game_id"])
    player_id = whole_number(raw["player_id"], "PLAYER_ID")
    if player_id <= 0:
        raise ValueError(f"PLAYER_ID {raw['player_id']!r} is not a player id")
    matchup = str(raw["matchup"]).strip()
    m = _MATCHUP.fullmatch(matchup)
    if not m:
        raise ValueError(f"MATCHUP {matchup!r} is not 'AAA vs. BBB' or 'AAA @ BBB'")
    team = str(raw.get("team_abbreviation") or m.group(1)).strip()
    team_id = by_abbreviation().get(team)
    if team_id is None:
        raise ValueError(f"unknown team {team!r}")
    if not is_blank(raw.get("season")):
        season = str(raw["season"]).strip()
        start_year(season)  # validates the label
        season_id = str(raw.get("season_id") or "") or game_id[2] + season[:4]
    else:
        season_id = str(raw["season_id"]).strip()
        season = season_from_id(season_id)
    row: dict[str, Any] = {
        "player_id": player_id,
        "game_id": game_id,
        "season": season,
        "season_id": season_id,
        "game_date": parse_date(raw["game_date"], "GAME_DATE"),
        "team_id": team_id,
        "player_name": str(raw.get("player_name") or "").strip() or static_player_name(player_id),
        "team_abbreviation": team,
        "opponent_abbreviation": m.group(3),
        "matchup": matchup,
        "is_home": m.group(2) == "vs.",
        "wl": str(raw.get("wl") or "").strip() or None,
        "min": _minutes(raw["min"], 70),
        "game_type": game_type(game_id),
    }
    for c in BOX_SCORE_COUNTS:
        row[c] = whole_number(raw[c], c.upper())
    for c in BOX_SCORE_PCTS:
        row[c] = decimal(raw.get(c), c.upper(), nullable=True)
    return row


def parse_season_total_rows(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], source: str, endpoint: str, season: str, known_on: date
) -> list[dict]:
    """A LeagueDashPlayerStats (Totals) result set as raw_nba.player_season_totals rows.

    ``known_on`` is the first morning the totals were known (the day after the regular season).
    """
    cols = _columns(headers, SEASON_TOTAL_REQUIRED, source)
    out: list[dict] = []
    seen: dict[int, int] = {}
    for n, raw in _records(cols, rows, source):
        try:
            row = _season_total_row(raw)
        except ValueError as exc:
            raise InputError(f"{source}: row {n}: {exc}") from None
        if row["player_id"] in seen:
            raise InputError(
                f"{source}: row {n}: duplicate player {row['player_id']} (first at row {seen[row['player_id']]})"
            )
        seen[row["player_id"]] = n
        out.append({**row, "season": season, "known_on": known_on, "source_endpoint": endpoint, "source_file": source})
    return out


def _season_total_row(raw: dict[str, Any]) -> dict:
    name = str(raw["player_name"] or "").strip()
    if not name:
        raise ValueError("PLAYER_NAME is empty")
    row: dict[str, Any] = {
        "player_id": whole_number(raw["player_id"], "PLAYER_ID"),
        "player_name": name,
        "nickname": str(raw.get("nickname") or "").strip() or None,
        "team_id": whole_number(raw["team_id"], "TEAM_ID"),
        "team_abbreviation": str(raw["team_abbreviation"]).strip(),
        "team_count": whole_number(raw.get("team_count"), "TEAM_COUNT", nullable=True),
        "age": decimal(raw.get("age"), "AGE", nullable=True),
        "min": _minutes(raw["min"], 4500),
    }
    for c in SEASON_TOTAL_COUNTS:
        row[c] = whole_number(raw[c], c.upper())
    return row
