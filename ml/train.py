"""``courtside train``: fit on every finished regular-season game before a date and register it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from dataclasses import dataclass

import pandas as pd

from ml import registry
from ml.data import Dataset, load_dataset
from ml.mlops.drift import record_profile
from ml.model import GameModel, ModelConfig, fit_game_model
from warehouse.errors import InputError


@dataclass
class TrainResult:
    version: str
    model: GameModel
    trained_before: dt.date
    seconds: float
    artifact: str
    sha256: str
    reused: bool = False


def training_hash(train_df: pd.DataFrame, features: list[str], config: ModelConfig, before: dt.date) -> str:
    """Fingerprint of everything a fit depends on: rows, outcomes, feature values, settings, cutoff."""
    cols = ["game_id", "game_date", "home_win", *features]
    frame = train_df[cols].sort_values("game_id").reset_index(drop=True)
    h = hashlib.sha256()
    h.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    h.update(json.dumps([features, config.as_dict(), str(before)], default=str).encode())
    return h.hexdigest()


def training_frame(ds: Dataset, before: dt.date) -> pd.DataFrame:
    f = ds.frame
    return f[(f["game_type"] == "regular_season") & f["home_win"].notna() & (f["game_date"] < pd.Timestamp(before))]


def default_cutoff(ds: Dataset) -> dt.date:
    finished = ds.frame[ds.frame["home_win"].notna()]
    if finished.empty:
        raise InputError("no finished games in marts.fct_games: load and build data first")
    return (finished["game_date"].max() + pd.Timedelta(days=1)).date()


def train(
    conn, before: dt.date | None = None, config: ModelConfig | None = None, ds: Dataset | None = None
) -> TrainResult:
    started = time.perf_counter()
    ds = ds or load_dataset(conn)
    if ds.frame.empty:
        raise InputError("marts.fct_games is empty: load and build data first")
    before = before or default_cutoff(ds)
    first = ds.frame["game_date"].min().date()
    if before <= first:
        raise InputError(f"{before} is before any data (the first game is on {first})")
    train_df = training_frame(ds, before)
    if len(train_df) < 200:
        raise InputError(f"only {len(train_df)} finished games before {before}; need at least 200 to train")
    config = config or ModelConfig()
    fingerprint = training_hash(train_df, ds.features, config, before)
    same = registry.find_identical(conn, fingerprint)
    if same is not None:  # training is deterministic: the same inputs give this very model
        return TrainResult(
            same.version,
            same.load(),
            before,
            time.perf_counter() - started,
            same.artifact_path,
            same.artifact_sha256,
            reused=True,
        )
    model = fit_game_model(train_df, ds.features, config)
    version = registry.next_version(conn, before)
    path, sha = registry.save_artifact(model, version)
    with conn.transaction():
        registry.register(conn, version, model, before, path, sha, fingerprint)
        record_profile(conn, version, train_df, model.features)  # the baseline live inputs are checked against
    return TrainResult(version, model, before, time.perf_counter() - started, str(path), sha)
