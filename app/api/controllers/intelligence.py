"""Grounded game context: a game's brief, a day's brief table with feed health, questions about a game."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from litestar import Controller, get, post
from litestar.params import Parameter
from psycopg import Connection

from app.api.errors import documented
from app.api.params import GameIdPath, SeasonQuery
from intel.health import FeedHealth, feed_health
from intel.service import Answer, BriefBoard, GameBrief, brief_board, game_brief
from intel.service import ask as ask_about_game


@dataclass(frozen=True)
class GameIntelligence:
    brief: GameBrief
    feeds: list[FeedHealth]  # so a silent news source is seen next to the brief


@dataclass(frozen=True)
class Question:
    game_id: str
    question: str  # answered only from the game's retrieved context, with citations


class IntelligenceController(Controller):
    path = "/intelligence"
    tags = ["intelligence"]

    @get(
        "/game/{game_id:str}",
        summary="A game's grounded brief as of tip-off: cited insights, risk signals, rules and confidence band",
        description="Every insight cites a document published before tip-off; the brief is recorded in "
        "ops.intelligence_audit (audit_id). The model's probability is returned unchanged.",
        responses=documented(404, 503),
        sync_to_thread=True,
    )
    def game(self, conn: Connection, game_id: GameIdPath) -> GameIntelligence:
        return GameIntelligence(game_brief(game_id, conn=conn), feed_health(conn))

    @get(
        "/brief",
        summary="The briefs of a day's games (default: the latest day with games), with feed health",
        responses=documented(400, 503),
        sync_to_thread=True,
    )
    def brief(
        self,
        conn: Connection,
        day: Annotated[dt.date | None, Parameter(query="date", description="Games on this day")] = None,
        season: SeasonQuery = None,
        limit: Annotated[int, Parameter(ge=1, le=30, description="Games at most (a day has at most 15)")] = 15,
    ) -> BriefBoard:
        return brief_board(conn, day, season, limit)

    @post(
        "/ask",
        summary="Answer a question about a game from its retrieved context only, with citations",
        description="answered=false and a fixed sentence when the context does not answer the question.",
        responses=documented(400, 404, 503),
        status_code=200,
        sync_to_thread=True,
    )
    def ask(self, data: Question) -> Answer:
        return ask_about_game(data.game_id, data.question)
