"""What "today" is: the US-Eastern date in live mode, the morning the loaded data is as of in snapshot mode."""

from __future__ import annotations

import datetime as dt

from warehouse.seasons import today_eastern


def as_of_today(conn, live: bool) -> dt.date:
    """Snapshot mode: the last daily run's morning, else the first day with unfinished games, else the last
    game day (a warehouse loaded in one go holds only finished games)."""
    if live:
        return today_eastern()
    run = conn.execute("select run_date from ops.daily_runs order by started_at desc limit 1").fetchone()
    if run:
        return run[0]
    if conn.execute("select to_regclass('marts.fct_games') is not null").fetchone()[0]:
        row = conn.execute(
            "select coalesce(min(game_date) filter (where status <> 'final'), max(game_date)) from marts.fct_games"
        ).fetchone()
        if row[0] is not None:
            return row[0]
    return today_eastern()
