from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.params import Parameter
from psycopg import Connection

from app.api.errors import documented
from app.api.params import LimitQuery, OffsetQuery, SeasonQuery
from app.services.common import DEFAULT_LIMIT
from app.services.raw import TableList, TableRows, list_tables, table_rows


class RawController(Controller):
    path = "/raw"
    tags = ["raw"]

    @get(
        "/tables",
        summary="The raw and mart tables a user may browse (not the feature table), with row counts",
        responses=documented(400, 503),
        sync_to_thread=True,
    )
    def tables(self, conn: Connection, season: SeasonQuery = None) -> TableList:
        return list_tables(conn, season)

    @get(
        "/{table_name:str}",
        summary="One page of a browsable table's rows",
        responses=documented(400, 404, 503),
        sync_to_thread=True,
    )
    def rows(
        self,
        conn: Connection,
        table_name: Annotated[str, Parameter(description="schema.table, as GET /raw/tables lists it", max_length=120)],
        season: SeasonQuery = None,
        limit: LimitQuery = DEFAULT_LIMIT,
        offset: OffsetQuery = 0,
    ) -> TableRows:
        return table_rows(conn, table_name, season, limit, offset)
