"""Walk-forward engine: only the past is used, baselines on the same games, JSON shape, report files."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from ml.backtest import BASELINES, period_starts, run_backtest, walk_forward
from ml.data import assemble
from ml.model import ModelConfig
from ml.registry import ArtifactMismatch, load_artifact, save_artifact
from ml.report import write_report
from tests.unit.ml_fixtures import synthetic_league

SEASON = "2021-22"


def _dataset(with_avail=False, truncate_after=None, informative_avail=False):
    games, features = synthetic_league()
    if with_avail:
        features["home_avail_value_out"] = np.random.default_rng(1).normal(size=len(features))
    if informative_avail:  # a column that carries the result (noisily): the ablation must see its worth
        margin = features[["game_id"]].merge(games, on="game_id", how="left")
        signal = np.sign(margin["home_score"] - margin["away_score"]).to_numpy()
        features["home_avail_value_out"] = signal + np.random.default_rng(2).normal(0, 1.0, size=len(features))
    if truncate_after is not None:  # results of later games unknown
        later = games["game_date"] > truncate_after
        games["home_win"] = games["home_win"].astype(object)
        games.loc[later, ["home_score", "away_score", "home_win"]] = None
        games.loc[later, "status"] = "scheduled"
    lines = pd.DataFrame(
        {"game_id": games["game_id"], "home_spread": -2.0, "home_moneyline": -140.0, "away_moneyline": 120.0}
    )
    ref = pd.DataFrame(
        {"game_id": games["game_id"], "elo538_prob_home": np.where(games["season"] == SEASON, np.nan, 0.6)}
    )
    return assemble(games, features, lines, ref)


CONFIG = ModelConfig(kind="logistic")


def test_period_starts():
    dates = pd.Series(pd.to_datetime(["2021-10-19", "2021-11-30", "2022-01-03"]))
    assert period_starts(dates, "monthly") == [
        pd.Timestamp("2021-10-19"),
        pd.Timestamp("2021-11-01"),
        pd.Timestamp("2021-12-01"),
        pd.Timestamp("2022-01-01"),
    ]
    assert len(period_starts(dates, "none")) == 1
    assert period_starts(dates, "weekly")[1] == pd.Timestamp("2021-10-26")
    with pytest.raises(ValueError):
        period_starts(dates, "daily")


def test_models_are_trained_only_on_earlier_games():
    preds = walk_forward(_dataset(), SEASON, "weekly", CONFIG)
    assert (pd.to_datetime(preds["trained_through"]) < pd.to_datetime(preds["period_start"])).all()
    assert (pd.to_datetime(preds["period_start"]) <= pd.to_datetime(preds["game_date"])).all()


def test_predictions_unchanged_when_later_results_are_deleted():
    ds = _dataset()
    season_dates = ds.frame.loc[ds.frame["season"] == SEASON, "game_date"]
    first_end = period_starts(season_dates, "monthly")[1]
    full = walk_forward(ds, SEASON, "monthly", CONFIG)
    cut = _dataset(truncate_after=first_end - pd.Timedelta(days=1))
    part = walk_forward(cut, SEASON, "monthly", CONFIG)  # later games are not final: not predicted
    first = full[full["game_date"] < first_end].reset_index(drop=True)
    pd.testing.assert_frame_equal(first[["game_id", "prob_home"]], part[["game_id", "prob_home"]])


def test_backtest_json_shape_and_same_games():
    result = run_backtest(_dataset(), SEASON, "monthly", CONFIG)
    body = json.loads(json.dumps(result.to_json()))
    assert set(body) == {"season", "games", "common_games", "models"}
    assert body["season"] == SEASON and body["games"] == body["common_games"] == len(result.probs)
    assert "fivethirtyeight" not in body["models"]  # no 538 data for this season: omitted
    assert set(body["models"]) == set(BASELINES) - {"fivethirtyeight"}
    for m in body["models"].values():
        assert set(m) == {"games", "coverage", "accuracy", "brier", "log_loss", "ece"}
        assert m["games"] == m["coverage"] == body["games"]
    assert result.vs_market["ratio"] > 0


def test_every_forecaster_is_scored_on_the_games_all_of_them_cover():
    ds = _dataset()
    season = ds.frame["season"] == SEASON
    no_spread = ds.frame.index[season][:5]
    no_moneyline = ds.frame.index[season][3:9]
    ds.frame.loc[no_spread, "home_spread"] = np.nan
    ds.frame.loc[no_moneyline, "home_moneyline"] = np.nan
    result = run_backtest(ds, SEASON, "monthly", CONFIG)
    body = result.to_json()
    assert body["common_games"] == body["games"] - 9
    for m in body["models"].values():
        assert m["games"] == body["common_games"]
    assert body["models"]["market_spread"]["coverage"] == body["games"] - 5
    assert body["models"]["market_moneyline"]["coverage"] == body["games"] - 6
    assert body["models"]["model"]["coverage"] == body["games"]
    assert result.vs_market["games"] == body["common_games"]


def test_ablation_and_report(tmp_path):
    result = run_backtest(_dataset(with_avail=True), SEASON, "monthly", CONFIG)
    a = result.to_json()["ablation"]
    assert a["avail_features"] == ["home_avail_value_out"]
    path = write_report(result, tmp_path / "r", "run1")
    text = path.read_text()
    assert (tmp_path / "r" / "calibration.png").stat().st_size > 1000
    assert (tmp_path / "r" / "cumulative_brier.png").stat().st_size > 1000
    assert "Betting simulation" in text and "Ablation" in text and "home_avail_value_out" in text


def test_ablation_without_side_is_the_model_that_never_saw_availability():
    a = run_backtest(_dataset(informative_avail=True), SEASON, "monthly", CONFIG).to_json()["ablation"]
    plain = run_backtest(_dataset(), SEASON, "monthly", CONFIG).to_json()["models"]["model"]["brier"]
    # the "without" side is the same walk-forward with the availability columns removed ...
    assert a["brier_without_avail"] == pytest.approx(plain, abs=1e-12)
    # ... and a column that carries the result must show up as a large gain, with the right sign
    assert a["brier_with_avail"] < a["brier_without_avail"] - 0.02
    assert a["brier_difference"] == pytest.approx(a["brier_with_avail"] - a["brier_without_avail"])


def test_registry_artifact_round_trip(tmp_path):
    from ml.model import fit_game_model

    ds = _dataset()
    model = fit_game_model(ds.frame, ds.features, CONFIG)
    path, sha = save_artifact(model, "m20220101.1", tmp_path)
    loaded = load_artifact(path, sha)
    np.testing.assert_array_equal(loaded.predict_proba(ds.frame), model.predict_proba(ds.frame))
    with pytest.raises(ArtifactMismatch, match="sha256"):
        load_artifact(path, "0" * 64)
    path.write_bytes(path.read_bytes() + b"x")
    with pytest.raises(ArtifactMismatch):
        load_artifact(path, sha)
