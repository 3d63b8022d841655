"""Run dbt programmatically (dbtRunner) against the configured database.

``run_dbt(["build"])`` sets the connection env vars, turns telemetry off, records the
invocation in ``ops.pipeline_audit`` and loads ``run_results.json`` into
``ops.dbt_run_results`` so test outcomes are data the quality marts can read.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from warehouse.audit import audited
from warehouse.db import connect, database_url, dbt_env
from warehouse.errors import CourtsideError
from warehouse.settings import PROJECT_ROOT, disable_telemetry, get_settings


def target_dir() -> Path:
    """dbt's target/ lives under COURTSIDE_HOME so two homes (a test run, a dev run) never share it."""
    return get_settings().home / "dbt" / "target"


class DbtFailed(CourtsideError):
    pass


def prepare_env(url: str | None = None) -> None:
    disable_telemetry()
    os.environ.update(dbt_env(url or database_url()))
    os.environ["COURTSIDE_DBT_THREADS"] = str(get_settings().dbt_threads)
    os.environ["DBT_TARGET_PATH"] = str(target_dir())
    os.environ["DBT_LOG_PATH"] = str(get_settings().home / "dbt" / "logs")


def _invoke(args: list[str]):
    from dbt.cli.main import dbtRunner

    full = [*args, "--project-dir", str(PROJECT_ROOT), "--profiles-dir", str(PROJECT_ROOT)]
    return dbtRunner().invoke(full)


def load_run_results(invocation_step: str, run_id: str, path: Path | None = None, url: str | None = None) -> int:
    """Copy dbt's run_results.json into ops.dbt_run_results; returns the number of nodes."""
    path = path or target_dir() / "run_results.json"
    if not path.exists():
        return 0
    body = json.loads(path.read_text())
    invocation_id = body.get("metadata", {}).get("invocation_id")
    rows = []
    for r in body.get("results", []):
        uid = r.get("unique_id", "")
        rows.append(
            (
                run_id,
                invocation_id,
                invocation_step,
                uid,
                uid.split(".", 1)[0],
                r.get("status"),
                r.get("failures"),
                r.get("execution_time"),
                (r.get("message") or "")[:2000],
            )
        )
    with connect(url) as conn, conn.transaction():
        conn.execute("delete from ops.dbt_run_results where invocation_id = %s", (invocation_id,))
        with conn.cursor() as cur:
            cur.executemany(
                "insert into ops.dbt_run_results (run_id, invocation_id, command, unique_id, resource_type,"
                " status, failures, execution_time, message) values (%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                rows,
            )
    return len(rows)


def run_dbt(args: list[str], *, step: str | None = None, record: bool = True) -> None:
    """Run one dbt command; raises DbtFailed (after recording it) when dbt reports failure."""
    url = database_url()
    prepare_env(url)
    step = step or "dbt." + args[0]
    if not record:
        result = _invoke(args)
        if not result.success:
            raise DbtFailed(f"dbt {' '.join(args)} failed: {result.exception or 'see output above'}")
        return
    with audited(step, details={"args": args}) as run:
        result = _invoke(args)
        if args[0] in {"build", "run", "test", "seed", "snapshot"}:
            n = load_run_results(args[0], run.run_id, url=url)
            run.details["nodes"] = n
            counts: dict[str, int] = {}
            for r in getattr(result.result, "results", []) or []:
                counts[str(r.status)] = counts.get(str(r.status), 0) + 1
            run.details["status_counts"] = counts
        if not result.success:
            raise DbtFailed(f"dbt {' '.join(args)} failed: {result.exception or 'see the output above'}")
