"""Walk-forward backtests over time: each forecaster's weekly scores in a season's latest backtest run.

The per-season totals are in ``performance.comparisons`` (the backtest mart); this is the same run's
games week by week, so a chart can show when the model pulled ahead of Elo or fell behind the market.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.services.common import fetch_all


@dataclass(frozen=True)
class ForecasterWeek:
    season: str
    model_name: str  # model | home | elo | fivethirtyeight | market_spread | market_moneyline | ...
    week_start: dt.date
    games: int
    brier: float
    accuracy: float


def weekly_scores(conn, season: str) -> list[ForecasterWeek]:
    """The season's most recent succeeded backtest run, scored per forecaster per week (empty when none ran)."""
    return fetch_all(
        conn,
        ForecasterWeek,
        "with latest as (select run_id from ops.backtest_runs where season = %(season)s and status = 'succeeded'"
        " order by finished_at desc nulls last limit 1)"
        " select p.season, p.model_name, date_trunc('week', p.game_date)::date as week_start, count(*)::int as games,"
        " avg(power(p.prob_home - p.home_win::int, 2)) as brier,"
        " avg(((p.prob_home >= 0.5) = p.home_win)::int)::double precision as accuracy"
        " from ops.backtest_predictions p join latest using (run_id) where p.home_win is not null"
        " group by p.season, p.model_name, week_start order by week_start, p.model_name",
        {"season": season},
    )
