"""The retrain queue (``ops.retrain_jobs``): one pending job at a time, claimed by one worker, crashes detected.

* Duplicate guard: a partial unique index allows one job that is ``queued`` or ``running``;
  queueing another answers ``already-queued`` with the pending one.
* Claiming takes the oldest queued row ``FOR UPDATE SKIP LOCKED``: two workers never get the same job.
* A worker holds an advisory lock keyed by the job id on its own connection while it runs the
  job. A worker that dies (kill -9, lost host) drops its connection and with it the lock: the next
  reader marks the job ``abandoned``, and ``retry`` puts it back in the queue.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from dataclasses import dataclass

import psycopg

from warehouse.errors import InputError
from warehouse.locks import RETRAIN_NAMESPACE

PENDING = ("queued", "running")
CRASHED = "the worker running this job ended without finishing it (killed, or its database connection was lost)"

_COLUMNS = (
    "job_id, status, as_of, requested_by, requested_at, reasons, attempts, started_at, finished_at, worker_pid,"
    " worker_host, validated_at, validation, previous_version, candidate_version, outcome, evaluation, error"
)


@dataclass
class RetrainJob:
    job_id: int
    status: str
    as_of: dt.date
    requested_by: str
    requested_at: dt.datetime
    reasons: list
    attempts: int
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    worker_pid: int | None
    worker_host: str | None
    validated_at: dt.datetime | None
    validation: dict | None
    previous_version: str | None
    candidate_version: str | None
    outcome: str | None
    evaluation: dict | None
    error: str | None


def _one(conn, where: str, params=()) -> RetrainJob | None:
    row = conn.execute(f"select {_COLUMNS} from ops.retrain_jobs where {where}", params).fetchone()
    return RetrainJob(*row) if row else None


def get(conn, job_id: int) -> RetrainJob:
    found = _one(conn, "job_id = %s", (job_id,))
    if found is None:
        raise InputError(f"no retrain job {job_id} (see `courtside mlops jobs`)")
    return found


def pending(conn) -> RetrainJob | None:
    return _one(conn, "status in ('queued', 'running') order by job_id limit 1")


def list_jobs(conn, limit: int = 20) -> list[RetrainJob]:
    rows = conn.execute(f"select {_COLUMNS} from ops.retrain_jobs order by job_id desc limit %s", (limit,)).fetchall()
    return [RetrainJob(*r) for r in rows]


def enqueue(conn, as_of: dt.date, reasons: list[dict], requested_by: str) -> tuple[str, RetrainJob]:
    """('queued', the new job) or ('already-queued', the pending one). ``conn`` is autocommit."""
    reap_crashed(conn)
    try:
        row = conn.execute(
            f"insert into ops.retrain_jobs (as_of, requested_by, reasons) values (%s, %s, %s) returning {_COLUMNS}",
            (as_of, requested_by, json.dumps(reasons)),
        ).fetchone()
    except psycopg.errors.UniqueViolation:
        existing = pending(conn)
        if existing is None:  # it finished between the insert and this read: queue again
            return enqueue(conn, as_of, reasons, requested_by)
        return "already-queued", existing
    return "queued", RetrainJob(*row)


def reap_crashed(conn) -> int:
    """Mark running jobs whose worker is gone ``abandoned``; returns how many."""
    return conn.execute(
        "update ops.retrain_jobs j set status = 'abandoned', finished_at = now(), error = %s"
        " where j.status = 'running' and not exists (select 1 from pg_locks l where l.locktype = 'advisory'"
        " and l.classid = %s::oid and l.objid = j.job_id::oid and l.objsubid = 2 and l.granted)",
        (CRASHED, RETRAIN_NAMESPACE),
    ).rowcount


def claim(holder) -> RetrainJob | None:
    """Take the oldest queued job for this process; ``holder`` (autocommit) keeps its lock until closed."""
    reap_crashed(holder)
    with holder.transaction():
        row = holder.execute(
            "select job_id from ops.retrain_jobs where status = 'queued' order by job_id limit 1 for update skip locked"
        ).fetchone()
        if row is None:
            return None
        # locked before the row says running, so no reader ever sees it running without a live holder
        holder.execute("select pg_advisory_lock(%s::int, %s::int)", (RETRAIN_NAMESPACE, row[0]))
        holder.execute(
            "update ops.retrain_jobs set status = 'running', started_at = now(), finished_at = null, error = null,"
            " attempts = attempts + 1, worker_pid = %s, worker_host = %s where job_id = %s",
            (os.getpid(), socket.gethostname(), row[0]),
        )
    return get(holder, row[0])


def requeue_validated(holder, job_id: int, validation: dict) -> None:
    """Safe mode: the job was checked, not run; it goes back to the queue for a worker that executes."""
    holder.execute(
        "update ops.retrain_jobs set status = 'queued', validated_at = now(), validation = %s where job_id = %s",
        (json.dumps(validation, default=str), job_id),
    )


def finish(holder, job_id: int, status: str, **fields) -> None:
    sets = ", ".join(f"{k} = %s" for k in fields)
    values = [json.dumps(v, default=str) if isinstance(v, dict | list) else v for v in fields.values()]
    holder.execute(
        f"update ops.retrain_jobs set status = %s, finished_at = now(){', ' + sets if sets else ''} where job_id = %s",
        (status, *values, job_id),
    )


def retry(conn, job_id: int) -> RetrainJob:
    """Put a failed or abandoned job back in the queue (the duplicate guard still holds)."""
    reap_crashed(conn)
    job = get(conn, job_id)
    if job.status not in ("failed", "abandoned"):
        raise InputError(f"retrain job {job_id} is {job.status}: only a failed or abandoned job can be retried")
    try:
        conn.execute(
            "update ops.retrain_jobs set status = 'queued', finished_at = null, error = null where job_id = %s",
            (job_id,),
        )
    except psycopg.errors.UniqueViolation:
        other = pending(conn)
        raise InputError(
            f"retrain job {other.job_id if other else '?'} is already queued or running: retry {job_id} after it"
        ) from None
    return get(conn, job_id)
