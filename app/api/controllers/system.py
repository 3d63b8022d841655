from __future__ import annotations

from litestar import Controller, get
from psycopg import Connection

from app.api.errors import documented
from app.services.status import SystemStatus, system_status


class SystemController(Controller):
    path = "/system"
    tags = ["system"]

    @get(
        "/status",
        summary="Database, last run of each step, active model, data freshness, versions",
        responses=documented(503),
        sync_to_thread=True,
    )
    def status(self, conn: Connection) -> SystemStatus:
        return system_status(conn)
