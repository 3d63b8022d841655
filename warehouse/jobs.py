"""What every job does before its work: migrate ``ops``, take the warehouse lock, audit itself.

A job is a plain function with a typed result; ``job(...)`` is the one place that wires it to
the database, so the CLI, the daily pipeline, the API and the tests get the same behaviour.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from warehouse.audit import AuditRun, audited
from warehouse.db import database_url
from warehouse.locks import warehouse_lock
from warehouse.migrate import ensure_current


@contextlib.contextmanager
def job(
    step: str, *, lock: str | None, run_id: str | None = None, details: dict[str, Any] | None = None
) -> Iterator[AuditRun]:
    """Run the block as audited step ``step``; ``lock`` (what the job does, for the busy message)
    takes the warehouse lock, None for read-only jobs that may run beside a writer."""
    url = database_url()
    ensure_current(url)
    locked = warehouse_lock(lock, url) if lock else contextlib.nullcontext()
    with locked, audited(step, run_id=run_id, details=details, url=url) as run:
        yield run
