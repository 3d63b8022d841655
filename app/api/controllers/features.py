from __future__ import annotations

from litestar import Controller, get
from psycopg import Connection

from app.api.errors import documented
from app.api.params import GameIdPath
from app.services.features import FeatureRow, feature_row
from warehouse.errors import NotFound


class FeaturesController(Controller):
    path = "/features"
    tags = ["features"]

    @get(
        "/{game_id:str}",
        summary="The game's pregame feature row: home, away and difference per feature",
        responses=documented(400, 404, 503),
        sync_to_thread=True,
    )
    def game(self, conn: Connection, game_id: GameIdPath) -> FeatureRow:
        row = feature_row(conn, game_id)
        if row is None:
            raise NotFound(f"game_id: no feature row for game {game_id!r}")
        return row
