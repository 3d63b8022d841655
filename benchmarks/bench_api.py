"""API benchmark: a loopback load of 200 requests/s for 30 s on each of /predictions/today, /matches and
/bets/summary against `courtside serve` (one uvicorn process): p50 / p95 / p99 latency and errors
(target p95 < 25 ms, 0 errors).

The load is open-loop: requests start on a fixed schedule whether or not earlier ones have answered,
so a slow server shows up as latency instead of a lower rate. Needs a built warehouse (`make bench`
loads one); when no model is active it trains and promotes one on the games before DAY, predicts
DAY, and puts a season of settled bets in the ledger for the summary to read (removed afterwards).
Run: ``.venv/bin/python -m benchmarks.bench_api [--rate 200] [--seconds 30]``
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.report import write_section

DAY = dt.date(2024, 4, 14)  # the last day of the 2023-24 regular season: 15 games
ENDPOINTS = (f"/api/v1/predictions/today?date={DAY}", "/api/v1/matches", "/api/v1/bets/summary")
BENCH_KEY = "bench"  # idempotency keys of the ledger rows this benchmark adds: bench-<game_id>


def prepare() -> int:
    """An active model, DAY predicted, and a season of settled bets; returns how many such bets the ledger holds."""
    from ledger import book
    from ledger.odds import decimal_odds
    from ml import registry
    from ml.jobs import predict_day, promote_model, train_model
    from warehouse.db import connect
    from warehouse.errors import CourtsideError
    from warehouse.migrate import ensure_current

    ensure_current()
    with connect(autocommit=True) as conn:
        if not conn.execute("select to_regclass('marts.fct_games') is not null").fetchone()[0]:
            raise CourtsideError("marts.fct_games is missing: build the warehouse first (make bench does)")
        active = registry.active(conn)
    if active is None:
        promote_model(train_model(DAY).version)
    predict_day(DAY)
    with connect(autocommit=True) as conn:
        # one bet on the home side of each finished 2023-24 game with a closing moneyline, at that price
        games = conn.execute(
            "select g.game_id, g.season, g.game_date, g.home_team_id, l.home_moneyline::int"
            " from marts.fct_games g join marts.fct_game_lines l using (game_id)"
            " where g.season = '2023-24' and g.status = 'final' and abs(l.home_moneyline) >= 100 order by g.game_id"
        ).fetchall()
        for game_id, season, day, team_id, odds in games:
            row = conn.execute(
                "insert into ops.bets (idempotency_key, game_id, season, game_date, selection, team_id,"
                " odds_american, odds_decimal, stake_cents, kelly_fraction, suggested_stake_cents)"
                " values (%s, %s, %s, %s, 'home', %s, %s, %s, 1000, 0.25, 0)"
                " on conflict (idempotency_key) do nothing returning bet_id",
                (f"{BENCH_KEY}-{game_id}", game_id, season, day, team_id, odds, decimal_odds(odds)),
            ).fetchone()
            if row:
                book.settle(conn, row[0])
        held = conn.execute(
            "select count(*) from ops.bets where idempotency_key like %s and status <> 'open'", (BENCH_KEY + "-%",)
        ).fetchone()[0]
    return held


def cleanup() -> None:
    from warehouse.db import connect

    with connect(autocommit=True) as conn:
        conn.execute("delete from ops.bets where idempotency_key like %s", (BENCH_KEY + "-%",))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    env = {**os.environ, "COURTSIDE_API_PORT": str(port), "COURTSIDE_API_KEY": "bench-not-used"}
    log = tempfile.NamedTemporaryFile(prefix="courtside-bench-api-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--no-dashboard"], env=env, stdout=log, stderr=log
    )
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"courtside serve exited: {Path(log.name).read_text()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/system/status", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    proc.terminate()
    raise RuntimeError("courtside serve did not answer within 120 s")


async def load(base: str, path: str, rate: float, seconds: float) -> tuple[list[float], int, float]:
    """Open-loop load: request i starts at i / rate seconds. Returns latencies (ms), errors and the achieved rate."""
    import httpx

    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as client:

        async def one() -> None:
            nonlocal errors
            started = time.perf_counter()
            try:
                r = await client.get(path)
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies.append((time.perf_counter() - started) * 1000)
            errors += not ok

        total = int(rate * seconds)
        begin = time.perf_counter()
        tasks = []
        for i in range(total):
            delay = begin + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one()))
        await asyncio.gather(*tasks)
        sent_for = time.perf_counter() - begin
    return latencies, errors, total / sent_for


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=1000, method="inclusive")[int(q * 10) - 1]


def main(rate: float = 200, seconds: float = 30) -> None:
    held = prepare()
    load_before = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    port = free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        for path in ENDPOINTS:
            asyncio.run(load(base, path, 20, 1))  # warm-up: connections, caches, the first prediction
            latencies, errors, achieved = asyncio.run(load(base, path, rate, seconds))
            p50, p95, p99 = (percentile(latencies, q) for q in (50, 95, 99))
            rows.append(
                f"| `GET {path}` | {len(latencies):,} | {achieved:.0f} | {p50:.1f} | {p95:.1f} | {p99:.1f} | "
                f"{max(latencies):.0f} | {errors} | {'yes' if p95 < 25 and errors == 0 else 'no'} |"
            )
            print(rows[-1], flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
        cleanup()
    body = (
        f"`courtside serve` (one uvicorn process, pooled connections) on loopback, {rate:.0f} requests/s for "
        f"{seconds:.0f} s per endpoint, open-loop (httpx in the same machine); the ledger held {held} settled "
        f"bets (one per 2023-24 game with a closing moneyline). Load average before the run: {load_before}. "
        "Latency in ms.\n\n"
        "| endpoint | requests | achieved req/s | p50 | p95 | p99 | max | errors | p95 < 25 ms, 0 errors |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---|\n" + "\n".join(rows) + "\n\n"
        "Command: `.venv/bin/python -m benchmarks.bench_api` (or `make bench`)."
    )
    write_section("api", body)
    print(body)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=200, help="requests per second")
    parser.add_argument("--seconds", type=float, default=30, help="seconds of load per endpoint")
    args = parser.parse_args()
    main(args.rate, args.seconds)
