"""Any morning can be loaded and built: a source with no rows yet is an empty table, not an error.

Each case loads a one-season copy of the bundled snapshot as of a morning with the real CLI and
runs the whole `courtside build` (models and tests) on it: the first week of 2015-16 (the first
bundled season), a morning inside the 2024 All-Star break (no games that day; the recorded
official injury report already loaded) and 2022-12-01 (before the first RSS file: no articles).
"""

from __future__ import annotations

import psycopg
import pytest

from tests.support.cli import run_cli
from tests.support.database import throwaway_database
from tests.support.snapshots import copy_snapshot
from warehouse.dbt import invoke

pytestmark = pytest.mark.integration

CASES = {
    "2015-10-30": ["2015-16"],  # the fourth day of the first bundled season
    "2024-02-16": ["2023-24"],  # All-Star break (February 16-21, 2024)
    "2022-12-01": ["2022-23"],  # before the first RSS file (2023-01-13)
}
REPORT_DAY = "2024-01-04"  # the recorded official injury report, published 12:30 PM US-Eastern that day


@pytest.fixture(scope="module", params=sorted(CASES))
def built(request, server_url, pg_url, tmp_path_factory):
    day = request.param
    snapshot = copy_snapshot(tmp_path_factory.mktemp("asof") / "s", CASES[day])
    with throwaway_database(server_url, "courtside_asof") as url:
        env = {"DATABASE_URL": url}
        run_cli("ingest", "snapshot", "--dir", str(snapshot), "--through", day, "--quiet", env=env)
        run_cli("build", env=env, timeout=1800)
        yield day, url


def one(url: str, sql: str, *args):
    with psycopg.connect(url) as conn:
        return conn.execute(sql, args).fetchone()[0]


def test_the_morning_builds_with_what_was_known(built):
    day, url = built
    assert one(url, "select count(*) from marts.fct_games where status = 'final'") > 0
    assert one(url, "select count(*) from marts.fct_games where status = 'final' and game_date >= %s", day) == 0
    assert one(url, "select count(*) from marts.fct_pregame_features where game_date > %s", day) == 0
    # every game of the morning that gets features has its row
    todays = (
        "select count(*) from marts.fct_games where game_date = %s"
        " and game_type in ('regular_season', 'play_in', 'playoffs', 'cup_final')"
    )
    featured = "select count(*) from marts.fct_pregame_features where game_date = %s"
    assert one(url, todays, day) == one(url, featured, day)


def test_sources_without_rows_yet_are_empty_tables(built):
    day, url = built
    if day < "2023-01-13":
        assert one(url, "select count(*) from staging.stg_news__articles") == 0
    reports = one(url, "select count(*) from staging.stg_news__injury_reports")
    assert (reports > 0) == (day > REPORT_DAY)


def test_the_official_report_feeds_who_is_out_for_the_morning_it_covers(built):
    """The recorded report came out at 12:30 PM, after the default noon cut, so it feeds nothing;
    with the cut at 13:00 the players it lists as Out are out that day, by their NBA.com ids."""
    day, url = built
    if day <= REPORT_DAY:
        pytest.skip("the report is not loaded this morning")
    assert one(url, "select count(*) from intermediate.int_players_out_listed where listed_by = 'official_report'") == 0
    models = "int_injury_report_statuses_latest int_players_out_listed"
    result = invoke(["run", "--select", models, "--vars", "{injury_report_known_by: '13:00'}"], url, quiet=True)
    assert result.success, result.exception
    with psycopg.connect(url) as conn:
        listed_out = set(
            conn.execute(
                "select team_id, player_id from raw_news.injury_report where game_date = %s and status = 'Out'",
                (REPORT_DAY,),
            ).fetchall()
        )
        reported = set(
            conn.execute(
                "select team_id, player_id from intermediate.int_players_out_listed"
                " where listed_by = 'official_report' and game_date = %s",
                (REPORT_DAY,),
            ).fetchall()
        )
    assert len(listed_out) == 10 and all(player_id for _, player_id in listed_out)
    assert reported == listed_out
