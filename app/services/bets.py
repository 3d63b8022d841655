"""The ledger's reads: bets, paginated, and the bankroll summary (all money in integer cents)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from app.services.common import fetch_all, fetch_one, page_bounds, season_scope
from warehouse.errors import InputError
from warehouse.settings import get_settings

STATUSES = ("open", "won", "lost", "push", "void")


@dataclass(frozen=True)
class Bet:
    bet_id: int
    game_id: str
    season: str
    game_date: dt.date
    home_team_abbr: str
    away_team_abbr: str
    selection: str  # home | away
    team_id: int
    odds_american: int
    odds_decimal: Decimal
    stake_cents: int
    placed_at: dt.datetime
    model_version: str | None
    model_prob: float | None  # the model's probability of the selection when the bet was placed
    expected_value: Decimal | None  # expected profit per unit staked at placement
    kelly_fraction: Decimal
    suggested_stake_cents: int  # the fractional-Kelly stake on the bankroll at placement, capped at the maximum
    status: str  # open | won | lost | push | void
    settled_at: dt.datetime | None
    settled_by: str | None  # final_score | explicit
    profit_cents: int | None


@dataclass(frozen=True)
class BetPage:
    items: list[Bet] = field(default_factory=list)
    total: int = 0
    limit: int = 0
    offset: int = 0
    season: str | None = None
    status: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class MonthSummary:
    month: str  # YYYY-MM of the game
    bets: int
    settled: int
    staked_cents: int
    profit_cents: int


@dataclass
class BetSummary:
    season: str | None
    start_bankroll_cents: int
    bankroll_cents: int  # start + settled profit
    bets: int
    open_bets: int
    settled_bets: int
    staked_cents: int  # on settled bets (void ones excluded: their stake came back untouched)
    profit_cents: int
    roi: float | None  # profit / staked
    win_rate: float | None  # won / (won + lost)
    open_exposure_cents: int  # stakes of open bets
    max_drawdown_cents: int  # largest fall of the bankroll from a peak, in settlement order
    by_month: list[MonthSummary] = field(default_factory=list)
    note: str | None = None


BET_QUERY = (
    "select b.bet_id, b.game_id, b.season, b.game_date, g.home_team_abbr, g.away_team_abbr, b.selection,"
    " b.team_id, b.odds_american, b.odds_decimal, b.stake_cents, b.placed_at, b.model_version, b.model_prob,"
    " b.expected_value, b.kelly_fraction, b.suggested_stake_cents, b.status, b.settled_at, b.settled_by,"
    " b.profit_cents from ops.bets b join marts.fct_games g on g.game_id = b.game_id"
)


def get_bet(conn, bet_id: int) -> Bet | None:
    return fetch_one(conn, Bet, BET_QUERY + " where b.bet_id = %s", (bet_id,))


def _status(status: str | None) -> str | None:
    if status is not None and status not in STATUSES:
        raise InputError(f"status: {status!r} is not one of {', '.join(STATUSES)}")
    return status


def list_bets(
    conn, season: str | None = None, status: str | None = None, limit: int | None = None, offset: int | None = None
) -> BetPage:
    """Bets newest first."""
    bounds = page_bounds(limit, offset)
    status = _status(status)
    scope = season_scope(conn, season)
    if not scope.loaded:
        return BetPage([], 0, bounds.limit, bounds.offset, season, status, scope.note)
    where = (
        " where (%(season)s::text is null or b.season = %(season)s)"
        " and (%(status)s::text is null or b.status = %(status)s)"
    )
    params = {"season": season, "status": status, "limit": bounds.limit, "offset": bounds.offset}
    total = conn.execute("select count(*) from ops.bets b" + where, params).fetchone()[0]
    items = fetch_all(
        conn,
        Bet,
        BET_QUERY + where + " order by b.placed_at desc, b.bet_id desc limit %(limit)s offset %(offset)s",
        params,
    )
    return BetPage(items, total, bounds.limit, bounds.offset, season, status, None if total else "no bets match")


def _max_drawdown(start: int, profits: list[int]) -> int:
    peak = bank = start
    worst = 0
    for p in profits:
        bank += p
        peak = max(peak, bank)
        worst = max(worst, peak - bank)
    return worst


def bets_summary(conn, season: str | None = None) -> BetSummary:
    """Bankroll, staked, profit, ROI, win rate, open exposure and max drawdown, overall and by month."""
    scope = season_scope(conn, season)
    start = get_settings().ledger.bankroll_cents
    if not scope.loaded:
        return BetSummary(season, start, start, 0, 0, 0, 0, 0, None, None, 0, 0, [], scope.note)
    rows = conn.execute(
        "select status, stake_cents, profit_cents, to_char(game_date, 'YYYY-MM') from ops.bets"
        " where (%(season)s::text is null or season = %(season)s) order by settled_at nulls last, bet_id",
        {"season": season},
    ).fetchall()
    settled = [r for r in rows if r[0] != "open"]
    staked = sum(r[1] for r in settled if r[0] != "void")
    profit = sum(r[2] for r in settled)
    won, lost = sum(r[0] == "won" for r in rows), sum(r[0] == "lost" for r in rows)
    months: dict[str, list] = {}
    for status, stake, prof, month in rows:
        m = months.setdefault(month, [0, 0, 0, 0])
        m[0] += 1
        if status != "open":
            m[1] += 1
            m[2] += 0 if status == "void" else stake
            m[3] += prof
    return BetSummary(
        season=season,
        start_bankroll_cents=start,
        bankroll_cents=start + profit,
        bets=len(rows),
        open_bets=len(rows) - len(settled),
        settled_bets=len(settled),
        staked_cents=staked,
        profit_cents=profit,
        roi=profit / staked if staked else None,
        win_rate=won / (won + lost) if won + lost else None,
        open_exposure_cents=sum(r[1] for r in rows if r[0] == "open"),
        max_drawdown_cents=_max_drawdown(start, [r[2] for r in settled]),
        by_month=[MonthSummary(k, *v) for k, v in sorted(months.items())],
        note=None if rows else "no bets placed yet",
    )


@dataclass(frozen=True)
class EquityPoint:
    bet_id: int
    settled_at: dt.datetime
    game_id: str
    status: str
    profit_cents: int
    bankroll_cents: int  # the bankroll after this settlement


def equity_curve(conn, season: str | None = None) -> list[EquityPoint]:
    """The bankroll after each settlement, in settlement order (empty until the first bet is settled)."""
    start = get_settings().ledger.bankroll_cents
    return fetch_all(
        conn,
        EquityPoint,
        "select bet_id, settled_at, game_id, status, profit_cents,"
        " (%(start)s + sum(profit_cents) over (order by settled_at, bet_id))::bigint as bankroll_cents"
        " from ops.bets where status <> 'open' and (%(season)s::text is null or season = %(season)s)"
        " order by settled_at, bet_id",
        {"start": start, "season": season},
    )
