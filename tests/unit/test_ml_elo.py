"""Elo on hand-computed fixtures, and leakage safety."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ml.elo import EloParams, compute_elo, mov_multiplier, win_probability


def _games(rows):
    cols = [
        "game_id",
        "season",
        "game_date",
        "home_team_id",
        "away_team_id",
        "home_score",
        "away_score",
        "is_neutral_site",
    ]
    return pd.DataFrame(rows, columns=cols)


def test_first_game_probability_and_update_by_hand():
    g = _games(
        [("1", "2022-23", "2022-10-18", 1, 2, 110, 100, False), ("2", "2022-23", "2022-10-20", 2, 1, None, None, False)]
    )
    e = compute_elo(g).set_index("game_id")
    p = 1 / (1 + 10 ** (-100 / 400))  # equal ratings, +100 home court
    assert e.loc["1", "elo_prob_home"] == pytest.approx(0.640065, abs=1e-6)
    assert e.loc["1", "elo_prob_home"] == pytest.approx(p)
    mult = (13**0.8) / (7.5 + 0.006 * 100)  # home won by 10, winner's elo diff includes home court
    shift = 20 * mult * (1 - p)
    assert shift == pytest.approx(6.9171, abs=1e-3)
    assert e.loc["2", "elo_home_pre"] == pytest.approx(1505 - shift)  # team 2, the loser, hosts game 2
    assert e.loc["2", "elo_away_pre"] == pytest.approx(1505 + shift)


def test_neutral_site_has_no_home_advantage():
    g = _games([("1", "2022-23", "2022-10-18", 1, 2, 110, 100, True)])
    assert compute_elo(g)["elo_prob_home"].iloc[0] == pytest.approx(0.5)
    assert win_probability(1505, 1505, neutral=True) == pytest.approx(0.5)


def test_away_win_uses_winner_perspective_multiplier():
    assert mov_multiplier(-7, -100) == pytest.approx((10**0.8) / (7.5 - 0.6))


def test_season_carry_over_three_quarters_toward_1505():
    g = _games(
        [("1", "2021-22", "2022-04-10", 1, 2, 120, 100, False), ("2", "2022-23", "2022-10-18", 1, 2, None, None, False)]
    )
    e = compute_elo(g).set_index("game_id")
    after = e.loc["1", "elo_home_pre"] + (1505 - e.loc["1", "elo_home_pre"])  # both start at 1505
    p = 1 / (1 + 10 ** (-100 / 400))
    winner = after + 20 * ((23**0.8) / (7.5 + 0.6)) * (1 - p)
    assert e.loc["2", "elo_home_pre"] == pytest.approx(0.75 * winner + 0.25 * 1505)


def test_same_date_games_do_not_see_each_other():
    g = _games(
        [("1", "2022-23", "2022-10-18", 1, 2, 130, 90, False), ("2", "2022-23", "2022-10-18", 3, 4, 100, 99, False)]
    )
    e = compute_elo(g)
    assert (e["elo_home_pre"] == 1505).all() and (e["elo_away_pre"] == 1505).all()


def test_pregame_elo_ignores_later_results():
    from tests.unit.ml_fixtures import synthetic_league

    games, _ = synthetic_league()
    cutoff = games["game_date"].sort_values().iloc[len(games) // 2]
    full = compute_elo(games).set_index("game_id")
    truncated = games.copy()
    later = truncated["game_date"] >= cutoff
    truncated.loc[later, ["home_score", "away_score"]] = None  # later results unknown
    part = compute_elo(truncated).set_index("game_id")
    on_cutoff = games.loc[games["game_date"] == cutoff, "game_id"]
    pd.testing.assert_frame_equal(full.loc[on_cutoff], part.loc[on_cutoff])
    assert not math.isclose(full.iloc[-1]["elo_home_pre"], part.iloc[-1]["elo_home_pre"])


def test_params_are_538s():
    assert EloParams().as_dict() == {
        "k": 20.0,
        "home_advantage": 100.0,
        "mean": 1505.0,
        "carry_over": 0.75,
        "initial": 1505.0,
    }


def test_margin_rating_by_hand():
    from ml.elo import MarginParams, compute_margin_rating

    g = _games(
        [
            ("1", "2022-23", "2022-10-18", 1, 2, 110, 100, False),
            ("2", "2022-23", "2022-10-20", 2, 1, None, None, True),
            ("3", "2023-24", "2023-10-20", 1, 2, None, None, False),
        ]
    )
    m = compute_margin_rating(g, MarginParams(k=0.05, home_advantage=2.5)).set_index("game_id")
    assert m.loc["1", "margin_pred_home"] == pytest.approx(2.5)
    step = 0.05 * (10 - 2.5)  # actual margin minus predicted margin, times k
    assert m.loc["2", "margin_rating_home_pre"] == pytest.approx(-step)  # team 2 lost game 1
    assert m.loc["2", "margin_pred_home"] == pytest.approx(-2 * step)  # neutral site: no home points
    assert m.loc["3", "margin_rating_home_pre"] == pytest.approx(0.75 * step)  # carried into the next season
