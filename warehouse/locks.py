"""PostgreSQL advisory locks: one writer of the warehouse at a time, and proof that a run is alive.

``warehouse_lock(purpose)`` serializes what must be serial — ingest, dbt builds, training, the
daily run — across processes and hosts, in the CLI and in the API alike. It is re-entrant within
one thread of execution (the daily run holds it while its steps take it again), never across
threads: two API requests in one server process exclude each other like two processes do. When
another run holds it, ``WarehouseBusy`` names that run instead of failing somewhere inside dlt.

The lock lives on a connection of its own: it is released when the holder finishes, fails, or is
killed (PostgreSQL drops the session), so a crashed run never leaves the warehouse locked.
``ops.pipeline_audit`` uses the same mechanism per audited step (warehouse.audit).
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import socket
import time
from collections.abc import Iterator

import psycopg

from warehouse.db import connect
from warehouse.errors import CourtsideError
from warehouse.settings import get_settings

NAMESPACE = 0x43535444  # "CSTD": first key of every Courtside advisory lock
WAREHOUSE = 1
MIGRATIONS = 2
AUDIT_NAMESPACE = 0x43534155  # "CSAU": ops.pipeline_audit rows hold (AUDIT_NAMESPACE, audit_id) while they run
RETRAIN_NAMESPACE = 0x43535254  # "CSRT": a worker holds (RETRAIN_NAMESPACE, job_id) while it runs a retrain job

_held: contextvars.ContextVar[tuple[psycopg.Connection, int] | None] = contextvars.ContextVar(
    "courtside_warehouse_lock", default=None
)


class WarehouseBusy(CourtsideError):
    """Another run holds the warehouse lock."""

    exit_code = 4


def holder_name(purpose: str) -> str:
    """What pg_stat_activity shows for a lock holder: the run, its process and host."""
    return f"courtside {purpose} (pid {os.getpid()} on {socket.gethostname()})"[:63]


def describe_holder(conn: psycopg.Connection, key: int) -> str:
    row = conn.execute(
        "select a.application_name, a.backend_start from pg_locks l join pg_stat_activity a on a.pid = l.pid"
        " where l.locktype = 'advisory' and l.classid = %s::oid and l.objid = %s::oid and l.objsubid = 2 and l.granted",
        (NAMESPACE, key),
    ).fetchone()
    if row is None:
        return "another run"
    name, since = row
    return f"{name or 'another session'} since {since:%Y-%m-%d %H:%M:%S %Z}"


@contextlib.contextmanager
def warehouse_lock(purpose: str, url: str | None = None, wait: float | None = None) -> Iterator[None]:
    """Hold the warehouse lock for the block; ``wait`` seconds (default COURTSIDE_LOCK_WAIT) before giving up."""
    held = _held.get()
    if held is not None:
        token = _held.set((held[0], held[1] + 1))
        try:
            yield
        finally:
            _held.reset(token)
        return
    wait = get_settings().database.lock_wait if wait is None else wait
    conn = connect(url, autocommit=True, application_name=holder_name(purpose))
    try:
        deadline = time.monotonic() + wait
        while not conn.execute("select pg_try_advisory_lock(%s::int, %s::int)", (NAMESPACE, WAREHOUSE)).fetchone()[0]:
            if time.monotonic() >= deadline:
                raise WarehouseBusy(
                    f"cannot {purpose}: {describe_holder(conn, WAREHOUSE)} holds the warehouse lock; "
                    "try again when it has finished (or set COURTSIDE_LOCK_WAIT to wait for it)"
                )
            time.sleep(min(0.5, max(deadline - time.monotonic(), 0.05)))
        token = _held.set((conn, 1))
        try:
            yield
        finally:
            _held.reset(token)
            with contextlib.suppress(psycopg.Error):
                conn.execute("select pg_advisory_unlock(%s::int, %s::int)", (NAMESPACE, WAREHOUSE))
    finally:
        with contextlib.suppress(psycopg.Error):
            conn.close()


@contextlib.contextmanager
def migration_lock(url: str) -> Iterator[None]:
    """Blocking: a second process waits while the first migrates, then finds the schema current."""
    with connect(url, autocommit=True, application_name=holder_name("migrate")) as conn:
        conn.execute("select pg_advisory_lock(%s::int, %s::int)", (NAMESPACE, MIGRATIONS))
        try:
            yield
        finally:
            with contextlib.suppress(psycopg.Error):
                conn.execute("select pg_advisory_unlock(%s::int, %s::int)", (NAMESPACE, MIGRATIONS))
