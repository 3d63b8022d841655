"""Money is integer cents everywhere: parsed from dollar strings exactly, never through a float."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

CENT = Decimal("0.01")


def dollars_to_cents(value: str | int | Decimal) -> int:
    """'25' or '25.50' -> 2500 / 2550; ValueError for anything else (fractions of a cent, NaN, text, <= 0)."""
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"{value!r} is not an amount of dollars") from None
    if not amount.is_finite() or amount != amount.quantize(CENT) or amount <= 0:
        raise ValueError(f"{value!r} is not a positive amount of dollars with at most two decimals")
    return int(amount * 100)


def cents_to_dollars(cents: int) -> str:
    """2550 -> '25.50', -1234 -> '-12.34'."""
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"
