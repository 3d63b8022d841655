"""FiveThirtyEight-style Elo, computed leakage-safe over a games DataFrame.

Parameters are 538's published NBA Elo: K=20, +100 home court (none at neutral sites),
margin-of-victory multiplier ``((mov+3)**0.8) / (7.5 + 0.006*elo_diff)`` where ``elo_diff``
is the winner's rating minus the loser's (home advantage included), and 3/4 carry-over
toward 1505 between seasons.

A game's pregame ratings use only results of games on earlier dates: all games of one date
are rated first, then the ratings are updated with that date's finished games (a team plays
at most once a date, so this equals processing them in game order). Games without a result
(scheduled) get the current ratings and update nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

ELO_FEATURES = ["elo_home_pre", "elo_away_pre", "elo_diff_pre", "elo_prob_home"]


@dataclass(frozen=True)
class EloParams:
    k: float = 20.0
    home_advantage: float = 100.0
    mean: float = 1505.0
    carry_over: float = 0.75
    initial: float = 1505.0

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def win_probability(
    elo_home: np.ndarray | float, elo_away: np.ndarray | float, neutral=False, home_advantage: float = 100.0
):
    """P(home wins) from the two ratings; no home advantage at a neutral site."""
    hca = np.where(np.asarray(neutral, dtype=bool), 0.0, home_advantage)
    diff = np.asarray(elo_home, dtype=float) + hca - np.asarray(elo_away, dtype=float)
    return 1.0 / (1.0 + 10.0 ** (-diff / 400.0))


def mov_multiplier(mov: float, winner_elo_diff: float) -> float:
    return ((abs(mov) + 3.0) ** 0.8) / (7.5 + 0.006 * winner_elo_diff)


def compute_elo(games: pd.DataFrame, params: EloParams | None = None) -> pd.DataFrame:
    """Pregame Elo for every game.

    ``games`` needs game_id, season, game_date, home_team_id, away_team_id, home_score,
    away_score (null when not final) and optionally is_neutral_site. Returns one row per
    game: game_id plus the columns in ``ELO_FEATURES``.
    """
    p = params or EloParams()
    cols = ["game_id", "season", "game_date", "home_team_id", "away_team_id", "home_score", "away_score"]
    g = games[cols].copy()
    g["neutral"] = (
        games["is_neutral_site"].fillna(False).astype(bool).to_numpy() if "is_neutral_site" in games else False
    )
    g["game_date"] = pd.to_datetime(g["game_date"])
    g = g.sort_values(["game_date", "game_id"], kind="stable").reset_index(drop=True)

    ratings: dict[int, float] = {}
    current_season = None
    n = len(g)
    home_pre = np.empty(n)
    away_pre = np.empty(n)
    seasons = g["season"].to_numpy()
    dates = g["game_date"].to_numpy()
    hids = g["home_team_id"].to_numpy()
    aids = g["away_team_id"].to_numpy()
    hs = pd.to_numeric(g["home_score"], errors="coerce").to_numpy(dtype=float)
    as_ = pd.to_numeric(g["away_score"], errors="coerce").to_numpy(dtype=float)
    neutral = g["neutral"].to_numpy(dtype=bool)

    i = 0
    while i < n:
        j = i
        while j < n and dates[j] == dates[i]:
            j += 1
        # season boundary: regress every known team toward the mean once
        if seasons[i] != current_season:
            if current_season is not None:
                for team in ratings:
                    ratings[team] = p.carry_over * ratings[team] + (1 - p.carry_over) * p.mean
            current_season = seasons[i]
        for k in range(i, j):  # pregame ratings for the whole date first
            home_pre[k] = ratings.get(hids[k], p.initial)
            away_pre[k] = ratings.get(aids[k], p.initial)
        for k in range(i, j):
            if np.isnan(hs[k]) or np.isnan(as_[k]) or hs[k] == as_[k]:
                continue
            hca = 0.0 if neutral[k] else p.home_advantage
            eh, ea = home_pre[k], away_pre[k]
            prob_home = 1.0 / (1.0 + 10.0 ** (-(eh + hca - ea) / 400.0))
            home_won = hs[k] > as_[k]
            winner_diff = (eh + hca - ea) if home_won else (ea - eh - hca)
            shift = p.k * mov_multiplier(hs[k] - as_[k], winner_diff) * ((1.0 if home_won else 0.0) - prob_home)
            ratings[hids[k]] = eh + shift
            ratings[aids[k]] = ea - shift
        i = j

    out = pd.DataFrame({"game_id": g["game_id"], "elo_home_pre": home_pre, "elo_away_pre": away_pre})
    hca = np.where(neutral, 0.0, p.home_advantage)
    out["elo_diff_pre"] = out["elo_home_pre"] + hca - out["elo_away_pre"]
    out["elo_prob_home"] = 1.0 / (1.0 + 10.0 ** (-out["elo_diff_pre"] / 400.0))
    return out


MARGIN_FEATURES = ["margin_rating_home_pre", "margin_rating_away_pre", "margin_pred_home"]


@dataclass(frozen=True)
class MarginParams:
    """A points rating: each team's expected margin against an average team.

    After a game both teams move by ``k * (actual margin - predicted margin)``; the prediction is
    the rating difference plus ``home_advantage`` points (none at neutral sites); ratings are
    multiplied by ``carry_over`` between seasons. k=0.05 was chosen by walk-forward on 2018-19 ..
    2020-21 (docs/decisions), never on the reported seasons.
    """

    k: float = 0.05
    home_advantage: float = 2.5
    carry_over: float = 0.75

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def compute_margin_rating(games: pd.DataFrame, params: MarginParams | None = None) -> pd.DataFrame:
    """Pregame points ratings for every game; the same leakage rules as ``compute_elo``."""
    p = params or MarginParams()
    g = games[["game_id", "season", "game_date", "home_team_id", "away_team_id", "home_score", "away_score"]].copy()
    g["neutral"] = (
        games["is_neutral_site"].fillna(False).astype(bool).to_numpy() if "is_neutral_site" in games else False
    )
    g["game_date"] = pd.to_datetime(g["game_date"])
    g = g.sort_values(["game_date", "game_id"], kind="stable").reset_index(drop=True)
    n = len(g)
    home_pre, away_pre = np.empty(n), np.empty(n)
    seasons, dates = g["season"].to_numpy(), g["game_date"].to_numpy()
    hids, aids = g["home_team_id"].to_numpy(), g["away_team_id"].to_numpy()
    hs = pd.to_numeric(g["home_score"], errors="coerce").to_numpy(dtype=float)
    as_ = pd.to_numeric(g["away_score"], errors="coerce").to_numpy(dtype=float)
    hca = np.where(g["neutral"].to_numpy(dtype=bool), 0.0, p.home_advantage)
    ratings: dict[int, float] = {}
    current_season = None
    i = 0
    while i < n:
        j = i
        while j < n and dates[j] == dates[i]:
            j += 1
        if seasons[i] != current_season:
            if current_season is not None:
                ratings = {t: p.carry_over * r for t, r in ratings.items()}
            current_season = seasons[i]
        for q in range(i, j):
            home_pre[q] = ratings.get(hids[q], 0.0)
            away_pre[q] = ratings.get(aids[q], 0.0)
        for q in range(i, j):
            if np.isnan(hs[q]) or np.isnan(as_[q]):
                continue
            error = (hs[q] - as_[q]) - (home_pre[q] - away_pre[q] + hca[q])
            ratings[hids[q]] = home_pre[q] + p.k * error
            ratings[aids[q]] = away_pre[q] - p.k * error
        i = j
    return pd.DataFrame(
        {
            "game_id": g["game_id"],
            "margin_rating_home_pre": home_pre,
            "margin_rating_away_pre": away_pre,
            "margin_pred_home": home_pre - away_pre + hca,
        }
    )
