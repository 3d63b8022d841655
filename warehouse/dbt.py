"""Run dbt in-process (dbtRunner) against the configured database, as a job.

``build()`` records the invocation in ``ops.pipeline_audit``, loads ``run_results.json`` into
``ops.dbt_run_results`` (test outcomes are data the quality marts read) and, when dbt fails,
raises ``DbtFailed`` naming the failing nodes and their messages.

Nothing here touches ``os.environ``: the connection goes into a profiles.yml rendered from the
project's own profiles.yml (its ``env_var`` calls answered from settings) under
``$COURTSIDE_HOME/dbt``, and paths and telemetry go in as flags. dbt keeps process-wide state,
so invocations in one process take turns.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.nativetypes
import yaml

from warehouse.db import connect, database_url, dbt_env
from warehouse.errors import CourtsideError
from warehouse.jobs import job
from warehouse.reloads import features_recompute_from, tests_from_season
from warehouse.settings import PROJECT_ROOT, get_settings

_DBT = threading.Lock()
FAILED = {"error", "fail", "runtime error"}


class DbtFailed(CourtsideError):
    pass


@dataclass
class BuildResult:
    args: list[str]
    full_refresh: str | None = None  # why incremental models were rebuilt from scratch
    recompute_from: dt.date | None = None  # reloaded raw rows older than the lookback: features redone from here
    nodes: int = 0
    status_counts: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)  # "test not_null_... (3 failing rows)"
    seconds: float = 0.0


def dbt_dir() -> Path:
    """dbt's target/, logs/ and rendered profile live under COURTSIDE_HOME: two homes never share them."""
    return get_settings().home / "dbt"


def target_dir() -> Path:
    return dbt_dir() / "target"


def _render_profile(url: str) -> Path:
    values = {**dbt_env(url), "COURTSIDE_DBT_THREADS": str(get_settings().dbt.threads)}

    def env_var(name: str, default: str | None = None) -> str:
        if name in values:
            return values[name]
        if default is None:
            raise CourtsideError(f"profiles.yml asks for {name}, which Courtside does not set")
        return default

    native = jinja2.nativetypes.NativeEnvironment()

    def render(node: Any) -> Any:  # each templated value, as dbt would: '{{ ... | int }}' becomes a number
        if isinstance(node, dict):
            return {k: render(v) for k, v in node.items()}
        if isinstance(node, str) and "{{" in node:
            return native.from_string(node).render(env_var=env_var)
        return node

    profile = render(yaml.safe_load((PROJECT_ROOT / "profiles.yml").read_text()))
    out = dbt_dir() / "profile"
    out.mkdir(parents=True, exist_ok=True)
    (out / "profiles.yml").write_text(yaml.safe_dump(profile, sort_keys=False))
    return out


def invoke(args: list[str], url: str | None = None, *, quiet: bool = False):
    """One dbt command against the database; returns dbt's result object."""
    from dbt.cli.main import dbtRunner

    url = url or database_url()
    with _DBT:
        profile_dir = _render_profile(url)
        full = [
            *args,
            "--project-dir",
            str(PROJECT_ROOT),
            "--profiles-dir",
            str(profile_dir),
            "--target-path",
            str(target_dir()),
            "--log-path",
            str(dbt_dir() / "logs"),
            "--no-send-anonymous-usage-stats",
            *(["--quiet"] if quiet else []),
        ]
        return dbtRunner().invoke(full)


def _results(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text()) if path.exists() else {}


def load_run_results(invocation_step: str, run_id: str, url: str, body: dict[str, Any]) -> int:
    """Copy dbt's run_results.json into ops.dbt_run_results; returns the number of nodes."""
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


def _failures(body: dict[str, Any]) -> list[str]:
    out = []
    for r in body.get("results", []):
        if str(r.get("status")) in FAILED:
            kind, _, name = r.get("unique_id", "").partition(".")
            name = name.split(".", 1)[-1]
            detail = f"{r['failures']} failing rows" if r.get("failures") else (r.get("message") or "").strip()
            out.append(f"{kind} {name} ({' '.join(detail.split())[:200]})")
    return out


