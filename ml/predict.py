"""Predict a day's games with the active model: probabilities and SHAP factors into ``ops``.

Same inputs give the same outputs (the model is fixed, features are pregame, Elo uses only
earlier dates); rows are upserted on (game_id, model_version), so running twice leaves the
same rows (``created_at`` keeps the first run's time).

A game dated before the model's training cutoff was (or could have been) in its training data:
its prediction is stored with ``in_sample`` set, for inspection, and is never scored as live
performance (the performance marts, the API and monitoring leave it out).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ml import registry
from ml.data import Dataset, load_dataset
from ml.explain import explanation_rows
from warehouse.errors import CourtsideError, InputError
from warehouse.seasons import season_of


def confidence_label(prob_home: float) -> str:
    top = max(prob_home, 1 - prob_home)
    return "high" if top >= 0.70 else "medium" if top >= 0.60 else "low"


def feature_row_hash(values: pd.Series) -> str:
    payload = [[k, None if pd.isna(v) else round(float(v), 10)] for k, v in values.items()]
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()


@dataclass
class PredictResult:
    day: dt.date
    version: str
    trained_before: dt.date | None
    games: pd.DataFrame  # one row per game: ids, abbreviations, probabilities, winner, confidence, in_sample
    explanations: int

    @property
    def in_sample(self) -> int:
        return int(self.games["in_sample"].sum()) if len(self.games) else 0


def predict_frame(model, games: pd.DataFrame, trained_before: dt.date | None = None) -> pd.DataFrame:
    p = model.predict_proba(games)
    dates = games["game_date"].dt.date.to_numpy()
    return pd.DataFrame(
        {
            "game_id": games["game_id"].to_numpy(),
            "game_date": dates,
            "home_team_id": games["home_team_id"].to_numpy(),
            "away_team_id": games["away_team_id"].to_numpy(),
            "home_team_abbr": games["home_team_abbr"].to_numpy(),
            "away_team_abbr": games["away_team_abbr"].to_numpy(),
            "tipoff_at": games["tipoff_at"].to_numpy() if "tipoff_at" in games.columns else None,
            "prob_home": p,
            "prob_away": 1 - p,
            "predicted_winner_team_id": np.where(p >= 0.5, games["home_team_id"], games["away_team_id"]),
            "confidence": [confidence_label(x) for x in p],
            "in_sample": [trained_before is not None and d < trained_before for d in dates],
            "feature_row_hash": [feature_row_hash(row) for _, row in games[model.features].iterrows()],
        }
    )


def predict_date(conn, day: dt.date, ds: Dataset | None = None) -> PredictResult:
    entry = registry.active(conn)
    if entry is None:
        raise CourtsideError("no active model: run `courtside train` then `courtside model promote VERSION`")
    ds = ds or load_dataset(conn)
    if ds.frame.empty:
        raise InputError("marts.fct_games is empty: load and build data first")
    first = ds.frame["game_date"].min().date()
    if day < first:
        raise InputError(f"{day} is before any data (the first game is on {first})")
    model = entry.load()
    missing = [c for c in model.features if c not in ds.frame.columns]
    if missing:
        raise CourtsideError(f"model {entry.version} needs features the warehouse lacks: {', '.join(missing[:5])}")
    # tip-off order; the bundled schedule has no times, and NBA.com numbers a day's games in schedule order
    games = ds.frame[ds.frame["game_date"] == pd.Timestamp(day)]
    order = ["tipoff_at", "game_id"] if "tipoff_at" in games.columns else ["game_id"]
    games = games.sort_values(order, na_position="last")
    if games.empty:
        season = season_of(day)
        if season not in ds.seasons:
            raise InputError(
                f"{day} is in season {season}, which the warehouse does not have "
                f"(it has {ds.seasons[0]} .. {ds.seasons[-1]})"
            )
        return PredictResult(day, entry.version, entry.trained_before, pd.DataFrame(), 0)
    preds = predict_frame(model, games, entry.trained_before)
    expl = explanation_rows(model, games, entry.version)
    with conn.transaction(), conn.cursor() as cur:
        cur.executemany(
            "insert into ops.predictions (game_id, model_version, game_date, home_team_id, away_team_id, prob_home,"
            " prob_away, predicted_winner_team_id, confidence, feature_row_hash, in_sample) values"
            " (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) on conflict (game_id, model_version) do update set"
            " game_date=excluded.game_date, home_team_id=excluded.home_team_id, away_team_id=excluded.away_team_id,"
            " prob_home=excluded.prob_home, prob_away=excluded.prob_away,"
            " predicted_winner_team_id=excluded.predicted_winner_team_id, confidence=excluded.confidence,"
            " feature_row_hash=excluded.feature_row_hash, in_sample=excluded.in_sample",
            [
                (
                    r.game_id,
                    entry.version,
                    r.game_date,
                    int(r.home_team_id),
                    int(r.away_team_id),
                    float(r.prob_home),
                    float(r.prob_away),
                    int(r.predicted_winner_team_id),
                    r.confidence,
                    r.feature_row_hash,
                    bool(r.in_sample),
                )
                for r in preds.itertuples()
            ],
        )
        cur.execute(
            "delete from ops.prediction_explanations where model_version=%s and game_id = any(%s)",
            (entry.version, list(preds["game_id"])),
        )
        cur.executemany(
            "insert into ops.prediction_explanations (game_id, model_version, feature, feature_value, shap_value,"
            " base_value, space, rank) values (%s,%s,%s,%s,%s,%s,%s,%s)",
            expl,
        )
    return PredictResult(day, entry.version, entry.trained_before, preds, len(expl))
