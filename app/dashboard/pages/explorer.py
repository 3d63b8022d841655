"""Raw data explorer: browse the raw and mart tables the read layer allows, a season and a page at a time."""

from __future__ import annotations

import pandas as pd
import panel as pn
import param

from app.dashboard import data
from app.dashboard.components import empty_state, guarded, table
from app.dashboard.pages import Page

PAGE_SIZE = 50
DEFAULT_TABLE = "marts.fct_games"
ALL = "all seasons"


class ExplorerPage(Page):
    """One allowed table at a time; rows come from the server a page at a time (never the whole table)."""

    table_name = param.String(default="", allow_None=True, doc="schema.table, one of the allow-list.")
    season = param.String(default=ALL, allow_None=True, doc="A loaded season, or all of them.")
    page = param.Integer(default=1, bounds=(1, None), doc="1-based page of PAGE_SIZE rows.")
    url_params = ("table_name", "season", "page")

    def __init__(self, **params):
        super().__init__(**params)
        names = data.table_names()
        if names and self.table_name not in names:
            self.table_name = DEFAULT_TABLE if DEFAULT_TABLE in names else names[0]
        self._table = pn.widgets.Select(name="Table", options=names, value=self.table_name, width=330)
        self._season = pn.widgets.Select(
            name="Season", options=[ALL, *data.seasons()[::-1]], value=self.season, width=150
        )
        self._prev = pn.widgets.Button(name="‹ Previous", width=110, margin=(24, 5, 5, 5))
        self._next = pn.widgets.Button(name="Next ›", width=110, margin=(24, 5, 5, 5))
        self._prev.on_click(lambda _: self.param.update(page=max(1, self.page - 1)))
        self._next.on_click(lambda _: self.param.update(page=self.page + 1))
        self._table.link(self, value="table_name", bidirectional=True)
        self._season.link(self, value="season", bidirectional=True)

    @param.depends("table_name", "season", "page")
    @guarded
    def _rows(self):
        if not self._table.options:
            return empty_state(
                "no browsable table yet", "The tables appear with the first load and build (`make run`)."
            )
        season = None if self.season in (ALL, None) else self.season
        offset = (self.page - 1) * PAGE_SIZE
        rows = data.table_rows(self.table_name, season, PAGE_SIZE, offset)
        last_page = max(1, -(-rows.total // PAGE_SIZE))
        if self.page > last_page:  # another table or season has fewer pages: show its last one
            self.page = last_page
            return None
        self._prev.disabled = self.page <= 1
        self._next.disabled = self.page >= last_page
        if not rows.rows:
            why = rows.note or f"{self.table_name} has no rows" + (f" in {season}" if season else "")
            return empty_state(why, "Pick another table or season.")
        shown = f"rows {offset + 1:,}–{offset + len(rows.rows):,} of {rows.total:,} · page {self.page} of {last_page}"
        frame = pd.DataFrame(rows.rows, columns=rows.columns)
        return pn.Column(
            pn.pane.Markdown(f"**{rows.table}** · {shown}", margin=(0, 10)),
            table(frame, pagination=None, height=560, frozen_columns=rows.columns[:1]),
            sizing_mode="stretch_width",
        )

    def __panel__(self):
        return pn.Column(
            pn.FlexBox(self._table, self._season, self._prev, self._next, flex_wrap="wrap"),
            pn.panel(self._rows),
            sizing_mode="stretch_width",
        )
