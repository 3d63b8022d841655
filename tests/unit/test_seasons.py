"""The season calendar on its boundaries: Finals in June and July, the 2020 bubble, the December 2020 start."""

from __future__ import annotations

import datetime as dt

import pytest

from warehouse.errors import InputError
from warehouse.seasons import regular_season_end, season_of, shift, start_year, totals_known_on


@pytest.mark.parametrize(
    ("day", "season"),
    [
        (dt.date(2016, 6, 19), "2015-16"),  # Finals game 7
        (dt.date(2021, 7, 20), "2020-21"),  # the latest Finals: game 6 in July
        (dt.date(2021, 7, 31), "2020-21"),
        (dt.date(2021, 8, 1), "2021-22"),
        (dt.date(2020, 3, 11), "2019-20"),  # the suspension
        (dt.date(2020, 8, 14), "2019-20"),  # last bubble seeding game
        (dt.date(2020, 10, 11), "2019-20"),  # bubble Finals game 6
        (dt.date(2020, 10, 12), "2020-21"),
        (dt.date(2020, 12, 22), "2020-21"),  # the December start
        (dt.date(2024, 1, 15), "2023-24"),
        (dt.date(2025, 11, 30), "2025-26"),
    ],
)
def test_season_of_boundaries(day, season):
    assert season_of(day) == season


def test_labels_round_trip_and_reject_malformed():
    assert start_year("2023-24") == 2023
    assert shift("2023-24", -1) == "2022-23"
    assert shift("1999-00", 1) == "2000-01"
    for bad in ("2023-25", "2023/24", "23-24", "", "2023-2024"):
        with pytest.raises(InputError, match="YYYY-YY"):
            start_year(bad)


def test_totals_are_known_only_after_the_regular_season():
    assert regular_season_end("2019-20") == dt.date(2020, 8, 14)  # seeding games count
    assert totals_known_on("2019-20") == dt.date(2020, 8, 15)
    assert totals_known_on("2020-21") == dt.date(2021, 5, 17)
    assert regular_season_end("2031-32") == dt.date(2032, 7, 1)  # not in the calendar yet
