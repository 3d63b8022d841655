"""Player-driven team strength: values by hand, who is out, only earlier days, replacement level."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ml.players import PlayerInputs, PlayerParams, player_strength, replacement_gs36
from warehouse.errors import InputError
from warehouse.settings import load_settings

R = 10.0
PARAMS = PlayerParams(replacement_gs36=R, prior_shrink_minutes=500.0, current_shrink_minutes=400.0)


def _games(rows):
    return pd.DataFrame(
        [
            {"game_id": g, "season": "2022-23", "game_date": pd.Timestamp(d), "home_team_id": h, "away_team_id": a}
            for g, d, h, a in rows
        ]
    )


def _logs(rows):
    return pd.DataFrame(
        [
            {
                "player_id": p,
                "team_id": t,
                "game_id": g,
                "season": "2022-23",
                "game_date": pd.Timestamp(d),
                "minutes": m,
                "game_score": gs,
            }
            for p, t, g, d, m, gs in rows
        ]
    )


def _totals(rows):
    cols = ["pts", "fgm", "fga", "fta", "ftm", "oreb", "dreb", "stl", "ast", "blk", "pf", "tov"]
    return pd.DataFrame(
        [
            {"player_id": p, "season": "2021-22", "last_team_id": t, "games_played": gp, "minutes": m, "pts": pts}
            | {c: 0 for c in cols if c != "pts"}
            for p, t, gp, m, pts in rows
        ]
    )


NO_ONE_OUT = pd.DataFrame({"game_id": pd.Series(dtype=str), "player_id": pd.Series(dtype="int64")})


def test_strength_by_hand_from_last_season_then_this_one():
    games = _games([("g1", "2022-10-20", 1, 2), ("g2", "2022-10-22", 2, 1)])
    # player 7 (team 1): last season 50 games, 1500 minutes, 750 points (Game Score 750)
    totals = _totals([(7, 1, 50, 1500.0, 750), (8, 2, 50, 1000.0, 250)])
    logs = _logs([(7, 1, "g1", "2022-10-20", 40.0, 30.0), (8, 2, "g1", "2022-10-20", 20.0, 5.0)])
    out = player_strength(games, PlayerInputs(logs, totals, NO_ONE_OUT), PARAMS).set_index("game_id")
    prior7 = (36 * 750 + 500 * R) / (1500 + 500)  # 16.0
    prior8 = (36 * 250 + 500 * R) / (1000 + 500)
    assert out.loc["g1", "home_player_strength"] == pytest.approx(240 / 36 * (prior7 - R))
    assert out.loc["g1", "away_player_strength"] == pytest.approx(240 / 36 * (prior8 - R))
    rate7 = (36 * 30.0 + 400 * prior7) / (40.0 + 400)  # his first game counts from the next morning
    assert out.loc["g2", "away_player_strength"] == pytest.approx(240 / 36 * (rate7 - R))
    assert out.loc["g1", "diff_player_strength"] == pytest.approx(
        out.loc["g1", "home_player_strength"] - out.loc["g1", "away_player_strength"]
    )


def test_a_player_listed_out_is_left_out_and_the_days_own_box_score_never_counts():
    games = _games([("g1", "2022-10-20", 1, 2), ("g2", "2022-10-22", 1, 2)])
    totals = _totals([(7, 1, 50, 1500.0, 900), (9, 1, 50, 1500.0, 300), (8, 2, 50, 1000.0, 300)])
    logs = _logs(
        [
            (7, 1, "g1", "2022-10-20", 36.0, 20.0),
            (9, 1, "g1", "2022-10-20", 36.0, 5.0),
            (8, 2, "g1", "2022-10-20", 30.0, 8.0),
        ]
    )
    base = player_strength(games, PlayerInputs(logs, totals, NO_ONE_OUT), PARAMS).set_index("game_id")
    star_out = pd.DataFrame({"game_id": ["g2"], "player_id": [7]})
    without = player_strength(games, PlayerInputs(logs, totals, star_out), PARAMS).set_index("game_id")
    assert without.loc["g2", "home_player_strength"] < base.loc["g2", "home_player_strength"] - 3
    assert without.loc["g1", "home_player_strength"] == base.loc["g1", "home_player_strength"]
    g2_played = pd.concat([logs, _logs([(7, 1, "g2", "2022-10-22", 40.0, 60.0)])])
    later = player_strength(games, PlayerInputs(g2_played, totals, NO_ONE_OUT), PARAMS).set_index("game_id")
    pd.testing.assert_frame_equal(later, base)


def test_replacement_level_is_the_game_score_rate_of_low_minute_players():
    totals = _totals([(1, 1, 10, 200.0, 60), (2, 1, 20, 300.0, 140), (3, 1, 70, 2500.0, 2000)])
    assert replacement_gs36(totals, ["2021-22"]) == pytest.approx(36 * 200 / 500)
    with pytest.raises(ValueError, match="no season totals"):
        replacement_gs36(totals, ["2019-20"])


def test_plus_minus_value_by_hand():
    games = _games([("g1", "2022-10-20", 1, 2), ("g2", "2022-10-22", 2, 1)])
    totals = _totals([(7, 1, 50, 1500.0, 750), (8, 2, 50, 1000.0, 250)]).assign(plus_minus=[150.0, -100.0])
    logs = _logs([(7, 1, "g1", "2022-10-20", 40.0, 30.0), (8, 2, "g1", "2022-10-20", 20.0, 5.0)])
    logs = logs.assign(plus_minus=[10.0, -10.0])
    params = PlayerParams(
        replacement_gs36=R, pm_weight=1.0, pm_prior_shrink_minutes=1000.0, pm_current_shrink_minutes=1000.0
    )
    out = player_strength(games, PlayerInputs(logs, totals, NO_ONE_OUT), params).set_index("game_id")
    prior7 = 36 * 150 / (1500 + 1000)  # shrunk toward 0
    assert out.loc["g1", "home_player_strength"] == pytest.approx(240 / 36 * prior7)
    rate7 = (36 * 10.0 + 1000 * prior7) / (40.0 + 1000)
    assert out.loc["g2", "away_player_strength"] == pytest.approx(240 / 36 * rate7)


def _scored(rows):
    return _games([r[:4] for r in rows]).assign(home_score=[r[4] for r in rows], away_score=[r[5] for r in rows])


def test_adjusted_plus_minus_by_hand_and_what_an_absence_costs():
    games = _scored([("g1", "2022-10-20", 1, 2, 110, 100), ("g2", "2022-10-22", 2, 1, 100, 100)])
    totals = _totals([(7, 1, 50, 1500.0, 750), (8, 2, 50, 1000.0, 250), (9, 1, 50, 1000.0, 250)])
    totals = totals.assign(plus_minus=[300.0, -100.0, 0.0])
    logs = _logs([(7, 1, "g1", "2022-10-20", 48.0, 30.0), (8, 2, "g1", "2022-10-20", 48.0, 5.0)])
    params = PlayerParams(replacement_gs36=R, apm=True, apm_lambda=30.0, apm_home_prior=2.5, apm_home_lambda=50.0)
    out = player_strength(games, PlayerInputs(logs, totals, NO_ONE_OUT), params).set_index("game_id")
    b0 = {pid: 48 * pm / (mins + 1000.0) / 5 for pid, pm, mins in [(7, 300, 1500), (8, -100, 1000), (9, 0, 1000)]}
    # g1: nothing played yet, every coefficient is its prior; team 1 = players 7 and 9 (1500/50 and 1000/50 minutes)
    w7, w9 = 30.0, 20.0
    assert out.loc["g1", "home_player_apm"] == pytest.approx(5 * (w7 * b0[7] + w9 * b0[9]) / (w7 + w9))
    assert out.loc["g1", "away_player_apm"] == pytest.approx(5 * b0[8])
    assert out.loc["g1", "home_player_apm_missing"] == 0
    # g2: one game seen (home +10, players 7 at home and 8 away for 48 minutes): ridge toward the priors
    x = np.array([1.0, 1.0, -1.0, 0.0])  # home intercept, 7, 8, 9
    pen = np.array([50.0, 30.0, 30.0, 30.0])
    prior = np.array([2.5, b0[7], b0[8], b0[9]])
    beta = np.linalg.solve(np.outer(x, x) + np.diag(pen), 10 * x + pen * prior)
    assert out.loc["g2", "home_player_apm"] == pytest.approx(5 * beta[2])
    w7 = (30.0 + 48.0) / 2  # mean of his last appearances: last season's 30 a game, then 48
    assert out.loc["g2", "away_player_apm"] == pytest.approx(5 * (w7 * beta[1] + w9 * beta[3]) / (w7 + w9))
    # player 7 listed out of g2: team 1's value is player 9's, and the drop is the missing column
    star_out = pd.DataFrame({"game_id": ["g2"], "player_id": [7]})
    without = player_strength(games, PlayerInputs(logs, totals, star_out), params).set_index("game_id")
    assert without.loc["g2", "away_player_apm"] == pytest.approx(5 * beta[3])
    assert without.loc["g2", "away_player_apm_missing"] == pytest.approx(out.loc["g2", "away_player_apm"] - 5 * beta[3])
    assert without.loc["g2", "diff_player_apm_missing"] == pytest.approx(-without.loc["g2", "away_player_apm_missing"])
    assert without.loc["g2", "away_player_missing"] > 0


def test_absences_move_the_forecast_by_their_points_through_the_probit_spread():
    from scipy.stats import norm

    from ml.model import ABSENCE_COLUMN, ABSENCE_SIGMA, absence_shift

    p = np.array([0.5, 0.6, 0.7])
    X = pd.DataFrame({ABSENCE_COLUMN: [3.0, np.nan, -2.0]})  # home loses 3 points; unknown; away loses 2
    moved = absence_shift(p, X, 1.0)
    assert moved[0] == pytest.approx(norm.cdf(-3.0 / ABSENCE_SIGMA))
    assert moved[1] == pytest.approx(0.6)
    assert moved[2] == pytest.approx(norm.cdf(norm.ppf(0.7) + 2.0 / ABSENCE_SIGMA))
    np.testing.assert_allclose(absence_shift(p, X, 0.0), p)
    np.testing.assert_allclose(absence_shift(p, X.drop(columns=[ABSENCE_COLUMN]), 1.0), p)


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "a lot"])
def test_the_absence_price_must_be_a_finite_number_of_points(value):
    with pytest.raises(InputError, match=f"COURTSIDE_ABSENCE_POINTS={value!r} is not a number of points >= 0"):
        load_settings({"COURTSIDE_ABSENCE_POINTS": value})


def test_absences_are_priced_only_when_asked():
    assert load_settings({}).models.absence_points == 0.0
    assert load_settings({"COURTSIDE_ABSENCE_POINTS": "1.5"}).models.absence_points == 1.5
