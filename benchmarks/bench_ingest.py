"""Ingest benchmark: all bundled seasons, lines, forecasts and the injury log, from empty.

Each run uses a fresh database on the same server (target: < 60 s for nine seasons).
Run: ``.venv/bin/python -m benchmarks.bench_ingest``
"""

from __future__ import annotations

import os
import tempfile
import uuid

import psycopg

from benchmarks.report import timed, write_section
from warehouse.settings import PROJECT_ROOT


def main(repeat: int = 3) -> None:
    os.environ.setdefault("COURTSIDE_HOME", tempfile.mkdtemp(prefix="courtside_bench_"))
    from ingest.jobs import ingest_snapshot
    from warehouse.db import database_url, with_database
    from warehouse.migrate import upgrade
    from warehouse.settings import get_settings

    server = database_url()
    summaries = []

    def once():
        name = f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'create database "{name}"')
        url = with_database(server, name)
        os.environ["DATABASE_URL"] = url
        get_settings.cache_clear()
        try:
            upgrade(url)
            summaries.append(ingest_snapshot(PROJECT_ROOT / "data"))
        finally:
            os.environ.pop("DATABASE_URL")
            get_settings.cache_clear()
            with psycopg.connect(server, autocommit=True) as conn:
                conn.execute(f'drop database "{name}" with (force)')

    median, runs = timed(once, repeat)
    rows = sum(summaries[-1].rows.values())
    body = (
        f"`courtside ingest snapshot --dir data` into an empty database: {summaries[-1].games:,} games, "
        f"{rows:,} rows in {len(summaries[-1].rows)} tables.\n\n"
        "| median s | runs (s) | rows/s | target |\n|---:|---|---:|---|\n"
        f"| {median:.1f} | {', '.join(f'{r:.1f}' for r in runs)} | {rows / median:,.0f} | < 60 s |\n"
    )
    write_section("ingest", body)
    print(body)


if __name__ == "__main__":
    main()
