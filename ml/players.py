"""Team strength from the players expected to play, as known on the morning of a game.

The market moves several points on one star's absence; a team-level model only sees it after the
losses pile up. Here each player carries a rating across seasons and teams:

- value: Game Score per 36 minutes above a replacement player, season-to-date, shrunk toward his
  previous season (game logs, else season totals), itself shrunk toward replacement level;
- expected minutes: the mean of his last ``RECENT_GAMES`` appearances (last season's minutes per
  game before his first appearance of this one);
- who is expected to play: players whose latest appearance (or last season's last team) is this
  team, who played within ``STALE_DAYS`` days, and who are not listed out that morning.

The team's strength is the minutes-weighted mean value of those players scaled to a 240-minute
game: Game Score points per game above a replacement five. Only results of earlier days count.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np
import pandas as pd

# Replacement level: Game Score per 36 minutes of players under 500 minutes in a season, pooled
# over 2018-19 .. 2021-22 (the tuning seasons; `replacement_gs36(totals, TUNING_SEASONS)`): 9.67.
REPLACEMENT_GS36 = 9.67
TUNING_SEASONS = ("2018-19", "2019-20", "2020-21", "2021-22")
PLAYER_FEATURES = ["home_player_strength", "away_player_strength", "diff_player_strength"]


@dataclass(frozen=True)
class PlayerInputs:
    logs: pd.DataFrame  # player_id, team_id, game_id, season, game_date, minutes, game_score (regular season)
    totals: pd.DataFrame  # player_id, season, last_team_id, games_played, minutes and box-score totals
    out_listed: pd.DataFrame  # game_id, player_id: listed out on the morning of the game


@dataclass(frozen=True)
class PlayerParams:
    replacement_gs36: float = REPLACEMENT_GS36
    prior_shrink_minutes: float = 500.0  # last season's rate counts as this many minutes at replacement
    current_shrink_minutes: float = 400.0  # last season's rate counts as this many minutes this season
    recent_games: int = 5
    stale_days: int = 30


def game_score(df: pd.DataFrame) -> pd.Series:
    """Hollinger's Game Score from box-score totals (one game or a season)."""
    return (
        df["pts"]
        + 0.4 * df["fgm"]
        - 0.7 * df["fga"]
        - 0.4 * (df["fta"] - df["ftm"])
        + 0.7 * df["oreb"]
        + 0.3 * df["dreb"]
        + df["stl"]
        + 0.7 * df["ast"]
        + 0.7 * df["blk"]
        - 0.4 * df["pf"]
        - df["tov"]
    )


def replacement_gs36(totals: pd.DataFrame, seasons, max_minutes: float = 500.0) -> float:
    """Game Score per 36 minutes of the players under ``max_minutes`` in ``seasons`` (minutes-weighted)."""
    t = totals[totals["season"].isin(seasons) & (totals["minutes"] < max_minutes) & (totals["games_played"] > 0)]
    if t.empty:
        raise ValueError(f"no season totals for {list(seasons)} to derive replacement level from")
    return float(36 * game_score(t).sum() / t["minutes"].sum())


