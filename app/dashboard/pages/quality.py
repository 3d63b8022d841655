"""Data quality: is the data complete, fresh, consistent and tested, and did the last runs succeed?"""

from __future__ import annotations

import pandas as pd
import panel as pn
import param

from app.dashboard import data
from app.dashboard.components import FLEX_ITEM, card, empty_state, frame_of, guarded, stat, stat_row, table
from app.dashboard.pages import Page

ALL = "all seasons"
GOOD, BAD, WARN = "background-color: rgba(46,157,91,.22)", "background-color: rgba(214,69,69,.25)", ""
MAX_NULL_RATE = 0.05  # a column missing more than this share of its values is flagged
MIN_COVERAGE = 0.99  # a table with fewer rows than this share of the season's games is flagged


def _tone(ok: bool | None) -> str:
    return WARN if ok is None else GOOD if ok else BAD


def coloured(frame: pd.DataFrame, rules: dict[str, callable]) -> pn.widgets.Tabulator:
    """A table whose cells named in ``rules`` are green when their rule holds, red when not."""
    widget = table(frame, page_size=12)
    for column, rule in rules.items():
        widget.style.map(lambda v, rule=rule: _tone(None if v is None or pd.isna(v) else rule(v)), subset=[column])
    return widget


class QualityPage(Page):
    season = param.String(default=ALL, allow_None=True, doc="A loaded season, or all of them.")
    url_params = ("season",)

    def __init__(self, **params):
        super().__init__(**params)
        seasons = [ALL, *data.seasons()[::-1]]
        self._season = pn.widgets.Select(name="Season", options=seasons, value=self.season, width=150)
        self._season.link(self, value="season", bidirectional=True)

    @param.depends("season")
    @guarded
    def _content(self):
        q = data.quality_overview(None if self.season in (ALL, None) else self.season)
        if q.note and not (q.completeness or q.freshness):
            return empty_state(q.note)
        return pn.Column(
            self._headline(q),
            pn.FlexBox(
                card("Completeness (rows per game, worst missing share)", self._completeness(q), styles=FLEX_ITEM),
                card("Freshness of each source", self._freshness(q), styles=FLEX_ITEM),
                flex_wrap="wrap",
                sizing_mode="stretch_width",
            ),
            pn.FlexBox(
                card("dbt tests in the latest build", self._tests(q), styles=FLEX_ITEM),
                card("Reconciliation with the league's own totals", self._reconciliation(q), styles=FLEX_ITEM),
                flex_wrap="wrap",
                sizing_mode="stretch_width",
            ),
            card("Recent runs", self._runs(q)),
            sizing_mode="stretch_width",
        )

    def _headline(self, q):
        tests = q.dbt_tests
        stale = sum(f.is_fresh is False for f in q.freshness)
        failed_checks = sum(not r.passed for r in q.reconciliation)
        failed_runs = sum(r.status not in ("succeeded", "running") for r in q.recent_runs)
        gaps = sum(
            (c.game_coverage is not None and c.game_coverage < MIN_COVERAGE) or (c.worst_null_rate or 0) > MAX_NULL_RATE
            for c in q.completeness
        )
        return stat_row(
            stat(
                "dbt tests",
                f"{tests.passed}/{tests.tests}" if tests else "–",
                "passed in the latest build",
                "good" if tests and not tests.failed else "bad",
            ),
            stat(
                "reconciliation",
                f"{len(q.reconciliation) - failed_checks}/{len(q.reconciliation)}",
                "checks that agree",
                "good" if not failed_checks else "bad",
            ),
            stat(
                "sources",
                f"{len(q.freshness) - stale}/{len(q.freshness)}",
                "fresh enough",
                "good" if not stale else "warn",
            ),
            stat(
                "completeness",
                f"{len(q.completeness) - gaps}/{len(q.completeness)}",
                "tables × seasons complete",
                "good" if not gaps else "warn",
            ),
            stat(
                "recent runs",
                f"{len(q.recent_runs) - failed_runs}/{len(q.recent_runs)}",
                "succeeded",
                "good" if not failed_runs else "bad",
            ),
        )

    def _completeness(self, q):
        if not q.completeness:
            return empty_state("no completeness rows for this season")
        frame = frame_of(q.completeness)
        frame = frame[["season", "table_name", "row_count", "game_coverage", "worst_null_rate", "columns_checked"]]
        frame[["game_coverage", "worst_null_rate"]] = frame[["game_coverage", "worst_null_rate"]].round(3)
        return coloured(
            frame, {"game_coverage": lambda v: v >= MIN_COVERAGE, "worst_null_rate": lambda v: v <= MAX_NULL_RATE}
        )

    def _freshness(self, q):
        if not q.freshness:
            return empty_state("no source has loaded yet")
        frame = frame_of(q.freshness)
        frame["hours_since_load"] = frame.hours_since_load.round(1)
        frame["last_loaded_at"] = frame.last_loaded_at.astype(str).str[:16]
        return coloured(frame, {"is_fresh": bool})

    def _tests(self, q):
        if q.dbt_tests is None or not q.dbt_tests.tests:
            return empty_state("no dbt build recorded yet", "`courtside build` runs the models and their tests.")
        if not q.failed_tests:
            return pn.pane.Alert(
                f"All {q.dbt_tests.tests} tests passed in the build of {q.dbt_tests.loaded_at:%Y-%m-%d %H:%M} UTC.",
                alert_type="success",
                sizing_mode="stretch_width",
            )
        frame = frame_of(q.failed_tests)
        return pn.Column(
            pn.pane.Alert(
                f"{len(q.failed_tests)} of {q.dbt_tests.tests} tests failed.",
                alert_type="danger",
                sizing_mode="stretch_width",
            ),
            table(frame),
            sizing_mode="stretch_width",
        )

    def _reconciliation(self, q):
        if not q.reconciliation:
            return empty_state("no reconciliation checks for this season")
        frame = frame_of(q.reconciliation)
        return coloured(frame, {"passed": bool, "failed_rows": lambda v: v == 0})

    def _runs(self, q):
        if not q.recent_runs:
            return empty_state("nothing has run yet", "`courtside daily` runs the morning.")
        frame = frame_of(q.recent_runs)
        frame["started_at"] = frame.started_at.astype(str).str[:19]
        frame["duration_seconds"] = frame.duration_seconds.round(1)
        frame = frame.drop(columns=["finished_at"])
        return coloured(frame, {"status": lambda v: v in ("succeeded", "running")})

    def __panel__(self):
        return pn.Column(pn.Row(self._season), pn.panel(self._content), sizing_mode="stretch_width")
