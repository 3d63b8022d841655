"""Monitoring, the retrain policy, the retrain queue and its worker (writes need the API key)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from litestar import Controller, Request, get, post
from litestar.params import Parameter
from psycopg import Connection

from app.api.auth import WRITE_SECURITY, require_api_key
from app.api.errors import documented
from app.services.mlops import (
    MonitoringSnapshot,
    RetrainJob,
    TrendPoint,
    monitoring_snapshot,
    monitoring_trend,
    retrain_jobs,
)
from ml.mlops.jobs import PolicyResult, retrain_policy, run_next
from ml.mlops.worker import WorkerResult

DayQuery = Annotated[
    dt.date | None, Parameter(query="date", description="The morning (default: the latest daily run's)")
]


class MlopsController(Controller):
    path = "/mlops"
    tags = ["mlops"]

    @get(
        "/monitoring",
        summary="A morning's live record, drift, freshness, alerts and escalation state (computed now)",
        responses=documented(400, 503),
        sync_to_thread=True,
    )
    def monitoring(self, conn: Connection, day: DayQuery = None) -> MonitoringSnapshot:
        return monitoring_snapshot(conn, day)

    @get(
        "/monitoring/trend",
        summary="The stored daily snapshots, oldest first",
        responses=documented(400, 503),
        sync_to_thread=True,
    )
    def trend(
        self,
        conn: Connection,
        days: Annotated[int | None, Parameter(ge=1, le=36_500, description="Only the last N days")] = None,
        limit: Annotated[int | None, Parameter(ge=1, le=10_000, description="At most N newest snapshots")] = None,
    ) -> list[TrendPoint]:
        return monitoring_trend(conn, days, limit)

    @get(
        "/retrain/policy",
        summary="The retrain decision with its reasons; dry_run=false queues a job (needs the API key)",
        description=(
            "queue is dry-run, not-needed, queued, or already-queued (a job is queued or running: at most one is)."
        ),
        security=WRITE_SECURITY,
        responses=documented(400, 401, 403, 503),
        sync_to_thread=True,
    )
    def policy(
        self,
        request: Request,
        day: DayQuery = None,
        dry_run: Annotated[bool, Parameter(description="false: queue a job when the decision is retrain")] = True,
    ) -> PolicyResult:
        if not dry_run:
            require_api_key(request, None)
        return retrain_policy(day, dry_run=dry_run, requested_by="api")

    @get("/retrain/jobs", summary="The retrain jobs, newest first", responses=documented(400, 503), sync_to_thread=True)
    def jobs(
        self, conn: Connection, limit: Annotated[int, Parameter(ge=1, le=500, description="Newest N jobs")] = 20
    ) -> list[RetrainJob]:
        return retrain_jobs(conn, limit)

    @post(
        "/retrain/worker/run-next",
        guards=[require_api_key],
        security=WRITE_SECURITY,
        status_code=200,
        summary="Run the oldest queued retrain job (needs the API key)",
        description=(
            "execute=false (safe mode) checks the job can run and leaves it queued; execute=true trains a candidate,"
            " compares it with the active model on games neither trained on and promotes it only if it passes the"
            " rollback rule. status: idle, validated, completed or failed."
        ),
        responses=documented(400, 401, 403, 503),
        sync_to_thread=True,
    )
    def run_next(
        self, execute: Annotated[bool, Parameter(description="Train and maybe promote (default: validate)")] = False
    ) -> WorkerResult:
        return run_next(execute)
