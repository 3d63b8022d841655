"""Per-game SHAP explanations of the base model, in log-odds space.

For each game, ``base_value + sum(shap_value)`` equals the base (uncalibrated) model's
log-odds that the home team wins. The calibration map is monotone and applied afterwards, so
signs and ranking of contributions carry over to the published (calibrated) probability.
XGBoost uses shap's TreeExplainer (exact TreeSHAP on the margin); logistic regression uses
shap's LinearExplainer on the standardized inputs (contribution = coef * z, base = intercept,
because the standardized training mean is 0). The margin model's ridge contributions (coef * z, base =
intercept) are in points; divided by its probit spread sigma they add up to the probit index z with
P = Phi(z), and times 1.702 (the logistic curve's closest match to the normal one, within 0.01 of the
probability) they are in log-odds. A blend's contributions are the weighted mean of its members'.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ml.model import GameModel

SPACE = "log_odds"
PROBIT_TO_LOGIT = 1.702


def explain(model: GameModel, games: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(base_values[n], shap_values[n, features]) in log-odds space."""
    if model.kind == "blend":
        parts = [explain(m, games) for m in model.estimator.members]
        weights = model.estimator.weights
        base = sum(w * b for w, (b, _) in zip(weights, parts, strict=True))
        values = sum(w * v for w, (_, v) in zip(weights, parts, strict=True))
        return np.asarray(base, dtype=float), np.asarray(values, dtype=float)
    import shap

    X = games[model.features].astype(float)
    if model.kind == "xgboost":
        explainer = shap.TreeExplainer(model.estimator)
        values = np.asarray(explainer.shap_values(X))
        base = np.broadcast_to(np.asarray(explainer.expected_value, dtype=float).reshape(-1)[0], (len(X),))
        return np.array(base, dtype=float), values.reshape(len(X), -1)
    pre = model.estimator[:-1]
    linear = model.estimator[-1]
    Z = pre.transform(X)
    if model.kind == "margin":
        scale = PROBIT_TO_LOGIT / model.estimator.sigma
        return np.full(len(X), float(linear.intercept_) * scale), np.asarray(linear.coef_).reshape(1, -1) * Z * scale
    explainer = shap.LinearExplainer((linear.coef_.reshape(-1), float(linear.intercept_[0])), np.zeros((1, Z.shape[1])))
    values = np.asarray(explainer.shap_values(Z)).reshape(len(X), -1)
    base = np.full(len(X), float(np.asarray(explainer.expected_value).reshape(-1)[0]))
    return base, values


def explanation_rows(model: GameModel, games: pd.DataFrame, version: str) -> list[tuple]:
    """Rows for ops.prediction_explanations: every feature, ranked by |contribution|."""
    base, values = explain(model, games)
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
                    SPACE,
                    rank,
                )
            )
    return rows
