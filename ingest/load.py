"""Run the dlt pipelines: one pipeline per raw dataset (raw_nba, raw_market, raw_news)."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Any

import dlt

from warehouse.db import database_url, dlt_url
from warehouse.settings import disable_telemetry, get_settings

DATASETS = {"nba": "raw_nba", "market": "raw_market", "news": "raw_news"}


@dataclass
class LoadResult:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def pipeline(name: str, url: str | None = None) -> dlt.Pipeline:
    disable_telemetry()
    url = url or database_url()
    # dlt keeps local state per pipeline; key it by database so a throwaway test database
    # never inherits the state of another one.
    pipelines_dir = get_settings().dlt_dir / hashlib.sha1(url.encode()).hexdigest()[:12]
    return dlt.pipeline(
        pipeline_name=f"courtside_{name}",
        destination=dlt.destinations.postgres(credentials=dlt_url(url)),
        dataset_name=DATASETS[name],
        pipelines_dir=str(pipelines_dir),
    )


def run_sources(sources: dict[str, Any], url: str | None = None) -> LoadResult:
    """Load each source with its pipeline; returns rows written per table ('raw_nba.schedule': n)."""
    result = LoadResult()
    started = time.perf_counter()
    for name, source in sources.items():
        p = pipeline(name, url)
        p.run(source)
        counts = p.last_trace.last_normalize_info.row_counts if p.last_trace.last_normalize_info else {}
        for table, n in counts.items():
            if not table.startswith("_dlt"):
                result.rows[f"{DATASETS[name]}.{table}"] = int(n)
    result.seconds = time.perf_counter() - started
    return result
