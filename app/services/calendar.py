"""Why a day has no games: the game days around it, read against the season calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.services.common import relation_exists
from warehouse.seasons import regular_season_end, season_of

ALL_STAR_MONTHS = (2, 3)  # the league pauses for about a week in mid-February (March in 2020-21)
ALL_STAR_GAP_DAYS = 4  # a pause at least this long in those months is the All-Star break
# the break's days in every season but 2020-21: a game-less day here is the break even before later days load
ALL_STAR_WINDOW = (dt.date(2000, 2, 12), dt.date(2000, 2, 24))


@dataclass(frozen=True)
class GameDaysAround:
    day: dt.date
    previous: dt.date | None  # the last game day before ``day`` in the loaded data
    next: dt.date | None  # the first game day after it


def game_days_around(conn, day: dt.date) -> GameDaysAround:
    if not relation_exists(conn, "marts.fct_games"):
        return GameDaysAround(day, None, None)
    previous, following = conn.execute(
        "select (select max(game_date) from marts.fct_games where game_date < %(d)s),"
        " (select min(game_date) from marts.fct_games where game_date > %(d)s)",
        {"d": day},
    ).fetchone()
    return GameDaysAround(day, previous, following)


def no_games_reason(around: GameDaysAround) -> str:
    """ "no games on 2024-02-16: All-Star break (games resume 2024-02-22)" and the like."""
    day, previous, following = around.day, around.previous, around.next
    resume = f" (games resume {following})" if following else ""
    if previous is None and following is None:
        reason = "nothing is loaded yet"
    elif previous is None:
        reason = f"before the first loaded game{resume}"
    elif following is None:
        # the schedule is known a day at a time: no later game day is loaded yet
        if day > regular_season_end(season_of(day)):
            reason = "the regular season is over"
        elif ALL_STAR_WINDOW[0] <= day.replace(year=2000) <= ALL_STAR_WINDOW[1]:
            reason = "All-Star break"
        else:
            reason = "no games scheduled that day"
    elif season_of(previous) != season_of(following):
        reason = f"off-season{resume}"
    elif day.month in ALL_STAR_MONTHS and (following - previous).days > ALL_STAR_GAP_DAYS:
        reason = f"All-Star break{resume}"
    else:
        reason = f"no games scheduled that day{resume}"
    return f"no games on {day}: {reason}"
