"""Read the marts the models use into DataFrames.

The model's inputs are declared, not discovered: the columns of ``marts.fct_pregame_features`` that
the feature catalogue (vars.feature_catalogue in dbt_project.yml, warehouse.feature_catalogue) marks
as model inputs, plus the features computed here in Python, each module declaring its list: ``ml.elo``
(Elo and the points rating), ``ml.standings`` (the late-season picture) and ``ml.players`` (team
strength from the players expected to play). A mart column the catalogue does not list never reaches
the model. Betting lines are never features: they are read separately, for comparison only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ml.elo import ELO_FEATURES, MARGIN_FEATURES, EloParams, compute_elo, compute_margin_rating
from ml.players import PLAYER_FEATURES, PlayerInputs, PlayerParams, player_strength
from ml.standings import STANDINGS_FEATURES, standings_features
from warehouse.feature_catalogue import catalogue, model_inputs
from warehouse.settings import get_settings

FEATURE_PREFIXES = ("home_", "away_", "diff_")
AVAIL_MARKER = "_avail_"

GAME_COLUMNS = [
    "game_id",
    "season",
    "game_date",
    "game_type",
    "home_team_id",
    "away_team_id",
    "home_team_abbr",
    "away_team_abbr",
    "home_score",
    "away_score",
    "home_win",
    "is_neutral_site",
    "status",
]


def _query_frame(conn, sql: str, params=()) -> pd.DataFrame:
    with conn.cursor() as cur:
        cur.execute(sql, params)
        cols = [d.name for d in cur.description]
        return pd.DataFrame(cur.fetchall(), columns=cols)


def _relation_exists(conn, name: str) -> bool:
    return conn.execute("select to_regclass(%s) is not null", (name,)).fetchone()[0]


def read_seasons(conn) -> list[str]:
    if not _relation_exists(conn, "marts.fct_games"):
        return []
    return [r[0] for r in conn.execute("select distinct season from marts.fct_games order by 1").fetchall()]


def read_games(conn) -> pd.DataFrame:
    df = _query_frame(conn, "select * from marts.fct_games")
    return normalize_games(df)


def read_features(conn) -> pd.DataFrame:
    df = _query_frame(conn, "select * from marts.fct_pregame_features")
    df["game_id"] = df["game_id"].astype(str)
    for col in df.columns:
        if col.startswith(FEATURE_PREFIXES) and df[col].dtype == object:
            converted = pd.to_numeric(df[col], errors="coerce")
            if converted.notna().sum() == df[col].notna().sum():
                df[col] = converted
    for col in df.columns:
        if df[col].dtype == bool:
            df[col] = df[col].astype(float)
    return df


def read_lines(conn) -> pd.DataFrame:
    if not _relation_exists(conn, "marts.fct_game_lines"):
        return pd.DataFrame(columns=["game_id", "home_spread", "home_moneyline", "away_moneyline"])
    df = _query_frame(conn, "select game_id, home_spread, home_moneyline, away_moneyline from marts.fct_game_lines")
    return _numeric(df, ["home_spread", "home_moneyline", "away_moneyline"])


def read_reference(conn) -> pd.DataFrame:
    if not _relation_exists(conn, "marts.fct_reference_forecasts"):
        return pd.DataFrame(columns=["game_id", "elo538_prob_home"])
    df = _query_frame(conn, "select game_id, elo538_prob_home from marts.fct_reference_forecasts")
    return _numeric(df, ["elo538_prob_home"])


def read_conferences(conn) -> dict[int, str]:
    if not _relation_exists(conn, "marts.dim_teams"):
        return {}
    return {int(t): c for t, c in conn.execute("select team_id, conference from marts.dim_teams").fetchall()}


def read_player_inputs(conn) -> PlayerInputs | None:
    """Box scores, season totals and who is listed out each morning (for ``ml.players``)."""
    relations = (
        "marts.fct_player_games",
        "marts.fct_player_season_totals",
        "marts.fct_players_out",
    )
    if not all(_relation_exists(conn, r) for r in relations):
        return None
    logs = _query_frame(
        conn,
        "select player_id, team_id, game_id, season, game_date, minutes::float8 as minutes,"
        " game_score::float8 as game_score, plus_minus::float8 as plus_minus,"
        " off_court_margin::float8 as off_court_margin from marts.fct_player_games where game_type = 'regular_season'",
    )
    logs["game_date"] = pd.to_datetime(logs["game_date"])
    totals = _query_frame(
        conn,
        "select player_id, season, last_team_id, games_played, minutes::float8 as minutes, pts, fgm, fga, fta,"
        " ftm, oreb, dreb, stl, ast, blk, pf, tov, plus_minus::float8 as plus_minus"
        " from marts.fct_player_season_totals",
    )
    out = _query_frame(conn, "select game_id, player_id from marts.fct_players_out where player_id is not null")
    return PlayerInputs(logs, totals, out)


def _numeric(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    df["game_id"] = df["game_id"].astype(str)
    for c in cols:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype(float)
    return df


def normalize_games(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["game_id"] = df["game_id"].astype(str)
    df["game_date"] = pd.to_datetime(df["game_date"]).dt.normalize()
    for c in ("home_score", "away_score"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype(float)
    df["home_win"] = df["home_win"].map(lambda v: np.nan if v is None or pd.isna(v) else float(bool(v)))
    df["is_neutral_site"] = df.get("is_neutral_site", False)
    df["is_neutral_site"] = df["is_neutral_site"].fillna(False).astype(bool)
    if "game_type" not in df:
        df["game_type"] = "regular_season"
    df["home_team_id"] = df["home_team_id"].astype("int64")
    df["away_team_id"] = df["away_team_id"].astype("int64")
    return df.sort_values(["game_date", "game_id"], kind="stable").reset_index(drop=True)


def game_features() -> list[str]:
    """Game-level catalogue columns the model uses as they are (is_neutral_site)."""
    return [g["name"] for g in catalogue()["game"]]


def feature_columns(features: pd.DataFrame) -> list[str]:
    """The catalogue's per-team model inputs present in ``features`` as numbers, sorted."""
    game = set(game_features())
    cols = []
    for col in model_inputs():
        if col in game or col not in features.columns:
            continue
        if pd.api.types.is_numeric_dtype(features[col]) or pd.api.types.is_bool_dtype(features[col]):
            cols.append(col)
    return sorted(cols)


