"""The daily run and its replay, end to end on a real PostgreSQL with real dbt and real models."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import psycopg
import pytest

from tests.support.cli import cli_json, run_cli
from tests.support.database import count
from tests.support.snapshots import copy_snapshot

pytestmark = pytest.mark.integration
FIRST, LAST = dt.date(2023, 12, 6), dt.date(2023, 12, 8)  # 11, 2 and 13 games
TABLES = (
    "raw_nba.team_game_logs",
    "raw_nba.schedule",
    "raw_nba.player_game_logs",
    "raw_news.injury_log",
    "marts.fct_games",
    "marts.fct_pregame_features",
    "ops.model_registry",
    "ops.predictions",
    "ops.prediction_explanations",
)


def counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {t: count(conn, t) for t in TABLES}


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> Path:
    return copy_snapshot(tmp_path_factory.mktemp("daily") / "s", ["2022-23", "2023-24"], feeds=False)


@pytest.fixture(scope="module")
def replayed(module_db, snapshot):
    env = {"COURTSIDE_DATA_DIR": str(snapshot)}
    result = cli_json("replay", "--from", FIRST.isoformat(), "--to", LAST.isoformat(), env=env)
    return module_db, env, result


def test_a_replay_runs_every_morning_with_the_model_active_that_morning(replayed):
    url, _, result = replayed
    assert [d["day"] for d in result["days"]] == [(FIRST + dt.timedelta(days=i)).isoformat() for i in range(3)]
    assert all(d["status"] == "succeeded" for d in result["days"])
    first = result["days"][0]
    assert {s["name"]: s["status"] for s in first["steps"]} == dict.fromkeys(
        ("ingest", "build", "model", "predict", "briefs", "score", "settle", "marts", "monitor", "policy"), "succeeded"
    )
    with psycopg.connect(url) as conn:
        models = conn.execute("select version, trained_before, status from ops.model_registry").fetchall()
        assert len(models) == 1 and models[0][1] == FIRST and models[0][2] == "active"  # trained on games before D1
        per_day = conn.execute(
            "select game_date, count(*), bool_or(in_sample), count(home_win) from ops.predictions group by 1 order by 1"
        ).fetchall()
        runs = conn.execute("select run_date, status from ops.daily_runs order by run_date").fetchall()
    assert [d for d, *_ in per_day] == [FIRST, FIRST + dt.timedelta(days=1), LAST]
    assert not any(in_sample for _, _, in_sample, _ in per_day)
    # each morning scored the games of the mornings before it; the last morning's await their finals
    assert [scored == n for _, n, _, scored in per_day] == [True, True, False]
    assert runs == [(FIRST + dt.timedelta(days=i), "succeeded") for i in range(3)]


def test_the_monitoring_trend_has_one_snapshot_per_replayed_morning(replayed):
    _, _, result = replayed
    trend = cli_json("mlops", "trend")
    assert [p["as_of"] for p in trend] == [d["day"] for d in result["days"]]
    assert all(p["model_version"] for p in trend)
    # each morning counts the live games finished before it: none on the first, then the days before
    assert [p["evaluated_games"] for p in trend] == [0, 11, 13]
    assert [p["as_of"] for p in cli_json("mlops", "trend", "--limit", "2")] == [d["day"] for d in result["days"][1:]]


def test_running_a_morning_twice_leaves_the_same_rows(replayed):
    url, env, _ = replayed
    cli_json("daily", "--date", LAST.isoformat(), env=env)
    once = counts(url)
    again = cli_json("daily", "--date", LAST.isoformat(), env=env)
    assert again["status"] == "succeeded" and again["resumed_from"] is None
    assert counts(url) == once


def test_a_failed_step_stops_what_needs_it_and_the_rerun_picks_up_there(replayed):
    url, env, _ = replayed
    day = (LAST + dt.timedelta(days=1)).isoformat()
    with psycopg.connect(url, autocommit=True) as conn:
        # a box score of a team that is not in the league fails a dbt relationship test
        conn.execute(
            "insert into raw_nba.team_game_logs (game_id, team_id, game_date, opponent_team_id, is_home,"
            " is_neutral_site, season, game_type, _dlt_load_id, _dlt_id) values"
            " ('0022399999', 1610612799, '2023-12-07', 1610612737, true, false, '2023-24', 'regular_season', 'x', 'x')"
        )
    try:
        failed = run_cli("daily", "--date", day, env=env, check=False)
        assert failed.returncode == 1
        error = failed.stderr.strip().splitlines()[-1]
        assert f"the daily run of {day} failed at step 'build'" in error and "not run: model, predict, briefs" in error
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("delete from raw_nba.team_game_logs where game_id = '0022399999'")
    resumed = cli_json("daily", "--date", day, env=env)
    steps = {s["name"]: s["status"] for s in resumed["steps"]}
    assert resumed["status"] == "succeeded" and resumed["resumed_from"]
    assert steps == {
        "ingest": "done_earlier",
        "build": "succeeded",
        "model": "succeeded",
        "predict": "succeeded",
        "briefs": "succeeded",
        "score": "succeeded",
        "settle": "succeeded",
        "marts": "succeeded",
        "monitor": "succeeded",
        "policy": "succeeded",
    }
    with psycopg.connect(url) as conn:
        runs = conn.execute("select status from ops.daily_runs where run_date = %s order by started_at", (day,))
        assert [r[0] for r in runs] == ["failed", "succeeded"]


def test_snapshot_mode_needs_a_date(module_db):
    proc = run_cli("daily", check=False)
    assert proc.returncode == 1 and "needs a date" in proc.stderr
