from __future__ import annotations

from litestar import Controller, get
from psycopg import Connection

from app.api.errors import documented
from app.api.params import SeasonQuery
from app.services.quality import QualityOverview, quality_overview


class QualityController(Controller):
    path = "/quality"
    tags = ["quality"]

    @get(
        "/overview",
        summary="Completeness, freshness, reconciliation, dbt test results and recent runs",
        responses=documented(400, 503),
        sync_to_thread=True,
    )
    def overview(self, conn: Connection, season: SeasonQuery = None) -> QualityOverview:
        return quality_overview(conn, season)
