"""Pieces every page shares: states (loading, empty, error), cards, number formats, tables."""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pandas as pd
import panel as pn

from warehouse.errors import CourtsideError, DatabaseUnavailable

log = logging.getLogger(__name__)


def error_banner(exc: Exception) -> pn.pane.Alert:
    """What went wrong in words, never a traceback."""
    if isinstance(exc, DatabaseUnavailable):
        text = (
            "**The database is not reachable.** The dashboard shows data again as soon as it answers "
            f"(start it with `courtside db start`).<br><small>{exc}</small>"
        )
    elif isinstance(exc, CourtsideError):
        text = f"**Could not load this view:** {exc}"
    else:
        text = "**Something went wrong loading this view.** The details are in the server log."
    return pn.pane.Alert(text, alert_type="danger", sizing_mode="stretch_width", css_classes=["error-banner"])


def guarded(render: Callable[..., Any]) -> Callable[..., Any]:
    """A page section that turns a failed data call into the error banner instead of a traceback."""

    @functools.wraps(render)
    def wrapper(*args, **kwargs):
        try:
            return render(*args, **kwargs)
        except Exception as exc:  # shown to the user as a banner; unexpected ones also logged
            if not isinstance(exc, CourtsideError):
                log.exception("dashboard view failed")
            return error_banner(exc)

    return wrapper


def empty_state(why: str, hint: str = "") -> pn.pane.Alert:
    """An empty result that says why it is empty (and, when there is one, what to do)."""
    body = f"**{why}**" + (f"<br>{hint}" if hint else "")
    return pn.pane.Alert(body, alert_type="secondary", sizing_mode="stretch_width", css_classes=["empty-state"])


FLEX_ITEM = {"flex": "1 1 440px", "min-width": "0"}  # side by side when there is room, stacked on a phone


def card(title: str, *objects: Any, **kwargs: Any) -> pn.Card:
    kwargs.setdefault("sizing_mode", "stretch_width")
    return pn.Card(*objects, title=title, collapsible=False, margin=(8, 4), **kwargs)


STAT_CSS = """
.stat { padding: 8px 14px; border-radius: 10px; border: 1px solid rgba(127,127,127,.3); min-width: 120px; }
.stat-value { font-size: 1.4em; font-weight: 700; line-height: 1.2; }
.stat-label { font-size: .85em; opacity: .85; }
.stat-note { font-size: .75em; opacity: .7; }
.stat.good { border-color: #2e9d5b; background: rgba(46,157,91,.12); }
.stat.bad { border-color: #d64545; background: rgba(214,69,69,.12); }
.stat.warn { border-color: #d9a400; background: rgba(217,164,0,.12); }
@media (max-width: 700px) { .stat { min-width: 96px; padding: 6px 10px; } .stat-value { font-size: 1.1em; } }
"""


def stat(label: str, value: str, note: str = "", tone: str = "") -> pn.pane.HTML:
    """A headline number with its label (tone: good | bad | '' colours it)."""
    return pn.pane.HTML(
        f'<div class="stat {tone}"><div class="stat-value">{value}</div>'
        f'<div class="stat-label">{label}</div><div class="stat-note">{note}</div></div>',
        margin=(4, 6),
        stylesheets=[STAT_CSS],
    )


def stat_row(*stats: pn.pane.HTML) -> pn.FlexBox:
    return pn.FlexBox(*stats, sizing_mode="stretch_width", flex_wrap="wrap")


TABLE_CSS = """
.tabulator, .tabulator .tabulator-cell, .tabulator .tabulator-col-title { font-size: 13px !important; }
.tabulator .tabulator-cell { padding: 4px 8px !important; }
"""


def table(frame: pd.DataFrame, **kwargs: Any) -> pn.widgets.Tabulator:
    """A read-only Tabulator that fits its container (scrolls inside itself on a phone)."""
    ids = [c for c in frame.columns if str(c).endswith("_id") and pd.api.types.is_numeric_dtype(frame[c])]
    if ids:  # identifiers are labels, not quantities: no thousands separators
        frame = frame.astype({c: "string" for c in ids})
    kwargs.setdefault("page_size", 15)
    kwargs.setdefault("pagination", "local" if len(frame) > kwargs["page_size"] else None)
    kwargs.setdefault("show_index", False)
    kwargs.setdefault("disabled", True)
    kwargs.setdefault("layout", "fit_data_table")
    kwargs.setdefault("titles", {c: str(c).replace("_", " ") for c in frame.columns})
    kwargs.setdefault("stylesheets", [TABLE_CSS])
    return pn.widgets.Tabulator(frame, sizing_mode="stretch_width", **kwargs)


def frame_of(rows: list[Any]) -> pd.DataFrame:
    """Read-layer dataclasses as a frame; exact decimals become floats (for display only: never summed back)."""
    frame = pd.DataFrame([dataclasses.asdict(r) for r in rows])
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, Decimal)).any():
            frame[column] = frame[column].map(lambda v: float(v) if isinstance(v, Decimal) else v)
    return frame


def pct(value: float | None, digits: int = 0) -> str:
    return "–" if value is None or pd.isna(value) else f"{100 * float(value):.{digits}f}%"


def num(value: float | None, digits: int = 3) -> str:
    return "–" if value is None or pd.isna(value) else f"{float(value):.{digits}f}"


def money(cents: int | None) -> str:
    """Integer cents as dollars with thousands separators: 101136 -> "$1,011.36" (no float on the way)."""
    if cents is None:
        return "–"
    sign = "-" if cents < 0 else ""
    return f"{sign}${abs(cents) // 100:,}.{abs(cents) % 100:02d}"


GAME_CSS = """
.game { border: 1px solid rgba(127,127,127,.3); border-radius: 12px; padding: 10px 14px; }
.teams { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; flex-wrap: wrap; }
.team { font-weight: 700; font-size: 1.05em; }
.team small { font-weight: 400; opacity: .75; }
.meta { font-size: .8em; opacity: .75; }
.bar { display: flex; height: 22px; border-radius: 6px; overflow: hidden; margin: 6px 0 4px;
       font-size: .8em; font-weight: 700; color: #fff; }
.bar div { display: flex; align-items: center; padding: 0 6px; white-space: nowrap; }
.bar .away { background: #C9082A; }
.bar .home { background: #17408B; justify-content: flex-end; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: .75em; font-weight: 600;
         border: 1px solid currentColor; }
.badge.high { color: #2e9d5b; } .badge.medium { color: #d9a400; } .badge.low { color: #888; }
.badge.right { color: #2e9d5b; } .badge.wrong { color: #d64545; }
.factors { margin: 4px 0 0; padding-left: 18px; font-size: .85em; }
.factors .for-home { color: #3b78d8; } .factors .for-away { color: #e0455f; }
a.more { font-size: .85em; }
"""


def probability_bar(away: str, home: str, prob_home: float) -> str:
    """Two segments, away (left) and home (right), sized by their win probabilities."""
    home_pct = round(100 * prob_home)
    return (
        f'<div class="bar" title="{away} {100 - home_pct}% / {home} {home_pct}%">'
        f'<div class="away" style="width:{100 - home_pct}%">{away} {100 - home_pct}%</div>'
        f'<div class="home" style="width:{home_pct}%">{home} {home_pct}%</div></div>'
    )
