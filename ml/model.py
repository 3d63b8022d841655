"""The game model: a margin regression, XGBoost or regularized logistic regression, then a calibration map.

The margin model (the default) predicts the home team's point margin with ridge regression and
turns it into a win probability with a normal (probit) spread: P(home wins) = Phi(margin / sigma),
sigma fitted by maximum likelihood on the validation fold's out-of-time predictions (fitted on the
training games themselves it came out smaller, and the forecasts overconfident). A margin carries more of each game's
information than its win/loss outcome.

Fitting is time-ordered throughout (never a random split):

1. the training games are sorted by date; the last ``validation_fraction`` of them (cut on a
   date boundary) is the validation fold V, everything before is A;
2. the base estimator is fitted on A and predicts V (out of time);
3. V is cut in two halves by date: each calibration method (none, sigmoid, isotonic) is fitted
   on the first half's predictions and scored by Brier on the second; the lowest Brier wins
   ("none" wins ties, so calibration can only keep or improve validation Brier);
4. the chosen calibrator is refitted on all of V's out-of-time predictions, and the base
   estimator is refitted on A+V (all training games) for the final model.

``kind="auto"`` runs this for both estimators and keeps the one with the lower calibrated
log loss on the second half of V. All randomness is seeded.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import minimize_scalar
from scipy.stats import norm
from sklearn.impute import SimpleImputer
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from ml.metrics import brier, log_loss

KINDS = ("blend", "margin", "xgboost", "logistic")
BASE_KINDS = ("margin", "xgboost", "logistic")
CALIBRATIONS = ("none", "sigmoid", "isotonic")
# isotonic steps can reach 0 or 1; one such miss costs more log loss than a season of good forecasts
ISOTONIC_CLIP = 0.01

# Chosen by walk-forward (monthly refit) on 2018-19..2020-21 with `python -m ml.tune`
# (docs/decisions/0008-model-choice-and-calibration.md), never on the seasons we report.
# XGBoost won on log loss (0.6282 vs 0.6289 for the best logistic regression; Brier tied at 0.2192).
DEFAULT_XGB = {
    "n_estimators": 300,
    "max_depth": 2,
    "learning_rate": 0.02,
    "subsample": 0.8,
    "colsample_bytree": 0.8,
    "min_child_weight": 20,
    "reg_lambda": 5.0,
}
# The margin model replaced XGBoost as the default, and its ridge penalty was chosen, by walk-forward
# on 2020-21 and 2021-22 only (docs/decisions/0015-closing-the-market-gap.md, docs/research/model-gap.md).
DEFAULT_KIND = "blend"
DEFAULT_RIDGE_ALPHA = 3000.0
DEFAULT_BLEND = {"margin": 0.5, "logistic": 0.5}
DEFAULT_C = 0.01
DEFAULT_L1_RATIO = 1.0  # lasso: keeps a handful of the ~180 discovered features
DEFAULT_HALF_LIFE_DAYS: float | None = None
# Absences read at a fixed price, not learned (docs/research/model-gap.md rows 16-19): the forecast's
# home margin moves by absence_points x diff_player_apm_missing (``ml.players``: points of adjusted
# plus-minus the home team's listed-out players take off, minus the away team's), read through a probit
# spread of ABSENCE_SIGMA points. Off by default (COURTSIDE_ABSENCE_POINTS): its 2021-22 gain was fragile
# in the ridge penalty, the SHAP factors cannot show it, and it did not carry to 2022-23 or 2023-24.
DEFAULT_ABSENCE_POINTS = 0.0
ABSENCE_SIGMA = 11.3
ABSENCE_COLUMN = "diff_player_apm_missing"


@dataclass
class ModelConfig:
    kind: str = DEFAULT_KIND
    xgb_params: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_XGB))
    logistic_c: float = DEFAULT_C
    logistic_l1_ratio: float = DEFAULT_L1_RATIO
    ridge_alpha: float = DEFAULT_RIDGE_ALPHA
    blend: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_BLEND))
    half_life_days: float | None = DEFAULT_HALF_LIFE_DAYS
    absence_points: float = DEFAULT_ABSENCE_POINTS
    validation_fraction: float = 0.2
    seed: int = 20240101
    n_jobs: int = 1  # xgboost threads; 1 is as fast on 2 shared cores and never oversubscribes

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


class MarginModel:
    """Ridge regression of the home margin on standardized features, read as P(home wins) through a probit spread."""

    def __init__(self, alpha: float):
        self.alpha = alpha
        self.pipeline = Pipeline(
            [
                ("impute", SimpleImputer(strategy="median", keep_empty_features=True)),
                ("scale", StandardScaler()),
                ("ridge", Ridge(alpha=alpha)),
            ]
        )
        self.sigma = SIGMA_PRIOR  # provisional in-sample fit below; fit_game_model sets the out-of-time one

    def fit(self, X: pd.DataFrame, margin: np.ndarray, sample_weight: np.ndarray | None = None) -> MarginModel:
        self.pipeline.fit(X, margin, ridge__sample_weight=sample_weight)
        self.sigma = fit_sigma(self.predict_margin(X), np.asarray(margin) > 0, sample_weight)
        return self

    def predict_margin(self, X: pd.DataFrame) -> np.ndarray:
        return self.pipeline.predict(X)

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        p = norm.cdf(self.predict_margin(X) / self.sigma)
        return np.column_stack([1 - p, p])

    def __getitem__(self, item):  # the pipeline's steps, like the logistic model's (for explanations)
        return self.pipeline[item]


SIGMA_PRIOR = 12.0  # points: the spread of an NBA margin around its expectation


def fit_sigma(margin_pred: np.ndarray, home_win: np.ndarray, weight: np.ndarray | None = None) -> float:
    """The probit spread (points) that maximizes the likelihood of the outcomes given predicted margins."""
    y = np.asarray(home_win, dtype=float)
    w = np.ones_like(y) if weight is None else np.asarray(weight, dtype=float)

    def nll(sigma: float) -> float:
        p = np.clip(norm.cdf(margin_pred / sigma), 1e-9, 1 - 1e-9)
        return -float(np.sum(w * (y * np.log(p) + (1 - y) * np.log(1 - p))))

    return float(minimize_scalar(nll, bounds=(4.0, 30.0), method="bounded").x)


def build_estimator(kind: str, config: ModelConfig):
    if kind == "margin":
        return MarginModel(config.ridge_alpha)
    if kind == "xgboost":
        from xgboost import XGBClassifier

        return XGBClassifier(
            objective="binary:logistic",
            eval_metric="logloss",
            tree_method="hist",
            random_state=config.seed,
            n_jobs=config.n_jobs,
            **config.xgb_params,
        )
    if kind == "logistic":
        return Pipeline(
            [
                ("impute", SimpleImputer(strategy="median", keep_empty_features=True)),
                ("scale", StandardScaler()),
                ("logreg", _logistic(config)),
            ]
        )
    raise ValueError(f"unknown model kind {kind!r}; expected one of {KINDS}")


def _logistic(config: ModelConfig) -> LogisticRegression:
    if config.logistic_l1_ratio >= 1.0:  # pure L1: liblinear is exact and fast here
        return LogisticRegression(
            C=config.logistic_c, l1_ratio=1.0, solver="liblinear", max_iter=2000, random_state=config.seed
        )
    if config.logistic_l1_ratio <= 0.0:
        return LogisticRegression(C=config.logistic_c, max_iter=2000)
    return LogisticRegression(C=config.logistic_c, l1_ratio=config.logistic_l1_ratio, solver="saga", max_iter=5000)


def _fit(estimator, kind: str, X: pd.DataFrame, y: np.ndarray, w: np.ndarray | None):
    if kind == "margin":
        return estimator.fit(X, y, w)
    if w is None:
        return estimator.fit(X, y)
    if kind == "logistic":
        return estimator.fit(X, y, logreg__sample_weight=w)
    return estimator.fit(X, y, sample_weight=w)


class Calibrator:
    """A monotone map from the base model's probability to a calibrated one."""

    def __init__(self, method: str):
        if method not in CALIBRATIONS:
            raise ValueError(f"unknown calibration {method!r}")
        self.method = method
        self._model = None

    def fit(self, p: np.ndarray, y: np.ndarray) -> Calibrator:
        if self.method == "sigmoid":
            self._model = LogisticRegression(C=1e6, max_iter=1000).fit(_logit(p).reshape(-1, 1), y)
        elif self.method == "isotonic":
            self._model = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(p, y)
        return self

    def transform(self, p: np.ndarray) -> np.ndarray:
        p = np.asarray(p, dtype=float)
        if self.method == "none":
            return p
        if self.method == "sigmoid":
            return self._model.predict_proba(_logit(p).reshape(-1, 1))[:, 1]
        return np.clip(self._model.predict(p), ISOTONIC_CLIP, 1 - ISOTONIC_CLIP)


