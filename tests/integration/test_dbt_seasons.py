"""The dbt season macros give the season of every day exactly as warehouse.seasons does.

Compiled by the real dbt and run in a real PostgreSQL over every day from mid-2015 to 2026:
the August 1 boundary, the 2020 bubble (2019-20 until 2020-10-11) and the December 2020 start of
2020-21 included.
"""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest

from warehouse.dbt import invoke
from warehouse.seasons import season_of

pytestmark = pytest.mark.integration

DAYS = """
select
    days.day,
    {{ season_of('days.day') }} as season,
    {{ season_start_year('season_of_day') }} as start_year,
    {{ season_end_date(season_start_year_of('days.day')) }} as season_ends_on
from (select d::date as day from generate_series(date '2015-06-01', date '2026-09-30', interval '1 day') as d) as days
cross join lateral (select {{ season_of('days.day') }} as season_of_day) as labelled
"""


@pytest.fixture(scope="module")
def days(pg_url) -> list[tuple[dt.date, str, int, dt.date]]:
    result = invoke(["compile", "--inline", DAYS], pg_url, quiet=True)
    assert result.success, result.exception
    sql = result.result.results[0].node.compiled_code
    with psycopg.connect(pg_url) as conn:
        return conn.execute(sql).fetchall()


def test_every_day_gets_the_python_season(days):
    assert len(days) > 4000
    wrong = [(day, season, season_of(day)) for day, season, _, _ in days if season != season_of(day)]
    assert not wrong, wrong[:5]


def test_boundaries(days):
    by_day = {day: season for day, season, _, _ in days}
    assert by_day[dt.date(2016, 6, 19)] == "2015-16"  # Finals game 7
    assert by_day[dt.date(2016, 7, 31)] == "2015-16"
    assert by_day[dt.date(2016, 8, 1)] == "2016-17"
    assert by_day[dt.date(2020, 8, 14)] == "2019-20"  # bubble seeding games
    assert by_day[dt.date(2020, 10, 11)] == "2019-20"  # the bubble Finals
    assert by_day[dt.date(2020, 10, 12)] == "2020-21"
    assert by_day[dt.date(2020, 12, 22)] == "2020-21"  # the December opener
    assert by_day[dt.date(2021, 7, 20)] == "2020-21"  # the July Finals


def test_start_year_and_end_date_agree_with_the_label(days):
    one_day = dt.timedelta(days=1)
    for day, season, start_year, ends_on in days:
        assert start_year == int(season[:4])
        assert season_of(ends_on) == season and season_of(ends_on + one_day) != season, (day, ends_on)
