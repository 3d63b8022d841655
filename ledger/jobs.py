"""The ledger's jobs: place a bet, settle one, settle every open bet whose game is final.

Each is audited (``warehouse.jobs.job``) without the warehouse lock: bets are rows of their own,
kept consistent by the database, so a bet can be placed while the daily run loads data. The API
passes its pooled connection; the CLI and the daily run let the job open one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import psycopg

from ledger import book
from warehouse.db import connect
from warehouse.jobs import job
from warehouse.settings import get_settings


@contextlib.contextmanager
def _connection(conn: psycopg.Connection | None) -> Iterator[psycopg.Connection]:
    if conn is not None:
        yield conn
        return
    with connect(autocommit=True) as own:
        yield own


def place_bet(order: book.Order, *, conn: psycopg.Connection | None = None, run_id: str | None = None) -> book.Placed:
    """Validate and record a bet with the model's probability, its expected value and the suggested stake."""
    settings = get_settings()
    details = {"game_id": order.game_id, "selection": order.selection, "odds": str(order.odds)}
    with job("ledger.place", lock=None, run_id=run_id, details=details) as run, _connection(conn) as c:
        placed = book.place(c, order, settings.ledger, settings.sources.live)
        run.rows["ops.bets"] = int(placed.created)
        run.details.update(bet_id=placed.bet_id, created=placed.created)
    return placed


def settle_bet(
    bet_id: int, result: str | None = None, *, conn: psycopg.Connection | None = None, run_id: str | None = None
) -> book.Settled:
    """Settle one bet from its game's final score, or with an explicit won / lost / push / void."""
    with job("ledger.settle", lock=None, run_id=run_id, details={"bet_id": bet_id, "result": result}) as run:
        with _connection(conn) as c:
            settled = book.settle(c, bet_id, result)
        run.rows["ops.bets"] = int(settled.settled_now)
        run.details.update(status=settled.status, settled_now=settled.settled_now)
    return settled


@dataclass
class SettleFinishedResult:
    settled: list[book.Settled] = field(default_factory=list)  # settled now
    open_bets: int = 0  # still open (their games are not final)

    @property
    def profit_cents(self) -> int:
        return sum(s.profit_cents for s in self.settled)


def settle_finished(*, conn: psycopg.Connection | None = None, run_id: str | None = None) -> SettleFinishedResult:
    """Settle every open bet whose game is final, from the score (each exactly once, as settle_bet)."""
    with job("ledger.settle_finished", lock=None, run_id=run_id) as run, _connection(conn) as c:
        out = SettleFinishedResult()
        for bet_id in book.finished_open_bets(c):
            settled = book.settle(c, bet_id)
            if settled.settled_now:
                out.settled.append(settled)
        out.open_bets = c.execute("select count(*) from ops.bets where status = 'open'").fetchone()[0]
        run.rows["ops.bets"] = len(out.settled)
        run.details.update(settled=len(out.settled), open=out.open_bets)
    return out
