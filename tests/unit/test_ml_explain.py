"""SHAP explanations add up to the base model's log-odds; predictions are labelled and hashed stably."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ml.data import assemble
from ml.explain import explain, explanation_rows
from ml.model import ModelConfig, fit_game_model
from ml.predict import confidence_label, feature_row_hash, predict_frame, season_of
from tests.unit.ml_fixtures import synthetic_league


@pytest.fixture(scope="module")
def dataset():
    games, features = synthetic_league()
    return assemble(games, features)


@pytest.mark.parametrize("kind", ["logistic", "xgboost"])
def test_shap_values_sum_to_the_log_odds(dataset, kind):
    model = fit_game_model(dataset.frame, dataset.features, ModelConfig(kind=kind))
    games = dataset.frame.tail(12)
    base, values = explain(model, games)
    raw = model.raw_proba(games)
    np.testing.assert_allclose(base + values.sum(axis=1), np.log(raw / (1 - raw)), atol=1e-4)
    rows = explanation_rows(model, games, "v1")
    assert len(rows) == len(games) * len(model.features)
    first = [r for r in rows if r[0] == games["game_id"].iloc[0]]
    assert [r[7] for r in first] == list(range(1, len(model.features) + 1))
    assert abs(first[0][4]) >= abs(first[-1][4])


def test_margin_contributions_are_its_margin_read_as_log_odds(dataset):
    model = fit_game_model(dataset.frame, dataset.features, ModelConfig(kind="margin"))
    games = dataset.frame.tail(12)
    base, values = explain(model, games)
    margin = model.estimator.predict_margin(games[model.features])
    np.testing.assert_allclose(base + values.sum(axis=1), 1.702 * margin / model.estimator.sigma)
    raw = model.raw_proba(games)
    assert np.abs(1 / (1 + np.exp(-(base + values.sum(axis=1)))) - raw).max() < 0.01
    assert {r[6] for r in explanation_rows(model, games, "v1")} == {"log_odds"}


def test_a_blend_is_explained_as_the_weighted_mean_of_its_members(dataset):
    blend = fit_game_model(dataset.frame, dataset.features, ModelConfig(kind="blend"))
    games = dataset.frame.tail(12)
    base, values = explain(blend, games)
    parts = [explain(m, games) for m in blend.estimator.members]
    expected = sum(w * (b + v.sum(axis=1)) for w, (b, v) in zip(blend.estimator.weights, parts, strict=True))
    np.testing.assert_allclose(base + values.sum(axis=1), expected)
    # like every explanation, of the models before calibration: their mean probability, near enough
    raw = sum(w * m.raw_proba(games) for w, m in zip(blend.estimator.weights, blend.estimator.members, strict=True))
    assert np.abs(1 / (1 + np.exp(-(base + values.sum(axis=1)))) - raw).max() < 0.03


def test_confidence_labels_and_hash():
    assert [confidence_label(p) for p in (0.5, 0.41, 0.65, 0.29, 0.9)] == ["low", "low", "medium", "high", "high"]
    a = pd.Series({"x": 1.0, "y": np.nan})
    assert feature_row_hash(a) == feature_row_hash(pd.Series({"x": 1.0, "y": None}))
    assert feature_row_hash(a) != feature_row_hash(pd.Series({"x": 1.5, "y": np.nan}))


def test_predict_frame_picks_the_favourite(dataset):
    model = fit_game_model(dataset.frame, dataset.features, ModelConfig(kind="logistic"))
    out = predict_frame(model, dataset.frame.tail(20))
    assert np.allclose(out["prob_home"] + out["prob_away"], 1)
    fav_home = out["prob_home"] >= 0.5
    assert (out.loc[fav_home, "predicted_winner_team_id"] == out.loc[fav_home, "home_team_id"]).all()
    assert (out.loc[~fav_home, "predicted_winner_team_id"] == out.loc[~fav_home, "away_team_id"]).all()


def test_season_of_a_date():
    import datetime as dt

    assert season_of(dt.date(2023, 10, 24)) == "2023-24"
    assert season_of(dt.date(2024, 4, 14)) == "2023-24"
    assert season_of(dt.date(2023, 8, 1)) == "2023-24"
    assert season_of(dt.date(1999, 12, 1)) == "1999-00"
