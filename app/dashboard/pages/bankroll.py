"""Bankroll: the equity curve, open and settled bets, placing a bet (EV and Kelly stake shown first), settling."""

from __future__ import annotations

import pandas as pd
import panel as pn
import param

from app.dashboard import data
from app.dashboard.components import (
    FLEX_ITEM,
    card,
    empty_state,
    error_banner,
    frame_of,
    guarded,
    money,
    pct,
    stat,
    stat_row,
    table,
)
from app.dashboard.pages import Page
from ledger import book, jobs
from ledger.odds import parse_american
from warehouse.errors import CourtsideError
from warehouse.money import cents_to_dollars, dollars_to_cents

FROM_SCORE = "from the final score"
LEDGER_COLUMNS = ["bet_id", "game_date", "game", "pick", "odds_american", "stake", "model_prob", "expected_value"]


def bets_frame(items) -> pd.DataFrame:
    frame = frame_of(items)
    frame["game"] = frame.away_team_abbr + " at " + frame.home_team_abbr
    frame["pick"] = frame.apply(lambda r: r.home_team_abbr if r.selection == "home" else r.away_team_abbr, axis=1)
    frame["stake"] = frame.stake_cents.map(money)
    frame["model_prob"] = frame.model_prob.map(lambda v: pct(v, 1))
    frame["expected_value"] = frame.expected_value.map(lambda v: "–" if pd.isna(v) else f"{float(v):+.3f}")
    frame["profit"] = frame.profit_cents.map(lambda v: "" if pd.isna(v) else money(int(v)))
    return frame


