"""Stored predictions (``ops.predictions``) with their games and SHAP factors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.services.common import fetch_all, fetch_one, finite, relation_exists
from warehouse.seasons import season_of

TOP_FACTORS = 5  # factors listed per game on a day's page; one game's page lists them all


@dataclass(frozen=True)
class Factor:
    feature: str
    feature_value: float | None
    shap_value: float  # contribution to the log-odds of a home win
    rank: int  # 1 = largest |shap_value|


@dataclass
class GamePrediction:
    game_id: str
    game_date: dt.date
    season: str
    status: str
    home_team_id: int
    home_team_abbr: str
    away_team_id: int
    away_team_abbr: str
    model_version: str
    prob_home: float
    prob_away: float
    predicted_winner_team_id: int
    predicted_winner_abbr: str
    confidence: str  # low | medium | high
    in_sample: bool  # dated before the model's training cutoff: shown, never scored as live performance
    home_win: bool | None  # the outcome once final
    predicted_at: dt.datetime
    base_value: float | None = None  # the model's log-odds before any feature's contribution
    factors: list[Factor] = field(default_factory=list)


@dataclass
class DayPredictions:
    day: dt.date
    model_version: str | None
    games: int  # games scheduled that day
    items: list[GamePrediction] = field(default_factory=list)
    note: str | None = None


_PREDICTION = (
    "select p.game_id, p.game_date, g.season, g.status, p.home_team_id, g.home_team_abbr, p.away_team_id,"
    " g.away_team_abbr, p.model_version, p.prob_home, p.prob_away, p.predicted_winner_team_id,"
    " case when p.predicted_winner_team_id = p.home_team_id then g.home_team_abbr else g.away_team_abbr end"
    " as predicted_winner_abbr, p.confidence, p.in_sample, g.home_win, p.created_at as predicted_at"
    " from ops.predictions p join marts.fct_games g on g.game_id = p.game_id"
)


def active_version(conn) -> str | None:
    row = conn.execute("select version from ops.model_registry where status = 'active'").fetchone()
    return row[0] if row else None


def games_on(conn, day: dt.date) -> int:
    return conn.execute("select count(*) from marts.fct_games where game_date = %s", (day,)).fetchone()[0]


def unpredicted_games(conn, day: dt.date) -> int:
    """Games on ``day`` the active model has no stored prediction for."""
    return conn.execute(
        "select count(*) from marts.fct_games g where g.game_date = %s and not exists (select 1 from"
        " ops.predictions p join ops.model_registry m on m.version = p.model_version and m.status = 'active'"
        " where p.game_id = g.game_id)",
        (day,),
    ).fetchone()[0]


def _factors(conn, keys: list[tuple[str, str]], top: int | None) -> dict[tuple[str, str], list[Factor]]:
    if not keys:
        return {}
    rows = conn.execute(
        "select game_id, model_version, feature, feature_value, shap_value, rank from ops.prediction_explanations"
        " where (game_id, model_version) in (select * from unnest(%s::text[], %s::text[]))"
        " and (%s::int is null or rank <= %s::int) order by game_id, rank",
        ([k[0] for k in keys], [k[1] for k in keys], top, top),
    ).fetchall()
    out: dict[tuple[str, str], list[Factor]] = {}
    for game_id, version, feature, value, shap, rank in rows:
        out.setdefault((game_id, version), []).append(Factor(feature, finite(value), shap, rank))
    return out


def _base_values(conn, keys: list[tuple[str, str]]) -> dict[tuple[str, str], float]:
    rows = conn.execute(
        "select distinct on (game_id, model_version) game_id, model_version, base_value"
        " from ops.prediction_explanations"
        " where (game_id, model_version) in (select * from unnest(%s::text[], %s::text[]))",
        ([k[0] for k in keys], [k[1] for k in keys]),
    ).fetchall()
    return {(g, v): b for g, v, b in rows}


def _with_factors(conn, items: list[GamePrediction], top: int | None) -> list[GamePrediction]:
    keys = [(p.game_id, p.model_version) for p in items]
    factors, bases = _factors(conn, keys, top), _base_values(conn, keys) if keys else {}
    for p in items:
        p.factors = factors.get((p.game_id, p.model_version), [])
        p.base_value = bases.get((p.game_id, p.model_version))
    return items


def predictions_for_day(conn, day: dt.date, model_version: str | None = None) -> DayPredictions:
    """The day's stored predictions by ``model_version`` (default: the active model), top factors each."""
    version = model_version or active_version(conn)
    if not relation_exists(conn, "marts.fct_games"):
        return DayPredictions(day, version, 0, [], "the warehouse is not built yet")
    games = games_on(conn, day)
    if version is None:
        return DayPredictions(day, None, games, [], "no active model: train and promote one first")
    items = fetch_all(
        conn,
        GamePrediction,
        _PREDICTION + " where p.game_date = %s and p.model_version = %s order by p.game_id",
        (day, version),
    )
    note = None
    if not games:
        note = f"no games on {day} in the loaded data (season {season_of(day)})"
    elif len(items) < games:
        note = f"{games - len(items)} of {games} games on {day} have no prediction by {version} yet"
    return DayPredictions(day, version, games, _with_factors(conn, items, TOP_FACTORS), note)


def prediction_for_game(conn, game_id: str) -> GamePrediction | None:
    """One game's prediction, by the active model when it has one (else the newest), with every factor."""
    row = fetch_one(
        conn,
        GamePrediction,
        _PREDICTION + " left join ops.model_registry m on m.version = p.model_version where p.game_id = %s"
        " order by (m.status = 'active') desc nulls last, p.created_at desc limit 1",
        (game_id,),
    )
    return _with_factors(conn, [row], None)[0] if row else None
