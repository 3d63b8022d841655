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

Beside the model inputs, each team also gets an adjusted plus-minus (``_Apm``, points of margin) and
how much each value drops because of the players listed out (the "missing" columns); ``ml.model``
prices diff_player_apm_missing in points (docs/research/model-gap.md rows 16-19).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.linalg import solve

# Replacement level: Game Score per 36 minutes of players under 500 minutes in a season, pooled
# over 2018-19 .. 2021-22 (the tuning seasons; `replacement_gs36(totals, TUNING_SEASONS)`): 9.67.
REPLACEMENT_GS36 = 9.67
TUNING_SEASONS = ("2018-19", "2019-20", "2020-21", "2021-22")
PLAYER_FEATURES = ["home_player_strength", "away_player_strength", "diff_player_strength"]
APM_FEATURES = ["home_player_apm", "away_player_apm", "diff_player_apm"]
MISSING_FEATURES = ["home_player_missing", "away_player_missing", "diff_player_missing"]
APM_MISSING_FEATURES = ["home_player_apm_missing", "away_player_apm_missing", "diff_player_apm_missing"]
# Columns computed beside the model inputs: APM, and how much each value drops from the whole roster's
# (players expected to play plus those listed out) to the expected players' (the "missing" columns).
# ``ml.model`` reads diff_player_apm_missing as points of home margin lost to absences.
PLAYER_COLUMNS = PLAYER_FEATURES + MISSING_FEATURES + APM_FEATURES + APM_MISSING_FEATURES


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
    # Weight of on-court plus-minus per 36 minutes in a player's value (0: Game Score only, 1: plus-minus
    # only): value = (1 - w) * (Game Score per 36 - replacement) + w * plus-minus per 36, season-to-date,
    # shrunk toward last season's plus-minus per 36, itself shrunk toward 0.
    pm_weight: float = 0.0
    pm_prior_shrink_minutes: float = 1000.0
    pm_current_shrink_minutes: float = 1000.0
    # Adjusted plus-minus (``APM_FEATURES``, off by default): a ridge regression, refitted every morning on
    # the season's earlier games, of the home margin on each player's minutes / 48 (home +, away -) and a
    # home intercept, every coefficient shrunk (penalty ``apm_lambda``) toward last season's final
    # coefficient (the first season with game logs: last season's plus-minus per 48 / 5, shrunk toward 0
    # over ``pm_prior_shrink_minutes``; a player never seen: ``apm_unknown``). A team's value is
    # 5 x the expected-minutes-weighted mean coefficient of its players expected to play: points of margin.
    apm: bool = False
    apm_lambda: float = 30.0
    apm_unknown: float = 0.0
    apm_home_prior: float = 2.5
    apm_home_lambda: float = 50.0


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
        if "plus_minus" not in t:
            t = t.assign(plus_minus=0.0)
        for season, g in t.groupby("season"):
            out[season] = pd.DataFrame(
                {
                    "minutes": g["minutes"].to_numpy(float),
                    "game_score": g["game_score"].to_numpy(float),
                    "plus_minus": g["plus_minus"].fillna(0.0).to_numpy(float),
                    "games": g["games_played"].to_numpy(float),
                    "last_team_id": g["last_team_id"].to_numpy(),
                },
                index=g["player_id"].to_numpy(),
            )
    if len(player_games):
        pg = player_games.sort_values("game_date", kind="stable")
        if "plus_minus" not in pg:
            pg = pg.assign(plus_minus=0.0)
        for season, g in pg.groupby("season"):
            agg = g.groupby("player_id").agg(
                minutes=("minutes", "sum"),
                game_score=("game_score", "sum"),
                plus_minus=("plus_minus", "sum"),
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
        return pd.DataFrame(columns=["game_id", *PLAYER_COLUMNS])
    summaries = _season_summaries(player_games, totals)
    out_set = set(zip(out_listed["game_id"].astype(str), out_listed["player_id"], strict=True))
    logs = player_games.sort_values(["game_date", "game_id"], kind="stable")
    if "plus_minus" not in logs:
        logs = logs.assign(plus_minus=0.0)
    logs = logs.assign(plus_minus=logs["plus_minus"].fillna(0.0))
    rows = []
    apm_prior: dict[int, float] | None = None  # last season's final coefficients
    for season in sorted(logs["season"].unique()):
        season_games = games[games["season"] == season].sort_values(["game_date", "game_id"], kind="stable")
        season_logs = logs[logs["season"] == season]
        prior = summaries.get(_previous(season))
        if apm_prior is None and prior is not None:
            apm_prior = {
                pid: 48 * pmt / (mins + p.pm_prior_shrink_minutes) / 5
                for pid, pmt, mins in zip(prior.index, prior["plus_minus"], prior["minutes"], strict=True)
            }
        season_rows, apm_prior = _season_strength(season_games, season_logs, prior, out_set, p, apm_prior or {})
        rows.extend(season_rows)
    per_team = pd.DataFrame(rows, columns=["game_id", "team_id", "strength", "missing", "apm", "apm_missing"])
    g = games[["game_id", "home_team_id", "away_team_id"]]
    home = g.merge(per_team, left_on=["game_id", "home_team_id"], right_on=["game_id", "team_id"])
    away = g.merge(per_team, left_on=["game_id", "away_team_id"], right_on=["game_id", "team_id"])
    cols = {
        "strength": "player_strength",
        "missing": "player_missing",
        "apm": "player_apm",
        "apm_missing": "player_apm_missing",
    }
    out = home[["game_id", *cols]].rename(columns={k: f"home_{v}" for k, v in cols.items()})
    out = out.merge(away[["game_id", *cols]].rename(columns={k: f"away_{v}" for k, v in cols.items()}), on="game_id")
    for v in cols.values():
        out[f"diff_{v}"] = out[f"home_{v}"] - out[f"away_{v}"]
    return out[["game_id", *PLAYER_COLUMNS]]


def _team_values(weights, values, apm_values, listed_out, with_apm: bool):
    """Strength and APM of the players expected to play, and how much each drops from the whole roster's."""
    w_all = np.asarray(weights, dtype=float)
    w_in = np.where(np.asarray(listed_out, dtype=bool), 0.0, w_all)
    out = []
    for vals, scale, on in ((values, 240 / 36, True), (apm_values, 5.0, with_apm)):
        v = np.asarray(vals, dtype=float)
        playing = np.nan if not on or w_in.sum() <= 0 else scale * float(w_in @ v) / w_in.sum()
        everyone = np.nan if not on or w_all.sum() <= 0 else scale * float(w_all @ v) / w_all.sum()
        out += [playing, everyone - playing]
    return out  # strength, strength_missing, apm, apm_missing


class _Apm:
    """Adjusted plus-minus of one season: normal equations grown game by game, solved on demand."""

    def __init__(self, players, prior: dict[int, float], p: PlayerParams):
        self.index = {pid: i + 1 for i, pid in enumerate(sorted(set(players)))}  # 0: home intercept
        n = len(self.index) + 1
        self.xtx = np.zeros((n, n))
        self.xty = np.zeros(n)
        self.pen = np.full(n, p.apm_lambda)
        self.pen[0] = p.apm_home_lambda
        self.b0 = np.full(n, p.apm_unknown)
        self.b0[0] = p.apm_home_prior
        for pid, i in self.index.items():
            self.b0[i] = prior.get(pid, p.apm_unknown)
        self.beta = self.b0.copy()
        self.dirty = False

    def add_game(self, entries, margin: float) -> None:
        """entries: (player_id, signed minutes / 48) of one game; margin: home points minus away points."""
        idx = np.array([0, *(self.index[pid] for pid, _ in entries)])
        x = np.array([1.0, *(v for _, v in entries)])
        self.xtx[np.ix_(idx, idx)] += np.outer(x, x)
        self.xty[idx] += x * margin
        self.dirty = True

    def coefficients(self) -> np.ndarray:
        if self.dirty:
            self.beta = solve(self.xtx + np.diag(self.pen), self.xty + self.pen * self.b0, assume_a="pos")
            self.dirty = False
        return self.beta

    def final(self) -> dict[int, float]:
        beta = self.coefficients()
        return {pid: float(beta[i]) for pid, i in self.index.items()}


def _season_strength(season_games, season_logs, prior: pd.DataFrame | None, out_set, p: PlayerParams, apm_prior):
    r = p.replacement_gs36
    day_of = season_games["game_date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    prior36: dict[int, float] = {}
    prior_pm36: dict[int, float] = {}
    minutes: dict[int, float] = {}
    score: dict[int, float] = {}
    pm: dict[int, float] = {}
    w = p.pm_weight
    recent: dict[int, deque] = {}
    team_of: dict[int, int] = {}
    last_seen: dict[int, int] = {}
    if prior is not None:
        first_day = int(day_of.min())
        for pid, mins, gs, pmt, games, team in zip(
            prior.index,
            prior["minutes"],
            prior["game_score"],
            prior["plus_minus"],
            prior["games"],
            prior["last_team_id"],
            strict=True,
        ):
            prior36[pid] = (36 * gs + p.prior_shrink_minutes * r) / (mins + p.prior_shrink_minutes)
            prior_pm36[pid] = 36 * pmt / (mins + p.pm_prior_shrink_minutes)
            recent[pid] = deque([mins / max(games, 1)], maxlen=p.recent_games)
            team_of[pid] = int(team)
            last_seen[pid] = first_day
    log_day = season_logs["game_date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    log_cols = [season_logs[c].to_numpy() for c in ("player_id", "team_id", "minutes", "game_score", "plus_minus")]
    by_day: dict[int, list[tuple]] = {}
    for d, *row in zip(log_day, *log_cols, strict=True):
        by_day.setdefault(int(d), []).append(row)
    game_ids = season_games["game_id"].to_numpy()
    teams = season_games[["home_team_id", "away_team_id"]].to_numpy()
    apm = (
        _Apm([*season_logs["player_id"], *(prior.index if prior is not None else [])], apm_prior, p) if p.apm else None
    )
    home_of = dict(zip(game_ids, teams[:, 0], strict=True))
    margin_of: dict[str, float] = {}
    apm_rows: dict[str, list] = {}
    if apm is not None and {"home_score", "away_score"} <= set(season_games.columns):
        margins = (season_games["home_score"] - season_games["away_score"]).to_numpy(float)
        margin_of = dict(zip(game_ids, margins, strict=True))
        cols = [season_logs[c].to_numpy() for c in ("game_id", "player_id", "team_id", "minutes")]
        for gid, pid, team, mins in zip(*cols, strict=True):
            if gid in home_of:
                apm_rows.setdefault(gid, []).append((pid, (1.0 if team == home_of[gid] else -1.0) * mins / 48))
    rows = []
    for day in np.unique(day_of):
        beta = apm.coefficients() if apm is not None else None
        roster: dict[int, list[int]] = {}
        for pid, team in team_of.items():
            if day - last_seen[pid] <= p.stale_days:
                roster.setdefault(team, []).append(pid)
        for i in np.flatnonzero(day_of == day):
            for team in teams[i]:
                weights, values, apm_values, listed_out = [], [], [], []
                for pid in roster.get(team, ()):
                    base = prior36.get(pid, r)
                    rate = (36 * score.get(pid, 0.0) + p.current_shrink_minutes * base) / (
                        minutes.get(pid, 0.0) + p.current_shrink_minutes
                    )
                    value = rate - r
                    if w:
                        pm_rate = (36 * pm.get(pid, 0.0) + p.pm_current_shrink_minutes * prior_pm36.get(pid, 0.0)) / (
                            minutes.get(pid, 0.0) + p.pm_current_shrink_minutes
                        )
                        value = (1 - w) * value + w * pm_rate
                    weights.append(sum(recent[pid]) / len(recent[pid]))
                    values.append(value)
                    apm_values.append(beta[apm.index[pid]] if beta is not None else 0.0)
                    listed_out.append((game_ids[i], pid) in out_set)
                rows.append(
                    (game_ids[i], team, *_team_values(weights, values, apm_values, listed_out, beta is not None))
                )
        for pid, team, mins, gs, pmg in by_day.get(int(day), ()):  # the day's box scores count from the next morning
            minutes[pid] = minutes.get(pid, 0.0) + mins
            score[pid] = score.get(pid, 0.0) + gs
            pm[pid] = pm.get(pid, 0.0) + pmg
            recent.setdefault(pid, deque(maxlen=p.recent_games)).append(mins)
            team_of[pid] = int(team)
            last_seen[pid] = int(day)
        if apm is not None:  # the day's results count from the next morning
            for gid in game_ids[day_of == day]:
                if gid in apm_rows and np.isfinite(margin_of.get(gid, np.nan)):
                    apm.add_game(apm_rows[gid], margin_of[gid])
    return rows, (apm.final() if apm is not None else {})
