"""Placing and settling bets on one connection.

Settlement happens exactly once: the only statement that settles is an ``update ... where
status = 'open' returning``, so of any number of concurrent settle calls on one bet exactly one
changes it. The others find it settled: asking again for the same result is a no-op that says
so; asking for a different result is a Conflict.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

from ledger.odds import decimal_odds, parse_american, profit_cents
from warehouse.errors import Conflict, InputError, NotFound
from warehouse.settings import LedgerSettings
from warehouse.today import as_of_today

SELECTIONS = ("home", "away")
RESULTS = ("won", "lost", "push", "void")


@dataclass(frozen=True)
class Order:
    game_id: str
    selection: str  # home | away
    odds: str | int  # American odds, e.g. -110 or "+150"
    stake_cents: int
    idempotency_key: str | None = None  # the same key again returns the bet it placed, never a second one


@dataclass(frozen=True)
class Placed:
    bet_id: int
    created: bool  # False: the idempotency key had already placed this bet


@dataclass(frozen=True)
class Settled:
    bet_id: int
    status: str
    settled_now: bool  # False: it was already settled with this result (a no-op)
    profit_cents: int


@dataclass(frozen=True)
class Pricing:
    model_version: str | None
    model_prob: float | None
    expected_value: Decimal | None  # expected profit per unit staked
    suggested_stake_cents: int


def _game(conn, game_id: str):
    row = conn.execute(
        "select game_id, season, game_date, status, home_team_id, away_team_id, home_win, tipoff_at"
        " from marts.fct_games where game_id = %s",
        (game_id,),
    ).fetchone()
    if row is None:
        raise InputError(f"game_id: unknown game {game_id!r}")
    return row


def current_bankroll_cents(conn, start_cents: int) -> int:
    """The starting bankroll plus every settled profit: what a new bet's Kelly stake is sized on."""
    settled = conn.execute("select coalesce(sum(profit_cents), 0) from ops.bets where status <> 'open'").fetchone()[0]
    return start_cents + int(settled)


def price(conn, game_id: str, selection: str, odds: int, settings: LedgerSettings, bankroll_cents: int) -> Pricing:
    """The active model's probability of the selection, the bet's expected value and the fractional-Kelly stake."""
    from ml.betting import kelly_fraction

    row = conn.execute(
        "select p.model_version, p.prob_home from ops.predictions p join ops.model_registry m"
        " on m.version = p.model_version and m.status = 'active' where p.game_id = %s",
        (game_id,),
    ).fetchone()
    if row is None:
        return Pricing(None, None, None, 0)
    version, prob_home = row
    prob = prob_home if selection == "home" else 1 - prob_home
    dec = decimal_odds(odds)
    ev = (Decimal(repr(prob)) * dec - 1).quantize(Decimal("0.000001"))
    kelly = max(kelly_fraction(prob, float(dec)), 0.0) * float(settings.kelly_fraction)
    suggested = min(math.floor(kelly * bankroll_cents), settings.max_stake_cents)
    return Pricing(version, prob, ev, max(suggested, 0))


def validate(conn, order: Order, settings: LedgerSettings, live: bool) -> tuple[tuple, int, str]:
    """The order's game row, odds and selection, or an InputError naming the first bad field."""
    selection = str(order.selection).strip().lower()
    if selection not in SELECTIONS:
        raise InputError(f"selection: {order.selection!r} is not one of {', '.join(SELECTIONS)}")
    odds = parse_american(order.odds)
    if isinstance(order.stake_cents, bool) or not isinstance(order.stake_cents, int) or order.stake_cents <= 0:
        raise InputError(f"stake: {order.stake_cents!r} must be a positive whole number of cents")
    if order.stake_cents > settings.max_stake_cents:
        raise InputError(
            f"stake: {order.stake_cents} cents is above the maximum stake of {settings.max_stake_cents} cents"
        )
    game = _game(conn, order.game_id)
    today = as_of_today(conn, live)
    if game[3] != "scheduled" or game[2] < today:
        raise InputError(f"game_id: game {order.game_id} has already tipped off ({game[3]}, {game[2]})")
    # live, the schedule's tip-off time decides within the day (the snapshot has none: its as-of is a morning)
    if live and game[7] is not None and dt.datetime.now(dt.UTC) >= game[7]:
        raise InputError(f"game_id: game {order.game_id} tipped off at {game[7]:%Y-%m-%d %H:%M %Z}")
    return game, odds, selection


