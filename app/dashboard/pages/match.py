"""Match deep dive: one game's prediction, the factors behind it, both teams' numbers, form and meetings."""

from __future__ import annotations

import math

import hvplot.pandas  # noqa: F401  (registers .hvplot on DataFrames)
import pandas as pd
import panel as pn
import param

from app.dashboard import data
from app.dashboard.components import FLEX_ITEM, GAME_CSS, card, empty_state, guarded, pct, probability_bar, table
from app.dashboard.pages import Page
from app.dashboard.words import feature_words, stat_words
from app.services.predictions import GamePrediction

HOME_COLOUR, AWAY_COLOUR = "#3b78d8", "#e0455f"
CHART_FACTORS = 12


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def factor_frame(p: GamePrediction) -> pd.DataFrame:
    """Each factor's push on the home team's win chance, in percentage points (SHAP values are log-odds)."""
    total = (p.base_value or 0.0) + sum(f.shap_value for f in p.factors)
    rows = []
    for f in sorted(p.factors, key=lambda f: f.rank)[:CHART_FACTORS]:
        points = 100 * (_sigmoid(total) - _sigmoid(total - f.shap_value))
        favours = p.home_team_abbr if f.shap_value > 0 else p.away_team_abbr
        value = "" if f.feature_value is None else f" = {f.feature_value:.3g}"
        rows.append(
            {
                "factor": feature_words(f.feature, p.home_team_abbr, p.away_team_abbr) + value,
                "points": round(points, 2),
                "favours": favours,
                "colour": HOME_COLOUR if f.shap_value > 0 else AWAY_COLOUR,
            }
        )
    return pd.DataFrame(rows).iloc[::-1]  # largest at the top of a horizontal bar chart