@dataclass
class GameModel:
    """A fitted, calibrated model with everything needed to predict and explain."""

    kind: str
    features: list[str]
    estimator: Any
    calibrator: Calibrator
    config: ModelConfig
    validation: dict[str, Any]
    train_rows: int
    train_start: str | None = None
    train_end: str | None = None

    def raw_proba(self, X: pd.DataFrame) -> np.ndarray:
        return self.estimator.predict_proba(X[self.features])[:, 1]

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """Calibrated P(home team wins), moved by who is out (``absence_shift``)."""
        return absence_shift(
            self.calibrator.transform(self.raw_proba(X)), X, getattr(self.config, "absence_points", 0.0)
        )


def absence_shift(p: np.ndarray, X: pd.DataFrame, points: float) -> np.ndarray:
    """P(home) with the home margin moved by ``-points`` x ``ABSENCE_COLUMN`` (0 where it is unknown)."""
    if not points or ABSENCE_COLUMN not in X:
        return p
    missing = pd.to_numeric(X[ABSENCE_COLUMN], errors="coerce").fillna(0.0).to_numpy(float)
    z = norm.ppf(np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6))
    return norm.cdf(z - points * missing / ABSENCE_SIGMA)


def _weights(dates: pd.Series, half_life: float | None) -> np.ndarray | None:
    if not half_life:
        return None
    age = (dates.max() - dates).dt.days.to_numpy(dtype=float)
    return 0.5 ** (age / half_life)


