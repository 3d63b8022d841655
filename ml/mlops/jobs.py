"""The MLOps jobs: monitor, trend, retrain policy, the queue and its worker, rollback.

Plain functions with typed results that audit themselves (warehouse.jobs.job), called alike by
the CLI (``courtside mlops ...``), the daily run's ``monitor`` and ``policy`` steps and the API.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from ml import registry
from ml.mlops import monitoring, queue
from ml.mlops.performance import read_evaluated
from ml.mlops.policy import Decision, decide, new_games_since
from ml.mlops.thresholds import DEFAULT, Thresholds, configured
from ml.mlops.worker import Trainer, WorkerResult
from ml.mlops.worker import run_next as run_worker
from warehouse.db import connect
from warehouse.errors import InputError
from warehouse.jobs import job
from warehouse.seasons import today_eastern
from warehouse.settings import get_settings


def default_day(conn) -> dt.date:
    """The morning to look at when none is given: today live; the latest daily run's morning on a snapshot."""
    if get_settings().sources.live:
        return today_eastern()
    row = conn.execute("select max(run_date) from ops.daily_runs where status = 'succeeded'").fetchone()
    return row[0] or today_eastern()


def monitor(
    day: dt.date | None = None, *, save: bool = False, run_id: str | None = None, t: Thresholds = DEFAULT
) -> monitoring.MonitoringSnapshot:
    """The monitoring snapshot of ``day``'s morning; ``save`` stores it (one per morning)."""
    lock = "store a monitoring snapshot" if save else None
    with job("mlops.monitor", lock=lock, run_id=run_id, details={"date": day, "save": save}) as run:
        with connect(autocommit=True) as conn:
            day = day or default_day(conn)
            snap = monitoring.take(conn, day, t)
            if save:
                monitoring.save(conn, snap, run_id)
        run.rows["ops.mlops_monitoring_snapshot"] = int(save)
        run.details.update(date=day, escalation=snap.escalation, alerts=len(snap.alerts))
    return snap


def trend(days: int | None = None, limit: int | None = None, *, conn=None) -> list[monitoring.TrendPoint]:
    """Stored snapshots, oldest first (read-only; ``conn`` to read on a caller's connection)."""
    for name, value in (("days", days), ("limit", limit)):
        if value is not None and value < 1:
            raise InputError(f"{name} must be a positive whole number, not {value}")
    if conn is not None:
        return monitoring.trend(conn, days, limit)
    with connect() as own:
        return monitoring.trend(own, days, limit)


def evaluate_policy(conn, day: dt.date, t: Thresholds | None = None) -> tuple[monitoring.MonitoringSnapshot, Decision]:
    """The morning's snapshot and the policy's decision on it (read-only: queues nothing)."""
    t = t or configured()
    snap = monitoring.take(conn, day, t)
    entry = registry.active(conn)
    new = new_games_since(read_evaluated(conn, day), entry.trained_before) if entry else 0
    return snap, decide(day, snap.model_version, snap.trained_before, snap.performance, snap.drift, new, t)


@dataclass
class PolicyResult:
    decision: Decision
    dry_run: bool
    queue: str  # not-needed | dry-run | queued | already-queued
    job: queue.RetrainJob | None = None
    escalation: str | None = None


def retrain_policy(
    day: dt.date | None = None,
    *,
    dry_run: bool = True,
    requested_by: str = "cli",
    run_id: str | None = None,
    t: Thresholds | None = None,
) -> PolicyResult:
    """Evaluate the retrain policy for ``day``; unless ``dry_run``, queue a job when it says retrain."""
    t = t or configured()
    with job("mlops.policy", lock=None, run_id=run_id, details={"date": day, "dry_run": dry_run}) as run:
        with connect(autocommit=True) as conn:
            day = day or default_day(conn)
            snap, decision = evaluate_policy(conn, day, t)
            result = PolicyResult(decision, dry_run, "not-needed", queue.pending(conn), snap.escalation)
            if decision.action == "retrain":
                if dry_run:
                    result.queue = "dry-run"
                else:
                    reasons = [dataclasses.asdict(r) for r in decision.reasons]
                    result.queue, result.job = queue.enqueue(conn, day, reasons, requested_by)
        run.rows["ops.retrain_jobs"] = int(result.queue == "queued")
        run.details.update(date=day, action=decision.action, queue=result.queue)
    return result


def retrain_jobs(limit: int = 20, *, conn=None) -> list[queue.RetrainJob]:
    """The newest jobs, a running one whose worker died marked abandoned first (``conn``: autocommit)."""
    if limit < 1:
        raise InputError(f"limit must be a positive whole number, not {limit}")
    if conn is not None:
        queue.reap_crashed(conn)
        return queue.list_jobs(conn, limit)
    with connect(autocommit=True) as own:
        return retrain_jobs(limit, conn=own)


def run_next(execute: bool = False, *, trainer: Trainer | None = None, t: Thresholds = DEFAULT) -> WorkerResult:
    """Run (``execute``) or validate the next queued retrain job."""
    with job("mlops.worker", lock=None, details={"execute": execute}) as run:
        result = run_worker(execute, trainer=trainer, t=t, run_id=run.run_id)
        run.details.update(status=result.status, job_id=result.job.job_id if result.job else None)
    return result


def retry(job_id: int) -> queue.RetrainJob:
    with job("mlops.retry", lock=None, details={"job_id": job_id}), connect(autocommit=True) as conn:
        return queue.retry(conn, job_id)


@dataclass
class RollbackResult:
    restored: str
    replaced: str | None
    job_id: int


def rollback() -> RollbackResult:
    """Restore the model the last promoting retrain job replaced."""
    from ml.jobs import promote_model

    with connect() as conn:
        row = conn.execute(
            "select job_id, previous_version from ops.retrain_jobs where outcome = 'promoted'"
            " order by finished_at desc limit 1"
        ).fetchone()
    if row is None:
        raise InputError("no retrain job has promoted a model: there is nothing to roll back")
    promoted = promote_model(row[1])
    return RollbackResult(promoted.version, promoted.previous, row[0])