def _previous(season: str) -> str:
    start = int(season[:4]) - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _season_summaries(player_games: pd.DataFrame, totals: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per season: player_id -> minutes, game_score, games, last_team_id (game logs when present, else totals)."""
    out: dict[str, pd.DataFrame] = {}
    if len(totals):
        t = totals[totals["games_played"] > 0].assign(game_score=lambda d: game_score(d))
        for season, g in t.groupby("season"):
            out[season] = pd.DataFrame(
                {
                    "minutes": g["minutes"].to_numpy(float),
                    "game_score": g["game_score"].to_numpy(float),
                    "games": g["games_played"].to_numpy(float),
                    "last_team_id": g["last_team_id"].to_numpy(),
                },
                index=g["player_id"].to_numpy(),
            )
    if len(player_games):
        pg = player_games.sort_values("game_date", kind="stable")
        for season, g in pg.groupby("season"):
            agg = g.groupby("player_id").agg(
                minutes=("minutes", "sum"),
                game_score=("game_score", "sum"),
                games=("game_id", "count"),
                last_team_id=("team_id", "last"),
            )
            out[season] = agg
    return out


def player_strength(games: pd.DataFrame, inputs: PlayerInputs, params: PlayerParams | None = None) -> pd.DataFrame:
    """game_id plus ``PLAYER_FEATURES`` for the games of every season with player game logs."""
    p = params or PlayerParams()
    player_games, totals, out_listed = inputs.logs, inputs.totals, inputs.out_listed
    if player_games.empty:
        return pd.DataFrame(columns=["game_id", *PLAYER_FEATURES])
    summaries = _season_summaries(player_games, totals)
    out_set = set(zip(out_listed["game_id"].astype(str), out_listed["player_id"], strict=True))
    logs = player_games.sort_values(["game_date", "game_id"], kind="stable")
    rows = []
    for season in sorted(logs["season"].unique()):
        season_games = games[games["season"] == season].sort_values(["game_date", "game_id"], kind="stable")
        season_logs = logs[logs["season"] == season]
        rows.extend(_season_strength(season_games, season_logs, summaries.get(_previous(season)), out_set, p))
    per_team = pd.DataFrame(rows, columns=["game_id", "team_id", "strength"])
    g = games[["game_id", "home_team_id", "away_team_id"]]
    home = g.merge(per_team, left_on=["game_id", "home_team_id"], right_on=["game_id", "team_id"])
    away = g.merge(per_team, left_on=["game_id", "away_team_id"], right_on=["game_id", "team_id"])
    out = home[["game_id"]].assign(home_player_strength=home["strength"].to_numpy())
    out = out.merge(away[["game_id", "strength"]].rename(columns={"strength": "away_player_strength"}), on="game_id")
    out["diff_player_strength"] = out["home_player_strength"] - out["away_player_strength"]
    return out[["game_id", *PLAYER_FEATURES]]


def _season_strength(season_games, season_logs, prior: pd.DataFrame | None, out_set, p: PlayerParams):
    r = p.replacement_gs36
    day_of = season_games["game_date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    prior36: dict[int, float] = {}
    minutes: dict[int, float] = {}
    score: dict[int, float] = {}
    recent: dict[int, deque] = {}
    team_of: dict[int, int] = {}
    last_seen: dict[int, int] = {}
    if prior is not None:
        first_day = int(day_of.min())
        for pid, mins, gs, games, team in zip(
            prior.index, prior["minutes"], prior["game_score"], prior["games"], prior["last_team_id"], strict=True
        ):
            prior36[pid] = (36 * gs + p.prior_shrink_minutes * r) / (mins + p.prior_shrink_minutes)
            recent[pid] = deque([mins / max(games, 1)], maxlen=p.recent_games)
            team_of[pid] = int(team)
            last_seen[pid] = first_day
    log_day = season_logs["game_date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    log_cols = [season_logs[c].to_numpy() for c in ("player_id", "team_id", "minutes", "game_score")]
    by_day: dict[int, list[tuple]] = {}
    for d, *row in zip(log_day, *log_cols, strict=True):
        by_day.setdefault(int(d), []).append(row)
    game_ids = season_games["game_id"].to_numpy()
    teams = season_games[["home_team_id", "away_team_id"]].to_numpy()
    rows = []
    for day in np.unique(day_of):
        roster: dict[int, list[int]] = {}
        for pid, team in team_of.items():
            if day - last_seen[pid] <= p.stale_days:
                roster.setdefault(team, []).append(pid)
        for i in np.flatnonzero(day_of == day):
            for team in teams[i]:
                weights, values = [], []
                for pid in roster.get(team, ()):
                    if (game_ids[i], pid) in out_set:
                        continue
                    base = prior36.get(pid, r)
                    rate = (36 * score.get(pid, 0.0) + p.current_shrink_minutes * base) / (
                        minutes.get(pid, 0.0) + p.current_shrink_minutes
                    )
                    weights.append(sum(recent[pid]) / len(recent[pid]))
                    values.append(rate - r)
                total = sum(weights)
                strength = np.nan if total <= 0 else 240 / 36 * float(np.dot(weights, values)) / total
                rows.append((game_ids[i], team, strength))
        for pid, team, mins, gs in by_day.get(int(day), ()):  # the day's box scores count from the next morning
            minutes[pid] = minutes.get(pid, 0.0) + mins
            score[pid] = score.get(pid, 0.0) + gs
            recent.setdefault(pid, deque(maxlen=p.recent_games)).append(mins)
            team_of[pid] = int(team)
            last_seen[pid] = int(day)
    return rows
