"""Run the dlt pipelines (one per raw dataset: raw_nba, raw_market, raw_news) so a load never loses data.

A load is all or nothing across the sources, and ends with exactly the data it was given:

1. Packages left pending by an interrupted run (kill -9, a database restart) are finished
   first — dlt would otherwise load them *instead of* the new data and report success — or
   discarded when the new load replaces the tables anyway (``refresh``). The result says so.
2. Every source is extracted (feeds fetched or files parsed and validated) before any is
   loaded; a failure in any of them discards what was extracted and loads nothing.
3. Each package is normalized and loaded, then verified: no failed job, nothing pending.

Callers hold the warehouse lock (warehouse.locks): two loads never share dlt's working directory.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Any

import dlt

from warehouse.db import dlt_url
from warehouse.errors import CourtsideError, DatabaseUnavailable
from warehouse.settings import disable_telemetry, get_settings

DATASETS = {"nba": "raw_nba", "market": "raw_market", "news": "raw_news"}


class LoadFailed(CourtsideError):
    pass


@dataclass
class LoadResult:
    rows: dict[str, int] = field(default_factory=dict)  # rows written per table ('raw_nba.schedule': n)
    recovered: list[str] = field(default_factory=list)  # what was done with packages of interrupted runs
    seconds: float = 0.0


def pipeline(name: str, url: str) -> dlt.Pipeline:
    disable_telemetry()
    # dlt keeps local state per pipeline; key it by database so a throwaway test database
    # never inherits the state of another one.
    pipelines_dir = get_settings().dlt_dir / hashlib.sha1(url.encode()).hexdigest()[:12]
    return dlt.pipeline(
        pipeline_name=f"courtside_{name}",
        destination=dlt.destinations.postgres(credentials=dlt_url(url)),
        dataset_name=DATASETS[name],
        pipelines_dir=str(pipelines_dir),
        progress=None,
    )


def _chain(exc: BaseException):
    """The error and what it wraps, through dlt's wrappers (PipelineStepFailed, ResourceExtractionError, ...)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        inner = getattr(current, "exception", None)
        current = inner if isinstance(inner, BaseException) else current.__cause__ or current.__context__


def _database_error(exc: BaseException) -> bool:
    # psycopg2 (dlt's driver) and psycopg name a lost or refused connection the same way
    return any(type(e).__name__ in {"OperationalError", "InterfaceError"} for e in _chain(exc))


def _fail(step: str, name: str, url: str, exc: BaseException) -> BaseException:
    cause = next((e for e in _chain(exc) if isinstance(e, CourtsideError)), None)
    if cause is not None:
        return cause
    if _database_error(exc):
        from warehouse.db import describe

        return DatabaseUnavailable(f"the database at {describe(url)} went away while loading {DATASETS[name]} ({step})")
    root = list(_chain(exc))[-1]
    return LoadFailed(f"loading {DATASETS[name]} failed in dlt's {step} step: {type(root).__name__}: {root}"[:600])


def _recover(p: dlt.Pipeline, name: str, url: str, discard: bool) -> str | None:
    """Finish (or, when the new load replaces the data anyway, discard) what an interrupted run left."""
    if not p.has_pending_data:
        return None
    packages = len(p.list_extracted_load_packages()) + len(p.list_normalized_load_packages())
    if not discard:
        try:
            p.normalize()
            p.load()
            return f"{DATASETS[name]}: finished {packages} load package(s) left by an interrupted run"
        except Exception as exc:  # a package that cannot be finished is dropped, and the new data replaces it
            if _database_error(exc):
                raise _fail("recovery", name, url, exc) from None
    p.drop_pending_packages()
    return f"{DATASETS[name]}: discarded {packages} load package(s) left by an interrupted run"


def run_sources(sources: dict[str, Any], url: str, *, refresh: bool = False) -> LoadResult:
    """Load every source, all or nothing; ``refresh`` replaces the tables' rows (an as-of reload)."""
    started = time.perf_counter()
    result = LoadResult()
    pipelines = {name: pipeline(name, url) for name in sources}
    for name, p in pipelines.items():
        note = _recover(p, name, url, discard=refresh)
        if note:
            result.recovered.append(note)
    extracted: list[dlt.Pipeline] = []
    try:
        for name, source in sources.items():
            pipelines[name].extract(source, refresh="drop_data" if refresh else None)
            extracted.append(pipelines[name])
    except Exception as exc:
        for p in extracted:
            p.drop_pending_packages()
        raise _fail("extract", name, url, exc) from None
    for name, p in pipelines.items():
        try:
            normalized = p.normalize()
            info = p.load(raise_on_failed_jobs=True)
        except Exception as exc:
            raise _fail("load", name, url, exc) from None
        if info.has_failed_jobs or p.has_pending_data:
            raise LoadFailed(f"{DATASETS[name]}: the load did not complete; run the ingest again to finish it")
        for table, n in normalized.row_counts.items():
            if not table.startswith("_dlt"):
                result.rows[f"{DATASETS[name]}.{table}"] = int(n)
    result.seconds = time.perf_counter() - started
    return result
