"""Every job records itself in ``ops.pipeline_audit``, and a run whose process is gone is marked so.

Usage::

    with audited("ingest.snapshot", details={"dir": str(path)}) as run:
        ...
        run.rows["raw_nba.team_game_logs"] = 2460

The row is written on entry (status ``running``, with the process id and host) on a connection of
its own that stays open for the step and holds an advisory lock keyed by the row's id. A step that
fails and rolls back its own work still leaves a ``failed`` row with the error. A step killed
outright (kill -9, a lost server) leaves ``running`` with nobody holding its lock: the next job to
start, and every reader that calls ``reap_abandoned``, marks it ``abandoned``.

While a step runs, ``warehouse.db.database_url()`` is pinned to the database it started on, so a
server stopped in the middle of a run is never restarted behind the user's back.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import psycopg

from warehouse.db import connect, database_url, pinned
from warehouse.errors import DatabaseUnavailable
from warehouse.locks import AUDIT_NAMESPACE, holder_name

ABANDONED = "the process running this step ended without finishing it (killed, or its database went away)"


@dataclass
class AuditRun:
    run_id: str
    step: str
    audit_id: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def rows_affected(self) -> int:
        return int(sum(self.rows.values()))


def reap_abandoned(conn: psycopg.Connection) -> int:
    """Mark running audit rows, daily runs and backtests whose process is gone; returns how many."""
    reaped = conn.execute(
        "update ops.pipeline_audit a set status = 'abandoned', finished_at = now(), error = %s"
        " where a.status = 'running' and not exists (select 1 from pg_locks l where l.locktype = 'advisory'"
        " and l.classid = %s::oid and l.objid = a.audit_id::oid and l.objsubid = 2 and l.granted)",
        (ABANDONED, AUDIT_NAMESPACE),
    ).rowcount
    # a daily run or a backtest is alive while one of its audited steps is
    for table, key in (("ops.daily_runs", "run_id"), ("ops.backtest_runs", "run_id")):
        conn.execute(
            f"update {table} r set status = 'abandoned', finished_at = now()"
            f" where r.status = 'running' and not exists (select 1 from ops.pipeline_audit a"
            f" where a.run_id = r.{key} and a.status = 'running')"
        )
    return reaped


@contextlib.contextmanager
def audited(
    step: str, *, run_id: str | None = None, details: dict[str, Any] | None = None, url: str | None = None
) -> Iterator[AuditRun]:
    url = url or database_url()
    run = AuditRun(run_id=run_id or uuid.uuid4().hex, step=step, details=dict(details or {}))
    live = connect(url, autocommit=True, application_name=holder_name(step))
    try:
        reap_abandoned(live)
        run.audit_id = live.execute(
            "insert into ops.pipeline_audit (run_id, step, status, details, pid, host)"
            " values (%s, %s, 'running', %s, %s, %s) returning audit_id",
            (run.run_id, step, json.dumps(run.details, default=str), os.getpid(), socket.gethostname()),
        ).fetchone()[0]
        live.execute("select pg_advisory_lock(%s::int, %s::int)", (AUDIT_NAMESPACE, run.audit_id))
    except BaseException:
        live.close()
        raise
    status, error = "succeeded", None
    try:
        with pinned(url):
            yield run
    except BaseException as exc:
        status, error = "failed", f"{type(exc).__name__}: {exc}"[:4000]
        raise
    finally:
        payload = dict(run.details, rows=run.rows)
        try:
            with connect(url, autocommit=True) as conn:
                conn.execute(
                    "update ops.pipeline_audit set status=%s, rows_affected=%s, finished_at=now(), "
                    "error=%s, details=%s where audit_id=%s",
                    (status, run.rows_affected, error, json.dumps(payload, default=str), run.audit_id),
                )
        except DatabaseUnavailable:
            # the step's own error (if any) is the one to report; a reader will mark the row abandoned
            if status == "succeeded":
                raise
        finally:
            with contextlib.suppress(psycopg.Error):
                live.close()
