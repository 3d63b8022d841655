"""The daily run for a morning D: the steps of app.pipeline.steps in order, recorded in ``ops.daily_runs``.

* One run at a time: the run holds the warehouse lock; its steps take it again re-entrantly.
* Each step is recorded (status, seconds, rows, one-line summary, error) in the run's row as it
  finishes, and each job audits itself in ``ops.pipeline_audit`` under the run's id.
* A step that fails stops the steps that need it (``blocked``); the others still run. The run
  fails naming the step and the cause.
* Running a date again is idempotent (every job upserts). After a failed run it picks up where
  that run failed: steps that succeeded there are not repeated (``done_earlier``).
* A run killed outright is marked ``abandoned`` by the next reader (warehouse.audit).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from app.pipeline.steps import STEPS, DailyContext, Step
from ingest.snapshot import SnapshotDir
from warehouse.db import connect
from warehouse.errors import CourtsideError, InputError
from warehouse.jobs import job
from warehouse.seasons import today_eastern
from warehouse.settings import get_settings

DONE = ("succeeded", "done_earlier")


@dataclass
class StepRecord:
    name: str
    title: str
    status: str = "pending"  # pending | running | succeeded | failed | blocked | done_earlier
    seconds: float = 0.0
    summary: str = ""
    rows: dict[str, int] = field(default_factory=dict)
    error: str | None = None


@dataclass
class DailyResult:
    run_id: str
    day: dt.date
    mode: str
    status: str = "running"
    steps: list[StepRecord] = field(default_factory=list)
    resumed_from: str | None = None
    seconds: float = 0.0

    @property
    def failed(self) -> list[StepRecord]:
        return [s for s in self.steps if s.status == "failed"]

    def step(self, name: str) -> StepRecord:
        return next(s for s in self.steps if s.name == name)


class DailyRunFailed(CourtsideError):
    """A step of the daily run failed; ``result`` has every step's record."""

    def __init__(self, result: DailyResult):
        self.result = result
        first = result.failed[0]
        blocked = [s.name for s in result.steps if s.status == "blocked"]
        tail = f"; not run: {', '.join(blocked)}" if blocked else ""
        super().__init__(f"the daily run of {result.day} failed at step {first.name!r}: {first.error}{tail}")


def resolve_day(day: dt.date | None, mode: str) -> dt.date:
    if day is not None:
        return day
    if mode == "live":
        return today_eastern()
    raise InputError("in snapshot mode the daily run needs a date (--date YYYY-MM-DD): the morning to replay")


def _resumable(conn, day: dt.date) -> tuple[str | None, set[str]]:
    """The last run of ``day`` if it did not succeed, and the steps that succeeded in it."""
    row = conn.execute(
        "select run_id, status, steps from ops.daily_runs where run_date = %s order by started_at desc limit 1", (day,)
    ).fetchone()
    if row is None or row[1] == "succeeded" or row[1] == "running":
        return None, set()
    return row[0], {s["name"] for s in row[2] if s.get("status") in DONE}


def _save(conn, result: DailyResult, error: str | None = None) -> None:
    conn.execute(
        "update ops.daily_runs set status = %s, steps = %s, error = %s,"
        " finished_at = case when %s = 'running' then null else now() end where run_id = %s",
        (
            result.status,
            json.dumps([asdict(s) for s in result.steps], default=str),
            error,
            result.status,
            result.run_id,
        ),
    )


def run_daily(
    day: dt.date | None = None,
    *,
    mode: str | None = None,
    snapshot: SnapshotDir | None = None,
    steps: tuple[Step, ...] = STEPS,
    on_step: Callable[[StepRecord], None] | None = None,
) -> DailyResult:
    """Run the morning of ``day``; returns the result or raises DailyRunFailed (with the result)."""
    mode = mode or get_settings().sources.mode
    day = resolve_day(day, mode)
    started = time.perf_counter()
    result = DailyResult(uuid.uuid4().hex, day, mode, steps=[StepRecord(s.name, s.title) for s in steps])
    ctx = DailyContext(day, mode, result.run_id, snapshot)
    details = {"date": day, "mode": mode}
    with job("daily", lock=f"run the daily pipeline for {day}", run_id=result.run_id, details=details) as run:
        with connect(autocommit=True) as conn:
            result.resumed_from, done = _resumable(conn, day)
            conn.execute(
                "insert into ops.daily_runs (run_id, run_date, mode, status, resumed_from, pid, host)"
                " values (%s, %s, %s, 'running', %s, %s, %s)",
                (result.run_id, day, mode, result.resumed_from, os.getpid(), socket.gethostname()),
            )
            for step, record in zip(steps, result.steps, strict=True):
                missing = [n for n in step.needs if result.step(n).status not in DONE]
                if step.name in done:
                    record.status, record.summary = "done_earlier", f"succeeded in run {result.resumed_from}"
                elif missing:
                    record.status, record.summary = "blocked", "not run: " + ", ".join(missing) + " did not succeed"
                else:
                    _run_step(step, record, ctx, on_step)
                if on_step and record.status in ("done_earlier", "blocked"):
                    on_step(record)
                _save(conn, result)
            result.status = "failed" if result.failed else "succeeded"
            result.seconds = time.perf_counter() - started
            _save(conn, result, result.failed[0].error if result.failed else None)
        run.details.update(status=result.status, resumed_from=result.resumed_from)
        run.rows.update({f"{s.name}:{t}": n for s in result.steps for t, n in s.rows.items()})
    if result.failed:
        raise DailyRunFailed(result)
    return result


def _run_step(step: Step, record: StepRecord, ctx: DailyContext, on_step) -> None:
    record.status = "running"
    if on_step:
        on_step(record)
    started = time.perf_counter()
    try:
        outcome = step.run(ctx)
    except CourtsideError as exc:
        record.status, record.error = "failed", str(exc)
    except Exception as exc:  # a bug in a step still ends the run with a record, not a half-written row
        record.status, record.error = "failed", f"{type(exc).__name__}: {exc}"
    else:
        record.status, record.summary, record.rows = "succeeded", outcome.summary, outcome.rows
        ctx.results[step.name] = outcome.result
    record.seconds = round(time.perf_counter() - started, 2)
    if on_step:
        on_step(record)
