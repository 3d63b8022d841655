"""Intelligence: the day's grounded briefs (sortable, filterable), one game's citations and risk chips,
a question box answered from the game's context only, and the news feeds' health."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
import panel as pn
import param

from app.dashboard import data
from app.dashboard.components import FLEX_ITEM, card, empty_state, frame_of, guarded, stat, stat_row, table
from app.dashboard.pages import Page

STALE, NOISY = "background-color: rgba(217,164,0,.25)", "background-color: rgba(214,69,69,.22)"
CHIP_CSS = """
.chip { display: inline-block; margin: 2px 4px 2px 0; padding: 2px 10px; border-radius: 12px; font-size: .8em;
        font-weight: 600; border: 1px solid currentColor; }
.chip.injury_severity, .chip.conflicting_reports { color: #d64545; }
.chip.back_to_back, .chip.third_in_four, .chip.long_travel { color: #d9a400; }
.chip.stale_context { color: #888; }
.band { font-weight: 700; } .band.high { color: #2e9d5b; }
.band.medium { color: #d9a400; } .band.low { color: #d64545; }
"""


def board_frame(briefs) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "game_id": b.game_id,
                "game": f"{b.away} at {b.home}",
                "band": b.confidence_band,
                "risks": ", ".join(sorted({r.code for r in b.brief.risk_signals})),
                "insights": len(b.brief.insights),
                "out (home)": len(b.out.get(b.home, [])),
                "out (away)": len(b.out.get(b.away, [])),
                "stale citations": sum(c.stale for c in b.brief.citations),
                "noisy citations": sum(c.noisy for c in b.brief.citations),
                "provider": b.provider,
                "audit_id": b.audit_id,
            }
            for b in briefs
        ]
    )


def risk_chips(brief) -> pn.pane.HTML:
    chips = "".join(
        f'<span class="chip {html.escape(r.code)}" title="{html.escape(r.detail)}">'
        f"{html.escape(r.code.replace('_', ' '))}{' · ' + html.escape(r.team) if r.team else ''}</span>"
        for r in brief.brief.risk_signals
    )
    band = f'<span class="band {brief.confidence_band}">confidence band: {brief.confidence_band}</span>'
    return pn.pane.HTML(f"{band}<br>{chips or 'no risk signal'}", stylesheets=[CHIP_CSS], sizing_mode="stretch_width")


def citation_inspector(brief) -> pn.widgets.Tabulator:
    frame = frame_of(brief.brief.citations)[
        ["n", "kind", "source", "title", "published_at", "freshness_hours", "stale", "noisy", "url"]
    ]
    widget = table(frame, page_size=15)
    widget.style.apply(lambda row: [STALE if row.stale else NOISY if row.noisy else "" for _ in row], axis=1)
    return widget


def ask_box(game_of: Callable[[], str | None]) -> pn.Column:
    """A question box answered from one game's retrieved context only (``game_of`` names the game at ask time)."""
    question = pn.widgets.TextInput(name="Ask about this game", placeholder="Is anyone out?")
    button = pn.widgets.Button(name="Ask", button_type="primary", width=80, align="end")
    answer = pn.pane.Markdown("", sizing_mode="stretch_width")

    def on_ask(_event):
        game_id = game_of()
        if not game_id:
            answer.object = "_no game to ask about_"
            return
        try:
            result = data.ask_about_game(game_id, question.value)
        except Exception as exc:  # a bad question is said in words, like every other failure here
            answer.object = f"**Could not answer:** {exc}"
            return
        sources = "\n".join(
            f"- [{c['n']}] {c['source']}: {c['title']} ({c['published_at'][:16]})" for c in result.citations
        )
        answer.object = f"{result.answer}\n\n{sources}"

    button.on_click(on_ask)
    return pn.Column(pn.Row(question, button), answer, sizing_mode="stretch_width")


def context_card(game_id: str) -> pn.Column:
    """The match deep dive's brief: summary, risk chips and insights with citations, and the ask box."""
    brief = data.game_intelligence(game_id)
    insights = "\n".join(f"- {i.text}" for i in brief.brief.insights[:6])
    sources = "\n".join(
        f"- [{c.n}] {c.source}: {c.title}" + (" (stale)" if c.stale else "") for c in brief.brief.citations
    )
    return pn.Column(
        pn.pane.Markdown(f"{brief.brief.summary}\n\n{insights}", sizing_mode="stretch_width"),
        risk_chips(brief),
        pn.pane.Markdown(f"<small>\n\n{sources}\n\n</small>", sizing_mode="stretch_width"),
        pn.pane.HTML(f'<a class="more" href="./intelligence?game_id={html.escape(game_id)}">all citations →</a>'),
        ask_box(lambda: game_id),
        sizing_mode="stretch_width",
    )


class IntelligencePage(Page):
    day = param.CalendarDate(default=None, doc="The day whose briefs are shown (default: the as-of date).")
    game_id = param.String(default=None, allow_None=True, doc="The game whose brief is inspected.")
    url_params = ("day", "game_id")

    def __init__(self, **params):
        super().__init__(**params)
        self._picker = pn.widgets.DatePicker(name="Day", width=160)
        self._picker.link(self, value="day", bidirectional=True)
        self._ask = ask_box(self._selected_game)

    def _board(self):
        day = self.day or data.as_of()
        if self._picker.value != day:
            self._picker.value = day
        return data.intelligence_board(day)

    @param.depends("day")
    @guarded
    def _table(self):
        board = self._board()
        if not board.briefs:
            return empty_state(board.note or "no briefs", "Pick another day above.")
        frame = board_frame(board.briefs)
        widget = table(frame, page_size=15, header_filters=True, selectable=1)
        widget.style.map(lambda v: STALE if v else "", subset=["stale citations"])
        widget.style.map(lambda v: NOISY if v else "", subset=["noisy citations"])

        def pick(event):
            if event.new:
                self.game_id = frame.iloc[event.new[0]]["game_id"]

        widget.param.watch(pick, "selection")
        low = sum(b.confidence_band == "low" for b in board.briefs)
        stale = sum(c.stale for b in board.briefs for c in b.brief.citations)
        return pn.Column(
            stat_row(
                stat("games", str(len(board.briefs)), f"on {board.day}"),
                stat("low confidence band", str(low), "rules widen the uncertainty", "warn" if low else "good"),
                stat("stale citations", str(stale), "older than their kind's freshness", "warn" if stale else "good"),
            ),
            widget,
            sizing_mode="stretch_width",
        )

    @param.depends("day", "game_id")
    @guarded
    def _detail(self):
        board = self._board()
        brief = next((b for b in board.briefs if b.game_id == self.game_id), board.briefs[0] if board.briefs else None)
        if brief is None:
            return empty_state("no game selected")
        prob = brief.prediction["prob_home"] if brief.prediction else None
        head = (
            f"### {brief.away} at {brief.home} · {brief.game_date}\n"
            + (f"Model P({brief.home} wins) **{prob:.1%}** (unchanged by the rules) · " if prob is not None else "")
            + f"as of {brief.as_of[:16]} UTC · {brief.provider}"
            + (f" ({brief.fallback_reason})" if brief.fallback_reason else "")
            + f" · audit {brief.audit_id}\n\n{brief.brief.summary}"
        )
        insights = "\n".join(f"- {i.text}" for i in brief.brief.insights)
        rules = "\n".join(f"- `{f['rule']}` {f['team'] or ''}: {f['detail']}" for f in brief.rules_fired)
        return pn.Column(
            pn.pane.Markdown(head, sizing_mode="stretch_width"),
            risk_chips(brief),
            pn.FlexBox(
                card("Insights", pn.pane.Markdown(insights or "none"), styles=FLEX_ITEM),
                card("Rules fired", pn.pane.Markdown(rules or "none"), styles=FLEX_ITEM),
                flex_wrap="wrap",
                sizing_mode="stretch_width",
            ),
            card("Citations (stale in amber, noisy in red)", citation_inspector(brief)),
            sizing_mode="stretch_width",
        )

    def _selected_game(self) -> str | None:
        board = self._board()
        return self.game_id or (board.briefs[0].game_id if board.briefs else None)

    @param.depends("day")
    @guarded
    def _feeds(self):
        feeds = self._board().feeds
        if not feeds:
            return empty_state("no news feed loaded yet")
        frame = frame_of(feeds)
        widget = table(frame, page_size=10)
        widget.style.map(lambda v: "" if v in ("ok", "snapshot") else NOISY, subset=["status"])
        return widget

    def __panel__(self):
        return pn.Column(
            pn.Row(self._picker),
            pn.panel(self._table, defer_load=True),
            card("Brief", pn.panel(self._detail, defer_load=True), self._ask),
            card("News feed health", pn.panel(self._feeds, defer_load=True)),
            sizing_mode="stretch_width",
        )
