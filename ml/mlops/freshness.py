"""Is the data the model works from current: yesterday's results loaded, today's schedule and predictions present."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from warehouse.seasons import regular_season_end, season_of


@dataclass
class Freshness:
    as_of: dt.date
    last_final: dt.date | None  # latest game with both box scores loaded
    expected_last: dt.date | None  # latest scheduled game before the morning
    unfinished: int  # games of the last week before the morning still without a result
    oldest_unfinished: dt.date | None
    games_today: int  # games on the morning's schedule
    predicted_today: int  # of those, games with a prediction
    in_season: bool  # the morning falls inside a regular season under way

    @property
    def lag_days(self) -> int | None:
        if self.last_final is None or self.expected_last is None:
            return None
        return max((self.expected_last - self.last_final).days, 0)


def read_freshness(conn, as_of: dt.date, window_days: int) -> Freshness:
    if conn.execute("select to_regclass('marts.fct_games') is null").fetchone()[0]:
        return Freshness(as_of, None, None, 0, None, 0, 0, False)
    since = as_of - dt.timedelta(days=window_days)
    last_final, expected_last, unfinished, oldest, started, today = conn.execute(
        "select max(game_date) filter (where status = 'final'), max(game_date),"
        " count(*) filter (where status <> 'final' and game_date >= %(since)s),"
        " min(game_date) filter (where status <> 'final' and game_date >= %(since)s),"
        " count(*) filter (where season = %(season)s),"
        " (select count(*) from marts.fct_games where game_date = %(day)s)"
        " from marts.fct_games where game_date < %(day)s",
        {"since": since, "day": as_of, "season": season_of(as_of)},
    ).fetchone()
    predicted = conn.execute(
        "select count(distinct game_id) from ops.predictions where game_date = %s", (as_of,)
    ).fetchone()[0]
    in_season = bool(started) and as_of <= regular_season_end(season_of(as_of))
    return Freshness(as_of, last_final, expected_last, unfinished, oldest, today, predicted, in_season)
