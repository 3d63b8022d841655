"""Models against a real PostgreSQL and the real dbt build: train, promote, predict, explain,
backtest, performance marts, leakage, reproducibility and bad inputs.

A small snapshot (2022-23 and 2023-24, copied from data/ with the news/ folder) is loaded as of the morning of
2023-12-01, so 2023-24 has about five weeks of finished games and 2023-12-01 is "today".
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import psycopg
import pytest

from tests.support.cli import cli_json, run_cli
from tests.support.database import throwaway_database
from tests.support.snapshots import copy_snapshot

pytestmark = pytest.mark.integration

SEASONS = ("2022-23", "2023-24")
TODAY = "2023-12-01"
EARLIER = "2023-11-15"


def load(env: dict[str, str] | None, snapshot: Path, through: str) -> None:
    run_cli("db", "migrate", env=env)
    run_cli("ingest", "snapshot", "--dir", str(snapshot), "--through", through, "--quiet", env=env)
    run_cli("build", env=env)


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> Path:
    return copy_snapshot(tmp_path_factory.mktemp("ml_snapshot") / "snap", SEASONS)


@pytest.fixture(scope="module")
def warehouse(module_db, snapshot) -> str:
    load(None, snapshot, TODAY)
    return module_db


@pytest.fixture(scope="module")
def active_version(warehouse) -> str:
    version = cli_json("train", "--before", TODAY)["version"]
    run_cli("model", "promote", version)
    return version


def _predictions(url: str, day: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "select game_id, model_version, prob_home, prob_away, predicted_winner_team_id, confidence,"
            " feature_row_hash, created_at from ops.predictions where game_date = %s order by game_id",
            (day,),
        ).fetchall()


def test_train_registers_a_candidate_with_a_verified_artifact(warehouse, active_version, db):
    row = db.execute(
        "select status, artifact_path, artifact_sha256, model_kind, calibration, train_end,"
        " jsonb_array_length(features), validation_metrics from ops.model_registry where version=%s",
        (active_version,),
    ).fetchone()
    status, path, sha, kind, calibration, train_end, n_features, validation = row
    assert status == "active" and kind in {"blend", "margin", "logistic", "xgboost"}
    assert calibration in {"none", "sigmoid", "isotonic"}
    assert str(train_end) < TODAY and n_features > 10
    assert Path(path).is_relative_to(Path(os.environ["COURTSIDE_HOME"]) / "models")
    from ml.registry import sha256_file

    assert sha256_file(Path(path)) == sha
    fitted = validation["by_member"].values() if kind == "blend" else [validation]  # each member calibrated
    for v in fitted:
        assert v["brier"] <= v["brier_uncalibrated"] + 1e-12  # calibration keeps or improves
    features = db.execute("select features from ops.model_registry where version=%s", (active_version,)).fetchone()[0]
    assert not any(("spread" in f or "moneyline" in f) for f in features)


def test_training_again_on_the_same_inputs_reuses_the_model(warehouse, active_version, db):
    out = run_cli("train", "--before", TODAY).stdout
    assert f"model {active_version} was trained on exactly these games" in out
    assert db.execute("select count(*) from ops.model_registry").fetchone()[0] == 1


def test_predict_is_idempotent_and_explained(warehouse, active_version, db):
    first = cli_json("predict", "--date", TODAY)
    rows = _predictions(warehouse, TODAY)
    assert rows and len(first["games"]) == len(rows) and first["version"] == active_version
    assert not any(g["in_sample"] for g in first["games"])  # trained on games before TODAY
    second = cli_json("predict", "--date", TODAY)
    assert _predictions(warehouse, TODAY) == rows  # same rows, same values, same created_at
    assert second == first
    for _game_id, version, ph, pa, winner, conf, fhash, _ in rows:
        assert version == active_version and abs(ph + pa - 1) < 1e-12 and len(fhash) == 64
        assert conf in {"low", "medium", "high"} and winner > 0
    n_features = db.execute(
        "select jsonb_array_length(features) from ops.model_registry where version=%s", (active_version,)
    ).fetchone()[0]
    expl = db.execute(
        "select count(*), count(distinct game_id), min(space), max(space), count(distinct base_value)"
        " from ops.prediction_explanations where model_version=%s",
        (active_version,),
    ).fetchone()
    assert expl[0] == len(rows) * n_features and expl[1] == len(rows)
    assert expl[2] == expl[3] == "log_odds"


def test_registry_round_trip_reproduces_the_stored_probabilities(warehouse, active_version, db):
    from ml import registry
    from ml.data import load_dataset
    from ml.predict import predict_frame

    run_cli("predict", "--date", TODAY)
    entry = registry.get(db, active_version)
    model = entry.load()  # sha256 checked
    ds = load_dataset(db)
    import pandas as pd

    games = ds.frame[ds.frame["game_date"] == pd.Timestamp(TODAY)].sort_values("game_id")
    stored = {r[0]: r[2] for r in _predictions(warehouse, TODAY)}
    again = predict_frame(model, games)
    assert dict(zip(again["game_id"], again["prob_home"], strict=True)) == pytest.approx(stored, abs=1e-12)


def test_a_tampered_artifact_is_refused(warehouse, active_version, db):
    path = Path(
        db.execute("select artifact_path from ops.model_registry where version=%s", (active_version,)).fetchone()[0]
    )
    original = path.read_bytes()
    try:
        path.write_bytes(original + b"tampered")
        proc = run_cli("predict", "--date", TODAY, check=False)
        assert proc.returncode != 0 and "sha256" in proc.stderr and "Traceback" not in proc.stderr
    finally:
        path.write_bytes(original)


def test_predictions_for_a_date_do_not_depend_on_later_results(warehouse, active_version, server_url, snapshot):
    """Same date, two warehouses: one knows results up to 2023-12-01, the other only up to EARLIER."""
    with throwaway_database(server_url, "courtside_ml_early") as url:
        env = {"DATABASE_URL": url}
        load(env, snapshot, EARLIER)
        run_cli("train", "--before", EARLIER, env=env)
        run_cli("model", "promote", "latest", env=env)
        run_cli("predict", "--date", EARLIER, env=env)
        try:
            version = cli_json("train", "--before", EARLIER)["version"]  # the full warehouse, same cutoff
            run_cli("model", "promote", version)
            run_cli("predict", "--date", EARLIER)
            early = [(r[0], r[2], r[6]) for r in _predictions(url, EARLIER)]
            full = [(r[0], r[2], r[6]) for r in _predictions(os.environ["DATABASE_URL"], EARLIER)]
            assert early and [g for g, _, _ in early] == [g for g, _, _ in full]
            for (_, p1, h1), (_, p2, h2) in zip(early, full, strict=True):
                assert h1 == h2  # the same pregame feature values
                assert p1 == pytest.approx(p2, abs=1e-12)
        finally:
            run_cli("model", "promote", active_version)


def test_backtest_writes_json_report_and_ops_rows(warehouse, db, tmp_path):
    out_json = tmp_path / "bt.json"
    run_cli("backtest", "--season", "2023-24", "--json", str(out_json))
    body = json.loads(out_json.read_text())
    assert body["season"] == "2023-24" and body["games"] > 150
    assert set(body["models"]) == {"model", "home", "elo", "market_spread", "market_moneyline"}  # no 538 data
    for m in body["models"].values():
        assert set(m) == {"games", "coverage", "accuracy", "brier", "log_loss", "ece"} and 0 < m["brier"] < 0.3
        assert m["games"] == body["common_games"] <= m["coverage"] <= body["games"]
    vm = body["vs_market"]
    assert vm["games"] == body["common_games"]
    assert (
        vm["ratio"] == vm["model_brier"] / vm["market_spread_brier"]
        and vm["model_brier"] == body["models"]["model"]["brier"]
    )
    run = db.execute(
        "select run_id, status, games, report_path from ops.backtest_runs order by started_at desc limit 1"
    ).fetchone()
    assert run[1] == "succeeded" and run[2] == body["games"]
    report = Path(run[3])
    assert report.exists() and (report.parent / "calibration.png").exists()
    assert (report.parent / "cumulative_brier.png").exists()
    text = report.read_text()
    assert "Betting simulation" in text and "Ablation" in text
    n = db.execute(
        "select count(*) from ops.backtest_predictions where run_id=%s and model_name='model'", (run[0],)
    ).fetchone()[0]
    assert n == body["games"]
    bad_train = db.execute(
        "select count(*) from ops.backtest_predictions where run_id=%s and trained_through >= game_date", (run[0],)
    ).fetchone()[0]
    assert bad_train == 0


def test_performance_marts_score_live_predictions_and_leave_in_sample_ones_out(warehouse, active_version, db):
    # the active model was trained on games before TODAY: EARLIER is in its training data
    in_sample = cli_json("predict", "--date", EARLIER)
    assert in_sample["games"] and all(g["in_sample"] for g in in_sample["games"])
    live = cli_json("train", "--before", EARLIER)["version"]
    try:
        run_cli("model", "promote", live)
        assert not any(g["in_sample"] for g in cli_json("predict", "--date", EARLIER)["games"])
    finally:
        run_cli("model", "promote", active_version)
    scored = cli_json("score")
    assert scored["scored"] >= 2 * len(in_sample["games"])
    run_cli("build", "--select", "source:ops+")  # the marts over ops.predictions
    leaked = db.execute(
        "select count(*) from marts.fct_model_performance_daily where model_version=%s and period_start=%s",
        (active_version, EARLIER),
    ).fetchone()[0]
    assert leaked == 0  # in-sample predictions are never counted as live performance
    daily = db.execute(
        "select games, accuracy, brier from marts.fct_model_performance_daily"
        " where model_version=%s and period_start=%s",
        (live, EARLIER),
    ).fetchone()
    assert daily[0] == len(in_sample["games"]) and 0 <= daily[1] <= 1 and 0 <= daily[2] <= 1
    season = db.execute(
        "select games from marts.fct_model_performance_seasonal where model_version=%s", (live,)
    ).fetchone()
    assert season[0] >= daily[0]
    bins = db.execute(
        "select sum(games) from marts.fct_model_calibration where model_version=%s and grain='season'", (live,)
    ).fetchone()[0]
    assert bins == season[0]
    stored = db.execute(
        "select count(*) filter (where home_win is not null), count(*) from ops.predictions where game_date=%s",
        (EARLIER,),
    ).fetchone()
    assert stored[0] == stored[1]  # every finished game's prediction has its outcome


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("backtest", "--season", "2031-32"), "unknown season 2031-32"),
        (("backtest", "--season", "2023"), "not in the form YYYY-YY"),
        (("backtest", "--season", "2022-23"), "finished games before it"),
        (("predict", "--date", "2001-01-01"), "before any data"),
        (("predict", "--date", "2030-01-10"), "season 2029-30, which the warehouse does not have"),
        (("predict", "--date", "2023-13-01"), "'2023-13-01' is not a date in the form YYYY-MM-DD"),
        (("train", "--before", "2020-01-01"), "before any data"),
        (("model", "promote", "m19990101.9"), "unknown model version"),
    ],
)
def test_bad_inputs_are_one_line_errors(warehouse, active_version, args, message, capsys):
    from app.cli import main  # the console script's entry point, in-process (saves an interpreter start)

    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    err = capsys.readouterr().err
    assert exit_info.value.code != 0
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_date_without_games_predicts_nothing_and_says_so(warehouse, active_version):
    assert cli_json("predict", "--date", "2023-08-01")["games"] == []
    assert "no games on 2023-08-01" in run_cli("predict", "--date", "2023-08-01").stdout
