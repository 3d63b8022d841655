from __future__ import annotations

import datetime as dt
from typing import Annotated

from litestar import Controller, get
from litestar.params import Parameter
from psycopg import Connection

from app.api.errors import documented
from app.api.params import GameIdPath, SeasonQuery
from app.services import predictions as reads
from app.services.performance import Performance, model_performance
from warehouse.errors import NotFound
from warehouse.settings import Settings
from warehouse.today import as_of_today


class PredictionsController(Controller):
    path = "/predictions"
    tags = ["predictions"]

    @get(
        "/today",
        summary="The day's games with probabilities, predicted winner, confidence and top factors",
        description=(
            "'Today' is the US-Eastern date in live mode and the morning the loaded data is as of in snapshot "
            "mode. With persist=true (the default) the games the active model has not predicted yet are "
            "predicted and stored first; stored predictions are refreshed by the daily run."
        ),
        responses=documented(400, 409, 503),
        sync_to_thread=True,
    )
    def today(
        self,
        conn: Connection,
        settings: Settings,
        day: Annotated[dt.date | None, Parameter(query="date", description="Another day than today")] = None,
        persist: Annotated[bool, Parameter(description="Predict and store missing predictions first")] = True,
    ) -> reads.DayPredictions:
        day = day or as_of_today(conn, settings.sources.live)
        page = reads.predictions_for_day(conn, day)
        if persist and page.model_version and len(page.items) < page.games:
            from ml.jobs import predict_day

            predict_day(day)
            page = reads.predictions_for_day(conn, day)
        return page

    @get(
        "/game/{game_id:str}",
        summary="One game's prediction with all its SHAP factors",
        responses=documented(400, 404, 503),
        sync_to_thread=True,
    )
    def game(self, conn: Connection, game_id: GameIdPath) -> reads.GamePrediction:
        found = reads.prediction_for_game(conn, game_id)
        if found is None:
            raise NotFound(f"game_id: no prediction for game {game_id!r}")
        return found

    @get(
        "/performance",
        summary="Accuracy, Brier, log loss and calibration over time; walk-forward comparisons with Elo and the market",
        responses=documented(400, 503),
        sync_to_thread=True,
    )
    def performance(
        self,
        conn: Connection,
        season: SeasonQuery = None,
        date_from: Annotated[dt.date | None, Parameter(query="from", description="First game day")] = None,
        date_to: Annotated[dt.date | None, Parameter(query="to", description="Last game day")] = None,
        model_version: Annotated[
            str | None, Parameter(description="A registered model version (default: the active model)", max_length=40)
        ] = None,
    ) -> Performance:
        return model_performance(conn, season, date_from, date_to, model_version)
