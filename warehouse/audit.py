"""Every pipeline step records itself in ``ops.pipeline_audit``.

Usage::

    with audited("ingest.snapshot", details={"dir": str(path)}) as run:
        ...
        run.rows["raw_nba.team_game_logs"] = 2460

The row is written on entry (status ``running``) on its own autocommit connection, so a
step that fails and rolls back its own work still leaves a ``failed`` row with the error.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from warehouse.db import connect


@dataclass
class AuditRun:
    run_id: str
    step: str
    rows: dict[str, int] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def rows_affected(self) -> int:
        return int(sum(self.rows.values()))


@contextlib.contextmanager
def audited(
    step: str, *, run_id: str | None = None, details: dict[str, Any] | None = None, url: str | None = None
) -> Iterator[AuditRun]:
    run = AuditRun(run_id=run_id or uuid.uuid4().hex, step=step, details=dict(details or {}))
    with connect(url, autocommit=True) as conn:
        audit_id = conn.execute(
            "insert into ops.pipeline_audit (run_id, step, status, details) "
            "values (%s, %s, 'running', %s) returning audit_id",
            (run.run_id, step, json.dumps(run.details, default=str)),
        ).fetchone()[0]
    status, error = "succeeded", None
    try:
        yield run
    except BaseException as exc:
        status, error = "failed", f"{type(exc).__name__}: {exc}"[:4000]
        raise
    finally:
        payload = dict(run.details, rows=run.rows)
        with connect(url, autocommit=True) as conn:
            conn.execute(
                "update ops.pipeline_audit set status=%s, rows_affected=%s, finished_at=now(), "
                "error=%s, details=%s where audit_id=%s",
                (status, run.rows_affected, error, json.dumps(payload, default=str), audit_id),
            )
