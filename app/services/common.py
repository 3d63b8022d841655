"""What every read shares: pagination bounds, season scopes and typed row fetching."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, TypeVar

from psycopg.rows import class_row

from warehouse.errors import InputError
from warehouse.seasons import start_year

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500  # a page never holds more rows than this, whatever the caller asks for


@dataclass(frozen=True)
class PageBounds:
    limit: int
    offset: int


def page_bounds(limit: int | None = None, offset: int | None = None) -> PageBounds:
    """Validated paging: a limit above ``MAX_LIMIT`` is capped, a limit below 1 or a negative offset is refused."""
    limit = DEFAULT_LIMIT if limit is None else limit
    offset = 0 if offset is None else offset
    if limit < 1:
        raise InputError(f"limit must be at least 1 (got {limit})")
    if offset < 0:
        raise InputError(f"offset must be 0 or more (got {offset})")
    return PageBounds(min(limit, MAX_LIMIT), offset)


@dataclass(frozen=True)
class SeasonScope:
    """A season filter: None means every loaded season; ``note`` explains an empty answer."""

    season: str | None
    loaded: bool
    note: str | None


def loaded_seasons(conn) -> list[str]:
    return [r[0] for r in conn.execute("select distinct season from marts.fct_games order by season").fetchall()]


def season_scope(conn, season: str | None) -> SeasonScope:
    if season is None:
        return SeasonScope(None, True, None)
    try:
        start_year(season)
    except InputError as exc:
        raise InputError(f"season: {exc}") from None
    seasons = loaded_seasons(conn)
    if season in seasons:
        return SeasonScope(season, True, None)
    have = f"loaded: {seasons[0]} .. {seasons[-1]}" if seasons else "no season is loaded yet"
    return SeasonScope(season, False, f"season {season} is not loaded ({have})")


def relation_exists(conn, name: str) -> bool:
    """Whether a table or view exists (the marts appear with the warehouse's first build)."""
    return conn.execute("select to_regclass(%s) is not null", (name,)).fetchone()[0]


def fetch_all(conn, cls: type[T], query: Any, params: Any = None) -> list[T]:
    with conn.cursor(row_factory=class_row(cls)) as cur:
        return cur.execute(query, params).fetchall()


def fetch_one(conn, cls: type[T], query: Any, params: Any = None) -> T | None:
    with conn.cursor(row_factory=class_row(cls)) as cur:
        return cur.execute(query, params).fetchone()


def finite(value: float | None) -> float | None:
    """JSON has no NaN: a missing or undefined number is None."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None
