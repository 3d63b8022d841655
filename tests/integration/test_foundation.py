"""Foundation: embedded server lifecycle, connection URL, migrations, audit, errors."""

from __future__ import annotations

import os
import subprocess
import time

import psycopg
import pytest

from tests.support.cli import CLI, run_cli
from tests.support.database import count
from tests.support.paths import ROOT

pytestmark = pytest.mark.integration


def _env_for(home) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["COURTSIDE_HOME"] = str(home)
    return env


def test_embedded_server_survives_its_starter_and_stops_on_request(tmp_path):
    env = _env_for(tmp_path / "home")
    try:
        first = subprocess.run([*CLI, "db", "url"], env=env, capture_output=True, text=True, cwd=ROOT)
        assert first.returncode == 0, first.stderr
        url = first.stdout.strip()
        assert url.startswith("postgresql://") and "\n" not in url
        # the process that started the server has exited: the server must still answer
        with psycopg.connect(url) as conn:
            assert conn.execute("select 1").fetchone() == (1,)
        # a later process reattaches to the same server (same pid, same URL)
        status_before = subprocess.run([*CLI, "db", "status"], env=env, capture_output=True, text=True, cwd=ROOT)
        again = subprocess.run([*CLI, "db", "url"], env=env, capture_output=True, text=True, check=True, cwd=ROOT)
        assert again.stdout.strip() == url
        status_after = subprocess.run([*CLI, "db", "status"], env=env, capture_output=True, text=True, cwd=ROOT)
        assert "running" in status_before.stdout and status_before.stdout == status_after.stdout
        # psql accepts the URL too
        psql = subprocess.run(["psql", url, "-tAc", "select 41+1"], capture_output=True, text=True)
        assert psql.stdout.strip() == "42"
    finally:
        stopped = subprocess.run([*CLI, "db", "stop"], env=env, capture_output=True, text=True, cwd=ROOT)
    assert stopped.stdout.strip() == "stopped"
    status = subprocess.run([*CLI, "db", "status"], env=env, capture_output=True, text=True, cwd=ROOT)
    assert "stopped" in status.stdout
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)


def test_migrations_are_idempotent(pg_url, db):
    first = run_cli("db", "migrate")
    second = run_cli("db", "migrate")
    assert "ops schema at revision" in first.stdout
    assert "(was" not in second.stdout
    tables = {r[0] for r in db.execute("select table_name from information_schema.tables where table_schema='ops'")}
    assert {"pipeline_audit", "dbt_run_results", "alembic_version"} <= tables


def test_audit_records_success_and_failure(pg_url, db):
    from warehouse.audit import audited

    with audited("test.ok", details={"x": 1}) as run:
        run.rows["t"] = 5
    with pytest.raises(RuntimeError), audited("test.fail"):
        raise RuntimeError("boom")
    rows = dict(
        db.execute(
            "select step, row(status, rows_affected, error, finished_at is not null)::text from ops.pipeline_audit "
            "where step like 'test.%'"
        ).fetchall()
    )
    assert rows["test.ok"] == "(succeeded,5,,t)"
    assert rows["test.fail"].startswith('(failed,0,"RuntimeError: boom",t)')


def test_unreachable_database_url_is_one_line_exit_3():
    env = {"DATABASE_URL": "postgresql://postgres@127.0.0.1:1/postgres"}
    started = time.monotonic()
    proc = run_cli("db", "migrate", env=env, check=False)
    assert time.monotonic() - started < 5 + 5  # the connect timeout plus interpreter start
    assert proc.returncode == 3
    assert proc.stderr.strip().count("\n") == 0
    assert "127.0.0.1" in proc.stderr and "Traceback" not in proc.stderr


def test_build_runs_dbt_and_records_it(pg_url, db):
    before = count(db, "ops.dbt_run_results")
    run_cli("build", "--select", "stg_ops__pipeline_runs")
    assert count(db, "ops.dbt_run_results") > before
    status = db.execute("select status from ops.pipeline_audit where step='dbt.build' order by audit_id desc limit 1")
    assert status.fetchone()[0] == "succeeded"


def test_every_command_has_help():
    from app.cli import cli

    def walk(group, path):
        yield path
        for name, sub in getattr(group, "commands", {}).items():
            yield from walk(sub, [*path, name])

    for path in walk(cli, []):
        proc = run_cli(*path, "--help")
        assert "Usage:" in proc.stdout, path
