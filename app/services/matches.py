"""Games with their teams, scores and status, filtered and paginated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.services.common import fetch_all, page_bounds, season_scope
from warehouse.errors import InputError


@dataclass(frozen=True)
class Match:
    game_id: str
    season: str
    game_date: dt.date
    game_type: str
    status: str
    home_team_id: int
    home_team_abbr: str
    away_team_id: int
    away_team_abbr: str
    home_score: int | None
    away_score: int | None
    home_win: bool | None
    is_neutral_site: bool


@dataclass(frozen=True)
class MatchPage:
    items: list[Match] = field(default_factory=list)
    total: int = 0
    limit: int = 0
    offset: int = 0
    season: str | None = None
    note: str | None = None  # why the page is empty, when it is for a reason (a season not loaded)


MATCH_COLUMNS = (
    "game_id, season, game_date, game_type, status, home_team_id, home_team_abbr, away_team_id, away_team_abbr,"
    " home_score, away_score, home_win, is_neutral_site"
)


def team_id(conn, team: str) -> int:
    """A team by abbreviation (any case) or NBA.com id; an unknown team is an InputError."""
    key = team.strip()
    row = conn.execute(
        "select team_id from marts.dim_teams where upper(abbreviation) = upper(%s) or team_id::text = %s",
        (key, key),
    ).fetchone()
    if row is None:
        raise InputError(f"team: unknown team {team!r} (use an abbreviation such as BOS, or an NBA.com team id)")
    return int(row[0])


def list_matches(
    conn,
    season: str | None = None,
    day: dt.date | None = None,
    team: str | None = None,
    limit: int | None = None,
    offset: int | None = None,
) -> MatchPage:
    """Games newest first (then by id), optionally of one season, day or team."""
    bounds = page_bounds(limit, offset)
    scope = season_scope(conn, season)
    if not scope.loaded:
        return MatchPage([], 0, bounds.limit, bounds.offset, season, scope.note)
    where, params = ["true"], []
    if season is not None:
        where.append("season = %s")
        params.append(season)
    if day is not None:
        where.append("game_date = %s")
        params.append(day)
    if team is not None:
        tid = team_id(conn, team)
        where.append("(home_team_id = %s or away_team_id = %s)")
        params += [tid, tid]
    condition = " and ".join(where)
    total = conn.execute(f"select count(*) from marts.fct_games where {condition}", params).fetchone()[0]
    items = fetch_all(
        conn,
        Match,
        f"select {MATCH_COLUMNS} from marts.fct_games where {condition}"
        " order by game_date desc, game_id limit %s offset %s",
        [*params, bounds.limit, bounds.offset],
    )
    note = None if total else "no games match these filters"
    return MatchPage(items, total, bounds.limit, bounds.offset, season, note)


def match(conn, game_id: str) -> Match | None:
    rows = fetch_all(conn, Match, f"select {MATCH_COLUMNS} from marts.fct_games where game_id = %s", (game_id,))
    return rows[0] if rows else None
