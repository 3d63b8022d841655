"""MLOps: escalation, alerts with what to do, the trend of daily snapshots, drift, the retrain policy and jobs."""

from __future__ import annotations

import hvplot.pandas  # noqa: F401  (registers .hvplot on DataFrames)
import pandas as pd
import panel as pn
import param

from app.dashboard import data
from app.dashboard.components import FLEX_ITEM, card, empty_state, guarded, num, pct, stat, stat_row, table
from app.dashboard.pages import Page

STATE_TONE = {"none": "good", "active": "", "watch": "warn", "incident": "bad"}
SEVERITY_ALERT = {"info": "info", "warning": "warning", "critical": "danger"}
RUNBOOKS = "Runbooks: docs/runbooks/incident.md and docs/runbooks/retrain.md."


def _lines(frame: pd.DataFrame, columns: list[str], label: str, ylim: tuple[float, float]):
    style = {"x": "as_of", "y": columns, "xlabel": "", "ylabel": label, "ylim": ylim, "height": 240}
    lines = frame.hvplot.line(**style, responsive=True, toolbar=None, legend="bottom_left")
    points = frame.hvplot.scatter(**style, responsive=True, toolbar=None, legend=False, size=30)
    return (lines * points).opts(padding=0.05)  # the newest morning's marker sits inside the frame


class MlopsPage(Page):
    """Is the model still good, are its inputs what it learned from, and should it be retrained."""

    days = param.Integer(default=60, bounds=(1, 3650), doc="Days of snapshots in the trend.")
    url_params = ("days",)

    def __init__(self, **params):
        super().__init__(**params)
        self._days = pn.widgets.IntInput(label="Trend days", start=1, end=3650, width=120)
        self._days.link(self, value="days", bidirectional=True)
        self._days.value = self.days

    @guarded
    def _now(self):
        snap = data.mlops_snapshot()
        w30 = snap.performance["30d"]
        head = stat_row(
            stat("escalation", snap.escalation, f"morning {snap.as_of}", STATE_TONE[snap.escalation]),
            stat("model", snap.model_version or "–", f"trained on games before {snap.trained_before or '–'}"),
            stat("evaluated live games", f"{snap.evaluated_games:,}", "out-of-sample, finished"),
            stat("accuracy, 30 days", pct(w30["accuracy"], 1), f"Elo {pct(w30['elo']['accuracy'], 1)}"),
            stat("Brier, 30 days", num(w30["brier"], 4), f"Elo {num(w30['elo']['brier'], 4)}"),
        )
        alerts = [
            pn.pane.Alert(
                f"**{a.severity}: {a.code}**: {a.message}<br>What to do: {a.recommended_action}",
                alert_type=SEVERITY_ALERT[a.severity],
                sizing_mode="stretch_width",
            )
            for a in snap.alerts
        ] or [empty_state("no alerts this morning")]
        return pn.Column(head, card("Alerts", *alerts, pn.pane.Markdown(RUNBOOKS)), sizing_mode="stretch_width")

    @param.depends("days")
    @guarded
    def _trend(self):
        points = data.mlops_trend(self.days)
        if not points:
            return empty_state("no monitoring snapshots yet", "The daily run stores one every morning (`make run`).")
        frame = pd.DataFrame([p.__dict__ for p in points])
        frame["as_of"] = pd.to_datetime(frame.as_of)
        # markers as well as lines: the first mornings have a single value, and a line needs two
        accuracy = _lines(frame, ["accuracy_7d", "accuracy_30d"], "accuracy", (0, 1))
        brier_top = max(0.3, float(frame[["brier_30d", "elo_brier_30d", "brier_season"]].max().max() or 0) * 1.1)
        brier = _lines(frame, ["brier_30d", "elo_brier_30d", "brier_season"], "Brier (lower is better)", (0, brier_top))
        states = frame[["as_of", "escalation", "alerts", "critical", "evaluated_games", "max_psi", "max_psi_feature"]]
        states = states.assign(as_of=states.as_of.dt.date.astype(str), max_psi=states.max_psi.map(lambda v: num(v, 2)))
        return pn.FlexBox(
            card(
                "Accuracy, rolling 7 and 30 days",
                pn.pane.HoloViews(accuracy, sizing_mode="stretch_width"),
                styles=FLEX_ITEM,
            ),
            card(
                "Brier: 30 days, Elo on the same games, season so far",
                pn.pane.HoloViews(brier, sizing_mode="stretch_width"),
                styles=FLEX_ITEM,
            ),
            card("Escalation by morning", table(states.iloc[::-1], page_size=10), styles=FLEX_ITEM),
            flex_wrap="wrap",
            sizing_mode="stretch_width",
        )

    @guarded
    def _drift(self):
        snap = data.mlops_snapshot()
        if snap.drift is None or not snap.drift.features:
            return empty_state("no live feature values to compare yet")
        frame = pd.DataFrame({"feature": list(snap.drift.features), "psi": list(snap.drift.features.values())})
        top = frame.head(20).iloc[::-1]
        bars = top.hvplot.barh(x="feature", y="psi", height=420, responsive=True, color="#17408B", toolbar=None)
        return pn.Column(
            pn.pane.Markdown(
                f"PSI of each model feature over {snap.drift.games} live games ({snap.drift.window[0]} .."
                f" {snap.drift.window[1]}) against the active model's training games: < 0.10 stable, 0.10-0.25"
                " moderate, > 0.25 shifted. `*_games_played` follow the calendar and never alert.",
                margin=(0, 10),
            ),
            pn.pane.HoloViews(bars, sizing_mode="stretch_width"),
            sizing_mode="stretch_width",
        )

    @guarded
    def _policy(self):
        d = data.retrain_decision()
        lines = [f"**{d.action.upper()}** for {d.as_of} ({d.new_games} evaluated games since the model's cutoff)"]
        lines += [f"- {r.code}: {r.detail}" for r in d.reasons]
        if d.held_by:
            lines.append(f"- held: {d.held_by}")
        jobs = data.retrain_jobs()
        rows = pd.DataFrame(
            [
                {
                    "job": j.job_id,
                    "status": j.status,
                    "morning": str(j.as_of),
                    "by": j.requested_by,
                    "attempts": j.attempts,
                    "outcome": j.outcome or "",
                    "candidate": j.candidate_version or "",
                    "error": (j.error or "")[:80],
                }
                for j in jobs
            ]
        )
        return pn.FlexBox(
            card("Retrain policy (dry run)", pn.pane.Markdown("\n".join(lines)), styles=FLEX_ITEM),
            card(
                "Retrain jobs",
                table(rows, page_size=10) if len(rows) else empty_state("no retrain jobs yet"),
                styles=FLEX_ITEM,
            ),
            flex_wrap="wrap",
            sizing_mode="stretch_width",
        )

    def __panel__(self):
        return pn.Column(
            pn.panel(self._now, defer_load=True),
            pn.Row(self._days),
            pn.panel(self._trend, defer_load=True),
            pn.FlexBox(
                card("Feature drift", pn.panel(self._drift, defer_load=True), styles=FLEX_ITEM),
                flex_wrap="wrap",
                sizing_mode="stretch_width",
            ),
            pn.panel(self._policy, defer_load=True),
            sizing_mode="stretch_width",
        )
