"""Feature drift: each model feature's live values against its training distribution (PSI).

At training time every feature is binned at its training deciles and the share of training
games per bin is stored with the model (``ops.model_training_profile``). Later, the values the
model was actually fed for live games (``ops.prediction_explanations.feature_value``) are put in
the same bins and compared: PSI = sum((live - train) * ln(live / train)) over the bins.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

BINS = 10
# every bin starts with half a game, so an empty bin in a small live sample does not read as a
# different population (and PSI stays finite)
SMOOTHING = 0.5
# counters of how far the season has run: a month of live games always sits in one part of the
# whole-season training range, so they are reported but never raise a drift alert or a retrain
SEASON_PHASE = re.compile(r"games_played$")


@dataclass
class FeatureProfile:
    feature: str
    edges: list[float]  # inner bin edges: bin i holds values in [edges[i-1], edges[i])
    proportions: list[float]  # share of training games per bin (len(edges) + 1 bins)
    rows: int
    mean: float | None = None
    std: float | None = None


def _finite(values) -> np.ndarray:
    v = np.asarray(pd.to_numeric(pd.Series(values), errors="coerce"), dtype=float)
    return v[np.isfinite(v)]


def bin_shares(values, edges: list[float], prior=None) -> np.ndarray:
    """Share of ``values`` per bin; with ``prior`` (training shares), every bin training used gets SMOOTHING games."""
    v = _finite(values)
    counts = np.bincount(np.searchsorted(np.asarray(edges, dtype=float), v, side="right"), minlength=len(edges) + 1)
    if prior is not None:
        counts = counts + SMOOTHING * (np.asarray(prior, dtype=float) > 0)
    return counts / max(counts.sum(), 1)


def profile(feature: str, values, bins: int = BINS) -> FeatureProfile | None:
    """The training distribution of one feature; None when it has no finite value."""
    v = _finite(values)
    if not len(v):
        return None
    edges = np.unique(np.quantile(v, np.linspace(0, 1, bins + 1)[1:-1])).tolist()
    shares = bin_shares(v, edges).tolist()
    return FeatureProfile(feature, edges, shares, int(len(v)), float(v.mean()), float(v.std()))


def psi(expected, actual) -> float:
    """Population stability index of two distributions over the same bins (shares summing to 1)."""
    e = np.clip(np.asarray(expected, dtype=float), 1e-6, None)
    a = np.clip(np.asarray(actual, dtype=float), 1e-6, None)
    return float(np.sum((a - e) * np.log(a / e)))


def feature_psi(prof: FeatureProfile, values) -> float | None:
    if not len(_finite(values)):
        return None
    return psi(prof.proportions, bin_shares(values, prof.edges, prof.proportions))


def record_profile(conn, version: str, train_df: pd.DataFrame, features: list[str]) -> int:
    """Store the training distribution of every feature with model ``version``; returns rows written."""
    profiles = [p for f in features if f in train_df and (p := profile(f, train_df[f])) is not None]
    with conn.cursor() as cur:
        cur.execute("delete from ops.model_training_profile where model_version = %s", (version,))
        cur.executemany(
            "insert into ops.model_training_profile (model_version, feature, edges, proportions, rows, mean, std)"
            " values (%s, %s, %s, %s, %s, %s, %s)",
            [
                (version, p.feature, json.dumps(p.edges), json.dumps(p.proportions), p.rows, p.mean, p.std)
                for p in profiles
            ],
        )
    return len(profiles)


def read_profile(conn, version: str) -> dict[str, FeatureProfile]:
    rows = conn.execute(
        "select feature, edges, proportions, rows, mean, std from ops.model_training_profile where model_version = %s",
        (version,),
    ).fetchall()
    return {r[0]: FeatureProfile(*r) for r in rows}


def ensure_profile(conn, entry) -> dict[str, FeatureProfile]:
    """The active model's training distribution; computed from its training games if it predates profiles."""
    stored = read_profile(conn, entry.version)
    if stored:
        return stored
    from ml.data import load_dataset
    from ml.train import training_frame

    ds = load_dataset(conn)
    with conn.transaction():
        record_profile(conn, entry.version, training_frame(ds, entry.trained_before), entry.features)
    return read_profile(conn, entry.version)


def live_values(conn, first: dt.date, last: dt.date) -> pd.DataFrame:
    """Feature values fed to the model for live (out-of-sample) games dated first..last, one row per game."""
    with conn.cursor() as cur:
        cur.execute(
            "select distinct on (e.game_id, e.feature) e.game_id, e.feature, e.feature_value"
            " from ops.prediction_explanations e"
            " join ops.predictions p on p.game_id = e.game_id and p.model_version = e.model_version"
            " where not p.in_sample and p.game_date between %s and %s"
            " order by e.game_id, e.feature, p.created_at desc",
            (first, last),
        )
        rows = cur.fetchall()
    frame = pd.DataFrame(rows, columns=["game_id", "feature", "value"])
    if frame.empty:
        return pd.DataFrame()
    return frame.pivot(index="game_id", columns="feature", values="value")


@dataclass
class DriftReport:
    games: int
    window: tuple[dt.date, dt.date]
    features: dict[str, float]  # PSI per model feature, worst first
    max_feature: str | None = None  # the worst feature that can alert (season-phase counters aside)
    max_psi: float | None = None

    def above(self, threshold: float) -> list[str]:
        """Features (season-phase counters aside) with PSI of at least ``threshold``, worst first."""
        return [f for f, v in self.features.items() if v >= threshold and not SEASON_PHASE.search(f)]


def drift_report(
    profiles: dict[str, FeatureProfile], live: pd.DataFrame, window: tuple[dt.date, dt.date]
) -> DriftReport:
    scores = {}
    for feature, prof in profiles.items():
        if feature in live:
            value = feature_psi(prof, live[feature])
            if value is not None:
                scores[feature] = round(value, 6)
    ordered = dict(sorted(scores.items(), key=lambda kv: -kv[1]))
    top = next(((f, v) for f, v in ordered.items() if not SEASON_PHASE.search(f)), (None, None))
    return DriftReport(len(live), window, ordered, top[0], top[1])