def place(conn, order: Order, settings: LedgerSettings, live: bool) -> Placed:
    game, odds, selection = validate(conn, order, settings, live)
    bankroll = current_bankroll_cents(conn, settings.bankroll_cents)
    pricing = price(conn, order.game_id, selection, odds, settings, bankroll)
    team_id = game[4] if selection == "home" else game[5]
    values = (
        order.idempotency_key,
        game[0],
        game[1],
        game[2],
        selection,
        team_id,
        odds,
        decimal_odds(odds),
        order.stake_cents,
        pricing.model_version,
        pricing.model_prob,
        pricing.expected_value,
        settings.kelly_fraction,
        pricing.suggested_stake_cents,
    )
    with conn.transaction():
        row = conn.execute(
            "insert into ops.bets (idempotency_key, game_id, season, game_date, selection, team_id, odds_american,"
            " odds_decimal, stake_cents, model_version, model_prob, expected_value, kelly_fraction,"
            " suggested_stake_cents) values (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)"
            " on conflict (idempotency_key) do nothing returning bet_id",
            values,
        ).fetchone()
    if row is not None:
        return Placed(row[0], True)
    same = conn.execute(
        "select bet_id, game_id = %s and selection = %s and odds_american = %s and stake_cents = %s"
        " from ops.bets where idempotency_key = %s",
        (game[0], selection, odds, order.stake_cents, order.idempotency_key),
    ).fetchone()
    if not same[1]:
        raise Conflict(f"idempotency_key: {order.idempotency_key!r} already placed bet {same[0]} with other terms")
    return Placed(same[0], False)


def result_from_score(selection: str, status: str, home_win: bool | None) -> str | None:
    """won / lost from a final score; None while the game is not final."""
    if status != "final" or home_win is None:
        return None
    return "won" if home_win == (selection == "home") else "lost"


def settle(conn, bet_id: int, result: str | None = None) -> Settled:
    """Settle an open bet with ``result``, or from its game's final score when None."""
    if result is not None and result not in RESULTS:
        raise InputError(f"result: {result!r} is not one of {', '.join(RESULTS)}")
    bet = conn.execute(
        "select b.selection, b.odds_american, b.stake_cents, b.status, b.profit_cents, g.status, g.home_win"
        " from ops.bets b join marts.fct_games g on g.game_id = b.game_id where b.bet_id = %s",
        (bet_id,),
    ).fetchone()
    if bet is None:
        raise NotFound(f"bet_id: no bet {bet_id}")
    selection, odds, stake, status, profit, game_status, home_win = bet
    settled_by = "explicit" if result is not None else "final_score"
    if result is None:
        result = result_from_score(selection, game_status, home_win)
        if result is None and status == "open":
            raise Conflict(
                f"bet {bet_id}: its game is not final yet ({game_status}); wait for the final score"
                " or settle it with an explicit result"
            )
    row = None
    if result is not None:
        with conn.transaction():
            row = conn.execute(
                "update ops.bets set status = %s, settled_at = now(), settled_by = %s, profit_cents = %s"
                " where bet_id = %s and status = 'open' returning profit_cents",
                (result, settled_by, profit_cents(result, stake, odds), bet_id),
            ).fetchone()
    if row is not None:
        return Settled(bet_id, result, True, row[0])
    status, profit = conn.execute("select status, profit_cents from ops.bets where bet_id = %s", (bet_id,)).fetchone()
    if result is None or result == status:
        return Settled(bet_id, status, False, profit)
    raise Conflict(f"bet {bet_id} is already settled as {status}; refusing to settle it as {result}")


def finished_open_bets(conn) -> list[int]:
    return [
        r[0]
        for r in conn.execute(
            "select b.bet_id from ops.bets b join marts.fct_games g on g.game_id = b.game_id"
            " where b.status = 'open' and g.status = 'final' order by b.bet_id"
        ).fetchall()
    ]
