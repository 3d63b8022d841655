"""Leakage is build-breaking: features of day D must not change when D's results (and later) vanish.

Own throwaway database (other modules load other data into the session's): a snapshot of 2022-23 and
2023-24 (game logs, lines, forecasts, news, players), `courtside build`, then every box score of D and
later is deleted from raw (team and player game logs; injured-list rows dated D and later too; the
schedule stays), `courtside build --full-refresh`, and every pregame feature of D's games must be
unchanged while features of later games do change (so the deletion had an effect).
"""

from __future__ import annotations

import datetime as dt
import math

import psycopg
import pytest
from psycopg.rows import dict_row

from tests.support.cli import run_cli
from tests.support.paths import ROOT
from tests.support.snapshots import copy_snapshot

pytestmark = pytest.mark.integration
DATA = ROOT / "data"
SEASONS = ("2022-23", "2023-24")
LEAK_DAY = dt.date(2024, 1, 15)
ID_COLUMNS = {"game_id", "season", "game_date", "home_team_id", "away_team_id", "is_neutral_site"}


@pytest.fixture(scope="module")
def own_db(module_db):
    return module_db


def cli(url: str, *args: str):
    return run_cli(*args, env={"DATABASE_URL": url})


def features_of(url: str, where: str, params: tuple) -> dict[str, dict]:
    with psycopg.connect(url, row_factory=dict_row) as conn:
        rows = conn.execute(f"select * from marts.fct_pregame_features where {where} order by game_id", params)
        return {r["game_id"]: r for r in rows}


def same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def test_features_of_day_d_do_not_change_when_results_from_d_on_are_deleted(own_db, tmp_path):
    snap = copy_snapshot(tmp_path / "snap", SEASONS)
    cli(own_db, "ingest", "snapshot", "--dir", str(snap))
    cli(own_db, "build")

    before = features_of(own_db, "game_date = %s", (LEAK_DAY,))
    later = features_of(own_db, "game_date = %s", (LEAK_DAY + dt.timedelta(days=5),))
    assert len(before) >= 5, "the leak day must have games"
    feature_columns = [c for c in next(iter(before.values())) if c not in ID_COLUMNS]
    assert len(feature_columns) > 100

    with psycopg.connect(own_db, autocommit=True) as conn:
        deleted = conn.execute("delete from raw_nba.team_game_logs where game_date >= %s", (LEAK_DAY,)).rowcount
        assert deleted > 0
        if conn.execute("select to_regclass('raw_nba.player_game_logs')").fetchone()[0]:
            conn.execute("delete from raw_nba.player_game_logs where game_date >= %s", (LEAK_DAY,))
        conn.execute("delete from raw_news.injury_log where log_date >= %s", (LEAK_DAY,))
        kept = conn.execute("select count(*) from raw_nba.schedule where game_date >= %s", (LEAK_DAY,)).fetchone()[0]
        assert kept > 0, "schedule rows of D and later stay"

    cli(own_db, "build", "--full-refresh")

    with psycopg.connect(own_db) as conn:
        statuses = {
            s for (s,) in conn.execute("select distinct status from marts.fct_games where game_date = %s", (LEAK_DAY,))
        }
    assert statuses == {"scheduled"}, "D's games have no result any more"

    after = features_of(own_db, "game_date = %s", (LEAK_DAY,))
    assert after.keys() == before.keys(), "every game of D still has a feature row"
    changed = [
        (g, c, before[g][c], after[g][c])
        for g in before
        for c in feature_columns
        if not same(before[g][c], after[g][c])
    ]
    assert not changed, f"features of {LEAK_DAY} changed when later results were deleted: {changed[:10]}"

    # the deletion mattered: games five days later lost the results of D..D+4
    later_after = features_of(own_db, "game_date = %s", (LEAK_DAY + dt.timedelta(days=5),))
    assert any(later[g]["home_games_played"] != later_after[g]["home_games_played"] for g in later)
