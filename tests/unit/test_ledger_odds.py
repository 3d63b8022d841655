"""American odds read strictly and priced exactly; dollars to cents without floats; the ledger's settings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ledger.odds import decimal_odds, parse_american, profit_cents, win_profit_cents
from warehouse.errors import InputError
from warehouse.money import cents_to_dollars, dollars_to_cents
from warehouse.settings import load_settings


@pytest.mark.parametrize(("text", "odds"), [("-110", -110), ("+150", 150), (" 200 ", 200), (-100, -100), ("100", 100)])
def test_american_odds_are_read(text, odds):
    assert parse_american(text) == odds


@pytest.mark.parametrize("text", ["-99", "+50", "0", "1.91", "evens", "", "++150", "150.0", True, "-1000000000"])
def test_anything_else_is_refused_naming_odds(text):
    with pytest.raises(InputError, match="^odds: "):
        parse_american(text)


def test_decimal_odds_keep_six_places():
    assert decimal_odds(150) == Decimal("2.500000")
    assert decimal_odds(-110) == Decimal("1.909091")
    assert decimal_odds(-100) == decimal_odds(100) == Decimal("2.000000")


def test_winnings_are_exact_and_rounded_down_to_the_cent():
    assert win_profit_cents(11000, -110) == 10000  # no float drift: 110.00 at -110 wins exactly 100.00
    assert win_profit_cents(1000, -110) == 909  # 9.0909... -> 9.09
    assert win_profit_cents(1001, 155) == 1551  # 15.5155 -> 15.51
    assert profit_cents("lost", 1234, 300) == -1234
    assert profit_cents("push", 1234, 300) == profit_cents("void", 1234, 300) == 0


def test_dollars_become_cents_exactly():
    assert dollars_to_cents("25") == 2500 and dollars_to_cents("0.10") == 10 and dollars_to_cents("19.99") == 1999
    for bad in ("1.005", "-5", "0", "NaN", "ten"):
        with pytest.raises(ValueError):
            dollars_to_cents(bad)
    assert cents_to_dollars(-1234) == "-12.34" and cents_to_dollars(5) == "0.05"


def test_ledger_and_api_settings_are_read_and_checked():
    s = load_settings({"COURTSIDE_BANKROLL": "250.50", "COURTSIDE_KELLY_FRACTION": "0.5", "COURTSIDE_API_PORT": "9000"})
    assert s.ledger.bankroll_cents == 25050 and s.ledger.kelly_fraction == Decimal("0.5") and s.api.port == 9000
    assert s.api.host == "127.0.0.1" and s.api.api_key is None and s.ledger.max_stake_cents == 10_000
    for name, value in (
        ("COURTSIDE_MAX_STAKE", "1.005"),
        ("COURTSIDE_KELLY_FRACTION", "2"),
        ("COURTSIDE_API_PORT", "x"),
    ):
        with pytest.raises(InputError, match=name):
            load_settings({name: value})
