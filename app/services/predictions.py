"""Stored predictions (``ops.predictions``) with their games and SHAP factors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from psycopg.rows import dict_row

from app.services.common import fetch_one, finite
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


_PREDICTION_COLUMNS = (
    "p.game_id, p.game_date, g.season, g.status, p.home_team_id, g.home_team_abbr, p.away_team_id,"
    " g.away_team_abbr, p.model_version, p.prob_home, p.prob_away, p.predicted_winner_team_id,"
    " case when p.predicted_winner_team_id = p.home_team_id then g.home_team_abbr else g.away_team_abbr end"
    " as predicted_winner_abbr, p.confidence, p.in_sample, g.home_win, p.created_at as predicted_at"
)


def active_version(conn) -> str | None:
    row = conn.execute("select version from ops.model_registry where status = 'active'").fetchone()
    return row[0] if row else None


def _with_factors(conn, items: list[GamePrediction], top: int | None) -> list[GamePrediction]:
    """Attach each prediction's SHAP factors (the ``top`` largest, or all) and base value, in one query."""
    if not items:
        return items
    rows = conn.execute(
        "select game_id, model_version, feature, feature_value, shap_value, rank, base_value"
        " from ops.prediction_explanations"
        " where (game_id, model_version) in (select * from unnest(%s::text[], %s::text[]))"
        " and (%s::int is null or rank <= %s::int) order by game_id, rank",
        ([p.game_id for p in items], [p.model_version for p in items], top, top),
    ).fetchall()
    by_key = {(p.game_id, p.model_version): p for p in items}
    for game_id, version, feature, value, shap, rank, base in rows:
        p = by_key[(game_id, version)]
        p.factors.append(Factor(feature, finite(value), shap, rank))
        p.base_value = base
    return items


def predictions_for_day(conn, day: dt.date, model_version: str | None = None) -> DayPredictions:
    """The day's stored predictions by ``model_version`` (default: the active model), top factors each.

    Three queries whatever the day holds: this page is the API's busiest."""
    version, built = conn.execute(
        "select coalesce(%s, (select version from ops.model_registry where status = 'active')),"
        " to_regclass('marts.fct_games') is not null",
        (model_version,),
    ).fetchone()
    if not built:
        return DayPredictions(day, version, 0, [], "the warehouse is not built yet")
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(
            f"select g.game_id as day_game_id, {_PREDICTION_COLUMNS} from marts.fct_games g"
            " left join ops.predictions p on p.game_id = g.game_id and p.model_version = %s"
            " where g.game_date = %s order by g.game_id",
            (version, day),
        ).fetchall()
    games = len(rows)
    items = [GamePrediction(**{k: v for k, v in r.items() if k != "day_game_id"}) for r in rows if r["game_id"]]
    note = None
    if version is None:
        note = "no active model: train and promote one first"
    elif not games:
        note = f"no games on {day} in the loaded data (season {season_of(day)})"
    elif len(items) < games:
        note = f"{games - len(items)} of {games} games on {day} have no prediction by {version} yet"
    return DayPredictions(day, version, games, _with_factors(conn, items, TOP_FACTORS), note)


def prediction_for_game(conn, game_id: str) -> GamePrediction | None:
    """One game's prediction, by the active model when it has one (else the newest), with every factor."""
    row = fetch_one(
        conn,
        GamePrediction,
        f"select {_PREDICTION_COLUMNS} from ops.predictions p join marts.fct_games g on g.game_id = p.game_id"
        " left join ops.model_registry m on m.version = p.model_version where p.game_id = %s"
        " order by (m.status = 'active') desc nulls last, p.created_at desc limit 1",
        (game_id,),
    )
    return _with_factors(conn, [row], None)[0] if row else None
