"""Small synthetic leagues for the ML unit tests (pure pandas, no database)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def synthetic_league(
    seasons=("2019-20", "2020-21", "2021-22"), teams: int = 8, seed: int = 7, rounds: int = 10
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(games, features): round-robin seasons with latent team strengths; features are pregame
    (season-to-date average margin) plus noise columns, shaped like the marts."""
    rng = np.random.default_rng(seed)
    strength = rng.normal(0, 5, teams)
    rows = []
    for si, season in enumerate(seasons):
        start = pd.Timestamp(f"{2019 + si}-10-20")
        day = 0
        for _ in range(rounds):
            for a in range(teams):
                for b in range(a + 1, teams):
                    home, away = (a, b) if rng.random() < 0.5 else (b, a)
                    margin = strength[home] - strength[away] + 2.5 + rng.normal(0, 11)
                    hs = 105 + int(round(margin / 2)) + int(rng.integers(0, 3))
                    as_ = hs - int(round(margin)) if round(margin) != 0 else hs - 1
                    rows.append(
                        {
                            "season": season,
                            "game_date": start + pd.Timedelta(days=day // 4),
                            "home_team_id": 1000 + home,
                            "away_team_id": 1000 + away,
                            "home_score": float(hs),
                            "away_score": float(as_),
                        }
                    )
                    day += 1
        strength = strength * 0.8 + rng.normal(0, 2, teams)
    g = pd.DataFrame(rows)
    g["game_id"] = [f"00{i:08d}" for i in range(len(g))]
    g["home_win"] = g["home_score"] > g["away_score"]
    g["game_type"] = "regular_season"
    g["is_neutral_site"] = False
    g["status"] = "final"
    g["home_team_abbr"] = "H"
    g["away_team_abbr"] = "A"
    return g, pregame_features(g, rng)


def pregame_features(g: pd.DataFrame, rng) -> pd.DataFrame:
    """Season-to-date mean margin per team, computed from strictly earlier dates only."""
    long = pd.concat(
        [
            pd.DataFrame(
                {
                    "game_id": g.game_id,
                    "season": g.season,
                    "game_date": g.game_date,
                    "team": g.home_team_id,
                    "margin": g.home_score - g.away_score,
                    "side": "home",
                }
            ),
            pd.DataFrame(
                {
                    "game_id": g.game_id,
                    "season": g.season,
                    "game_date": g.game_date,
                    "team": g.away_team_id,
                    "margin": g.away_score - g.home_score,
                    "side": "away",
                }
            ),
        ]
    )
    long = long.sort_values(["team", "game_date", "game_id"])
    long["net_std"] = long.groupby(["team", "season"])["margin"].transform(lambda s: s.shift(1).expanding().mean())
    wide = long.pivot(index="game_id", columns="side", values="net_std")
    # named as catalogued mart columns: only those are model inputs
    f = pd.DataFrame(
        {
            "game_id": wide.index,
            "home_net_rating_std": wide["home"].to_numpy(),
            "away_net_rating_std": wide["away"].to_numpy(),
        }
    )
    f["diff_net_rating_std"] = f["home_net_rating_std"] - f["away_net_rating_std"]
    f["home_travel_km"] = rng.normal(0, 1, len(f))  # noise
    f["away_team_id"] = 0  # ids are never features
    return f.reset_index(drop=True)
