"""Parse closing lines (odds/lines.csv) and FiveThirtyEight forecasts (elo538/elo.csv)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest.csvfiles import number, read_rows
from ingest.gamelog import parse_date
from ingest.teams import by_abbreviation
from warehouse.errors import InputError

LINE_COLUMNS = (
    "game_id",
    "game_date",
    "season",
    "home_team_abbr",
    "away_team_abbr",
    "home_spread",
    "total",
    "home_moneyline",
    "away_moneyline",
    "source",
)
FORECAST_COLUMNS = (
    "game_id",
    "game_date",
    "season",
    "home_team_abbr",
    "away_team_abbr",
    "elo_prob_home",
    "raptor_prob_home",
)


def _game_fields(row: dict[str, str], where: str) -> dict[str, Any]:
    abbr = by_abbreviation()
    for col in ("home_team_abbr", "away_team_abbr"):
        if row[col] not in abbr:
            raise InputError(f"{where}: unknown team {row[col]!r} in {col}")
    game_id = row["game_id"].strip().zfill(10)
    if not game_id.isdigit() or len(game_id) != 10:
        raise InputError(f"{where}: game_id {row['game_id']!r} is not a 10-digit NBA.com id")
    return {
        "game_id": game_id,
        "game_date": parse_date(row["game_date"], where),
        "season": row["season"],
        "home_team_abbr": row["home_team_abbr"],
        "away_team_abbr": row["away_team_abbr"],
    }


def _moneyline(value: str, where: str, column: str) -> int | None:
    ml = number(value, int, where, column)
    if ml is not None and -100 < ml < 100:
        raise InputError(f"{where}: {column} {ml} is not American odds (|odds| >= 100)")
    return ml


def _line_values(row: dict[str, str], where: str) -> dict[str, Any]:
    return {
        "home_spread": number(row["home_spread"], float, where, "home_spread"),
        "total": number(row["total"], float, where, "total"),
        "home_moneyline": _moneyline(row["home_moneyline"], where, "home_moneyline"),
        "away_moneyline": _moneyline(row["away_moneyline"], where, "away_moneyline"),
        "source": row["source"] or None,
    }


def _forecast_values(row: dict[str, str], where: str) -> dict[str, Any]:
    values = {}
    for col in ("elo_prob_home", "raptor_prob_home"):
        p = number(row[col], float, where, col)
        if p is not None and not 0.0 <= p <= 1.0:
            raise InputError(f"{where}: {col} {p} is not a probability")
        values[col] = p
    return values


def _parse_per_game(
    path: Path,
    columns: tuple[str, ...],
    values: Callable[[dict[str, str], str], dict[str, Any]],
    through: dt.date | None,
) -> list[dict[str, Any]]:
    """Rows of a per-game CSV known on the morning of ``through`` (pregame data: up to that date)."""
    rows = []
    for line, row in read_rows(path, columns):
        where = f"{path} line {line}"
        rec = {**_game_fields(row, where), **values(row, where)}  # the whole file is validated
        if through is None or rec["game_date"] <= through:
            rows.append(rec)
    return rows


def parse_lines(path: Path, through: dt.date | None = None) -> list[dict[str, Any]]:
    return _parse_per_game(path, LINE_COLUMNS, _line_values, through)


def parse_forecasts(path: Path, through: dt.date | None = None) -> list[dict[str, Any]]:
    return _parse_per_game(path, FORECAST_COLUMNS, _forecast_values, through)
