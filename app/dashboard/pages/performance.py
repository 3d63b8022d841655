"""Model performance: live scores over time, walk-forward comparisons with Elo and the market, calibration."""

from __future__ import annotations

import holoviews as hv
import hvplot.pandas  # noqa: F401  (registers .hvplot on DataFrames)
import pandas as pd
import panel as pn
import param

from app.dashboard import data
from app.dashboard.components import FLEX_ITEM, card, empty_state, frame_of, guarded, num, pct, stat, stat_row, table
from app.dashboard.pages import Page
from warehouse.seasons import season_of

FORECASTERS = {  # backtest model names in words, in the order the legend lists them
    "model": "our model",
    "elo": "Elo",
    "fivethirtyeight": "FiveThirtyEight",
    "market_moneyline": "market (moneyline)",
    "market_spread": "market (spread)",
    "home": "always the home team",
    "model_without_avail": "model without availability",
}
CHART_FORECASTERS = ("model", "elo", "market_moneyline", "home")
COLOURS = {"our model": "#17408B", "Elo": "#d9a400", "market (moneyline)": "#2e9d5b", "always the home team": "#999999"}
NO_BACKTEST = "Run `courtside backtest --season {season}` to compare the model with Elo and the market week by week."


class PerformancePage(Page):
    """How good the predictions are, for one season or all of them."""

    season = param.Selector(
        default=None, objects=[], allow_None=True, doc="The season scored (empty: the as-of season)."
    )
    url_params = ("season",)

    def __init__(self, **params):
        super().__init__(**params)
        seasons = data.seasons()
        self.param.season.objects = seasons
        wanted = self.season or season_of(data.as_of())
        self.season = wanted if wanted in seasons else (seasons[-1] if seasons else None)
        self._picker = pn.widgets.Select(name="Season", options=seasons[::-1], value=self.season, width=160)
        self._picker.link(self, value="season", bidirectional=True)

    @param.depends("season")
    @guarded
    def _content(self):
        if self.season is None:
            return empty_state("no season is loaded yet", "Run `make run` to load the bundled seasons.")
        perf = data.model_performance(self.season)
        weeks = data.backtest_weeks(self.season)
        return pn.Column(
            self._headline(perf),
            pn.FlexBox(
                card("Brier over the season against Elo and the market", self._over_time(weeks), styles=FLEX_ITEM),
                card("Live predictions week by week", self._live(perf), styles=FLEX_ITEM),
                flex_wrap="wrap",
                sizing_mode="stretch_width",
            ),
            pn.FlexBox(
                card(
                    "Reliability: when we say 70%, does it happen 70% of the time?",
                    self._reliability(perf),
                    styles=FLEX_ITEM,
                ),
                card("Per season, walk-forward backtests", self._seasons(), styles=FLEX_ITEM),
                flex_wrap="wrap",
                sizing_mode="stretch_width",
            ),
            sizing_mode="stretch_width",
        )

    def _headline(self, perf):
        o = perf.overall
        stats = [
            stat("scored live games", f"{o.games:,}", f"model {perf.model_version or '–'}"),
            stat("accuracy", pct(o.accuracy, 1), "picked the winner"),
            stat(
                "Brier",
                num(o.brier, 4),
                "lower is better; 0.25 = coin flip",
                "good" if o.brier is not None and o.brier < 0.25 else "",
            ),
            stat("log loss", num(o.log_loss, 4), "lower is better"),
        ]
        model = {c.model_name: c for c in perf.comparisons if c.season == self.season}
        if "model" in model and "elo" in model:
            better = model["model"].brier < model["elo"].brier
            stats.append(
                stat(
                    "backtest vs Elo",
                    f"{model['model'].brier - model['elo'].brier:+.4f}",
                    "Brier difference",
                    "good" if better else "bad",
                )
            )
        if "model" in model and "market_moneyline" in model:
            stats.append(
                stat(
                    "backtest vs market",
                    f"{model['model'].brier - model['market_moneyline'].brier:+.4f}",
                    "Brier difference (the market is hard to beat)",
                    "warn",
                )
            )
        parts = [stat_row(*stats)]
        if perf.note:
            parts.append(empty_state(perf.note))
        return pn.Column(*parts, sizing_mode="stretch_width")

    def _over_time(self, weeks):
        if not weeks:
            return empty_state(f"no backtest of {self.season} yet", NO_BACKTEST.format(season=self.season))
        frame = frame_of(weeks)
        frame = frame[frame.model_name.isin(CHART_FORECASTERS)].copy()
        frame["forecaster"] = frame.model_name.map(FORECASTERS)
        frame = frame.sort_values("week_start")
        # cumulative (games-weighted) Brier: week-to-week noise hides who is ahead
        frame["sq"] = frame.brier * frame.games
        grouped = frame.groupby("forecaster")
        frame["cumulative Brier"] = grouped.sq.cumsum() / grouped.games.cumsum()
        frame["hits"] = frame.accuracy * frame.games
        frame["cumulative accuracy"] = grouped.hits.cumsum() / grouped.games.cumsum()
        colours = [COLOURS[f] for f in sorted(frame.forecaster.unique())]
        brier = frame.hvplot.line(
            x="week_start",
            y="cumulative Brier",
            by="forecaster",
            color=colours,
            xlabel="",
            ylabel="Brier so far (lower is better)",
            height=280,
            responsive=True,
            hover_cols=["games"],
            toolbar=None,
            legend="bottom",
        )
        accuracy = frame.hvplot.line(
            x="week_start",
            y="cumulative accuracy",
            by="forecaster",
            color=colours,
            xlabel="",
            ylabel="accuracy so far",
            height=220,
            responsive=True,
            legend=False,
            toolbar=None,
        )
        return pn.Column(
            pn.pane.HoloViews(brier, sizing_mode="stretch_width"),
            pn.pane.HoloViews(accuracy, sizing_mode="stretch_width"),
            sizing_mode="stretch_width",
        )

    def _live(self, perf):
        if not perf.weekly and not perf.daily:
            return empty_state(
                "no scored live predictions in this season",
                "The daily run scores each prediction once its game is final.",
            )
        rows = perf.weekly if len(perf.weekly) > 1 else perf.daily
        grain = "week" if rows is perf.weekly else "day"
        frame = frame_of(rows)
        frame["period_start"] = pd.to_datetime(frame.period_start)
        parts = []
        if len(frame) > 1:  # one period is a number, not a trend: the table says it
            kwargs = dict(x="period_start", y="brier", color="#17408B", xlabel="", ylabel=f"Brier per {grain}")
            line = frame.hvplot.line(height=240, responsive=True, toolbar=None, ylim=(0, 0.4), **kwargs)
            points = frame.hvplot.scatter(hover_cols=["period", "games", "accuracy"], size=40, **kwargs)
            coin = hv.HLine(0.25).opts(color="#d64545", line_dash="dashed")
            parts += [
                pn.pane.HoloViews(line * points * coin, sizing_mode="stretch_width"),
                pn.pane.Markdown("Dashed line: a coin flip (0.25).", margin=(0, 10)),
            ]
        frame["accuracy"] = frame.accuracy.map(lambda v: pct(v, 1))
        frame["brier"] = frame.brier.map(lambda v: num(v, 4))
        parts.append(table(frame[["period", "games", "accuracy", "brier"]], page_size=8))
        return pn.Column(*parts, sizing_mode="stretch_width")

    def _reliability(self, perf):
        bins = [b for b in perf.calibration if b.games]
        if not bins:
            return empty_state("no scored live predictions to calibrate against")
        frame = frame_of(bins)
        frame["predicted"] = frame.mean_prob_home
        frame["observed"] = frame.observed_home_win_rate
        diagonal = hv.Curve([(0, 0), (1, 1)]).opts(color="#999", line_dash="dashed")
        frame["dot"] = frame.games.clip(upper=60) * 3 + 20
        points = frame.hvplot.scatter(
            x="predicted",
            y="observed",
            size="dot",
            color="#17408B",
            hover_cols=["games"],
            xlim=(0, 1),
            ylim=(0, 1),
            xlabel="predicted home win chance",
            ylabel="home teams that won",
            height=320,
            responsive=True,
            toolbar=None,
        )
        line = frame.hvplot.line(x="predicted", y="observed", color="#17408B")
        return pn.Column(
            pn.pane.HoloViews(diagonal * line * points, sizing_mode="stretch_width"),
            pn.pane.Markdown(
                f"{int(frame.games.sum())} scored live games in 10 bins; dot size = games. "
                "On the dashed line the probabilities mean what they say.",
                margin=(0, 10),
            ),
            sizing_mode="stretch_width",
        )

    def _seasons(self):
        rows = data.model_performance(None).comparisons
        if not rows:
            return empty_state("no walk-forward backtest yet", NO_BACKTEST.format(season=self.season))
        frame = frame_of(rows)
        wide = frame.pivot_table(index="season", columns="model_name", values="brier").reset_index()
        games = frame.groupby("season").games.max().rename("games").reset_index()
        wide = games.merge(wide, on="season")
        order = [name for name in FORECASTERS if name in wide.columns]
        wide = wide[["season", "games", *order]].rename(columns=FORECASTERS)
        for col in wide.columns[2:]:
            wide[col] = wide[col].round(4)
        return pn.Column(
            pn.pane.Markdown("Brier per forecaster on the same games (lower is better).", margin=(0, 10)),
            table(wide, page_size=10, frozen_columns=["season"]),
            sizing_mode="stretch_width",
        )

    def __panel__(self):
        return pn.Column(pn.Row(self._picker), pn.panel(self._content), sizing_mode="stretch_width")
