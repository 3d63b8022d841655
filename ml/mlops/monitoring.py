"""The monitoring snapshot of a morning: live record, drift, freshness, alerts, escalation; stored and trended.

One snapshot per morning in ``ops.mlops_monitoring_snapshot`` (taking a morning again replaces
it), written by the daily run's ``monitor`` step; ``trend`` reads them back in date order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field

from ml import registry
from ml.mlops import alerts as alerting
from ml.mlops.drift import DriftReport, drift_report, ensure_profile, live_values
from ml.mlops.freshness import Freshness, read_freshness
from ml.mlops.performance import read_evaluated, windows
from ml.mlops.thresholds import DEFAULT, Thresholds


@dataclass
class MonitoringSnapshot:
    as_of: dt.date
    model_version: str | None
    trained_before: dt.date | None
    escalation: str
    evaluated_games: int  # live predictions of finished games before the morning
    performance: dict  # 7d / 30d / season metrics, Elo on the same games, differences
    drift: DriftReport | None
    freshness: Freshness
    alerts: list[alerting.Alert] = field(default_factory=list)
    taken_at: dt.datetime | None = None  # set once stored

    @property
    def clean(self) -> bool:
        return alerting.is_clean(self.alerts)


def _history(conn, as_of: dt.date, n: int) -> list[bool]:
    """Whether each of the ``n`` snapshots before ``as_of`` was clean, oldest first."""
    rows = conn.execute(
        "select alerts from ops.mlops_monitoring_snapshot where as_of < %s order by as_of desc limit %s", (as_of, n)
    ).fetchall()
    return [not any(a["severity"] in ("warning", "critical") for a in r[0]) for r in reversed(rows)]


def take(conn, as_of: dt.date, t: Thresholds = DEFAULT) -> MonitoringSnapshot:
    """Compute the morning's snapshot (reads marts and ops; stores nothing except a missing training profile)."""
    entry = registry.active(conn)
    evaluated = read_evaluated(conn, as_of)
    perf = windows(evaluated, as_of)
    fresh = read_freshness(conn, as_of, t.freshness_window_days)
    drift = None
    if entry is not None:
        window = (as_of - dt.timedelta(days=t.drift_window_days - 1), as_of)
        drift = drift_report(ensure_profile(conn, entry), live_values(conn, *window), window)
    found = [] if entry else [alerting.no_model_alert()]
    found += alerting.performance_alerts(perf, t) + alerting.drift_alerts(drift, t) + alerting.freshness_alerts(fresh)
    state = alerting.escalation(found, _history(conn, as_of, t.clean_snapshots_to_close), t)
    return MonitoringSnapshot(
        as_of,
        entry.version if entry else None,
        entry.trained_before if entry else None,
        state,
        len(evaluated),
        perf,
        drift,
        fresh,
        found,
    )


def _json(value) -> str:
    def plain(v):
        if dataclasses.is_dataclass(v):
            return {k: plain(x) for k, x in dataclasses.asdict(v).items()}
        if isinstance(v, dict):
            return {str(k): plain(x) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return [plain(x) for x in v]
        return v

    return json.dumps(plain(value), default=str)


def save(conn, snap: MonitoringSnapshot, run_id: str | None = None) -> MonitoringSnapshot:
    """Upsert the morning's snapshot (one per morning)."""
    freshness = {**dataclasses.asdict(snap.freshness), "lag_days": snap.freshness.lag_days}
    with conn.transaction():
        snap.taken_at = conn.execute(
            "insert into ops.mlops_monitoring_snapshot (as_of, run_id, model_version, escalation, evaluated_games,"
            " performance, drift, freshness, alerts) values (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " on conflict (as_of) do update set taken_at = now(), run_id = excluded.run_id,"
            " model_version = excluded.model_version, escalation = excluded.escalation,"
            " evaluated_games = excluded.evaluated_games, performance = excluded.performance,"
            " drift = excluded.drift, freshness = excluded.freshness, alerts = excluded.alerts returning taken_at",
            (
                snap.as_of,
                run_id,
                snap.model_version,
                snap.escalation,
                snap.evaluated_games,
                _json(snap.performance),
                _json(snap.drift or {}),
                _json(freshness),
                _json(snap.alerts),
            ),
        ).fetchone()[0]
    return snap


@dataclass
class TrendPoint:
    as_of: dt.date
    escalation: str
    model_version: str | None
    evaluated_games: int
    alerts: int
    critical: int
    accuracy_7d: float | None
    accuracy_30d: float | None
    brier_30d: float | None
    brier_season: float | None
    elo_brier_30d: float | None
    calibration_error_30d: float | None
    max_psi: float | None
    max_psi_feature: str | None
    taken_at: dt.datetime | None = None


def trend(conn, days: int | None = None, limit: int | None = None) -> list[TrendPoint]:
    """Stored snapshots, oldest first: those of the last ``days`` days before the newest, at most ``limit`` newest."""
    rows = conn.execute(
        "with newest as (select max(as_of) as d from ops.mlops_monitoring_snapshot)"
        " select as_of, escalation, model_version, evaluated_games, alerts, performance, drift, taken_at"
        " from ops.mlops_monitoring_snapshot, newest"
        " where %(days)s::int is null or as_of > newest.d - %(days)s::int"
        " order by as_of desc limit %(limit)s",
        {"days": days, "limit": limit},
    ).fetchall()
    points = []
    for as_of, state, version, games, found, perf, drift, taken_at in reversed(rows):
        w7, w30, season = perf.get("7d", {}), perf.get("30d", {}), perf.get("season", {})
        points.append(
            TrendPoint(
                as_of,
                state,
                version,
                games,
                len(found),
                sum(a["severity"] == "critical" for a in found),
                w7.get("accuracy"),
                w30.get("accuracy"),
                w30.get("brier"),
                season.get("brier"),
                (w30.get("elo") or {}).get("brier"),
                w30.get("calibration_error"),
                drift.get("max_psi"),
                drift.get("max_feature"),
                taken_at,
            )
        )
    return points