def raw_replaced_since_full_build(conn) -> bool:
    """An as-of load replaced raw rows after the last full build: incremental models may hold later rows."""
    row = conn.execute(
        "select max(started_at) filter (where step like 'ingest.%' and details->>'replaced' is not null),"
        " max(started_at) filter (where step like 'dbt.build%' and details->'args' ? '--full-refresh')"
        " from ops.pipeline_audit where status = 'succeeded'"
    ).fetchone()
    return row[0] is not None and (row[1] is None or row[1] < row[0])


def build(
    select: str | None = None,
    *,
    exclude: str | None = None,
    full_refresh: bool = False,
    run_id: str | None = None,
    step: str = "dbt.build",
    quiet: bool = False,
    recent_tests: bool = False,
) -> BuildResult:
    """``dbt build`` (seeds, models, tests) of ``select`` minus ``exclude``; raises DbtFailed naming what failed.

    After an as-of load went back in time, the incremental models are rebuilt from scratch whatever
    was asked: they may hold rows of games the raw tables no longer have. Raw rows reloaded since the
    last build (a late correction) make an incremental build recompute from their date on.
    ``recent_tests`` (the daily run) has an incremental build's data tests check only the seasons it
    can change, so a morning's tests do not cost more as seasons accumulate.
    """
    started = time.perf_counter()
    url = database_url()
    with job(step, lock="build the warehouse", run_id=run_id) as run, connect(url, autocommit=True) as conn:
        reason = None
        if full_refresh:
            reason = "asked for"
        elif raw_replaced_since_full_build(conn):
            reason = "an as-of load replaced raw rows since the last full build"
        recompute_from = None if reason else features_recompute_from(conn)
        args = ["build"] + (["--full-refresh"] if reason else [])
        args += (["--select", select] if select else []) + (["--exclude", exclude] if exclude else [])
        variables = {}
        if recompute_from is not None:
            variables["features_recompute_from"] = recompute_from.isoformat()
        if recent_tests and not reason:
            variables["data_tests_from_season"] = tests_from_season(conn, recompute_from)
        variables = {k: v for k, v in variables.items() if v is not None}
        if variables:
            args += ["--vars", json.dumps(variables)]
        result = BuildResult(args, full_refresh=reason, recompute_from=recompute_from)
        run.details.update(args=args, full_refresh=reason)
        results_file = target_dir() / "run_results.json"
        results_file.unlink(missing_ok=True)
        outcome = invoke(args, url, quiet=quiet)
        body = _results(results_file)
        result.nodes = load_run_results("build", run.run_id, url, body) if body else 0
        for r in body.get("results", []):
            result.status_counts[str(r.get("status"))] = result.status_counts.get(str(r.get("status")), 0) + 1
        result.failures = _failures(body)
        result.seconds = time.perf_counter() - started
        run.details.update(nodes=result.nodes, status_counts=result.status_counts, failures=result.failures[:20])
        if not outcome.success:
            if result.failures:
                shown = "; ".join(result.failures[:5]) + (" ..." if len(result.failures) > 5 else "")
                raise DbtFailed(f"dbt build failed: {len(result.failures)} of {result.nodes} nodes: {shown}")
            raise DbtFailed(f"dbt build failed: {outcome.exception or 'see the dbt log under ' + str(dbt_dir())}")
    return result


def docs_generate() -> Path:
    outcome = invoke(["docs", "generate"])
    if not outcome.success:
        raise DbtFailed(f"dbt docs generate failed: {outcome.exception or 'see the output above'}")
    return target_dir() / "index.html"


def docs_serve(port: int) -> None:
    invoke(["docs", "serve", "--port", str(port), "--no-browser"])
