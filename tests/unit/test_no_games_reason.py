"""Why a day has no games, from the game days around it and the season calendar."""

import datetime as dt

import pytest

from app.services.calendar import GameDaysAround, no_games_reason

D = dt.date


@pytest.mark.parametrize(
    ("day", "previous", "following", "reason"),
    [
        (D(2024, 2, 16), D(2024, 2, 14), D(2024, 2, 22), "All-Star break (games resume 2024-02-22)"),
        (D(2024, 2, 16), D(2024, 2, 14), None, "All-Star break"),  # later days not loaded yet
        (D(2021, 3, 7), D(2021, 3, 4), D(2021, 3, 10), "All-Star break (games resume 2021-03-10)"),  # 2020-21
        (D(2023, 12, 24), D(2023, 12, 23), D(2023, 12, 25), "no games scheduled that day (games resume 2023-12-25)"),
        (D(2023, 12, 24), D(2023, 12, 23), None, "no games scheduled that day"),
        (D(2024, 4, 20), D(2024, 4, 14), None, "the regular season is over"),
        (D(2024, 7, 20), D(2024, 4, 14), D(2024, 10, 22), "off-season (games resume 2024-10-22)"),
        (D(2015, 10, 1), None, D(2015, 10, 27), "before the first loaded game (games resume 2015-10-27)"),
        (D(2024, 1, 1), None, None, "nothing is loaded yet"),
    ],
)
def test_the_reason_names_the_break(day, previous, following, reason):
    assert no_games_reason(GameDaysAround(day, previous, following)) == f"no games on {day}: {reason}"
