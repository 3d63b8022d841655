"""Teams: names, recent form before a game, and the head-to-head record (from ``marts``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.services.common import fetch_all

FORM_GAMES = 10  # "recent form": the last ten games, the window the model's own form features use
MEETINGS = 10


@dataclass(frozen=True)
class Team:
    team_id: int
    abbreviation: str
    full_name: str


@dataclass(frozen=True)
class FormGame:
    game_id: str
    game_date: dt.date
    opponent_abbr: str
    is_home: bool
    is_win: bool
    points: int
    opponent_points: int
    net_rating: float | None


@dataclass(frozen=True)
class Meeting:
    game_id: str
    game_date: dt.date
    season: str
    home_team_abbr: str
    away_team_abbr: str
    home_score: int | None
    away_score: int | None
    home_win: bool | None


def teams(conn) -> list[Team]:
    return fetch_all(conn, Team, "select team_id, abbreviation, full_name from marts.dim_teams order by abbreviation")


def recent_form(conn, team_id: int, before: dt.date, games: int = FORM_GAMES) -> list[FormGame]:
    """The team's last ``games`` games played before ``before``, oldest first."""
    rows = fetch_all(
        conn,
        FormGame,
        "select game_id, game_date, opponent_abbr, is_home, is_win, points::int as points,"
        " opponent_points::int as opponent_points, net_rating from marts.fct_team_games"
        " where team_id = %s and game_date < %s order by game_date desc limit %s",
        (team_id, before, games),
    )
    return rows[::-1]


def head_to_head(conn, team_a: int, team_b: int, before: dt.date, limit: int = MEETINGS) -> list[Meeting]:
    """The two teams' last ``limit`` finished meetings before ``before``, newest first."""
    return fetch_all(
        conn,
        Meeting,
        "select game_id, game_date, season, home_team_abbr, away_team_abbr, home_score, away_score, home_win"
        " from marts.fct_games where status = 'final' and game_date < %(before)s"
        " and ((home_team_id = %(a)s and away_team_id = %(b)s) or (home_team_id = %(b)s and away_team_id = %(a)s))"
        " order by game_date desc limit %(limit)s",
        {"a": team_a, "b": team_b, "before": before, "limit": limit},
    )
