"""Per-game SHAP explanations of the base model, in log-odds space.

For each game, ``base_value + sum(shap_value)`` equals the base (uncalibrated) model's
log-odds that the home team wins. The calibration map is monotone and applied afterwards, so
signs and ranking of contributions carry over to the published (calibrated) probability.
XGBoost uses shap's TreeExplainer (exact TreeSHAP on the margin); logistic regression uses
shap's LinearExplainer on the standardized inputs (contribution = coef * z, base = intercept,
because the standardized training mean is 0). The margin model is explained in points instead: its
ridge contributions (coef * z) plus the intercept add up to the predicted home margin, which the
probit spread then turns into the probability. A blend is explained through its margin member (in
points; the blend's probability is the weighted mean of its members' probabilities).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ml.model import GameModel

SPACES = {"margin": "points"}  # every other model kind: "log_odds"


def explained_model(model: GameModel) -> GameModel:
    """The model whose factors are reported: a blend's margin member (else its first), any other model itself."""
    if model.kind != "blend":
        return model
    members = model.estimator.members
    return next((m for m in members if m.kind == "margin"), members[0])


def explanation_space(model: GameModel) -> str:
    return SPACES.get(explained_model(model).kind, "log_odds")


def explain(model: GameModel, games: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(base_values[n], shap_values[n, features]) in the model's explanation space."""
    import shap

    model = explained_model(model)
    X = games[model.features].astype(float)
    if model.kind == "xgboost":
        explainer = shap.TreeExplainer(model.estimator)
        values = np.asarray(explainer.shap_values(X))
        base = np.broadcast_to(np.asarray(explainer.expected_value, dtype=float).reshape(-1)[0], (len(X),))
        return np.array(base, dtype=float), values.reshape(len(X), -1)
    pre = model.estimator[:-1]
    linear = logreg = model.estimator[-1]
    Z = pre.transform(X)
    if model.kind == "margin":
        return np.full(len(X), float(linear.intercept_)), np.asarray(linear.coef_).reshape(1, -1) * Z
    explainer = shap.LinearExplainer((logreg.coef_.reshape(-1), float(logreg.intercept_[0])), np.zeros((1, Z.shape[1])))
    values = np.asarray(explainer.shap_values(Z)).reshape(len(X), -1)
    base = np.full(len(X), float(np.asarray(explainer.expected_value).reshape(-1)[0]))
    return base, values


def explanation_rows(model: GameModel, games: pd.DataFrame, version: str) -> list[tuple]:
    """Rows for ops.prediction_explanations: every feature, ranked by |contribution|."""
    base, values = explain(model, games)
    space = explanation_space(model)
    model = explained_model(model)
    X = games[model.features].astype(float).to_numpy()
    rows = []
    for i, game_id in enumerate(games["game_id"]):
        order = np.argsort(-np.abs(values[i]), kind="stable")
        for rank, j in enumerate(order, start=1):
            v = X[i, j]
            rows.append(
                (
                    game_id,
                    version,
                    model.features[j],
                    None if np.isnan(v) else float(v),
                    float(values[i, j]),
                    float(base[i]),
                    space,
                    rank,
                )
            )
    return rows
