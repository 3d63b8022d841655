"""What the betting market says: de-vigged moneylines and spread-implied probabilities.

These are baselines and betting prices only. Nothing here is ever a model input.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import norm

SPREAD_SIGMA = 12.0


def american_to_decimal(odds) -> np.ndarray:
    """American odds to decimal odds (total return per unit staked); NaN stays NaN."""
    o = np.asarray(odds, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        dec = np.where(o > 0, 1.0 + o / 100.0, 1.0 + 100.0 / np.abs(o))
    return np.where(np.isfinite(o) & (o != 0), dec, np.nan)


def implied_probability(odds) -> np.ndarray:
    """Raw implied probability of American odds (includes the bookmaker's margin)."""
    return 1.0 / american_to_decimal(odds)


def devig(home_moneyline, away_moneyline) -> tuple[np.ndarray, np.ndarray]:
    """Proportional de-vig: each side's implied probability divided by their sum."""
    ph = implied_probability(home_moneyline)
    pa = implied_probability(away_moneyline)
    total = ph + pa
    return ph / total, pa / total


def spread_probability(home_spread, sigma: float = SPREAD_SIGMA) -> np.ndarray:
    """P(home wins) = Phi(-home_spread / sigma); a negative spread means the home team is favoured."""
    s = np.asarray(home_spread, dtype=float)
    return norm.cdf(-s / sigma)
