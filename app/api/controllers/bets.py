from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from litestar import Controller, Response, get, post
from litestar.params import Parameter
from psycopg import Connection

from app.api.auth import WRITE_SECURITY, require_api_key
from app.api.errors import documented
from app.api.params import LimitQuery, OffsetQuery, SeasonQuery
from app.services.bets import Bet, BetPage, BetSummary, bets_summary, get_bet, list_bets
from app.services.common import DEFAULT_LIMIT
from ledger.book import Order
from ledger.jobs import place_bet, settle_bet
from warehouse.errors import NotFound

BetId = Annotated[int, Parameter(ge=1, le=2**62, description="The bet's id")]


@dataclass(frozen=True)
class BetOrder:
    game_id: str  # a game that has not tipped off
    selection: Literal["home", "away"]
    odds: str  # American odds, e.g. "-110" or "+150"
    stake_cents: int  # positive, at most the configured maximum stake
    idempotency_key: str | None = None  # placing again with the same key returns the first bet


@dataclass(frozen=True)
class PlacedBet:
    created: bool  # False: the idempotency key had already placed this bet
    bet: Bet


@dataclass(frozen=True)
class SettleRequest:
    result: Literal["won", "lost", "push", "void"] | None = None  # default: from the game's final score


@dataclass(frozen=True)
class Settlement:
    settled_now: bool  # False: the bet was already settled with this result, and nothing changed
    message: str
    bet: Bet


def _bet(conn: Connection, bet_id: int) -> Bet:
    bet = get_bet(conn, bet_id)
    if bet is None:
        raise NotFound(f"bet_id: no bet {bet_id}")
    return bet


class BetsController(Controller):
    path = "/bets"
    tags = ["bets"]

    @post(
        guards=[require_api_key],
        security=WRITE_SECURITY,
        summary="Place a bet (needs the API key)",
        description="201 with the new bet; 200 with the earlier bet when its idempotency_key was used before.",
        responses=documented(400, 401, 403, 409, 503),
        sync_to_thread=True,
    )
    def place(self, conn: Connection, data: BetOrder) -> Response[PlacedBet]:
        placed = place_bet(
            Order(data.game_id, data.selection, data.odds, data.stake_cents, data.idempotency_key), conn=conn
        )
        body = PlacedBet(placed.created, _bet(conn, placed.bet_id))
        return Response(body, status_code=201 if placed.created else 200)

    @get(summary="The ledger, newest first", responses=documented(400, 503), sync_to_thread=True)
    def list(
        self,
        conn: Connection,
        season: SeasonQuery = None,
        status: Annotated[
            Literal["open", "won", "lost", "push", "void"] | None, Parameter(description="Only bets in this state")
        ] = None,
        limit: LimitQuery = DEFAULT_LIMIT,
        offset: OffsetQuery = 0,
    ) -> BetPage:
        return list_bets(conn, season, status, limit, offset)

    @get(
        "/summary",
        summary="Bankroll, staked, profit, ROI, win rate, open exposure, max drawdown, by month",
        responses=documented(400, 503),
        sync_to_thread=True,
    )
    def summary(self, conn: Connection, season: SeasonQuery = None) -> BetSummary:
        return bets_summary(conn, season)

    @get("/{bet_id:int}", summary="One bet", responses=documented(400, 404, 503), sync_to_thread=True)
    def one(self, conn: Connection, bet_id: BetId) -> Bet:
        return _bet(conn, bet_id)

    @post(
        "/{bet_id:int}/settle",
        guards=[require_api_key],
        security=WRITE_SECURITY,
        status_code=200,
        summary="Settle a bet from its game's final score, or with an explicit result (needs the API key)",
        description=(
            "Settlement happens exactly once. Settling a settled bet again with the same result (or from the "
            "score) answers 200 with settled_now=false and changes nothing; with a different result it is a 409."
        ),
        responses=documented(400, 401, 403, 404, 409, 503),
        sync_to_thread=True,
    )
    def settle(self, conn: Connection, bet_id: BetId, data: SettleRequest | None = None) -> Settlement:
        settled = settle_bet(bet_id, data.result if data else None, conn=conn)
        verb = "settled" if settled.settled_now else "was already settled"
        return Settlement(settled.settled_now, f"bet {bet_id} {verb} as {settled.status}", _bet(conn, bet_id))
