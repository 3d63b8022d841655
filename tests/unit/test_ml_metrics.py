"""Scoring rules and market conversions on hand-computed fixtures."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ml.market import american_to_decimal, devig, implied_probability, spread_probability
from ml.metrics import accuracy, brier, ece, log_loss, reliability_table, summarize


def test_brier_log_loss_accuracy_by_hand():
    y, p = [1, 0], [0.8, 0.3]
    assert brier(y, p) == pytest.approx((0.2**2 + 0.3**2) / 2)
    assert log_loss(y, p) == pytest.approx(-(math.log(0.8) + math.log(0.7)) / 2)
    assert accuracy(y, p) == 1.0
    assert accuracy([0], [0.5]) == 0.0  # 0.5 counts as picking the home team


def test_ece_and_reliability_by_hand():
    y, p = [0, 1, 1, 1], [0.1, 0.1, 0.9, 0.9]
    table = reliability_table(y, p).set_index("bin")
    assert table.loc[1, "games"] == 2 and table.loc[1, "observed"] == pytest.approx(0.5)
    assert table.loc[9, "games"] == 2 and table.loc[9, "observed"] == pytest.approx(1.0)
    assert ece(y, p) == pytest.approx((2 * 0.4 + 2 * 0.1) / 4)
    assert summarize(y, p)["games"] == 4


def test_log_loss_is_finite_at_the_edges():
    assert np.isfinite(log_loss([1, 0], [0.0, 1.0]))


def test_american_odds_and_devig_by_hand():
    assert american_to_decimal([-150, 130]).tolist() == pytest.approx([1 + 100 / 150, 2.3])
    assert implied_probability(-150)[()] == pytest.approx(0.6)
    home, away = devig(-150, 130)
    total = 0.6 + 100 / 230
    assert home[()] == pytest.approx(0.6 / total) and away[()] == pytest.approx((100 / 230) / total)
    assert home + away == pytest.approx(1.0)
    h, _ = devig([np.nan], [120])
    assert np.isnan(h[0])


def test_spread_probability():
    assert spread_probability(0)[()] == pytest.approx(0.5)
    assert spread_probability(-12)[()] == pytest.approx(0.841345, abs=1e-6)  # home favoured by 12: Phi(1)
    assert spread_probability(6)[()] == pytest.approx(1 - 0.691462, abs=1e-6)
