"""MLOps reads for the API and the dashboard: a morning's monitoring, the trend of snapshots, the retrain jobs."""

from __future__ import annotations

import datetime as dt

from ml.mlops import jobs, monitoring
from ml.mlops.monitoring import MonitoringSnapshot, TrendPoint
from ml.mlops.policy import Decision
from ml.mlops.queue import RetrainJob

__all__ = [
    "Decision",
    "MonitoringSnapshot",
    "RetrainJob",
    "TrendPoint",
    "monitoring_snapshot",
    "monitoring_trend",
    "retrain_decision",
    "retrain_jobs",
]


def monitoring_snapshot(conn, day: dt.date | None = None) -> MonitoringSnapshot:
    """The morning's snapshot computed now (default: the latest run's morning); stores nothing."""
    return monitoring.take(conn, day or jobs.default_day(conn))


def monitoring_trend(conn, days: int | None = None, limit: int | None = None) -> list[TrendPoint]:
    return jobs.trend(days, limit, conn=conn)


def retrain_jobs(conn, limit: int = 20) -> list[RetrainJob]:
    return jobs.retrain_jobs(limit, conn=conn)


def retrain_decision(conn, day: dt.date | None = None) -> Decision:
    """What the retrain policy says this morning (a dry run that records nothing)."""
    return jobs.evaluate_policy(conn, day or jobs.default_day(conn))[1]
