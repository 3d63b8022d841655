"""``courtside bets place | list | settle | summary``: the bankroll ledger (ledger.jobs, app.services.bets)."""

from __future__ import annotations

import click

from app.cli.output import emit, json_option
from app.cli.params import SEASON

STATUS = click.Choice(["open", "won", "lost", "push", "void"])


def _dollars(cents: int | None) -> str:
    from warehouse.money import cents_to_dollars

    return "-" if cents is None else cents_to_dollars(cents)


def _read(fn, *args, **kwargs):
    from warehouse.db import connect
    from warehouse.migrate import ensure_current

    ensure_current()
    with connect(autocommit=True) as conn:
        return fn(conn, *args, **kwargs)


def render_bet(bet) -> None:
    team = bet.home_team_abbr if bet.selection == "home" else bet.away_team_abbr
    prob = "-" if bet.model_prob is None else f"{bet.model_prob:.3f}"
    settled = "" if bet.status == "open" else f", profit {_dollars(bet.profit_cents)}"
    click.echo(
        f"bet {bet.bet_id}: {team} ({bet.selection}) in {bet.away_team_abbr} @ {bet.home_team_abbr} {bet.game_date}"
        f" at {bet.odds_american:+d} ({bet.odds_decimal}), stake {_dollars(bet.stake_cents)}; model P {prob},"
        f" EV {bet.expected_value if bet.expected_value is not None else '-'} per unit, suggested stake"
        f" {_dollars(bet.suggested_stake_cents)}; {bet.status}{settled}"
    )


@click.group()
def bets() -> None:
    """Place, list, settle and summarize bets (money in dollars on screen, integer cents in --json)."""


@bets.command()
@click.option("--game", "game_id", required=True, help="Game id (see `courtside predict` or GET /api/v1/matches).")
@click.option("--selection", required=True, help="home or away.")
@click.option("--odds", required=True, help="American odds, e.g. -110 or +150.")
@click.option("--stake", required=True, help="Stake in dollars, e.g. 25 or 25.50.")
@click.option("--key", "idempotency_key", default=None, help="Idempotency key: placing with it again is a no-op.")
@json_option
def place(game_id: str, selection: str, odds: str, stake: str, idempotency_key: str | None, as_json: bool) -> None:
    """Place a bet on a game that has not tipped off; records the model's probability, EV and Kelly stake."""
    from app.services.bets import get_bet
    from ledger.book import Order
    from ledger.jobs import place_bet
    from warehouse.errors import InputError
    from warehouse.money import dollars_to_cents

    try:
        cents = dollars_to_cents(stake)
    except ValueError as exc:
        raise InputError(f"stake: {exc}") from None
    placed = place_bet(Order(game_id, selection, odds, cents, idempotency_key))
    bet = _read(get_bet, placed.bet_id)
    emit({"created": placed.created, "bet": bet} if as_json else bet, as_json, render_bet)


@bets.command("list")
@click.option("--season", type=SEASON, default=None, help="Only this season's bets.")
@click.option("--status", type=STATUS, default=None, help="Only bets in this state.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0, show_default=True)
@json_option
def list_cmd(season: str | None, status: str | None, limit: int, offset: int, as_json: bool) -> None:
    """List bets, newest first."""
    from app.services.bets import list_bets

    def render(page) -> None:
        if not page.items:
            click.echo(page.note or "no bets")
        for bet in page.items:
            render_bet(bet)
        if page.total > len(page.items):
            click.echo(f"({len(page.items)} of {page.total}; --offset to see more)")

    emit(_read(list_bets, season, status, limit, offset), as_json, render)


@bets.command()
@click.argument("bet_id", type=int)
@click.option(
    "--result",
    type=click.Choice(["won", "lost", "push", "void"]),
    default=None,
    help="Settle with this result instead of the game's final score.",
)
@json_option
def settle(bet_id: int, result: str | None, as_json: bool) -> None:
    """Settle BET_ID from its game's final score (or --result). Settling again with the same result is a no-op."""
    from ledger.jobs import settle_bet

    def render(s) -> None:
        verb = "settled" if s.settled_now else "was already settled"
        click.echo(f"bet {s.bet_id} {verb} as {s.status}: profit {_dollars(s.profit_cents)}")

    emit(settle_bet(bet_id, result), as_json, render)


@bets.command()
@click.option("--season", type=SEASON, default=None, help="Only this season's bets.")
@json_option
def summary(season: str | None, as_json: bool) -> None:
    """Bankroll, staked, profit, ROI, win rate, open exposure, max drawdown and the months."""
    from app.services.bets import bets_summary

    def render(s) -> None:
        if s.note:
            click.echo(s.note)
        roi = "-" if s.roi is None else f"{s.roi:+.1%}"
        win = "-" if s.win_rate is None else f"{s.win_rate:.1%}"
        click.echo(
            f"bankroll {_dollars(s.bankroll_cents)} (start {_dollars(s.start_bankroll_cents)}): {s.bets} bets,"
            f" {s.settled_bets} settled, staked {_dollars(s.staked_cents)}, profit {_dollars(s.profit_cents)},"
            f" ROI {roi}, win rate {win}, open exposure {_dollars(s.open_exposure_cents)},"
            f" max drawdown {_dollars(s.max_drawdown_cents)}"
        )
        for m in s.by_month:
            click.echo(
                f"  {m.month}: {m.bets} bets, staked {_dollars(m.staked_cents)}, profit {_dollars(m.profit_cents)}"
            )

    emit(_read(bets_summary, season), as_json, render)


COMMANDS = [bets]
