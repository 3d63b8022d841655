"""The NBA season calendar: which season a date belongs to, and when a season's totals are known.

One rule for the whole product (the dbt macro ``season_of`` implements the same rule in SQL):
a season owns the days from August 1 of its first year to July 31 of its second, so the Finals
(mid-June; July 20 in 2021) stay in their season and summer moves belong to the season that just
ended. One exception: the 2019-20 season's bubble playoffs ran until 2020-10-11, so
2020-08-01 .. 2020-10-11 is still 2019-20 and 2020-21 starts on 2020-10-12.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

from warehouse.errors import InputError
from warehouse.settings import PROJECT_ROOT

# game dates, "today" and the morning cut of an as-of load are all US-Eastern
EASTERN = ZoneInfo("America/New_York")
SEASON_CALENDAR = PROJECT_ROOT / "dbt_project" / "seeds" / "seasons.csv"
SEASON_LABEL = re.compile(r"^(\d{4})-(\d{2})$")
FIRST_MONTH = 8  # August
BUBBLE = (dt.date(2020, 8, 1), dt.date(2020, 10, 12), 2019)  # [from, to) -> season start year


def season_label(start_year: int) -> str:
    """2023 -> '2023-24'."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def start_year(season: str) -> int:
    """'2023-24' -> 2023; raises InputError for anything that is not a season label."""
    m = SEASON_LABEL.match(season or "")
    if not m or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
        raise InputError(f"season {season!r} is not in the form YYYY-YY (e.g. 2023-24)")
    return int(m.group(1))


def shift(season: str, seasons: int) -> str:
    """The season ``seasons`` later (negative: earlier)."""
    return season_label(start_year(season) + seasons)


def today_eastern() -> dt.date:
    return dt.datetime.now(EASTERN).date()


def morning_of(day: dt.date) -> dt.datetime:
    """Midnight US-Eastern at the start of ``day``: what was known "on the morning of" it."""
    return dt.datetime.combine(day, dt.time(), EASTERN)


def season_of(day: dt.date) -> str:
    """The season a date belongs to: '2024-01-15' -> '2023-24', '2020-09-30' -> '2019-20'."""
    if BUBBLE[0] <= day < BUBBLE[1]:
        return season_label(BUBBLE[2])
    return season_label(day.year if day.month >= FIRST_MONTH else day.year - 1)


@lru_cache(maxsize=1)
def _regular_season_ends() -> dict[str, dt.date]:
    with SEASON_CALENDAR.open(newline="") as fh:
        return {r["season"]: dt.date.fromisoformat(r["regular_season_ends_on"]) for r in csv.DictReader(fh)}


def regular_season_end(season: str) -> dt.date:
    """Date of the season's last regular-season game; July 1 of its second year when not yet known."""
    known = _regular_season_ends().get(season)
    return known if known is not None else dt.date(start_year(season) + 1, 7, 1)


def totals_known_on(season: str) -> dt.date:
    """First morning on which a season's end-of-regular-season totals are known (no leak before)."""
    return regular_season_end(season) + dt.timedelta(days=1)