class BankrollPage(Page):
    """The ledger: every number from ``ops.bets`` through the read layer; every write through the ledger's jobs."""

    changed = param.Integer(default=0, doc="Bumped after a bet is placed or settled: the views reload.")

    def __init__(self, **params):
        super().__init__(**params)
        self._game = pn.widgets.Select(name="Game", width=280)
        self._selection = pn.widgets.RadioButtonGroup(options={"home": "home", "away": "away"}, value="home")
        self._odds = pn.widgets.TextInput(name="Odds (American)", value="-110", width=130)
        self._stake = pn.widgets.TextInput(name="Stake ($)", value="10.00", width=130)
        self._use_kelly = pn.widgets.Button(name="Use the Kelly stake", width=160, margin=(24, 5, 5, 5))
        self._place = pn.widgets.Button(name="Place bet", button_type="primary", width=130, margin=(24, 5, 5, 5))
        self._message = pn.Column(sizing_mode="stretch_width")
        self._settle_bet = pn.widgets.Select(name="Open bet", width=280)
        self._settle_result = pn.widgets.Select(
            name="Result", options=[FROM_SCORE, *book.RESULTS], value=FROM_SCORE, width=180
        )
        self._settle = pn.widgets.Button(name="Settle", button_type="warning", width=100, margin=(24, 5, 5, 5))
        self._settle_all = pn.widgets.Button(name="Settle every finished game", width=220, margin=(24, 5, 5, 5))
        self._place.on_click(self._on_place)
        self._use_kelly.on_click(self._on_use_kelly)
        self._settle.on_click(self._on_settle)
        self._settle_all.on_click(self._on_settle_all)
        self._game.param.watch(self._label_sides, "value")

    # --- writes (through the ledger's jobs) ---------------------------------------------------------------------

    def _done(self, text: str, kind: str = "success") -> None:
        data.ledger_changed()
        self._message.objects = [pn.pane.Alert(text, alert_type=kind, sizing_mode="stretch_width")]
        self.changed += 1

    def _failed(self, exc: Exception) -> None:
        self._message.objects = [error_banner(exc)]

    def _stake_cents(self) -> int:
        try:
            return dollars_to_cents(self._stake.value)
        except ValueError as exc:
            raise CourtsideError(f"stake: {exc}") from None

    def _on_place(self, _event) -> None:
        try:
            order = book.Order(self._game.value, self._selection.value, self._odds.value, self._stake_cents())
            placed = jobs.place_bet(order)
        except Exception as exc:
            return self._failed(exc)
        self._done(f"Bet {placed.bet_id} placed: {self._pick_label()} at {self._odds.value} for ${self._stake.value}.")

    def _on_use_kelly(self, _event) -> None:
        try:
            q = data.quote(self._game.value, self._selection.value, parse_american(self._odds.value))
        except Exception as exc:
            return self._failed(exc)
        if q.suggested_stake_cents > 0:
            self._stake.value = cents_to_dollars(q.suggested_stake_cents)

    def _on_settle(self, _event) -> None:
        if self._settle_bet.value is None:
            return
        result = None if self._settle_result.value == FROM_SCORE else self._settle_result.value
        try:
            settled = jobs.settle_bet(self._settle_bet.value, result)
        except Exception as exc:
            return self._failed(exc)
        self._done(f"Bet {settled.bet_id} settled {settled.status}: {money(settled.profit_cents)}.")

    def _on_settle_all(self, _event) -> None:
        try:
            out = jobs.settle_finished()
        except Exception as exc:
            return self._failed(exc)
        self._done(
            f"{len(out.settled)} bets settled from final scores ({money(out.profit_cents)}); "
            f"{out.open_bets} still open.",
            "info",
        )

    # --- the form -------------------------------------------------------------------------------------------------

    def _teams(self) -> tuple[str, str]:
        """(away, home) abbreviations of the chosen game, read off its label "AWAY at HOME (model: ...)"."""
        label = next((k for k, v in self._game.options.items() if v == self._game.value), "")
        away, _, home = label.partition(" (")[0].partition(" at ")
        return away, home

    def _pick_label(self) -> str:
        away, home = self._teams()
        return home if self._selection.value == "home" else away

    def _label_sides(self, _event=None) -> None:
        away, home = self._teams()
        if home:
            self._selection.options = {f"{home} (home)": "home", f"{away} (away)": "away"}

    def _fill_games(self) -> str | None:
        """The as-of day's games that have not tipped off; the reason when there are none."""
        day = data.as_of()
        preds = data.day_predictions(day)
        open_games = {
            f"{p.away_team_abbr} at {p.home_team_abbr} (model: {p.home_team_abbr} {pct(p.prob_home)})": p.game_id
            for p in preds.items
            if p.status == "scheduled"
        }
        if open_games != self._game.options:
            self._game.options = open_games
            if self._game.value not in open_games.values():
                self._game.value = next(iter(open_games.values()), None)
            self._label_sides()
        if open_games:
            return None
        return data.no_games_reason(day) if not preds.games else f"every game on {day} has tipped off"

    @param.depends("changed")
    @guarded
    def _form(self):
        why = self._fill_games()
        if why:
            return empty_state(f"nothing to bet on: {why}", "Bets are taken on games that have not tipped off.")
        return pn.Column(
            pn.FlexBox(self._game, self._odds, self._stake, flex_wrap="wrap"),
            self._selection,
            pn.panel(pn.bind(self._quote, self._game, self._selection, self._odds, self._stake)),
            pn.FlexBox(self._use_kelly, self._place, flex_wrap="wrap"),
            self._message,
            sizing_mode="stretch_width",
        )

    def _quote(self, *_):
        if not self._game.value:
            return None
        try:
            odds = parse_american(self._odds.value)
            q = data.quote(self._game.value, self._selection.value, odds)
        except Exception as exc:
            return error_banner(exc)
        if q.model_prob is None:
            return empty_state("the active model has no prediction for this game: no EV or Kelly stake to show")
        try:
            stake = self._stake_cents()
            on_stake = f" · on ${cents_to_dollars(stake)}: {money(int(float(q.expected_value) * stake))}"
        except CourtsideError:
            on_stake = ""
        tone = "good" if q.expected_value > 0 else "bad"
        return stat_row(
            stat("model's chance", pct(q.model_prob, 1), f"model {q.model_version}"),
            stat("expected value", f"{float(q.expected_value):+.3f}", f"per $1 staked{on_stake}", tone),
            stat(
                "suggested stake",
                money(q.suggested_stake_cents),
                "fractional Kelly on the bankroll" if q.suggested_stake_cents else "Kelly says: no bet at these odds",
            ),
        )

    # --- the views --------------------------------------------------------------------------------------------------

    @param.depends("changed")
    @guarded
    def _summary(self):
        s = data.bets_summary()
        parts = [
            stat_row(
                stat(
                    "bankroll",
                    money(s.bankroll_cents),
                    f"started at {money(s.start_bankroll_cents)}",
                    "good" if s.bankroll_cents >= s.start_bankroll_cents else "bad",
                ),
                stat(
                    "profit",
                    money(s.profit_cents),
                    f"on {money(s.staked_cents)} staked",
                    "good" if s.profit_cents >= 0 else "bad",
                ),
                stat("ROI", pct(s.roi, 1), "profit / staked"),
                stat("win rate", pct(s.win_rate, 1), f"{s.settled_bets} settled"),
                stat("open", str(s.open_bets), f"{money(s.open_exposure_cents)} at risk"),
                stat("max drawdown", money(s.max_drawdown_cents), "largest fall from a peak"),
            )
        ]
        return pn.Column(*parts, sizing_mode="stretch_width")

    @param.depends("changed")
    @guarded
    def _equity(self):
        points = data.equity_curve()
        if not points:
            return empty_state("no settled bet yet", "The curve starts with the first settlement.")
        frame = frame_of(points)
        start = data.bets_summary().start_bankroll_cents
        first = pd.DataFrame(
            [
                {
                    "settled_at": frame.settled_at.min(),
                    "bankroll_cents": start,
                    "bet_id": 0,
                    "status": "start",
                    "profit_cents": 0,
                    "game_id": "",
                }
            ]
        )
        frame = pd.concat([first, frame], ignore_index=True)
        frame["bankroll ($)"] = frame.bankroll_cents / 100  # display only; the ledger keeps cents
        frame["settlement"] = range(len(frame))
        kwargs = dict(x="settlement", y="bankroll ($)", hover_cols=["bet_id", "status", "settled_at"])
        chart = frame.hvplot.step(
            color="#17408B", height=260, responsive=True, toolbar=None, xlabel="settlements", where="post", **kwargs
        ) * frame.hvplot.scatter(color="#17408B", size=30, **kwargs)
        return pn.pane.HoloViews(chart, sizing_mode="stretch_width")

    @param.depends("changed")
    @guarded
    def _open(self):
        page = data.bets_page("open", 200, 0)
        self._settle_bet.options = {
            f"#{b.bet_id} {b.away_team_abbr} at {b.home_team_abbr}, {b.selection}": b.bet_id for b in page.items
        }
        settle_form = pn.FlexBox(
            self._settle_bet, self._settle_result, self._settle, self._settle_all, flex_wrap="wrap"
        )
        if not page.items:
            return pn.Column(empty_state("no open bets"), settle_form, sizing_mode="stretch_width")
        frame = bets_frame(page.items)
        return pn.Column(table(frame[LEDGER_COLUMNS], page_size=8), settle_form, sizing_mode="stretch_width")

    @param.depends("changed")
    @guarded
    def _settled(self):
        items = [b for b in data.bets_page(None, 200, 0).items if b.status != "open"]
        if not items:
            return empty_state("no settled bets yet")
        frame = bets_frame(items)
        return table(frame[[*LEDGER_COLUMNS, "status", "profit"]], page_size=10)

    def __panel__(self):
        return pn.Column(
            pn.panel(self._summary),
            pn.FlexBox(
                card("Place a bet", pn.panel(self._form), styles=FLEX_ITEM),
                card("Equity curve", pn.panel(self._equity), styles=FLEX_ITEM),
                flex_wrap="wrap",
                sizing_mode="stretch_width",
            ),
            card("Open bets", pn.panel(self._open)),
            card("Settled bets", pn.panel(self._settled)),
            sizing_mode="stretch_width",
        )