def _split_by_date(dates: pd.Series, fraction: float) -> tuple[np.ndarray, np.ndarray]:
    """Boolean masks (early, late) with about ``fraction`` of rows late, cut between dates."""
    d = dates.to_numpy()
    cut = np.sort(d)[int(len(d) * (1 - fraction))]
    late = d >= cut
    if late.all() or not late.any():
        raise ValueError("not enough distinct dates to make a time-ordered validation fold")
    return ~late, late


def _fit_one(
    kind: str, X: pd.DataFrame, y: np.ndarray, margin: np.ndarray, dates: pd.Series, config: ModelConfig
) -> GameModel:
    target = margin if kind == "margin" else y
    early, late = _split_by_date(dates, config.validation_fraction)
    est = _fit(
        build_estimator(kind, config), kind, X[early], target[early], _weights(dates[early], config.half_life_days)
    )
    if kind == "margin":  # in-sample residuals understate the spread: fit it on games the ridge never saw
        est.sigma = fit_sigma(est.predict_margin(X[late]), y[late] == 1)
    p_val = est.predict_proba(X[late])[:, 1]
    y_val = y[late]
    v_dates = dates[late]
    first, second = _split_by_date(v_dates.reset_index(drop=True), 0.5)
    scores: dict[str, dict[str, float]] = {}
    for method in CALIBRATIONS:
        cal = Calibrator(method).fit(p_val[first], y_val[first])
        p_cal = cal.transform(p_val[second])
        scores[method] = {"brier": brier(y_val[second], p_cal), "log_loss": log_loss(y_val[second], p_cal)}
    best = min(CALIBRATIONS, key=lambda m: (round(scores[m]["brier"], 12), CALIBRATIONS.index(m)))
    calibrator = Calibrator(best).fit(p_val, y_val)
    final = _fit(build_estimator(kind, config), kind, X, target, _weights(dates, config.half_life_days))
    if kind == "margin":
        final.sigma = est.sigma
    validation = {
        "kind": kind,
        "calibration": best,
        "fold_start": str(v_dates.min().date()),
        "fold_end": str(v_dates.max().date()),
        "fold_games": int(late.sum()),
        "scored_games": int(second.sum()),
        "by_calibration": scores,
        "brier": scores[best]["brier"],
        "log_loss": scores[best]["log_loss"],
        "brier_uncalibrated": scores["none"]["brier"],
    }
    if kind == "margin":
        validation["sigma"] = est.sigma
    return GameModel(
        kind=kind,
        features=list(X.columns),
        estimator=final,
        calibrator=calibrator,
        config=config,
        validation=validation,
        train_rows=int(len(y)),
        train_start=str(dates.min().date()),
        train_end=str(dates.max().date()),
    )


