"""Player-driven team strength: values by hand, who is out, only earlier days, replacement level."""

from __future__ import annotations

import pandas as pd
import pytest

from ml.players import PlayerInputs, PlayerParams, player_strength, replacement_gs36

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
