"""The live record: accuracy, Brier, log loss and calibration of evaluated predictions, with Elo alongside.

Only out-of-sample predictions of finished games count (``marts.fct_prediction_outcomes`` leaves
in-sample ones out). A game predicted by two model versions counts once, with its latest
prediction. Windows end the day before the morning: rolling 7 and 30 days, and the season so far.
Elo is the warehouse's own pregame Elo probability for the same games (the value the model was fed).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ml.metrics import summarize
from ml.mlops.thresholds import WINDOWS
from warehouse.seasons import season_of

COLUMNS = ["game_id", "game_date", "season", "model_version", "prob_home", "home_win", "elo_prob_home"]


def read_evaluated(conn, as_of: dt.date) -> pd.DataFrame:
    """Evaluated live predictions of games dated before ``as_of``."""
    if conn.execute("select to_regclass('marts.fct_prediction_outcomes') is null").fetchone()[0]:
        return pd.DataFrame(columns=COLUMNS)
    with conn.cursor() as cur:
        cur.execute(
            "select distinct on (o.game_id) o.game_id, o.game_date, o.season, o.model_version, o.prob_home,"
            " o.home_win::int, e.feature_value"
            " from marts.fct_prediction_outcomes o"
            " left join ops.prediction_explanations e on e.game_id = o.game_id"
            " and e.model_version = o.model_version and e.feature = 'elo_prob_home'"
            " where o.is_scored and o.game_date < %s order by o.game_id, o.predicted_at desc",
            (as_of,),
        )
        frame = pd.DataFrame(cur.fetchall(), columns=COLUMNS)
    frame["game_date"] = pd.to_datetime(frame["game_date"]).dt.date
    for col in ("prob_home", "home_win", "elo_prob_home"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype(float)
    return frame


def _clean(value: float) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value), 6)


def window_metrics(games: pd.DataFrame) -> dict:
    """Model metrics over ``games`` and Elo's on the same games (those with an Elo probability)."""
    out = {k: (_clean(v) if k != "games" else v) for k, v in summarize(games["home_win"], games["prob_home"]).items()}
    out["calibration_error"] = out.pop("ece")
    with_elo = games[games["elo_prob_home"].notna()]
    elo = summarize(with_elo["home_win"], with_elo["elo_prob_home"])
    model_same = summarize(with_elo["home_win"], with_elo["prob_home"])
    out["elo"] = {"games": elo["games"], **{k: _clean(elo[k]) for k in ("accuracy", "brier", "log_loss")}}
    out["brier_vs_elo"] = _clean(model_same["brier"] - elo["brier"]) if elo["games"] else None
    out["accuracy_vs_elo"] = _clean(model_same["accuracy"] - elo["accuracy"]) if elo["games"] else None
    return out


def windows(evaluated: pd.DataFrame, as_of: dt.date) -> dict[str, dict]:
    """Metrics per window (7d, 30d, season) with the rolling windows' differences from the season so far."""
    season = season_of(as_of)
    frames = {
        name: evaluated[evaluated["game_date"] >= as_of - dt.timedelta(days=days)] for name, days in WINDOWS.items()
    }
    frames["season"] = evaluated[evaluated["season"] == season]
    out = {
        name: {
            "first": as_of - dt.timedelta(days=WINDOWS.get(name, 0)) if name in WINDOWS else None,
            **window_metrics(frame),
        }
        for name, frame in frames.items()
    }
    out["season"]["season"] = season
    base = out["season"]
    for name in WINDOWS:
        w = out[name]
        w["accuracy_vs_season"] = _diff(w["accuracy"], base["accuracy"])
        w["brier_vs_season"] = _diff(w["brier"], base["brier"])
    return out


def _diff(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(a - b, 6)
