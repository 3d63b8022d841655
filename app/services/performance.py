"""How well the model did: live scores over time, calibration, and walk-forward comparisons with Elo and the market.

Everything comes from the performance marts; in-sample predictions are not in them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.services.common import fetch_all, fetch_one, relation_exists, season_scope
from app.services.predictions import active_version
from warehouse.errors import InputError


@dataclass(frozen=True)
class Scores:
    games: int
    accuracy: float | None
    brier: float | None
    log_loss: float | None


@dataclass(frozen=True)
class PeriodScores:
    period: str
    period_start: dt.date
    games: int
    accuracy: float | None
    brier: float | None
    log_loss: float | None


@dataclass(frozen=True)
class CalibrationBin:
    prob_bin: int
    bin_lower: float
    bin_upper: float
    games: int
    mean_prob_home: float | None
    observed_home_win_rate: float | None


@dataclass(frozen=True)
class Comparison:
    """One forecaster's walk-forward backtest scores on a season (model, home, elo, market_moneyline, ...)."""

    season: str
    model_name: str
    refit: str
    games: int
    accuracy: float | None
    brier: float | None
    log_loss: float | None
    finished_at: dt.datetime | None


@dataclass
class Performance:
    model_version: str | None
    season: str | None
    date_from: dt.date | None
    date_to: dt.date | None
    overall: Scores
    daily: list[PeriodScores] = field(default_factory=list)
    weekly: list[PeriodScores] = field(default_factory=list)
    calibration: list[CalibrationBin] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    note: str | None = None


EMPTY = Scores(0, None, None, None)


def _range(
    version: str, season: str | None, date_from: dt.date | None, date_to: dt.date | None, day_column: str
) -> tuple[str, list]:
    """A filter on one model version and the range; the period marts have no season column: by date only."""
    where, params = ["model_version = %s"], [version]
    if season is not None and day_column == "game_date":
        where.append("season = %s")
        params.append(season)
    if date_from is not None:
        where.append(f"{day_column} >= %s")
        params.append(date_from)
    if date_to is not None:
        where.append(f"{day_column} <= %s")
        params.append(date_to)
    return " and ".join(where), params


def model_performance(
    conn,
    season: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    model_version: str | None = None,
) -> Performance:
    """Scores of ``model_version`` (default: the active model) on the scored games of the range."""
    if date_from and date_to and date_from > date_to:
        raise InputError(f"from: {date_from} is after to: {date_to}")
    scope = season_scope(conn, season)
    version = model_version or active_version(conn)
    out = Performance(version, season, date_from, date_to, EMPTY)
    if not scope.loaded:
        out.note = scope.note
        return out
    if version is None:
        out.note = "no active model: train and promote one first"
        return out
    if conn.execute("select 1 from ops.model_registry where version = %s", (version,)).fetchone() is None:
        raise InputError(f"model_version: unknown model version {version!r}")
    if not relation_exists(conn, "marts.fct_prediction_outcomes"):
        out.note = "the performance marts are not built yet"
        return out
    condition, params = _range(version, season, date_from, date_to, "game_date")
    out.overall = fetch_one(
        conn,
        Scores,
        "select count(*)::int as games, avg(is_correct::int)::double precision as accuracy, avg(brier) as brier,"
        f" avg(log_loss) as log_loss from marts.fct_prediction_outcomes where is_scored and {condition}",
        params,
    )
    # the period marts carry no season: a season narrows them to the days of its scored games
    periods, period_params = _range(version, None, date_from, date_to, "period_start")
    if season is not None:
        periods += " and period_start between (select min(game_date) from marts.fct_games where season = %s)"
        periods += " and (select max(game_date) from marts.fct_games where season = %s)"
        period_params += [season, season]
    for grain in ("daily", "weekly"):
        rows = fetch_all(
            conn,
            PeriodScores,
            "select period, period_start, games, accuracy, brier, log_loss"
            f" from marts.fct_model_performance_{grain} where {periods} order by period_start",
            period_params,
        )
        setattr(out, grain, rows)
    out.calibration = fetch_all(
        conn,
        CalibrationBin,
        "select prob_bin, min(bin_lower)::double precision as bin_lower, min(bin_upper)::double precision as bin_upper,"
        " sum(games)::int as games,"
        " sum(mean_prob_home * games) / nullif(sum(games), 0) as mean_prob_home,"
        " sum(observed_home_win_rate * games) / nullif(sum(games), 0) as observed_home_win_rate"
        f" from marts.fct_model_calibration where grain = 'day' and {periods}"
        " group by prob_bin order by prob_bin",
        period_params,
    )
    out.comparisons = comparisons(conn, season)
    if out.overall.games == 0:
        out.note = f"no scored live predictions by {version} in this range"
    return out


def comparisons(conn, season: str | None) -> list[Comparison]:
    """The latest walk-forward backtest of each season (and refit): the model against Elo, 538 and the market."""
    if not relation_exists(conn, "marts.fct_backtest_performance"):
        return []
    return fetch_all(
        conn,
        Comparison,
        "select season, model_name, refit, games, accuracy, brier, log_loss, finished_at"
        " from marts.fct_backtest_performance b where (%s::text is null or season = %s)"
        " and run_id = (select run_id from marts.fct_backtest_performance l where l.season = b.season"
        " and l.refit = b.refit order by finished_at desc nulls last limit 1)"
        " order by season, refit, brier",
        (season, season),
    )
