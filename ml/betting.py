"""Betting simulation against the market's own prices (closing moneylines).

For each game with both moneylines, our edge on a side is our probability minus the
de-vigged market probability of that side. We bet the side with the larger edge when it
exceeds the threshold, at the quoted price. Flat staking bets 1 unit; fractional Kelly bets
``fraction * kelly`` of the bankroll at the start of the game day (capped at 5% per bet).
Profit, ROI and drawdown are reported as they come, losses included.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ml.market import american_to_decimal, devig

THRESHOLDS = (0.0, 0.02, 0.04, 0.06, 0.08, 0.10)
KELLY_FRACTION = 0.25
KELLY_CAP = 0.05
START_BANKROLL = 100.0


def candidate_bets(probs: pd.DataFrame, column: str = "model") -> pd.DataFrame:
    """One row per game with prices: the side we would take, its edge, price and whether it won."""
    df = probs.dropna(subset=["home_moneyline", "away_moneyline", column]).copy()
    m_home, m_away = devig(df["home_moneyline"], df["away_moneyline"])
    edge_home = df[column].to_numpy() - m_home
    edge_away = (1 - df[column].to_numpy()) - m_away
    take_home = edge_home >= edge_away
    dec_home = american_to_decimal(df["home_moneyline"])
    dec_away = american_to_decimal(df["away_moneyline"])
    out = pd.DataFrame(
        {
            "game_id": df["game_id"].to_numpy(),
            "game_date": pd.to_datetime(df["game_date"]).to_numpy(),
            "side": np.where(take_home, "home", "away"),
            "edge": np.where(take_home, edge_home, edge_away),
            "prob": np.where(take_home, df[column].to_numpy(), 1 - df[column].to_numpy()),
            "decimal_odds": np.where(take_home, dec_home, dec_away),
            "won": np.where(take_home, df["home_win"].to_numpy() == 1, df["home_win"].to_numpy() == 0),
        }
    )
    out = out[np.isfinite(out["decimal_odds"])]
    return out.sort_values(["game_date", "game_id"], kind="stable").reset_index(drop=True)


def kelly_fraction(prob: float, decimal_odds: float) -> float:
    """The full-Kelly share of the bankroll for a bet won with probability ``prob`` at ``decimal_odds``
    (negative when the bet has no edge: stake nothing then)."""
    b = decimal_odds - 1
    return (prob * decimal_odds - 1) / b if b > 0 else 0.0


def max_drawdown(curve: np.ndarray, start: float = 0.0) -> float:
    """Largest peak-to-trough fall of a running total (same units as the curve)."""
    if len(curve) == 0:
        return 0.0
    full = np.concatenate([[start], curve])
    return float(np.max(np.maximum.accumulate(full) - full))


def simulate(
    bets: pd.DataFrame, threshold: float, staking: str = "flat", fraction: float = KELLY_FRACTION
) -> dict[str, float]:
    chosen = bets[bets["edge"] > threshold]
    n = len(chosen)
    if staking == "flat":
        pnl = np.where(chosen["won"], chosen["decimal_odds"] - 1, -1.0)
        curve = np.cumsum(pnl)
        staked = float(n)
        profit = float(curve[-1]) if n else 0.0
        return {
            "staking": "flat",
            "threshold": threshold,
            "bets": n,
            "wins": int(chosen["won"].sum()),
            "staked": staked,
            "profit": profit,
            "roi": profit / staked if staked else 0.0,
            "roi_se": float(np.std(pnl, ddof=1) / np.sqrt(n)) if n > 1 else float("nan"),
            "max_drawdown": max_drawdown(curve),
            "final_bankroll": None,
        }
    if staking != "kelly":
        raise ValueError(f"unknown staking {staking!r}")
    bank = START_BANKROLL
    staked = 0.0
    curve = []
    for _, day in chosen.groupby("game_date", sort=True):
        day_bank = bank
        for r in day.itertuples():
            b = r.decimal_odds - 1
            stake = max(0.0, min(fraction * kelly_fraction(r.prob, r.decimal_odds), KELLY_CAP)) * day_bank
            staked += stake
            bank += stake * b if r.won else -stake
            curve.append(bank)
    profit = bank - START_BANKROLL
    return {
        "staking": f"kelly x{fraction}",
        "threshold": threshold,
        "bets": n,
        "wins": int(chosen["won"].sum()),
        "staked": staked,
        "profit": profit,
        "roi": profit / staked if staked else 0.0,
        "roi_se": float("nan"),
        "max_drawdown": max_drawdown(np.asarray(curve), START_BANKROLL),
        "final_bankroll": bank,
    }


def sweep(probs: pd.DataFrame, column: str = "model", thresholds=THRESHOLDS) -> pd.DataFrame:
    bets = candidate_bets(probs, column)
    rows = [simulate(bets, t, s) for s in ("flat", "kelly") for t in thresholds]
    return pd.DataFrame(rows)
