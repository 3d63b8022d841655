"""American odds: read them strictly, price them exactly.

+150 pays 150 per 100 staked, -120 pays 100 per 120 staked. Odds strictly between -100 and +100
do not exist; +100 and -100 are both even money. Winnings are rounded down to the cent.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal

from warehouse.errors import InputError

AMERICAN = re.compile(r"^[+-]?\d{1,6}$")
DECIMAL_PLACES = Decimal("0.000001")


def parse_american(value: str | int) -> int:
    """'+150', '150', -110 -> an integer; InputError naming ``odds`` for anything else."""
    if isinstance(value, bool):
        raise InputError(f"odds: {value!r} is not American odds (e.g. -110 or +150)")
    text = str(value).strip()
    if not AMERICAN.match(text):
        raise InputError(f"odds: {value!r} is not American odds (a whole number such as -110 or +150)")
    odds = int(text)
    if -100 < odds < 100:
        raise InputError(f"odds: {odds} is between -100 and +100, which American odds never are")
    return odds


def _ratio(american: int) -> tuple[int, int]:
    """What is won per what is risked: +150 -> (150, 100), -110 -> (100, 110)."""
    return (american, 100) if american > 0 else (100, -american)


def decimal_odds(american: int) -> Decimal:
    """Total return per unit staked (stake included), to six places: +150 -> 2.5, -110 -> 1.909091."""
    win, risk = _ratio(american)
    value = 1 + Decimal(win) / Decimal(risk)
    return value.quantize(DECIMAL_PLACES, rounding=ROUND_HALF_EVEN)


def win_profit_cents(stake_cents: int, american: int) -> int:
    """Profit of a winning bet, exact from the American odds, rounded down to the cent."""
    win, risk = _ratio(american)
    return stake_cents * win // risk  # integers throughout: exact, then down to the cent


def profit_cents(result: str, stake_cents: int, american: int) -> int:
    """won: the winnings; lost: minus the stake; push and void: the stake comes back, no profit."""
    if result == "won":
        return win_profit_cents(stake_cents, american)
    if result == "lost":
        return -stake_cents
    return 0
