"""Home: the day's games with win probabilities and why, the last daily run step by step, data freshness."""

from __future__ import annotations

import html

import panel as pn
import param

from app.dashboard import data
from app.dashboard.components import (
    GAME_CSS,
    card,
    empty_state,
    guarded,
    probability_bar,
    stat,
    stat_row,
)
from app.dashboard.pages import Page
from app.dashboard.words import feature_words
from app.services.predictions import GamePrediction

TOP_FACTORS = 3
GAME_TILE = {"flex": "1 1 360px", "max-width": "560px", "min-width": "0"}  # three across a laptop, one on a phone
RUN_TONE = {"succeeded": "good", "running": "warn"}
STEPS_CSS = """
.steps { border-collapse: collapse; width: 100%; font-size: .9em; }
.steps td { padding: 4px 8px; border-bottom: 1px solid rgba(127,127,127,.2); vertical-align: top; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 5px; background: #999; margin-top: 4px; }
.dot.good { background: #2e9d5b; } .dot.bad { background: #d64545; } .dot.warn { background: #d9a400; }
"""
STEP_TONE = {"succeeded": "good", "done_earlier": "good", "failed": "bad", "blocked": "warn", "running": "warn"}


def game_card(p: GamePrediction, names: dict[int, str]) -> pn.pane.HTML:
    home, away = p.home_team_abbr, p.away_team_abbr
    factors = "".join(
        f'<li class="{"for-home" if f.shap_value > 0 else "for-away"}">'
        f"{html.escape(feature_words(f.feature, home, away))} → favours {home if f.shap_value > 0 else away}</li>"
        for f in p.factors[:TOP_FACTORS]
    )
    outcome = ""
    if p.home_win is not None:
        right = p.home_win == (p.prob_home >= 0.5)
        outcome = f' <span class="badge {"right" if right else "wrong"}">{"called it" if right else "missed"}</span>'
    body = (
        f'<div class="game"><div class="teams"><span class="team">{away} <small>{names.get(p.away_team_id, "")}'
        f'</small></span><span class="meta">at</span><span class="team">{home} <small>'
        f"{names.get(p.home_team_id, '')}</small></span></div>"
        f"{probability_bar(away, home, p.prob_home)}"
        f'<div class="meta">pick <b>{p.predicted_winner_abbr}</b> · <span class="badge {p.confidence}">'
        f"{p.confidence} confidence</span>{outcome} · {p.status}"
        f"{' · in-sample' if p.in_sample else ''}</div>"
        f'<ul class="factors">{factors}</ul>'
        f'<a class="more" href="./match?game_id={p.game_id}">match deep dive →</a></div>'
    )
    return pn.pane.HTML(body, stylesheets=[GAME_CSS], styles=GAME_TILE)


class HomePage(Page):
    """The morning view: the as-of day's games (any day through the picker), the run that made them, freshness."""

    day = param.CalendarDate(default=None, doc="The day whose games are shown (default: the as-of date).")
    url_params = ("day",)

    def __init__(self, **params):
        super().__init__(**params)
        self._picker = pn.widgets.DatePicker(name="Day", width=160)
        self._picker.link(self, value="day", bidirectional=True)

    @param.depends("day")
    @guarded
    def _games(self):
        day = self.day or data.as_of()
        if self._picker.value != day:
            self._picker.value = day
        preds = data.day_predictions(day)
        if not preds.items:
            why = data.no_games_reason(day) if preds.games == 0 else preds.note
            return empty_state(why or f"no predictions for {day}", "Pick another day above.")
        names = data.team_names()
        cards = [game_card(p, names) for p in sorted(preds.items, key=lambda p: -abs(p.prob_home - 0.5))]
        header = pn.pane.Markdown(
            f"**{len(preds.items)} games on {day:%A %-d %B %Y}** · model `{preds.model_version}`"
            + (f" · {preds.note}" if preds.note else ""),
            margin=(0, 10),
        )
        return pn.Column(header, pn.FlexBox(*cards, flex_wrap="wrap", gap="10px"), sizing_mode="stretch_width")

    @guarded
    def _freshness(self):
        s = data.system_status()
        f, model = s.freshness, s.active_model
        return stat_row(
            stat("as of", str(data.as_of()), "snapshot" if not data.live() else "live"),
            stat("last final game", str(f.last_final_game_date or "–") if f else "–", "results loaded through"),
            stat(
                "last daily run",
                str(f.last_daily_run_date or "never") if f else "never",
                (f.last_daily_run_status or "") if f else "",
                RUN_TONE.get(f.last_daily_run_status if f else None, "bad"),
            ),
            stat(
                "active model",
                model.version if model else "none",
                f"{model.model_kind}, trained before {model.trained_before}" if model else "train and promote one",
                "" if model else "bad",
            ),
            stat(
                "seasons loaded",
                str(len(f.seasons)) if f else "0",
                f"{f.seasons[0]} … {f.seasons[-1]}" if f and f.seasons else "",
            ),
        )

    @guarded
    def _last_run(self):
        run = data.last_daily_run()
        if run is None:
            return empty_state("no daily run yet", "Run `courtside daily` (or `make run`) to load, build and predict.")
        rows = "".join(
            f"<tr><td><span class='dot {STEP_TONE.get(s.status, '')}'></span></td>"
            f"<td><b>{s.name}</b><br><small>{html.escape(s.title)}</small>"
            f"</td><td>{s.status.replace('_', ' ')}</td><td style='text-align:right'>"
            f"{'' if s.seconds is None else f'{s.seconds:.1f} s'}</td>"
            f"<td>{html.escape(s.error or s.summary or '')}</td></tr>"
            for s in run.steps
        )
        took = f", {(run.finished_at - run.started_at).total_seconds():.0f} s" if run.finished_at else ""
        return pn.Column(
            pn.pane.Markdown(f"**{run.run_date}** ({run.mode}): **{run.status}**{took}", margin=(0, 10)),
            pn.pane.HTML(
                f'<table class="steps">{rows}</table>',
                stylesheets=[STEPS_CSS],
                sizing_mode="stretch_width",
            ),
            sizing_mode="stretch_width",
        )

    def __panel__(self):
        return pn.Column(
            pn.panel(self._freshness),
            card("Games", pn.Row(self._picker), pn.panel(self._games)),
            card("Last daily run, step by step", pn.panel(self._last_run)),
            sizing_mode="stretch_width",
        )