def fit_game_model(train: pd.DataFrame, features: list[str], config: ModelConfig | None = None) -> GameModel:
    """Fit on finished games (``home_win`` not null) of ``train``; see the module docstring.

    BLAS/OpenMP threads are limited to ``config.n_jobs`` while fitting: on two shared cores an
    oversubscribed fit was 3x slower than a single-threaded one.
    """
    from threadpoolctl import threadpool_limits

    config = config or ModelConfig()
    with threadpool_limits(limits=config.n_jobs):
        return _fit_game_model(train, features, config)


def _fit_game_model(train: pd.DataFrame, features: list[str], config: ModelConfig) -> GameModel:
    train = train[train["home_win"].notna()].sort_values(["game_date", "game_id"], kind="stable")
    if len(train) < 200:
        raise ValueError(f"only {len(train)} finished games to train on; need at least 200")
    if config.kind == "blend":
        return _fit_blend(train, features, config)
    X = train[features].astype(float).reset_index(drop=True)
    y = train["home_win"].astype(int).to_numpy()
    margin = (train["home_score"] - train["away_score"]).to_numpy(dtype=float)
    dates = pd.to_datetime(train["game_date"]).reset_index(drop=True)
    kinds = BASE_KINDS if config.kind == "auto" else (config.kind,)
    fitted = [_fit_one(k, X, y, margin, dates, config) for k in kinds]
    best = min(fitted, key=lambda m: m.validation["log_loss"])
    if len(fitted) > 1:
        best.validation["by_kind"] = {
            m.kind: {"brier": m.validation["brier"], "log_loss": m.validation["log_loss"]} for m in fitted
        }
    return best


def _fit_blend(train: pd.DataFrame, features: list[str], config: ModelConfig) -> GameModel:
    from ml.ensemble import Blend

    kinds = [k for k, w in config.blend.items() if w > 0]
    if not kinds or set(kinds) - set(BASE_KINDS):
        raise ValueError(f"blend weights {config.blend} must name some of {BASE_KINDS}")
    total = sum(config.blend[k] for k in kinds)
    # the blend moves its mean forecast for absences once; its members do not
    members = [_fit_game_model(train, features, replace(config, kind=k, absence_points=0.0)) for k in kinds]
    weights = [config.blend[k] / total for k in kinds]
    first = members[0]
    validation = {
        "kind": "blend",
        "weights": dict(zip(kinds, weights, strict=True)),
        "by_member": {m.kind: m.validation for m in members},
        "brier": sum(w * m.validation["brier"] for m, w in zip(members, weights, strict=True)),
        "log_loss": sum(w * m.validation["log_loss"] for m, w in zip(members, weights, strict=True)),
    }
    return GameModel(
        kind="blend",
        features=list(features),
        estimator=Blend(members, weights),
        calibrator=Calibrator("none"),
        config=config,
        validation=validation,
        train_rows=first.train_rows,
        train_start=first.train_start,
        train_end=first.train_end,
    )
