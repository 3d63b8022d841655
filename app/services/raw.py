"""The table explorer: the raw and mart tables a user may browse, and their rows, through an allow-list.

The allow-list is built from our own schemas: the raw tables the loaders declare
(``ingest.jobs.RAW_TABLES``) and the relations dbt built in ``marts``, less the feature table
(a wide model input, shown per game by the features endpoint instead). A name outside it is
unknown; table and column names reach SQL only as quoted identifiers taken from the list itself.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from psycopg import sql

from app.services.common import page_bounds, season_scope
from warehouse.errors import NotFound

MART_SCHEMA = "marts"
EXCLUDED = frozenset({"marts.fct_pregame_features"})


@dataclass(frozen=True)
class TableInfo:
    name: str  # schema.table
    layer: str  # raw | mart
    rows: int  # in the season asked for, when the table has a season column
    has_season: bool


@dataclass(frozen=True)
class TableList:
    items: list[TableInfo] = field(default_factory=list)
    season: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class TableRows:
    table: str
    columns: list[str]
    rows: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    season: str | None = None
    note: str | None = None


def allowed_tables(conn) -> dict[str, list[str]]:
    """Every browsable table that exists, with its columns in order."""
    from ingest.jobs import RAW_TABLES

    raw_schemas = sorted({t.split(".")[0] for t in RAW_TABLES})
    rows = conn.execute(
        "select table_schema || '.' || table_name, column_name from information_schema.columns"
        " where table_schema = any(%s) order by table_schema, table_name, ordinal_position",
        ([*raw_schemas, MART_SCHEMA],),
    ).fetchall()
    tables: dict[str, list[str]] = {}
    for name, column in rows:
        if (name in RAW_TABLES or name.startswith(MART_SCHEMA + ".")) and name not in EXCLUDED:
            tables.setdefault(name, []).append(column)
    return tables


def _relation(name: str) -> sql.Composed:
    schema, table = name.split(".", 1)
    return sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(table))


def _season_filter(has_season: bool, season: str | None) -> tuple[sql.Composable, list]:
    if season is None or not has_season:
        return sql.SQL(""), []
    return sql.SQL(" where season = %s"), [season]


def list_tables(conn, season: str | None = None) -> TableList:
    scope = season_scope(conn, season)
    if not scope.loaded:
        return TableList([], season, scope.note)
    items = []
    for name, columns in allowed_tables(conn).items():
        has_season = "season" in columns
        where, params = _season_filter(has_season, season)
        count = conn.execute(sql.SQL("select count(*) from {}").format(_relation(name)) + where, params).fetchone()[0]
        items.append(TableInfo(name, "mart" if name.startswith(MART_SCHEMA + ".") else "raw", count, has_season))
    return TableList(items, season)


def _jsonable(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return value


def table_rows(
    conn, table_name: str, season: str | None = None, limit: int | None = None, offset: int | None = None
) -> TableRows:
    """One page of an allowed table's rows, in the order of its first columns (its key comes first)."""
    bounds = page_bounds(limit, offset)
    tables = allowed_tables(conn)
    if table_name not in tables:
        raise NotFound(f"table_name: no browsable table {table_name!r} (GET /api/v1/raw/tables lists them)")
    columns = tables[table_name]
    scope = season_scope(conn, season)
    if not scope.loaded:
        return TableRows(table_name, columns, [], 0, bounds.limit, bounds.offset, season, scope.note)
    where, params = _season_filter("season" in columns, season)
    relation = _relation(table_name)
    total = conn.execute(sql.SQL("select count(*) from {}").format(relation) + where, params).fetchone()[0]
    order = sql.SQL(", ").join(sql.Identifier(c) for c in columns[:3])
    query = (
        sql.SQL("select * from {}").format(relation) + where + sql.SQL(" order by {} limit %s offset %s").format(order)
    )
    rows = conn.execute(query, [*params, bounds.limit, bounds.offset]).fetchall()
    items = [{c: _jsonable(v) for c, v in zip(columns, r, strict=True)} for r in rows]
    return TableRows(table_name, columns, items, total, bounds.limit, bounds.offset, season)
