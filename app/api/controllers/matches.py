from __future__ import annotations

import datetime as dt
from typing import Annotated

from litestar import Controller, get
from litestar.params import Parameter
from psycopg import Connection

from app.api.errors import documented
from app.api.params import LimitQuery, OffsetQuery, SeasonQuery
from app.services.common import DEFAULT_LIMIT
from app.services.matches import MatchPage, list_matches


class MatchesController(Controller):
    path = "/matches"
    tags = ["matches"]

    @get(
        summary="Games with teams, scores and status, newest first", responses=documented(400, 503), sync_to_thread=True
    )
    def list(
        self,
        conn: Connection,
        season: SeasonQuery = None,
        day: Annotated[dt.date | None, Parameter(query="date", description="Only games on this day")] = None,
        team: Annotated[
            str | None, Parameter(description="Team abbreviation (BOS) or NBA.com team id", max_length=20)
        ] = None,
        limit: LimitQuery = DEFAULT_LIMIT,
        offset: OffsetQuery = 0,
    ) -> MatchPage:
        return list_matches(conn, season, day, team, limit, offset)
