"""Scoring rules for probability forecasts of a binary outcome (home team wins)."""

from __future__ import annotations

import numpy as np
import pandas as pd

EPS = 1e-15


def _arrays(y, p) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    if y.shape != p.shape:
        raise ValueError(f"outcomes and probabilities differ in length: {y.shape} vs {p.shape}")
    return y, p


def accuracy(y, p) -> float:
    """Share of games where the favoured side (p >= 0.5 means home) won."""
    y, p = _arrays(y, p)
    return float(np.mean((p >= 0.5) == (y == 1))) if len(y) else float("nan")


def brier(y, p) -> float:
    y, p = _arrays(y, p)
    return float(np.mean((p - y) ** 2)) if len(y) else float("nan")


def log_loss(y, p) -> float:
    y, p = _arrays(y, p)
    if not len(y):
        return float("nan")
    p = np.clip(p, EPS, 1 - EPS)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def reliability_table(y, p, bins: int = 10) -> pd.DataFrame:
    """Equal-width probability bins: games, mean forecast and observed home-win rate per bin."""
    y, p = _arrays(y, p)
    edges = np.linspace(0.0, 1.0, bins + 1)
    idx = np.clip(np.digitize(p, edges[1:-1], right=False), 0, bins - 1)
    rows = []
    for b in range(bins):
        m = idx == b
        rows.append(
            {
                "bin": b,
                "lower": edges[b],
                "upper": edges[b + 1],
                "games": int(m.sum()),
                "mean_prob": float(p[m].mean()) if m.any() else float("nan"),
                "observed": float(y[m].mean()) if m.any() else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def ece(y, p, bins: int = 10) -> float:
    """Expected calibration error: game-weighted mean |forecast - observed| over the bins."""
    table = reliability_table(y, p, bins)
    used = table[table["games"] > 0]
    if used.empty:
        return float("nan")
    gap = (used["mean_prob"] - used["observed"]).abs()
    return float((gap * used["games"]).sum() / used["games"].sum())


def summarize(y, p) -> dict[str, float | int]:
    y, p = _arrays(y, p)
    return {
        "games": int(len(y)),
        "accuracy": accuracy(y, p),
        "brier": brier(y, p),
        "log_loss": log_loss(y, p),
        "ece": ece(y, p),
    }
