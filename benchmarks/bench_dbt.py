"""dbt benchmark: full `courtside build --full-refresh` over the nine bundled seasons, and the
incremental rebuild after one new day of results.

Runs in a throwaway database on the configured server (DATABASE_URL or the embedded one of
COURTSIDE_HOME), dropped afterwards. The snapshot is loaded as of the morning of START (box scores
before it, its schedule); three full builds are timed; then for each of the next three days the day's
results are loaded (`ingest snapshot --through D+1`, not timed) and `courtside build` (incremental
fct_pregame_features) is timed. Wall-clock times include dbt start-up; dbt's own elapsed time from
run_results.json is reported beside them. Targets: full < 60 s, incremental day < 15 s.

Run: ``.venv/bin/python -m benchmarks.bench_dbt`` (writes the "dbt" section of benchmarks/REPORT.md).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from benchmarks.report import write_section

ROOT = Path(__file__).resolve().parent.parent
START = dt.date(2024, 4, 10)
DAYS = 3


def cli(url: str, *args: str) -> float:
    env = {**os.environ, "DATABASE_URL": url, "DO_NOT_TRACK": "1", "RUNTIME__DLTHUB_TELEMETRY": "false"}
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"courtside {' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return seconds


def dbt_elapsed() -> float:
    from warehouse.dbt import target_dir

    return float(json.loads((target_dir() / "run_results.json").read_text())["elapsed_time"])


def main() -> str:
    import psycopg

    from warehouse.db import database_url, with_database
    from warehouse.migrate import upgrade

    server = database_url()
    name = f"courtside_bench_dbt_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    url = with_database(server, name)
    try:
        upgrade(url)
        cli(url, "ingest", "snapshot", "--dir", "data", "--through", START.isoformat())
        full, full_dbt = [], []
        for _ in range(3):
            full.append(cli(url, "build", "--full-refresh"))
            full_dbt.append(dbt_elapsed())
        incremental, incremental_dbt, days = [], [], []
        for i in range(1, DAYS + 1):
            day = START + dt.timedelta(days=i)
            cli(url, "ingest", "snapshot", "--dir", "data", "--through", day.isoformat())
            incremental.append(cli(url, "build"))
            incremental_dbt.append(dbt_elapsed())
            days.append(day - dt.timedelta(days=1))
        with psycopg.connect(url) as conn:
            games, final, features, nodes = conn.execute("""
                select (select count(*) from marts.fct_games where game_type = 'regular_season'),
                       (select count(*) from marts.fct_games where status = 'final'),
                       (select count(*) from marts.fct_pregame_features),
                       (select count(*) from ops.dbt_run_results
                         where invocation_id = (select invocation_id from ops.dbt_run_results
                                                order by loaded_at desc limit 1))""").fetchone()
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')

    def row(label: str, runs: list[float], dbt_runs: list[float], target: str) -> str:
        return (
            f"| {label} | {statistics.median(runs):.1f} | {', '.join(f'{r:.1f}' for r in runs)} | "
            f"{statistics.median(dbt_runs):.1f} | {target} |"
        )

    body = "\n".join(
        [
            f"Nine seasons loaded as of the morning of {START} for the full builds; after the last incremental "
            f"day fct_games holds {games:,} regular-season games ({final:,} final), fct_pregame_features "
            f"{features:,} rows; {nodes} dbt nodes per build (models, seeds, data tests, unit tests).",
            "",
            "| step | median s (wall) | runs (s) | median s (dbt elapsed) | target |",
            "|---|---:|---|---:|---|",
            row("full build `courtside build --full-refresh`", full, full_dbt, "< 60 s"),
            row(
                "incremental day `courtside build` after one new day of results", incremental, incremental_dbt, "< 15 s"
            ),
            "",
            f"New days: {', '.join(d.isoformat() for d in days)} (results loaded with `ingest snapshot --through`"
            " the next morning, not timed). Wall time includes Python/dbt start-up and loading run_results.json"
            " into ops; the incremental build still runs every test and rebuilds the (non-incremental)"
            " intermediate tables; only fct_pregame_features is incremental.",
            "",
            "Command: `.venv/bin/python -m benchmarks.bench_dbt`.",
        ]
    )
    write_section("dbt", body)
    return body


if __name__ == "__main__":
    print(main())
