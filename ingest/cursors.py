"""Incremental cursors of the daily load, shared by every source.

A daily load reads again the last few days before its cursor so late stat corrections and
yesterday's finals are picked up (merge on the primary key keeps that idempotent). A full load
passes no cursor and reads everything its feed has.
"""

from typing import Any

import dlt

CORRECTION_LAG_DAYS = 3


def cursor(
    column: str,
    incremental: bool,
    lag_days: float = CORRECTION_LAG_DAYS,
    *,
    seconds: bool = False,
    range_start: str = "closed",
):
    """The cursor of an incremental load on ``column`` (a date; a timestamp when ``seconds``); None for a full load."""
    if not incremental:
        return None
    lag = lag_days * 86400 if seconds else lag_days
    return dlt.sources.incremental(column, lag=lag, range_start=range_start)


def start(cursor_value: Any) -> Any:
    """Where the feed should start reading: the cursor's start, None when loading everything."""
    return None if cursor_value is None else cursor_value.start_value