@dataclass
class Dataset:
    """Every game with its outcome, pregame features (mart + Elo) and the comparison columns."""

    frame: pd.DataFrame
    features: list[str]

    @property
    def seasons(self) -> list[str]:
        return sorted(self.frame["season"].dropna().unique().tolist())

    def without_avail(self) -> list[str]:
        return [c for c in self.features if AVAIL_MARKER not in c]

    def has_avail(self) -> bool:
        return any(AVAIL_MARKER in c for c in self.features)


def assemble(
    games: pd.DataFrame,
    features: pd.DataFrame,
    lines: pd.DataFrame | None = None,
    reference: pd.DataFrame | None = None,
    elo_params: EloParams | None = None,
    conferences: dict[int, str] | None = None,
    players: PlayerInputs | None = None,
) -> Dataset:
    """Join games, mart features, the features computed here (Elo, points rating; standings when
    ``conferences`` are given, player-driven team strength when ``players`` are) and, for
    comparison only, lines and 538 into one frame."""
    games = normalize_games(games)
    elo_input = games[games["game_type"].fillna("regular_season") == "regular_season"]
    elo = compute_elo(elo_input, elo_params).merge(compute_margin_rating(elo_input), on="game_id")
    derived = ELO_FEATURES + MARGIN_FEATURES
    if conferences:
        elo = elo.merge(standings_features(elo_input, conferences), on="game_id", how="left")
        derived += STANDINGS_FEATURES
    if players is not None and len(players.logs):
        # adjusted plus-minus costs a ridge solve per game day: only when absences are priced with it
        strength = player_strength(elo_input, players, PlayerParams(apm=get_settings().models.absence_points > 0))
        elo = elo.merge(strength, on="game_id", how="left")
        derived += PLAYER_FEATURES  # the other columns (APM, who is missing) ride along, not as model inputs
    feats = features.drop(
        columns=[c for c in features.columns if c in games.columns and c != "game_id"], errors="ignore"
    )
    frame = games.merge(elo, on="game_id", how="left").merge(feats, on="game_id", how="left")
    feature_cols = feature_columns(feats) + derived + game_features()
    frame["is_neutral_site"] = frame["is_neutral_site"].astype(float)
    if lines is not None and len(lines):
        frame = frame.merge(
            lines[["game_id", "home_spread", "home_moneyline", "away_moneyline"]], on="game_id", how="left"
        )
    else:
        for c in ("home_spread", "home_moneyline", "away_moneyline"):
            frame[c] = np.nan
    if reference is not None and len(reference):
        frame = frame.merge(reference[["game_id", "elo538_prob_home"]], on="game_id", how="left")
    else:
        frame["elo538_prob_home"] = np.nan
    return Dataset(frame=frame, features=feature_cols)


def load_dataset(conn, elo_params: EloParams | None = None) -> Dataset:
    return assemble(
        read_games(conn),
        read_features(conn),
        read_lines(conn),
        read_reference(conn),
        elo_params,
        read_conferences(conn),
        read_player_inputs(conn),
    )
