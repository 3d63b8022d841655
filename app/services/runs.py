"""The daily run as it happened: the last run's steps, in order, from ``ops.daily_runs``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.services.common import fetch_one


@dataclass(frozen=True)
class RunStep:
    name: str
    title: str
    status: str  # succeeded | failed | blocked | done_earlier | running
    seconds: float | None
    summary: str | None
    error: str | None


@dataclass
class DailyRun:
    run_id: str
    run_date: dt.date
    mode: str
    status: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    error: str | None
    steps: list[RunStep] = field(default_factory=list)


@dataclass(frozen=True)
class _Row:
    run_id: str
    run_date: dt.date
    mode: str
    status: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    error: str | None
    steps: list | None


def last_daily_run(conn) -> DailyRun | None:
    row = fetch_one(
        conn,
        _Row,
        "select run_id::text, run_date, mode, status, started_at, finished_at, error, steps from ops.daily_runs"
        " order by started_at desc limit 1",
    )
    if row is None:
        return None
    steps = [
        RunStep(
            s.get("name", "?"),
            s.get("title") or s.get("name", "?"),
            s.get("status", "?"),
            s.get("seconds"),
            s.get("summary"),
            s.get("error"),
        )
        for s in row.steps or []
    ]
    return DailyRun(row.run_id, row.run_date, row.mode, row.status, row.started_at, row.finished_at, row.error, steps)
