"""The late-season picture: each team's standing in its conference as of the morning of a game.

Teams with nothing left to play for rest players and lose more, and the market prices that in
March and April. From the results of games dated before the game (never the game's own day) and
the season's announced length (82 games; 72 in 2020-21), for each team:

- ``gb_playoff`` / ``gb_playin``: games behind the 6th seed (a direct playoff place) and the 10th
  (the last play-in place) of its conference; negative when ahead of that line;
- ``eliminated``: even winning every remaining game cannot lift it above the 10th-place line;
- ``clinched``: at most five conference rivals can still reach its win total (a top-6 seed);
- ``bottom``: among the five worst records in the league (the best lottery odds);
- each of these times ``late``, the share of the season already played, squared: the race only
  matters once it is nearly decided.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Games per team as announced before each season: the standings of a morning must not depend on how
# much of the schedule happens to be loaded. 2019-20 was announced at 82 and cut short mid-season.
SEASON_GAMES = 82
SHORT_SEASONS = {"2020-21": 72}
PLAYOFF_SEEDS = 6
PLAYIN_SEEDS = 10
LOTTERY_BOTTOM = 5
TEAM_FEATURES = ("gb_playoff", "gb_playin", "eliminated", "clinched", "bottom")
STANDINGS_FEATURES = [f"{side}_stand_{name}_late" for side in ("home", "away", "diff") for name in TEAM_FEATURES]


def _games_behind(wins: np.ndarray, losses: np.ndarray, line_w: float, line_l: float) -> np.ndarray:
    return ((line_w - wins) + (losses - line_l)) / 2.0


def team_standings(
    games: pd.DataFrame, conference: dict[int, str], season_games: dict[str, int] | None = None
) -> pd.DataFrame:
    """One row per (game_id, team_id): the team's standing features on the morning of the game.

    ``season_games``: games per team by season where not ``SEASON_GAMES`` (default ``SHORT_SEASONS``)."""
    lengths = SHORT_SEASONS if season_games is None else season_games
    g = games.sort_values(["game_date", "game_id"], kind="stable")
    parts = []
    for season, sg in g.groupby("season", sort=False):
        teams = sorted(set(sg["home_team_id"]) | set(sg["away_team_id"]))
        idx = {t: i for i, t in enumerate(teams)}
        conf = np.array([conference.get(t, "") for t in teams])
        home = sg["home_team_id"].map(idx).to_numpy()
        away = sg["away_team_id"].map(idx).to_numpy()
        scheduled = np.full(len(teams), float(lengths.get(season, SEASON_GAMES)))
        hs = sg["home_score"].to_numpy(dtype=float)
        as_ = sg["away_score"].to_numpy(dtype=float)
        day = sg["game_date"].to_numpy()
        wins = np.zeros(len(teams))
        losses = np.zeros(len(teams))
        features = np.zeros((len(sg), 2, len(TEAM_FEATURES)))
        for d in np.unique(day):
            rows = np.flatnonzero(day == d)
            today = _day_features(wins, losses, scheduled, conf)
            features[rows, 0] = today[home[rows]]
            features[rows, 1] = today[away[rows]]
            done = rows[~(np.isnan(hs[rows]) | np.isnan(as_[rows]))]  # the day's results count from the next morning
            home_won = hs[done] > as_[done]
            np.add.at(wins, np.where(home_won, home[done], away[done]), 1)
            np.add.at(losses, np.where(home_won, away[done], home[done]), 1)
        ids = sg["game_id"].to_numpy()
        for side, col in ((0, "home_team_id"), (1, "away_team_id")):
            part = pd.DataFrame(features[:, side], columns=list(TEAM_FEATURES))
            part.insert(0, "team_id", sg[col].to_numpy())
            part.insert(0, "game_id", ids)
            parts.append(part)
    if not parts:
        return pd.DataFrame(columns=["game_id", "team_id", *TEAM_FEATURES])
    return pd.concat(parts, ignore_index=True)


def _day_features(wins: np.ndarray, losses: np.ndarray, scheduled: np.ndarray, conf: np.ndarray) -> np.ndarray:
    played = wins + losses
    late = np.clip(played / np.maximum(scheduled, 1), 0, 1) ** 2
    max_wins = wins + (scheduled - played)
    out = np.zeros((len(wins), len(TEAM_FEATURES)))
    pct = np.where(played > 0, wins / np.maximum(played, 1), 0.5)
    league_rank = np.argsort(np.argsort(pct, kind="stable"), kind="stable")  # 0 = worst record
    for c in np.unique(conf):
        members = np.flatnonzero(conf == c)
        order = members[np.lexsort((-wins[members], -pct[members]))]  # best first
        playoff = order[min(PLAYOFF_SEEDS, len(order)) - 1]
        playin = order[min(PLAYIN_SEEDS, len(order)) - 1]
        for t in members:
            rivals = members[members != t]
            out[t, 0] = _games_behind(wins[t], losses[t], wins[playoff], losses[playoff])
            out[t, 1] = _games_behind(wins[t], losses[t], wins[playin], losses[playin])
            out[t, 2] = float(np.sum(wins[rivals] > max_wins[t]) >= PLAYIN_SEEDS)
            out[t, 3] = float(np.sum(max_wins[rivals] >= wins[t]) < PLAYOFF_SEEDS)
    out[:, 4] = (league_rank < LOTTERY_BOTTOM).astype(float)
    return out * late[:, None]


def standings_features(
    games: pd.DataFrame, conference: dict[int, str], season_games: dict[str, int] | None = None
) -> pd.DataFrame:
    """game_id plus ``STANDINGS_FEATURES`` (home, away and home minus away) for regular-season games."""
    per_team = team_standings(games, conference, season_games)
    home = games[["game_id", "home_team_id"]].merge(
        per_team, left_on=["game_id", "home_team_id"], right_on=["game_id", "team_id"]
    )
    away = games[["game_id", "away_team_id"]].merge(
        per_team, left_on=["game_id", "away_team_id"], right_on=["game_id", "team_id"]
    )
    out = home[["game_id"]].copy()
    away = away.set_index("game_id").loc[out["game_id"]].reset_index()
    for name in TEAM_FEATURES:
        out[f"home_stand_{name}_late"] = home[name].to_numpy()
        out[f"away_stand_{name}_late"] = away[name].to_numpy()
        out[f"diff_stand_{name}_late"] = out[f"home_stand_{name}_late"] - out[f"away_stand_{name}_late"]
    return out[["game_id", *STANDINGS_FEATURES]]
