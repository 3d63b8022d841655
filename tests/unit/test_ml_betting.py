"""Betting simulation on hand-computed fixtures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ml.betting import candidate_bets, max_drawdown, simulate, sweep


def _probs():
    return pd.DataFrame(
        {
            "game_id": ["1", "2", "3"],
            "game_date": pd.to_datetime(["2023-01-01", "2023-01-01", "2023-01-02"]),
            "home_win": [1.0, 0.0, 0.0],
            "model": [0.70, 0.50, 0.30],
            "home_moneyline": [100.0, -200.0, 150.0],
            "away_moneyline": [-120.0, 170.0, np.nan],
        }
    )


def test_candidate_bets_pick_the_side_with_the_larger_edge():
    bets = candidate_bets(_probs()).set_index("game_id")
    assert set(bets.index) == {"1", "2"}  # game 3 has no away price
    # game 1: market home = 0.5 / (0.5 + 120/220) = 0.47826 -> edge 0.2217 on home at decimal 2.0
    assert bets.loc["1", "side"] == "home"
    assert bets.loc["1", "edge"] == pytest.approx(0.70 - 0.5 / (0.5 + 120 / 220))
    assert bets.loc["1", "decimal_odds"] == pytest.approx(2.0) and bets.loc["1", "won"]
    # game 2: market away = (100/270) / (2/3 + 100/270) -> we like the away side at +170, and it won
    assert bets.loc["2", "side"] == "away" and bets.loc["2", "won"]


def test_flat_staking_by_hand():
    bets = candidate_bets(_probs())
    r = simulate(bets, 0.0, "flat")
    assert r["bets"] == 2 and r["profit"] == pytest.approx(1.0 + 1.7)
    assert r["roi"] == pytest.approx(2.7 / 2)
    none = simulate(bets, 0.99, "flat")
    assert none["bets"] == 0 and none["profit"] == 0.0


def test_losing_flat_bet_and_drawdown():
    assert max_drawdown(np.array([1.0, 0.0, -2.0, -1.5])) == pytest.approx(3.0)
    assert max_drawdown(np.array([])) == 0.0


def test_kelly_stakes_a_capped_fraction_of_the_day_bankroll():
    bets = candidate_bets(_probs())
    k_home = (0.70 * 2.0 - 1) / 1.0  # game 1: home at decimal 2.0, p 0.70 -> Kelly 0.4
    k_away = (0.50 * 2.7 - 1) / 1.7  # game 2: away at decimal 2.7, p 0.50 -> Kelly 0.206
    small = simulate(bets, 0.0, "kelly", fraction=0.1)  # 4% and 2.06% of 100: under the 5% cap
    assert small["staked"] == pytest.approx(100 * 0.1 * (k_home + k_away))
    assert small["profit"] == pytest.approx(100 * 0.1 * (k_home * 1.0 + k_away * 1.7))
    assert small["profit"] != pytest.approx(simulate(bets, 0.0, "flat")["profit"])
    capped = simulate(bets, 0.0, "kelly", fraction=0.25)  # 10% and 5.1%: both capped at 5 of the day's 100
    assert capped["staked"] == pytest.approx(10.0)
    assert capped["final_bankroll"] == pytest.approx(100 + 5 * 1.0 + 5 * 1.7)


def test_sweep_has_both_stakings_for_each_threshold():
    t = sweep(_probs(), thresholds=(0.0, 0.1))
    assert len(t) == 4 and set(t["staking"]) == {"flat", "kelly x0.25"}
