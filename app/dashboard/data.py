"""The dashboard's data: read-layer calls (``app.services``), cached briefly.

Pages never query the database themselves. A cached answer is shared by every session for
``TTL`` seconds (the warehouse changes once a morning; a bet clears the ledger's answers at once).
A call that cannot reach the database raises ``DatabaseUnavailable`` and is not cached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import panel as pn

from app.services import (
    backtests,
    bets,
    calendar,
    features,
    matches,
    mlops,
    performance,
    predictions,
    quality,
    raw,
    runs,
    status,
    teams,
)
from ledger import book
from warehouse.db import connect
from warehouse.settings import get_settings
from warehouse.today import as_of_today

T = TypeVar("T")
TTL = 60


def read(query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    with connect() as conn:
        return query(conn, *args, **kwargs)


def live() -> bool:
    return get_settings().sources.live


@pn.cache(ttl=TTL)
def as_of() -> dt.date:
    """ "Today": the US-Eastern date in live mode, the morning the data is loaded as of in snapshot mode."""
    return read(as_of_today, get_settings().sources.live)


@pn.cache(ttl=TTL)
def day_predictions(day: dt.date) -> predictions.DayPredictions:
    return read(predictions.predictions_for_day, day)


@pn.cache(ttl=TTL)
def no_games_reason(day: dt.date) -> str:
    return calendar.no_games_reason(read(calendar.game_days_around, day))


@pn.cache(ttl=TTL)
def team_names() -> dict[int, str]:
    return {t.team_id: t.full_name for t in read(teams.teams)}


@pn.cache(ttl=TTL)
def recent_form(team_id: int, before: dt.date) -> list[teams.FormGame]:
    return read(teams.recent_form, team_id, before)


@pn.cache(ttl=TTL)
def head_to_head(team_a: int, team_b: int, before: dt.date) -> list[teams.Meeting]:
    return read(teams.head_to_head, team_a, team_b, before)


@pn.cache(ttl=TTL)
def last_daily_run() -> runs.DailyRun | None:
    return read(runs.last_daily_run)


@pn.cache(ttl=TTL)
def game_prediction(game_id: str) -> predictions.GamePrediction | None:
    return read(predictions.prediction_for_game, game_id)


@pn.cache(ttl=TTL)
def game(game_id: str) -> matches.Match | None:
    return read(matches.match, game_id)


@pn.cache(ttl=TTL)
def games_on(day: dt.date) -> matches.MatchPage:
    return read(matches.list_matches, day=day, limit=50)


@pn.cache(ttl=TTL)
def feature_row(game_id: str) -> features.FeatureRow | None:
    return read(features.feature_row, game_id)


@pn.cache(ttl=TTL)
def system_status() -> status.SystemStatus:
    return read(status.system_status)


@pn.cache(ttl=TTL)
def model_performance(season: str | None) -> performance.Performance:
    return read(performance.model_performance, season)


@pn.cache(ttl=TTL)
def backtest_weeks(season: str) -> list[backtests.ForecasterWeek]:
    return read(backtests.weekly_scores, season)


@pn.cache(ttl=TTL)
def quality_overview(season: str | None) -> quality.QualityOverview:
    return read(quality.quality_overview, season)


@pn.cache(ttl=TTL)
def seasons() -> list[str]:
    from app.services.common import loaded_seasons

    return read(loaded_seasons)


@pn.cache(ttl=TTL)
def table_names() -> list[str]:
    """The allow-list's names (without the per-table row counts, which take seconds on a full warehouse)."""
    return list(read(raw.allowed_tables))


@pn.cache(ttl=TTL)
def table_rows(table: str, season: str | None, limit: int, offset: int) -> raw.TableRows:
    return read(raw.table_rows, table, season, limit, offset)


@pn.cache(ttl=TTL)
def bets_page(status_: str | None, limit: int, offset: int) -> bets.BetPage:
    return read(bets.list_bets, None, status_, limit, offset)


@pn.cache(ttl=TTL)
def bets_summary() -> bets.BetSummary:
    return read(bets.bets_summary)


@pn.cache(ttl=TTL)
def mlops_snapshot() -> mlops.MonitoringSnapshot:
    return read(mlops.monitoring_snapshot)


@pn.cache(ttl=TTL)
def mlops_trend(days: int | None) -> list[mlops.TrendPoint]:
    return read(mlops.monitoring_trend, days)


@pn.cache(ttl=TTL)
def retrain_decision() -> mlops.Decision:
    return read(mlops.retrain_decision)


@pn.cache(ttl=TTL)
def retrain_jobs() -> list[mlops.RetrainJob]:
    return read(mlops.retrain_jobs, 20)


def ledger_changed() -> None:
    """After a bet is placed or settled: the ledger's cached answers are stale."""
    for cached in (bets_page, bets_summary, equity_curve):
        cached.clear()


@pn.cache(ttl=TTL)
def equity_curve() -> list[bets.EquityPoint]:
    return read(bets.equity_curve)


def quote(game_id: str, selection: str, odds: int) -> book.Pricing:
    """What the ledger would record for this bet: the model's probability, EV and the suggested Kelly stake."""
    settings = get_settings().ledger

    def price(conn):
        return book.price(
            conn, game_id, selection, odds, settings, book.current_bankroll_cents(conn, settings.bankroll_cents)
        )

    return read(price)


@pn.cache(ttl=TTL)
def intelligence_board(day: dt.date):
    """The day's grounded briefs with the feeds' health (intel.service; each brief is audited once per TTL)."""
    from intel.service import brief_board

    return read(brief_board, day)


@pn.cache(ttl=TTL)
def game_intelligence(game_id: str):
    """One game's grounded brief (audited once per TTL)."""
    from intel.service import game_brief

    return read(lambda conn: game_brief(game_id, conn=conn))


def ask_about_game(game_id: str, question: str):
    from intel.service import ask

    return ask(game_id, question)
