"""Model fitting: time-ordered validation, calibration never worse, reproducible, no ids/lines as features."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ml.data import assemble, feature_columns
from ml.elo import ELO_FEATURES
from ml.metrics import brier
from ml.model import MarginModel, ModelConfig, _split_by_date, fit_game_model, fit_sigma
from tests.unit.ml_fixtures import synthetic_league


@pytest.fixture(scope="module")
def dataset():
    games, features = synthetic_league()
    lines = pd.DataFrame(
        {"game_id": games["game_id"], "home_spread": -3.0, "home_moneyline": -150.0, "away_moneyline": 130.0}
    )
    return assemble(games, features, lines)


def test_only_catalogue_columns_are_model_inputs(dataset):
    frame = pd.DataFrame(
        {
            "home_team_id": [1],
            "home_net_rating_std": [1.0],
            "diff_rest_days": [2],
            "home_avail_value_out": [0.5],
            "home_avail_players_out": [1],  # in the catalogue with model: false
            "home_new_metric": [3.0],  # a new mart column nobody catalogued
            "away_spread": [1.0],
            "home_games_played": ["a"],  # not a number
        }
    )
    assert feature_columns(frame) == ["diff_rest_days", "home_avail_value_out", "home_net_rating_std"]
    assert "away_team_id" not in dataset.features
    assert not any("spread" in c or "moneyline" in c for c in dataset.features)
    assert set(ELO_FEATURES) <= set(dataset.features)


def test_validation_fold_is_the_latest_dates():
    dates = pd.Series(pd.to_datetime(["2020-01-01"] * 3 + ["2020-01-02"] * 3 + ["2020-01-03"] * 4))
    early, late = _split_by_date(dates, 0.3)
    assert dates[late].min() > dates[early].max()
    assert late.sum() == 4


@pytest.mark.parametrize("kind", ["margin", "logistic", "xgboost"])
def test_calibration_is_chosen_on_the_latest_dates(dataset, kind):
    model = fit_game_model(dataset.frame, dataset.features, ModelConfig(kind=kind, n_jobs=1))
    v = model.validation
    assert v["calibration"] in {"none", "sigmoid", "isotonic"}
    assert v["scored_games"] < v["fold_games"]  # chosen on the fold's later half, after fitting on its first
    assert pd.Timestamp(v["fold_start"]) > dataset.frame["game_date"].min()


def test_calibration_repairs_an_overconfident_model_on_later_games():
    """A deliberately overfitted XGBoost is far too sure of itself; the calibration map, fitted on
    the validation fold only, must fix most of that on games after the training data."""
    games, features = synthetic_league(seasons=("2019-20", "2020-21", "2021-22", "2022-23"), rounds=12)
    league = assemble(games, features)
    frame, ds_features = league.frame, league.features
    cut = frame["game_date"].quantile(0.8)
    train, later = frame[frame["game_date"] < cut], frame[frame["game_date"] >= cut]
    overfit = dict(max_depth=6, n_estimators=600, learning_rate=0.2, min_child_weight=1, reg_lambda=0.0)
    model = fit_game_model(train, ds_features, ModelConfig(kind="xgboost", xgb_params=overfit))
    y = later["home_win"].astype(float)
    raw, calibrated = brier(y, model.raw_proba(later)), brier(y, model.predict_proba(later))
    assert model.calibrator.method != "none"
    assert raw > 0.30 and calibrated < 0.26  # worse than a coin before, close to the signal after


@pytest.mark.parametrize("kind", ["margin", "logistic", "xgboost"])
def test_same_inputs_same_outputs(dataset, kind):
    a = fit_game_model(dataset.frame, dataset.features, ModelConfig(kind=kind))
    b = fit_game_model(dataset.frame, dataset.features, ModelConfig(kind=kind))
    np.testing.assert_array_equal(a.predict_proba(dataset.frame), b.predict_proba(dataset.frame))


def test_auto_keeps_the_lower_log_loss(dataset):
    model = fit_game_model(dataset.frame, dataset.features, ModelConfig(kind="auto", n_jobs=1))
    by_kind = model.validation["by_kind"]
    assert by_kind[model.kind]["log_loss"] == min(v["log_loss"] for v in by_kind.values())


def test_model_beats_a_coin_on_synthetic_league(dataset):
    model = fit_game_model(dataset.frame, dataset.features, ModelConfig(kind="logistic"))
    assert model.validation["brier"] < 0.25


def test_too_few_games_is_refused(dataset):
    with pytest.raises(ValueError, match="at least 200"):
        fit_game_model(dataset.frame.head(50), dataset.features)


def test_probit_spread_recovers_the_margin_noise():
    rng = np.random.default_rng(3)
    expected = rng.normal(0, 6, 20000)
    home_win = expected + rng.normal(0, 12, expected.size) > 0
    assert abs(fit_sigma(expected, home_win) - 12) < 0.5


def test_margin_model_learns_the_margin_and_beats_a_coin(dataset):
    frame = dataset.frame
    cut = frame["game_date"].quantile(0.75)
    train, later = frame[frame["game_date"] < cut], frame[frame["game_date"] >= cut]
    model = fit_game_model(train, dataset.features, ModelConfig(kind="margin", ridge_alpha=10.0))
    predicted = model.estimator.predict_margin(later[model.features])
    actual = later["home_score"] - later["away_score"]
    assert np.corrcoef(predicted, actual)[0, 1] > 0.2
    assert 6 < model.estimator.sigma < 20
    # the spread comes from the validation fold's out-of-time margins, not the training residuals
    assert model.estimator.sigma == model.validation["sigma"]
    in_sample = MarginModel(10.0).fit(
        train[model.features].astype(float), (train["home_score"] - train["away_score"]).to_numpy()
    )
    assert model.estimator.sigma != pytest.approx(in_sample.sigma, abs=1e-3)
    assert brier(later["home_win"].astype(float), model.predict_proba(later)) < 0.245


def test_blend_is_the_weighted_mean_of_its_members(dataset):
    config = ModelConfig(kind="blend", blend={"margin": 0.25, "logistic": 0.75})
    blend = fit_game_model(dataset.frame, dataset.features, config)
    margin = fit_game_model(dataset.frame, dataset.features, ModelConfig(kind="margin"))
    logistic = fit_game_model(dataset.frame, dataset.features, ModelConfig(kind="logistic"))
    games = dataset.frame.tail(30)
    expected = 0.25 * margin.predict_proba(games) + 0.75 * logistic.predict_proba(games)
    np.testing.assert_allclose(blend.predict_proba(games), expected)
    assert blend.kind == "blend" and set(blend.validation["by_member"]) == {"margin", "logistic"}
    with pytest.raises(ValueError, match="blend weights"):
        fit_game_model(dataset.frame, dataset.features, ModelConfig(kind="blend", blend={"elo": 1.0}))
