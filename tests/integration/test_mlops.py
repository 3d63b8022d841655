"""The retrain loop end to end on a real warehouse: policy and duplicate guard, safe mode, concurrent and killed
workers, and the rollback rule against a deliberately worse candidate."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import psycopg
import pytest

from ml.mlops.thresholds import Thresholds
from tests.support.cli import CLI, cli_json
from tests.support.paths import ROOT
from tests.support.snapshots import copy_snapshot

pytestmark = pytest.mark.integration
DAY = dt.date(2023, 12, 20)
OLD_CUTOFF = dt.date(2023, 12, 1)  # the active model's cutoff: the games after it are new to it
EAGER = Thresholds(min_new_games=0)  # the policy retrains on this small history


@pytest.fixture(scope="module")
def warehouse(module_db, tmp_path_factory):
    """One real morning run, then an older model made active (as if it had been serving for three weeks)."""
    from ml.jobs import promote_model, train_model

    snapshot: Path = copy_snapshot(tmp_path_factory.mktemp("mlops") / "s", ["2022-23", "2023-24"], feeds=False)
    env = {"COURTSIDE_DATA_DIR": str(snapshot)}
    cli_json("daily", "--date", DAY.isoformat(), env=env)
    old = train_model(OLD_CUTOFF)
    promote_model(old.version)
    return module_db, old.version


def jobs_rows(url: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute("select job_id, status, attempts, outcome from ops.retrain_jobs order by job_id").fetchall()


def active_version(url: str) -> str:
    with psycopg.connect(url) as conn:
        return conn.execute("select version from ops.model_registry where status = 'active'").fetchone()[0]


def test_the_daily_run_stored_a_snapshot_and_the_policy_dry_run_queues_nothing(warehouse):
    url, _ = warehouse
    trend = cli_json("mlops", "trend")
    assert [p["as_of"] for p in trend] == [DAY.isoformat()]
    snap = cli_json("mlops", "monitor", "--date", DAY.isoformat())
    assert snap["escalation"] in ("none", "active", "watch", "incident") and snap["freshness"]["games_today"] > 0
    assert all(a["recommended_action"] for a in snap["alerts"])
    decision = cli_json("mlops", "policy", "--date", DAY.isoformat())
    assert decision["dry_run"] and decision["queue"] in ("not-needed", "dry-run")
    assert jobs_rows(url) == []


def test_execute_queues_one_job_and_the_duplicate_guard_answers_already_queued(warehouse):
    from ml.mlops.jobs import retrain_policy

    url, old = warehouse
    dry = retrain_policy(DAY, dry_run=True, t=EAGER)
    assert dry.decision.action == "retrain" and dry.queue == "dry-run" and jobs_rows(url) == []
    first = retrain_policy(DAY, dry_run=False, t=EAGER)
    again = retrain_policy(DAY, dry_run=False, t=EAGER, requested_by="api")
    assert first.queue == "queued" and first.decision.model_version == old
    assert again.queue == "already-queued" and again.job.job_id == first.job.job_id
    assert jobs_rows(url) == [(first.job.job_id, "queued", 0, None)]


def test_safe_mode_validates_without_training_and_leaves_the_job_queued(warehouse):
    url, old = warehouse
    with psycopg.connect(url) as conn:
        models = conn.execute("select count(*) from ops.model_registry").fetchone()[0]
    result = cli_json("mlops", "run-next")
    assert result["status"] == "validated", result
    job = result["job"]
    assert job["status"] == "queued" and job["validation"]["window_games"] >= 30 and job["attempts"] == 1
    assert job["validation"]["active_version"] == old
    with psycopg.connect(url) as conn:
        assert conn.execute("select count(*) from ops.model_registry").fetchone()[0] == models
    assert active_version(url) == old


def test_two_workers_never_run_the_same_job(warehouse):
    url, old = warehouse
    env = {**os.environ}
    tries = jobs_rows(url)[0][2]
    workers = [
        subprocess.Popen(
            [*CLI, "mlops", "run-next", "--execute", "--json"], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    results = [json.loads(w.communicate(timeout=600)[0]) for w in workers]
    assert sorted(r["status"] for r in results) == ["completed", "idle"]
    done = next(r for r in results if r["status"] == "completed")["job"]
    assert done["attempts"] == tries + 1  # exactly one worker ran it
    assert done["previous_version"] == old and done["outcome"] in ("promoted", "kept_previous")
    evaluation = done["evaluation"]
    assert evaluation["window"]["first"] == (DAY - dt.timedelta(days=14)).isoformat()
    assert {"accuracy", "brier", "log_loss"} <= set(evaluation["candidate"])
    expected = done["candidate_version"] if done["outcome"] == "promoted" else old
    assert active_version(url) == expected


def test_a_deliberately_worse_candidate_is_rolled_back(warehouse):
    """A candidate trained on flipped outcomes, even when promoted behind the worker's back, leaves the
    previous model active."""
    from ml.data import load_dataset
    from ml.jobs import model_config, promote_model
    from ml.mlops.jobs import retrain_policy, run_next
    from ml.train import train
    from warehouse.db import connect

    url, _ = warehouse
    before = active_version(url)

    def worse(cutoff: dt.date) -> str:
        with connect() as conn:
            ds = load_dataset(conn)
            ds.frame["home_win"] = 1 - ds.frame["home_win"]
            version = train(conn, cutoff, model_config(), ds=ds).version
        promote_model(version)
        return version

    assert retrain_policy(DAY, dry_run=False, t=EAGER).queue == "queued"
    result = run_next(True, trainer=worse)
    job = result.job
    assert result.status == "completed" and job.outcome == "kept_previous"
    ev = job.evaluation
    assert ev["candidate"]["accuracy"] < ev["active"]["accuracy"] - 0.03
    assert "accuracy drop" in ev["rule"]
    assert active_version(url) == before != job.candidate_version


def test_a_killed_worker_leaves_a_job_that_is_detected_and_can_be_retried(warehouse):
    from ml.mlops.jobs import retrain_policy

    url, _ = warehouse
    job_id = retrain_policy(DAY, dry_run=False, t=EAGER).job.job_id
    worker = subprocess.Popen(
        [*CLI, "mlops", "run-next", "--execute"], cwd=ROOT, env={**os.environ}, stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        status = dict((r[0], r[1]) for r in jobs_rows(url))[job_id]
        if status == "running":
            break
        assert worker.poll() is None, "the worker ended before it was killed"
        time.sleep(0.2)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    listed = {j["job_id"]: j for j in cli_json("mlops", "jobs")}
    assert listed[job_id]["status"] == "abandoned" and "worker" in listed[job_id]["error"]
    retried = cli_json("mlops", "retry", str(job_id))
    assert retried["status"] == "queued" and retried["error"] is None
    again = retrain_policy(DAY, dry_run=False, t=EAGER)
    assert again.queue == "already-queued" and again.job.job_id == job_id
    assert cli_json("mlops", "run-next")["status"] == "validated"
    assert dict((r[0], r[1]) for r in jobs_rows(url))[job_id] == "queued"


@pytest.fixture()
def api(warehouse, monkeypatch):
    """The real Litestar app on this warehouse, with an API key and a policy eager to retrain."""
    from dataclasses import replace

    from litestar.testing import TestClient

    from app.api.app import create_app
    from tests.support.database import reset_settings
    from warehouse.settings import get_settings

    monkeypatch.setenv("COURTSIDE_MLOPS_MIN_NEW_GAMES", "0")
    reset_settings()
    settings = get_settings()
    with TestClient(create_app(replace(settings, api=replace(settings.api, api_key="secret")))) as client:
        yield client
    monkeypatch.delenv("COURTSIDE_MLOPS_MIN_NEW_GAMES")
    reset_settings()


KEY = {"Authorization": "Bearer secret"}


def test_the_monitoring_endpoints_answer_the_snapshot_and_the_trend(api):
    snap = api.get("/api/v1/mlops/monitoring", params={"date": DAY.isoformat()})
    assert snap.status_code == 200
    body = snap.json()
    assert body["as_of"] == DAY.isoformat() and body["escalation"] in ("none", "active", "watch", "incident")
    assert set(body["performance"]) == {"7d", "30d", "season"} and "elo" in body["performance"]["30d"]
    assert body["drift"]["features"] and all("recommended_action" in a for a in body["alerts"])
    trend = api.get("/api/v1/mlops/monitoring/trend", params={"days": 30, "limit": 5})
    assert trend.status_code == 200 and [p["as_of"] for p in trend.json()] == [DAY.isoformat()]
    assert api.get("/api/v1/mlops/monitoring/trend", params={"limit": 0}).status_code == 400
    assert api.get("/api/v1/mlops/monitoring", params={"date": "yesterday"}).status_code == 400


def test_the_retrain_endpoints_need_the_key_to_write_and_keep_the_duplicate_guard(api):
    dry = api.get("/api/v1/mlops/retrain/policy", params={"date": DAY.isoformat()})
    assert dry.status_code == 200 and dry.json()["queue"] == "dry-run" and dry.json()["decision"]["action"] == "retrain"
    params = {"date": DAY.isoformat(), "dry_run": "false"}
    assert api.get("/api/v1/mlops/retrain/policy", params=params).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert api.get("/api/v1/mlops/retrain/policy", params=params, headers=wrong).status_code == 403
    first = api.get("/api/v1/mlops/retrain/policy", params=params, headers=KEY).json()
    again = api.get("/api/v1/mlops/retrain/policy", params=params, headers=KEY).json()
    assert first["queue"] in ("queued", "already-queued") and again["queue"] == "already-queued"
    assert again["job"]["job_id"] == first["job"]["job_id"]
    jobs = api.get("/api/v1/mlops/retrain/jobs", params={"limit": 50}).json()
    assert [j["job_id"] for j in jobs if j["status"] == "queued"] == [first["job"]["job_id"]]
    assert api.post("/api/v1/mlops/retrain/worker/run-next").status_code == 401
    ran = api.post("/api/v1/mlops/retrain/worker/run-next", headers=KEY)
    assert ran.status_code == 200 and ran.json()["status"] == "validated"
    assert ran.json()["job"]["job_id"] == first["job"]["job_id"] and ran.json()["job"]["status"] == "queued"


def test_the_dashboard_mlops_page_shows_the_morning_the_trend_drift_and_the_policy(warehouse):
    import panel as pn

    from app.dashboard.pages.mlops import MlopsPage

    page = MlopsPage()
    sections = {"now": page._now(), "trend": page._trend(), "drift": page._drift(), "policy": page._policy()}
    banners = [name for name, s in sections.items() if "error-banner" in getattr(s, "css_classes", [])]
    assert banners == []
    markdown = " ".join(str(o.object) for s in sections.values() for o in s.select(pn.pane.Markdown))
    assert "HOLD" in markdown or "RETRAIN" in markdown
    assert "against the active model's training games" in markdown
    assert len(sections["trend"].select(pn.pane.HoloViews)) == 2
    html = " ".join(str(o.object) for o in sections["now"].select(pn.pane.HTML))
    assert "escalation" in html and DAY.isoformat() in html
