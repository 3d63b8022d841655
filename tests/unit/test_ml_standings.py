"""Standings as of the morning: only earlier days' results count; the race lines and flags by hand."""

from __future__ import annotations

import pandas as pd

from ml.standings import STANDINGS_FEATURES, standings_features, team_standings


def _season(results: list[tuple[str, int, int, int, int]]) -> pd.DataFrame:
    """(date, home, away, home_score, away_score) rows of one season."""
    return pd.DataFrame(
        [
            {
                "game_id": f"g{i}",
                "season": "2021-22",
                "game_date": pd.Timestamp(d),
                "home_team_id": h,
                "away_team_id": a,
                "home_score": hs,
                "away_score": as_,
            }
            for i, (d, h, a, hs, as_) in enumerate(results)
        ]
    )


def test_a_days_own_results_never_count():
    games = _season([("2022-01-01", 1, 2, 100, 90), ("2022-01-01", 3, 4, 100, 90), ("2022-01-02", 1, 3, 100, 90)])
    per_team = team_standings(games, {t: "East" for t in (1, 2, 3, 4)}, {"2021-22": 2}).set_index(
        ["game_id", "team_id"]
    )
    # morning of day 1: nothing played, so the share of the season played (and every feature) is 0
    assert (per_team.loc["g0"].to_numpy() == 0).all()
    # morning of day 2: team 1 (1-0) has played 1 of its 2 games; the 6th-place line is the last
    # of four teams (0-1): one game ahead, times the season's share played squared
    assert per_team.loc[("g2", 1), "gb_playoff"] == -1 * 0.5**2
    flipped = games.assign(home_score=[100, 100, 80])  # day 2's own result reversed
    again = team_standings(flipped, {t: "East" for t in (1, 2, 3, 4)}, {"2021-22": 2}).set_index(["game_id", "team_id"])
    pd.testing.assert_frame_equal(again.loc["g2"], per_team.loc["g2"])


def test_race_lines_eliminated_and_clinched_by_hand():
    """Twelve teams in one conference, each scheduled 12 games; after 11 days team 1 has won every
    game and team 12 lost every one, so on the last morning 1 has clinched and 12 is eliminated."""
    rows = []
    day = pd.Timestamp("2022-03-01")
    teams = list(range(1, 13))
    for k in range(11):  # a round robin: every team plays every other once, 11 days
        for i in range(6):
            a, b = teams[i], teams[11 - i]
            home, away = (a, b) if k % 2 else (b, a)
            winner = min(a, b)  # the lower id always wins: team 1 11-0, team 12 0-11
            hs, as_ = (100, 90) if winner == home else (90, 100)
            rows.append((str((day + pd.Timedelta(days=k)).date()), home, away, hs, as_))
        teams = [teams[0], teams[-1], *teams[1:-1]]
    rows.append(("2022-03-20", 1, 12, 100, 90))  # the last game: the morning we look at
    games = _season(rows)
    conf = {t: "West" for t in range(1, 13)}
    out = standings_features(games, conf, {"2021-22": 12}).set_index("game_id").loc[f"g{len(rows) - 1}"]
    late = (11 / 12) ** 2
    assert out["home_stand_clinched_late"] == late and out["away_stand_clinched_late"] == 0
    assert out["away_stand_eliminated_late"] == late and out["home_stand_eliminated_late"] == 0
    # 6th place is team 6 (6-5), team 1 is 11-0: five games ahead; team 12 (0-11) is 6 behind it
    assert out["home_stand_gb_playoff_late"] == -5 * late
    assert out["away_stand_gb_playoff_late"] == 6 * late
    assert out["diff_stand_gb_playin_late"] == out["home_stand_gb_playin_late"] - out["away_stand_gb_playin_late"]
    assert out["away_stand_bottom_late"] == late and out["home_stand_bottom_late"] == 0
    assert list(out.index) == STANDINGS_FEATURES


def test_the_season_length_is_the_announced_one_not_the_loaded_schedule():
    """A warehouse loaded early knows fewer games than one loaded late: the same morning, the same standings."""
    games = _season([("2022-01-01", 1, 2, 100, 90), ("2022-01-02", 1, 2, 100, 90), ("2022-01-03", 2, 1, 100, 90)])
    conf = {1: "East", 2: "East"}
    full = team_standings(games, conf).set_index(["game_id", "team_id"]).loc["g1"]
    early = team_standings(games.iloc[:2], conf).set_index(["game_id", "team_id"]).loc["g1"]
    pd.testing.assert_frame_equal(full, early)
    assert full.loc[1, "gb_playoff"] == -1 * (1 / 82) ** 2 and full.loc[2, "gb_playoff"] == 0  # 1-0, 0-1 of 82
