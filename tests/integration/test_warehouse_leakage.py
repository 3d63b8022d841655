"""Leakage is build-breaking: features of day D and earlier must not change when what the morning of D
could not know vanishes from every raw table that feeds features.

Own throwaway database (other modules load other data into the session's): a snapshot of 2022-23 and
2023-24 (game logs, lines, forecasts, news, players, season totals), `courtside build`; then, table by
table (every table in warehouse.reloads.FEATURE_INPUTS), the rows a morning of D cannot know are
deleted (box scores, player logs and injured-list rows of D and later, season totals known on D or
later, injury reports published later) and the schedule of D and later loses its results (the games
stay: the schedule is known ahead). After `courtside build --full-refresh` every pregame feature of
every game up to D must be unchanged, while features of later games do change (the deletion had an
effect). Season totals are the next season's priors: a season's own totals used as its prior
changes the availability features of its games before D, and fails here.
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
from warehouse.reloads import FEATURE_INPUTS
from warehouse.seasons import morning_of

pytestmark = pytest.mark.integration
DATA = ROOT / "data"
SEASONS = ("2022-23", "2023-24")
LEAK_DAY = dt.date(2024, 1, 15)
ID_COLUMNS = {"game_id", "season", "game_date", "home_team_id", "away_team_id", "is_neutral_site"}
# per raw table that feeds features: the rows the morning of D could not know
UNKNOWN_ON_THE_MORNING = {
    "raw_nba.team_game_logs": "delete from raw_nba.team_game_logs where game_date >= %(day)s",
    "raw_nba.player_game_logs": "delete from raw_nba.player_game_logs where game_date >= %(day)s",
    "raw_nba.player_season_totals": "delete from raw_nba.player_season_totals where known_on >= %(day)s",
    "raw_news.injury_log": "delete from raw_news.injury_log where log_date >= %(day)s",
    "raw_news.injury_report": "delete from raw_news.injury_report where report_published_at >= %(morning)s",
    "raw_nba.schedule": "update raw_nba.schedule set status = 'scheduled' where game_date >= %(day)s",
}


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


def test_every_feature_input_is_covered():
    assert set(UNKNOWN_ON_THE_MORNING) == set(FEATURE_INPUTS)


def test_features_up_to_day_d_do_not_change_when_what_d_could_not_know_is_deleted(own_db, tmp_path):
    snap = copy_snapshot(tmp_path / "snap", SEASONS)
    cli(own_db, "ingest", "snapshot", "--dir", str(snap))
    cli(own_db, "build")

    before = features_of(own_db, "game_date <= %s", (LEAK_DAY,))
    later = features_of(own_db, "game_date = %s", (LEAK_DAY + dt.timedelta(days=5),))
    assert sum(r["game_date"] == LEAK_DAY for r in before.values()) >= 5, "the leak day must have games"
    feature_columns = [c for c in next(iter(before.values())) if c not in ID_COLUMNS]
    assert len(feature_columns) > 100

    params = {"day": LEAK_DAY, "morning": morning_of(LEAK_DAY)}
    with psycopg.connect(own_db, autocommit=True) as conn:
        changed_rows = {}
        for table, sql in UNKNOWN_ON_THE_MORNING.items():
            if conn.execute("select to_regclass(%s)", (table,)).fetchone()[0]:
                changed_rows[table] = conn.execute(sql, params).rowcount
        for table in ("raw_nba.team_game_logs", "raw_nba.player_game_logs", "raw_nba.player_season_totals"):
            assert changed_rows.get(table), f"{table} must lose rows (the snapshot carries them)"
        kept = conn.execute("select count(*) from raw_nba.schedule where game_date >= %s", (LEAK_DAY,)).fetchone()[0]
        assert kept > 0, "schedule rows of D and later stay"

    cli(own_db, "build", "--full-refresh")

    with psycopg.connect(own_db) as conn:
        statuses = {
            s for (s,) in conn.execute("select distinct status from marts.fct_games where game_date = %s", (LEAK_DAY,))
        }
    assert statuses == {"scheduled"}, "D's games have no result any more"

    after = features_of(own_db, "game_date <= %s", (LEAK_DAY,))
    assert after.keys() == before.keys(), "every game up to D still has a feature row"
    changed = [
        (g, c, before[g][c], after[g][c])
        for g in before
        for c in feature_columns
        if not same(before[g][c], after[g][c])
    ]
    assert not changed, f"features up to {LEAK_DAY} changed when what D could not know was deleted: {changed[:10]}"

    # the deletion mattered: games five days later lost the results of D..D+4
    later_after = features_of(own_db, "game_date = %s", (LEAK_DAY + dt.timedelta(days=5),))
    assert any(later[g]["home_games_played"] != later_after[g]["home_games_played"] for g in later)
