"""System status: the database, the last run of each step, the active model, how fresh the data is."""

from __future__ import annotations

import datetime as dt
import platform
from dataclasses import dataclass, field
from importlib import metadata

from app.services.common import fetch_all, fetch_one, finite, loaded_seasons, relation_exists


@dataclass(frozen=True)
class StepRun:
    step: str
    status: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    rows_affected: int
    error: str | None


@dataclass(frozen=True)
class ActiveModel:
    version: str
    model_kind: str
    calibration: str
    trained_before: dt.date
    trained_at: dt.datetime | None
    artifact_path: str
    artifact_sha256: str
    features: int
    validation_brier: float | None
    validation_log_loss: float | None


@dataclass(frozen=True)
class Freshness:
    seasons: list[str]
    first_game_date: dt.date | None
    last_game_date: dt.date | None
    last_final_game_date: dt.date | None
    last_daily_run_date: dt.date | None
    last_daily_run_status: str | None


@dataclass(frozen=True)
class SystemStatus:
    database: str  # "reachable" (a status that cannot reach its database is an error, not this answer)
    server_version: str
    steps: list[StepRun] = field(default_factory=list)
    active_model: ActiveModel | None = None
    freshness: Freshness | None = None
    versions: dict[str, str] = field(default_factory=dict)


def last_step_runs(conn) -> list[StepRun]:
    """The latest audit row of every step (empty when nothing has run yet)."""
    return fetch_all(
        conn,
        StepRun,
        "select distinct on (step) step, status, started_at, finished_at, rows_affected, error"
        " from ops.pipeline_audit order by step, started_at desc, audit_id desc",
    )


def active_model(conn) -> ActiveModel | None:
    from ml import registry

    entry = registry.active(conn)
    if entry is None:
        return None
    scores = entry.validation_metrics or {}
    return ActiveModel(
        version=entry.version,
        model_kind=entry.model_kind,
        calibration=entry.calibration,
        trained_before=entry.trained_before,
        trained_at=entry.trained_at,
        artifact_path=entry.artifact_path,
        artifact_sha256=entry.artifact_sha256,
        features=len(entry.features),
        validation_brier=finite(scores.get("brier")),
        validation_log_loss=finite(scores.get("log_loss")),
    )


@dataclass(frozen=True)
class _GameSpan:
    first_game_date: dt.date | None
    last_game_date: dt.date | None
    last_final_game_date: dt.date | None


def freshness(conn) -> Freshness:
    """What the loaded data covers; all empty before the warehouse's first build."""
    run = conn.execute("select run_date, status from ops.daily_runs order by started_at desc limit 1").fetchone()
    if not relation_exists(conn, "marts.fct_games"):
        return Freshness([], None, None, None, run[0] if run else None, run[1] if run else None)
    span = fetch_one(
        conn,
        _GameSpan,
        "select min(game_date) as first_game_date, max(game_date) as last_game_date,"
        " max(game_date) filter (where status = 'final') as last_final_game_date from marts.fct_games",
    )
    return Freshness(
        seasons=loaded_seasons(conn),
        first_game_date=span.first_game_date,
        last_game_date=span.last_game_date,
        last_final_game_date=span.last_final_game_date,
        last_daily_run_date=run[0] if run else None,
        last_daily_run_status=run[1] if run else None,
    )


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def system_status(conn) -> SystemStatus:
    server = conn.execute("show server_version").fetchone()[0]
    return SystemStatus(
        database="reachable",
        server_version=server,
        steps=last_step_runs(conn),
        active_model=active_model(conn),
        freshness=freshness(conn),
        versions={
            "courtside": _version("courtside"),
            "python": platform.python_version(),
            "postgresql": server,
            "dbt-core": _version("dbt-core"),
            "litestar": _version("litestar"),
        },
    )
