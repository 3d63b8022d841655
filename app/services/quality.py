"""Data quality at a glance (the quality marts): completeness, freshness, reconciliation, dbt tests, recent runs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.services.common import fetch_all, fetch_one, relation_exists, season_scope

RECENT_RUNS = 20


@dataclass(frozen=True)
class TableCompleteness:
    table_name: str
    season: str
    row_count: int
    columns_checked: int
    worst_null_rate: float | None
    game_coverage: float | None  # rows per game of the season (1.0: every game has its row)


@dataclass(frozen=True)
class SourceFreshness:
    source_table: str
    row_count: int
    last_loaded_at: dt.datetime | None
    latest_data_date: dt.date | None
    hours_since_load: float | None
    is_fresh: bool | None


@dataclass(frozen=True)
class ReconciliationCheck:
    check_name: str
    season: str
    checked_rows: int
    failed_rows: int
    passed: bool


@dataclass(frozen=True)
class TestResults:
    tests: int
    passed: int
    failed: int
    loaded_at: dt.datetime | None


@dataclass(frozen=True)
class FailedTest:
    test_name: str
    status: str
    failures: int | None
    message: str | None


@dataclass(frozen=True)
class RecentRun:
    run_kind: str  # pipeline_step | dlt_load
    name: str
    status: str
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    duration_seconds: float | None
    rows_affected: int | None
    error_message: str | None


@dataclass
class QualityOverview:
    season: str | None
    completeness: list[TableCompleteness] = field(default_factory=list)
    freshness: list[SourceFreshness] = field(default_factory=list)
    reconciliation: list[ReconciliationCheck] = field(default_factory=list)
    dbt_tests: TestResults | None = None
    failed_tests: list[FailedTest] = field(default_factory=list)
    recent_runs: list[RecentRun] = field(default_factory=list)
    note: str | None = None


def quality_overview(conn, season: str | None = None) -> QualityOverview:
    scope = season_scope(conn, season) if relation_exists(conn, "marts.fct_games") else None
    out = QualityOverview(season)
    if scope is None or not relation_exists(conn, "marts.quality_completeness"):
        out.note = "the quality marts are not built yet"
        return out
    if not scope.loaded:
        out.note = scope.note
        return out
    by_season = {"season": season}
    out.completeness = fetch_all(
        conn,
        TableCompleteness,
        "select table_name, season, max(row_count)::bigint as row_count, count(*)::int as columns_checked,"
        " max(null_rate) as worst_null_rate, min(game_coverage) as game_coverage from marts.quality_completeness"
        " where %(season)s::text is null or season = %(season)s"
        " group by table_name, season order by season, table_name",
        by_season,
    )
    out.freshness = fetch_all(
        conn,
        SourceFreshness,
        "select source_table, row_count, last_loaded_at, latest_data_date,"
        " hours_since_load::double precision as hours_since_load, is_fresh"
        " from marts.quality_source_freshness order by source_table",
    )
    out.reconciliation = fetch_all(
        conn,
        ReconciliationCheck,
        "select check_name, season, checked_rows, failed_rows, passed from marts.quality_reconciliation"
        " where %(season)s::text is null or season = %(season)s order by season, check_name",
        by_season,
    )
    out.dbt_tests = fetch_one(
        conn,
        TestResults,
        "select count(*)::int as tests, count(*) filter (where passed)::int as passed,"
        " count(*) filter (where not passed)::int as failed, max(loaded_at) as loaded_at"
        " from marts.quality_dbt_test_results where is_latest_build",
    )
    out.failed_tests = fetch_all(
        conn,
        FailedTest,
        "select test_name, status, failures, message from marts.quality_dbt_test_results"
        " where is_latest_build and not passed order by test_name",
    )
    out.recent_runs = fetch_all(
        conn,
        RecentRun,
        "select run_kind, name, status, started_at, finished_at, duration_seconds, rows_affected, error_message"
        " from marts.quality_pipeline_runs order by started_at desc nulls last limit %s",
        (RECENT_RUNS,),
    )
    return out
