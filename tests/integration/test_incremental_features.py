"""The daily build's incremental fct_pregame_features holds exactly the rows a rebuild would.

Own throwaway database; a snapshot of 2023-24 loaded as of a November morning, built in full, then
a week of mornings each loaded and built the way the daily run does (an incremental load, an
incremental build). The table must then equal a ``--full-refresh`` row for row, and a correction
older than the lookback must be picked up by the next incremental build, recomputing the games from
its date on and nothing before it.
"""

from __future__ import annotations

import datetime as dt
import time

import psycopg
import pytest

from ingest.cursors import CORRECTION_LAG_DAYS
from ingest.jobs import ingest_snapshot
from ingest.snapshot import SnapshotDir
from tests.support.snapshots import copy_snapshot
from warehouse.dbt import build

pytestmark = pytest.mark.integration
START = dt.date(2023, 11, 14)
DAYS = 3
SELECTION = "+fct_pregame_features"
LOOKBACK_DAYS = 3  # var features_lookback_days
CORRECTED_DAY = dt.date(2023, 11, 8)  # two weeks before the last morning: far outside the 3-day lookback


def rows(url: str) -> dict[str, tuple]:
    with psycopg.connect(url) as conn:
        cur = conn.execute("select * from marts.fct_pregame_features order by game_id")
        return {r[0]: r for r in cur.fetchall()}


def row_versions(url: str) -> dict[str, tuple[dt.date, int]]:
    """Each feature row's game date and the transaction that wrote it (rows left alone keep theirs)."""
    with psycopg.connect(url) as conn:
        cur = conn.execute("select game_id, game_date, xmin::text::bigint from marts.fct_pregame_features")
        return {g: (d, x) for g, d, x in cur.fetchall()}


def build_features(full_refresh: bool = False):
    """The models fct_pregame_features is made of (their tests are not what this module checks)."""
    return build(SELECTION, exclude="resource_type:test resource_type:unit_test", full_refresh=full_refresh, quiet=True)


@pytest.fixture(scope="module")
def incremental_days(module_db, tmp_path_factory):
    """Loaded and built morning by morning like the daily run; the first build is a full one."""
    directory = copy_snapshot(tmp_path_factory.mktemp("incremental") / "s", ["2023-24"], feeds=False)
    snap = SnapshotDir(directory)  # parsed once, as a replay does
    ingest_snapshot(directory, START, snapshot=snap)
    build_features()
    for i in range(1, DAYS + 1):
        loaded = ingest_snapshot(directory, START + dt.timedelta(days=i), incremental=True, snapshot=snap)
        assert loaded.incremental and loaded.replaced is None
        built = build_features()
        assert built.full_refresh is None, "the daily build stays incremental"
    return module_db


def test_a_week_of_incremental_mornings_equals_a_full_refresh(incremental_days):
    url = incremental_days
    before = row_versions(url)
    last = START + dt.timedelta(days=DAYS)
    # the last morning's build rewrote only recent games: the lookback and the days its load re-read
    window = last - dt.timedelta(days=LOOKBACK_DAYS + CORRECTION_LAG_DAYS + 1)
    newest = max(x for _, x in before.values())
    assert min(d for d, x in before.values() if x == newest) >= window
    assert any(d < window for d, _ in before.values()), "older rows were left alone"

    incremental = rows(url)
    assert build_features(full_refresh=True).full_refresh == "asked for"
    rebuilt = rows(url)
    assert incremental.keys() == rebuilt.keys() and len(rebuilt) > 150
    differing = [g for g in rebuilt if incremental[g] != rebuilt[g]]
    assert not differing, f"incremental rows differ from a full refresh for games {differing[:10]}"


def test_a_correction_older_than_the_lookback_recomputes_the_games_it_touches(incremental_days):
    url = incremental_days
    stale = rows(url)
    versions = row_versions(url)
    with psycopg.connect(url, autocommit=True) as conn:
        # a box score re-delivered two weeks late, as a dlt merge leaves it: changed values, a new load id
        game_id, team_id = conn.execute(
            "select game_id, team_id from raw_nba.team_game_logs where game_date = %s order by game_id limit 1",
            (CORRECTED_DAY,),
        ).fetchone()
        conn.execute(
            "update raw_nba.team_game_logs set ftm = ftm + 4, fta = fta + 4, pts = pts + 4, _dlt_load_id = %s"
            " where game_id = %s and team_id = %s",
            (f"{time.time():.6f}", game_id, team_id),
        )

    built = build_features()
    assert built.full_refresh is None and built.recompute_from == CORRECTED_DAY

    corrected = rows(url)
    after = row_versions(url)
    assert all(after[g] == versions[g] for g, (d, _) in versions.items() if d < CORRECTED_DAY), (
        "games before the correction were left alone"
    )
    later = [g for g, (d, _) in versions.items() if d > CORRECTED_DAY]
    assert any(corrected[g] != stale[g] for g in later), "the correction reached the features of later games"

    build_features(full_refresh=True)
    rebuilt = rows(url)
    differing = [g for g in rebuilt if corrected[g] != rebuilt[g]]
    assert not differing, f"after the correction, incremental rows differ from a full refresh: {differing[:10]}"
