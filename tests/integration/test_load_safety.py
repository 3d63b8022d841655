"""Loads that never lose data: runs killed at each dlt stage, two runs at once, a database stopped
mid-run, runs whose process is gone. Every case is played with real processes and kill -9."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import psycopg
import pytest

from ingest.jobs import RAW_TABLES
from tests.support.cli import CLI, cli_json, run_cli
from tests.support.database import count, throwaway_database
from tests.support.paths import ROOT
from tests.support.snapshots import copy_snapshot
from warehouse import embedded
from warehouse.settings import load_settings

pytestmark = pytest.mark.integration
THROUGH, NEXT = "2024-01-10", "2024-01-11"
# dlt's working directories, by stage: a package being extracted, one normalized and waiting to
# load, one whose load jobs have started
STAGES = {
    "extract": "courtside_*/load/new/*",
    "normalize": "courtside_*/load/normalized/*",
    "load": "courtside_*/load/normalized/*/started_jobs/*",
}


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> Path:
    return copy_snapshot(tmp_path_factory.mktemp("safety") / "s", ["2023-24"], feeds=False)


def counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {t: count(conn, t) for t in RAW_TABLES}


@pytest.fixture(scope="module")
def reference(server_url, snapshot) -> dict[str, dict[str, int]]:
    """Row counts of clean, uninterrupted loads as of THROUGH and NEXT."""
    out = {}
    for day in (THROUGH, NEXT):
        with throwaway_database(server_url, "courtside_reference") as url:
            env = {"DATABASE_URL": url}
            run_cli("ingest", "snapshot", "--dir", str(snapshot), "--through", day, "--quiet", env=env)
            out[day] = counts(url)
    return out


def start(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [*CLI, *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(proc: subprocess.Popen, timeout: float) -> tuple[int, str, str]:
    """Exit code, stdout and stderr, read while waiting: a full pipe would otherwise block the process."""
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def kill_at(proc: subprocess.Popen, home: Path, pattern: str, timeout: float = 120) -> None:
    """kill -9 the process as soon as dlt's working directory shows ``pattern``."""
    deadline = time.monotonic() + timeout
    while not list((home / "dlt").glob(f"*/{pattern}")):
        if proc.poll() is not None:
            raise AssertionError(f"the run finished before reaching {pattern}: {proc.stderr.read()[-2000:]}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"{pattern} never appeared")
        time.sleep(0.01)
    proc.kill()
    proc.wait()


@pytest.mark.parametrize("stage", list(STAGES))
def test_a_load_killed_at_any_stage_leaves_the_next_load_exact(server_url, courtside_home, snapshot, reference, stage):
    with throwaway_database(server_url, f"courtside_kill_{stage}") as url:
        env = {"DATABASE_URL": url}
        proc = start("ingest", "snapshot", "--dir", str(snapshot), "--through", THROUGH, "--quiet", env=env)
        kill_at(proc, courtside_home, STAGES[stage])
        with psycopg.connect(url) as conn:
            running = conn.execute("select count(*) from ops.pipeline_audit where status = 'running'").fetchone()[0]
        assert running == 1  # the killed run's row, until someone looks
        result = cli_json("ingest", "snapshot", "--dir", str(snapshot), "--through", NEXT, env=env)
        assert counts(url) == reference[NEXT]  # exactly the data of an uninterrupted load
        if stage != "extract":  # an extract killed mid-way leaves nothing a later run could load
            assert result["recovered"], result
        with psycopg.connect(url) as conn:
            statuses = dict(conn.execute("select status, count(*) from ops.pipeline_audit group by 1").fetchall())
            schedule_next = conn.execute("select count(*) from raw_nba.schedule where game_date = %s", (NEXT,))
            assert schedule_next.fetchone()[0] > 0
        assert statuses == {"abandoned": 1, "succeeded": 1}


def test_a_pending_stale_package_never_overwrites_a_corrected_value(server_url, courtside_home, snapshot, tmp_path):
    snap = copy_snapshot(tmp_path / "s", ["2023-24"], feeds=False)
    lines = snap / "odds" / "lines.csv"
    original = lines.read_text().splitlines()
    game = next(i for i, line in enumerate(original) if line.startswith("0022300500,"))
    with throwaway_database(server_url, "courtside_stale") as url:
        env = {"DATABASE_URL": url}
        proc = start("ingest", "snapshot", "--dir", str(snap), "--through", THROUGH, "--quiet", env=env)
        kill_at(proc, courtside_home, STAGES["normalize"])
        corrected = original[game].split(",")
        corrected[5] = "-12.5"  # the spread, corrected after the interrupted run read it
        lines.write_text("\n".join([*original[:game], ",".join(corrected), *original[game + 1 :]]) + "\n")
        cli_json("ingest", "snapshot", "--dir", str(snap), "--through", NEXT, env=env)
        with psycopg.connect(url) as conn:
            spread = conn.execute("select home_spread from raw_market.closing_lines where game_id = '0022300500'")
            assert spread.fetchone()[0] == -12.5


def test_two_runs_at_once_one_waits_its_turn_with_a_clear_message(server_url, snapshot, reference):
    with throwaway_database(server_url, "courtside_race") as url:
        env = {"DATABASE_URL": url}
        procs = [start("ingest", "snapshot", "--dir", str(snapshot), "--through", THROUGH, env=env) for _ in range(2)]
        results = [finish(p, timeout=300) for p in procs]
        codes = sorted(code for code, _, _ in results)
        assert codes == [0, 4], results
        busy = next(err for code, _, err in results if code == 4)
        assert "holds the warehouse lock" in busy and "ingest a snapshot" in busy
        assert len(busy.strip().splitlines()) == 1 and "Traceback" not in busy
        assert counts(url) == reference[THROUGH]  # nothing doubled, nothing lost
        with psycopg.connect(url) as conn:
            rows = conn.execute("select details->'rows'->>'raw_nba.schedule' from ops.pipeline_audit").fetchall()
        assert [r[0] for r in rows if r[0] is not None] == [str(reference[THROUGH]["raw_nba.schedule"])]


def test_two_migrations_of_a_fresh_database_take_turns(server_url):
    with throwaway_database(server_url, "courtside_migrate", migrate=False) as url:
        procs = [start("db", "migrate", env={"DATABASE_URL": url}) for _ in range(2)]
        results = [finish(p, timeout=120)[::2] for p in procs]
        assert [code for code, _ in results] == [0, 0], results
        with psycopg.connect(url) as conn:
            assert conn.execute("select count(*) from ops.alembic_version").fetchone()[0] == 1


@pytest.mark.parametrize("stage", ["normalize", "load"])
def test_stopping_the_database_mid_load_is_one_line_and_it_stays_stopped(tmp_path, snapshot, stage):
    """An embedded server of the test's own: `db stop` while a load runs, before or while its jobs write."""
    home = tmp_path / "home"
    env = {**os.environ, "COURTSIDE_HOME": str(home), "DATABASE_URL": ""}  # empty: the embedded server
    try:
        run_cli("db", "migrate", env=env)
        proc = subprocess.Popen(
            [*CLI, "ingest", "snapshot", "--dir", str(snapshot), "--through", THROUGH, "--quiet"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 120
        while not list((home / "dlt").glob(f"*/{STAGES[stage]}")) and proc.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        embedded.stop(load_settings(env))  # at once, in this process: the load is still running
        code, _, err = finish(proc, timeout=120)
        assert code == 3, err
        assert "went away" in err or "cannot reach PostgreSQL" in err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
        assert "stopped" in run_cli("db", "status", env=env).stdout  # nobody restarted it behind our back
        run_cli("db", "start", env=env)
        again = cli_json("ingest", "snapshot", "--dir", str(snapshot), "--through", THROUGH, env=env)
        assert again["held"]["raw_nba.schedule"] > 0
        url = run_cli("db", "url", env=env).stdout.strip()
        with psycopg.connect(url) as conn:
            statuses = dict(conn.execute("select status, count(*) from ops.pipeline_audit group by 1").fetchall())
        assert statuses.get("running", 0) == 0 and statuses["abandoned"] == 1
    finally:
        run_cli("db", "stop", env=env, check=False)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "DATABASE_URL='not a url' is not a PostgreSQL URL"),
        ("postgresql://postgres@localhost:notaport/x", "the database URL is malformed"),
    ],
)
def test_a_malformed_database_url_is_one_clear_line(url, message):
    proc = run_cli("db", "migrate", env={"DATABASE_URL": url}, check=False)
    assert proc.returncode == 1 and message in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