class MatchPage(Page):
    """Pick a game (by day), then see why the model leans the way it does."""

    day = param.CalendarDate(default=None, doc="The day whose games the picker lists.")
    game_id = param.String(default="", allow_None=True, doc="The game shown.")
    url_params = ("game_id",)

    def __init__(self, **params):
        params.setdefault("day", data.as_of())
        super().__init__(**params)
        self._day = pn.widgets.DatePicker(name="Day", value=self.day, width=160)
        self._game = pn.widgets.Select(name="Game", width=260)
        self._list_games()
        self._day.link(self, value="day", bidirectional=True)
        self._game.link(self, value="game_id", bidirectional=True)

    @param.depends("day", watch=True)
    def _list_games(self) -> None:
        """The picker lists the day's games; the chosen game stays when it is one of them."""
        options = {f"{m.away_team_abbr} at {m.home_team_abbr}": m.game_id for m in data.games_on(self.day).items}
        self._game.options = options
        if self.game_id not in options.values():
            self.game_id = next(iter(options.values()), None)
        self._game.value = self.game_id

    @param.depends("game_id", watch=True)
    def _follow_game(self) -> None:
        """A game from the address (or a link on Home): show its day in the pickers."""
        if self.game_id and self.game_id not in self._game.options.values():
            game = data.game(self.game_id)
            if game is not None:
                self.day = game.game_date

    @param.depends("game_id")
    @guarded
    def _content(self):
        if not self.game_id:
            return empty_state(data.no_games_reason(self.day), "Pick another day.")
        game = data.game(self.game_id)
        if game is None:
            return empty_state(f"no game {self.game_id} in the loaded data", "Pick a day and a game above.")
        prediction = data.game_prediction(self.game_id)
        names = data.team_names()
        return pn.Column(
            self._header(game, prediction, names),
            pn.FlexBox(
                card("Why the model leans this way", self._factors(prediction), styles=FLEX_ITEM),
                card("Recent form: net rating, last 10 games", self._form(game), styles=FLEX_ITEM),
                flex_wrap="wrap",
                sizing_mode="stretch_width",
            ),
            card("Context brief (every line cites a document published before tip-off)", self._context(game.game_id)),
            pn.FlexBox(
                card("Both teams before the game", self._features(game), styles=FLEX_ITEM),
                card("Head to head", self._meetings(game), styles=FLEX_ITEM),
                flex_wrap="wrap",
                sizing_mode="stretch_width",
            ),
            sizing_mode="stretch_width",
        )

    @guarded
    def _context(self, game_id: str):
        from app.dashboard.pages.intelligence import context_card

        return context_card(game_id)

    def _header(self, game, p: GamePrediction | None, names: dict[int, str]) -> pn.pane.HTML:
        home, away = game.home_team_abbr, game.away_team_abbr
        score = f" · final {away} {game.away_score} – {game.home_score} {home}" if game.home_score is not None else ""
        lines = [
            f'<div class="teams"><span class="team">{away} <small>{names.get(game.away_team_id, "")}</small></span>'
            f'<span class="meta">at</span><span class="team">{home} <small>{names.get(game.home_team_id, "")}'
            "</small></span></div>",
            f'<div class="meta">{game.game_date:%A %-d %B %Y} · {game.season} {game.game_type.replace("_", " ")}'
            f" · {game.status}{score}</div>",
        ]
        if p is None:
            lines.append(
                '<div class="meta">No stored prediction for this game (the daily run predicts each day).</div>'
            )
        else:
            lines += [
                probability_bar(away, home, p.prob_home),
                f'<div class="meta">pick <b>{p.predicted_winner_abbr}</b> ({pct(max(p.prob_home, p.prob_away))})'
                f' · <span class="badge {p.confidence}">{p.confidence} confidence</span> · model {p.model_version}'
                f"{' · in-sample' if p.in_sample else ''}</div>",
            ]
        return pn.pane.HTML(
            f'<div class="game">{"".join(lines)}</div>', stylesheets=[GAME_CSS], sizing_mode="stretch_width"
        )

    def _factors(self, p: GamePrediction | None):
        if p is None or not p.factors:
            return empty_state("no factors stored for this game", "Factors come with the game's prediction.")
        frame = factor_frame(p)
        chart = frame.hvplot.barh(
            x="factor",
            y="points",
            color="colour",
            hover_cols=["favours"],
            xlabel="",
            ylabel=f"{p.home_team_abbr} win chance, ± points",
            height=40 + 28 * len(frame),
            responsive=True,
            toolbar=None,
        )
        note = pn.pane.Markdown(
            f"Bars to the right raise **{p.home_team_abbr}**'s chance, to the left **{p.away_team_abbr}**'s. "
            "Each bar is what that one number moved the model's answer (SHAP).",
            margin=(0, 10),
        )
        return pn.Column(note, pn.pane.HoloViews(chart, sizing_mode="stretch_width"), sizing_mode="stretch_width")

    def _features(self, game):
        row = data.feature_row(game.game_id)
        if row is None:
            return empty_state("no feature row for this game", "The warehouse builds one per scheduled game.")
        frame = pd.DataFrame(
            {
                "stat": [stat_words(f.feature) for f in row.features],
                game.home_team_abbr: [f.home for f in row.features],
                game.away_team_abbr: [f.away for f in row.features],
                "difference": [f.diff for f in row.features],
            }
        )
        return table(frame.round(2), page_size=12, text_align={"stat": "left"})

    def _form(self, game):
        frames = []
        for team_id, abbr in ((game.home_team_id, game.home_team_abbr), (game.away_team_id, game.away_team_abbr)):
            games = data.recent_form(team_id, game.game_date)
            frames.append(
                pd.DataFrame(
                    {
                        "team": abbr,
                        "game": range(-len(games), 0),
                        "net rating": [g.net_rating for g in games],
                        "opponent": [("vs " if g.is_home else "at ") + g.opponent_abbr for g in games],
                        "result": [f"{'W' if g.is_win else 'L'} {g.points}-{g.opponent_points}" for g in games],
                    }
                )
            )
        form = pd.concat(frames, ignore_index=True)
        if form.empty:
            return empty_state("no earlier games for either team")
        records = " · ".join(
            f"**{abbr}** {(f['result'].str[0] == 'W').sum()}-{(f['result'].str[0] == 'L').sum()}"
            for abbr, f in form.groupby("team", sort=False)
        )
        chart = form.hvplot.line(
            x="game",
            y="net rating",
            by="team",
            hover_cols=["opponent", "result"],
            color=[HOME_COLOUR, AWAY_COLOUR],
            xlabel="games ago",
            xlim=(-10.5, -0.5),
            height=260,
            responsive=True,
            toolbar=None,
        ) * form.hvplot.scatter(
            x="game", y="net rating", by="team", color=[HOME_COLOUR, AWAY_COLOUR], size=30, height=260, responsive=True
        )
        return pn.Column(
            pn.pane.Markdown(f"Last 10: {records}", margin=(0, 10)),
            pn.pane.HoloViews(chart, sizing_mode="stretch_width"),
            sizing_mode="stretch_width",
        )

    def _meetings(self, game):
        meetings = data.head_to_head(game.home_team_id, game.away_team_id, game.game_date)
        if not meetings:
            return empty_state(f"{game.home_team_abbr} and {game.away_team_abbr} have not met in the loaded seasons")
        home = game.home_team_abbr
        wins = sum((m.home_team_abbr == home) == bool(m.home_win) for m in meetings)
        frame = pd.DataFrame(
            {
                "date": [m.game_date for m in meetings],
                "season": [m.season for m in meetings],
                "game": [f"{m.away_team_abbr} {m.away_score} at {m.home_team_abbr} {m.home_score}" for m in meetings],
                "winner": [m.home_team_abbr if m.home_win else m.away_team_abbr for m in meetings],
            }
        )
        return pn.Column(
            pn.pane.Markdown(
                f"Last {len(meetings)} meetings: **{game.home_team_abbr}** {wins}, "
                f"**{game.away_team_abbr}** {len(meetings) - wins}",
                margin=(0, 10),
            ),
            table(frame, page_size=10),
            sizing_mode="stretch_width",
        )

    def __panel__(self):
        return pn.Column(
            pn.FlexBox(self._day, self._game, flex_wrap="wrap"),
            pn.panel(self._content),
            sizing_mode="stretch_width",
        )
