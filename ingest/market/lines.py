"""Parse closing lines (odds/lines.csv) and FiveThirtyEight forecasts (elo538/elo.csv): one row per game.

The whole file is validated before any row is returned. A game listed twice with the same
values collapses to one row; listed twice with different values is an error naming both lines
(row order must never decide which value loads). A file with a header and no rows is an error:
an empty market file is a broken export, not "no games".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest.files import read_rows
from ingest.statsnba import normalize_game_id
from ingest.teams import by_abbreviation
from ingest.values import decimal, parse_date, whole_number
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


def _game_fields(row: dict[str, str]) -> dict[str, Any]:
    abbr = by_abbreviation()
    for col in ("home_team_abbr", "away_team_abbr"):
        if row[col] not in abbr:
            raise ValueError(f"unknown team {row[col]!r} in {col}")
    return {
        "game_id": normalize_game_id(row["game_id"]),
        "game_date": parse_date(row["game_date"], "game_date"),
        "season": row["season"],
        "home_team_abbr": row["home_team_abbr"],
        "away_team_abbr": row["away_team_abbr"],
    }


def _moneyline(value: str, column: str) -> int | None:
    ml = whole_number(value, column, nullable=True)
    if ml is not None and -100 < ml < 100:
        raise ValueError(f"{column} {ml} is not American odds (|odds| >= 100)")
    return ml


def _line_values(row: dict[str, str]) -> dict[str, Any]:
    return {
        "home_spread": decimal(row["home_spread"], "home_spread", nullable=True),
        "total": decimal(row["total"], "total", nullable=True),
        "home_moneyline": _moneyline(row["home_moneyline"], "home_moneyline"),
        "away_moneyline": _moneyline(row["away_moneyline"], "away_moneyline"),
        "source": row["source"] or None,
    }


def _forecast_values(row: dict[str, str]) -> dict[str, Any]:
    values = {}
    for col in ("elo_prob_home", "raptor_prob_home"):
        p = decimal(row[col], col, nullable=True)
        if p is not None and not 0.0 <= p <= 1.0:
            raise ValueError(f"{col} {p} is not a probability")
        values[col] = p
    return values


def _parse_per_game(
    path: Path, columns: tuple[str, ...], values: Callable[[dict[str, str]], dict[str, Any]]
) -> list[dict[str, Any]]:
    by_game: dict[str, tuple[int, dict[str, Any]]] = {}
    for line, row in read_rows(path, columns):
        try:
            rec = {**_game_fields(row), **values(row)}
        except ValueError as exc:
            raise InputError(f"{path} line {line}: {exc}") from None
        first = by_game.get(rec["game_id"])
        if first is None:
            by_game[rec["game_id"]] = (line, rec)
        elif first[1] != rec:
            changed = ", ".join(f"{k} {first[1][k]!r} vs {rec[k]!r}" for k in rec if first[1][k] != rec[k])
            raise InputError(
                f"{path}: game {rec['game_id']} appears on lines {first[0]} and {line} "
                f"with different values ({changed})"
            )
    if not by_game:
        raise InputError(f"{path}: has a header but no rows")
    return [rec for _, rec in by_game.values()]


def parse_lines(path: Path) -> list[dict[str, Any]]:
    return _parse_per_game(path, LINE_COLUMNS, _line_values)


def parse_forecasts(path: Path) -> list[dict[str, Any]]:
    return _parse_per_game(path, FORECAST_COLUMNS, _forecast_values)
