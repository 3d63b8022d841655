"""Daily-run benchmark: one `courtside daily --date D` with three seasons loaded and with nine, and a
30-day `courtside replay`.

A morning's cost must not grow with history (target: nine seasons <= 1.5x three seasons) and a
30-day replay must take <= 5 min. Two throwaway databases on the configured server (DATABASE_URL or
the embedded one of COURTSIDE_HOME), each with a home of its own (models, dbt target): one loaded from
a snapshot cut to 2021-22..2023-24, one from all of data/. Each is loaded as of the morning of START
and built in full, then `daily --date START` trains the model (not timed). The next mornings are then
timed, alternating between the two databases so that a busy machine slows both alike; the 30-day
replay follows on the nine-season database.

Run: ``.venv/bin/python -m benchmarks.bench_daily`` (writes the "daily" section of benchmarks/REPORT.md).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.report import write_section

ROOT = Path(__file__).resolve().parent.parent
START = dt.date(2024, 2, 1)
TIMED_DAYS = 3
REPLAY_DAYS = 30
FEW_SEASONS = ("2021-22", "2022-23", "2023-24")


def cli(env: dict[str, str], *args: str) -> tuple[float, dict]:
    """Wall seconds and --json result of one `courtside` command in a subprocess."""
    full = {**os.environ, **env, "DO_NOT_TRACK": "1", "RUNTIME__DLTHUB_TELEMETRY": "false"}
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "app.cli", *args, "--json"], cwd=ROOT, env=full, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"courtside {' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return seconds, json.loads(proc.stdout)


def step_seconds(result: dict, name: str) -> float:
    return next(s["seconds"] for s in result["steps"] if s["name"] == name)


def main(replay_days: int = REPLAY_DAYS, timed_days: int = TIMED_DAYS) -> str:
    from tests.support.database import throwaway_database
    from tests.support.snapshots import copy_snapshot
    from warehouse.db import database_url

    server = database_url()
    work = Path(tempfile.mkdtemp(prefix="courtside_bench_daily_"))
    few = copy_snapshot(work / "few", FEW_SEASONS, feeds=True)
    mornings = [START + dt.timedelta(days=i) for i in range(1, timed_days + 1)]
    timings: dict[int, dict[str, list[float]]] = {3: {"wall": [], "build": []}, 9: {"wall": [], "build": []}}
    with (
        throwaway_database(server, "courtside_bench_daily3") as url3,
        throwaway_database(server, "courtside_bench_daily9") as url9,
    ):
        envs = {
            3: {"DATABASE_URL": url3, "COURTSIDE_HOME": str(work / "home3"), "COURTSIDE_DATA_DIR": str(few)},
            9: {"DATABASE_URL": url9, "COURTSIDE_HOME": str(work / "home9"), "COURTSIDE_DATA_DIR": str(ROOT / "data")},
        }
        for env in envs.values():
            cli(env, "ingest", "snapshot", "--through", START.isoformat())
            cli(env, "build")
            cli(env, "daily", "--date", START.isoformat())
        for day in mornings:
            for seasons, env in envs.items():
                wall, result = cli(env, "daily", "--date", day.isoformat())
                timings[seasons]["wall"].append(wall)
                timings[seasons]["build"].append(step_seconds(result, "build"))
        replay_from = mornings[-1] + dt.timedelta(days=1)
        replay_to = replay_from + dt.timedelta(days=replay_days - 1)
        replay_seconds, replay = cli(envs[9], "replay", "--from", str(replay_from), "--to", str(replay_to))
        replay_games = sum(
            s["rows"].get("ops.predictions", 0) for d in replay["days"] for s in d["steps"] if s["name"] == "predict"
        )

    def med(seasons: int, kind: str) -> float:
        return statistics.median(timings[seasons][kind])

    def runs(seasons: int, kind: str) -> str:
        return ", ".join(f"{r:.1f}" for r in timings[seasons][kind])

    ratio, build_ratio = med(9, "wall") / med(3, "wall"), med(9, "build") / med(3, "build")
    body = "\n".join(
        [
            f"`courtside daily --date D` for D = {', '.join(d.isoformat() for d in mornings)}, each database loaded "
            f"as of the morning of {START} and built, its model trained by `daily --date {START}` (not timed). "
            f"Three seasons = {FEW_SEASONS[0]}..{FEW_SEASONS[-1]}; nine = every bundled season.",
            "",
            "| measure | 3 seasons median s | runs (s) | 9 seasons median s | runs (s) | 9 / 3 | target |",
            "|---|---:|---|---:|---|---:|---|",
            f"| daily run (wall, incl. start-up) | {med(3, 'wall'):.1f} | {runs(3, 'wall')} | {med(9, 'wall'):.1f} | "
            f"{runs(9, 'wall')} | {ratio:.2f} | <= 1.5 |",
            f"| its dbt build step | {med(3, 'build'):.1f} | {runs(3, 'build')} | {med(9, 'build'):.1f} | "
            f"{runs(9, 'build')} | {build_ratio:.2f} | |",
            "",
            f"{replay_days}-day replay `courtside replay --from {replay_from} --to {replay_to}` (nine seasons): "
            f"{replay_seconds:.0f} s wall ({replay_seconds / 60:.1f} min, {replay_games} games predicted; "
            f"target for 30 days <= 5 min).",
            "",
            f"Load average (1 min) when it finished: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.",
            "",
            "Command: `.venv/bin/python -m benchmarks.bench_daily`.",
        ]
    )
    write_section("daily", body)
    return body


if __name__ == "__main__":
    # a shorter replay when the machine is busy: python -m benchmarks.bench_daily [replay days]
    print(main(*(int(a) for a in sys.argv[1:2])))
