"""The earliest date whose raw rows were (re)loaded since the pregame features were last built.

A daily load re-reads only its cursors' last few days, which the incremental build of
``fct_pregame_features`` recomputes anyway (its lookback). A correction older than that (a box
score re-delivered weeks later, a full snapshot load, a season's corrected totals) changes the
features of every game from its date on: the build recomputes from that date instead of serving
stale features. dlt stamps every row it writes with its load id (the load's start, in Unix
seconds), so "loaded since the last build" is a comparison, not a diff of the data.
"""

from __future__ import annotations

import datetime as dt

from warehouse.seasons import season_of

# raw table -> the column dating the first game whose pregame features a change to the row can move
FEATURE_INPUTS = {
    "raw_nba.team_game_logs": "game_date",
    "raw_nba.schedule": "game_date",
    "raw_nba.player_game_logs": "game_date",
    # a season's totals are the next season's priors: they cannot move games before they were known
    "raw_nba.player_season_totals": "known_on",
    "raw_news.injury_log": "log_date",
    "raw_news.injury_report": "game_date",
}
LOOKBACK_DAYS = 3  # dbt var features_lookback_days: the days before the latest box score always recomputed
FEATURES_NODE = "model.courtside.fct_pregame_features"


def last_features_build(conn) -> dt.datetime | None:
    """When the last successful build of fct_pregame_features was recorded (None: never by Courtside)."""
    if not conn.execute("select to_regclass('ops.dbt_run_results')").fetchone()[0]:
        return None
    return conn.execute(
        "select max(loaded_at) from ops.dbt_run_results where unique_id = %s and status = 'success'",
        (FEATURES_NODE,),
    ).fetchone()[0]


def reloaded_from(conn, since: dt.datetime) -> dt.date | None:
    """The earliest date among feature inputs loaded after ``since`` (None: nothing loaded since)."""
    dates = []
    for table, column in FEATURE_INPUTS.items():
        if conn.execute("select to_regclass(%s)", (table,)).fetchone()[0]:
            newer = "_dlt_load_id::numeric > extract(epoch from %s::timestamptz)"
            dates.append(conn.execute(f"select min({column}) from {table} where {newer}", (since,)).fetchone()[0])
    return min((d for d in dates if d is not None), default=None)


def features_recompute_from(conn) -> dt.date | None:
    """The date from which the next incremental build must recompute features beyond its lookback."""
    since = last_features_build(conn)
    return None if since is None else reloaded_from(conn, since)


def tests_from_season(conn, recompute_from: dt.date | None) -> str | None:
    """The earliest season an incremental build can change: its data tests need check no earlier one."""
    if not conn.execute("select to_regclass('raw_nba.team_game_logs')").fetchone()[0]:
        return None
    latest = conn.execute("select max(game_date) from raw_nba.team_game_logs").fetchone()[0]
    if latest is None:
        return None
    earliest = latest - dt.timedelta(days=LOOKBACK_DAYS + 1)
    return season_of(min(earliest, recompute_from or earliest))
