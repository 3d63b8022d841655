"""Player ingestion and availability features in a real PostgreSQL with the real CLI and dbt.

One throwaway database for this module (other modules load other seasons into the session's):
a snapshot of 2023-24 without players/, then a malformed players/ file (rejected, nothing changes),
then the real players/ files; availability features built by dbt; the leakage check deletes log
rows dated on/after D and box scores of D and later and rebuilds.
"""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
import uuid
from pathlib import Path

import psycopg
import pytest

from tests.support.cli import run_cli
from tests.support.database import count
from tests.support.paths import ROOT

pytestmark = pytest.mark.integration
DATA = ROOT / "data"
THROUGH = "2024-02-01"
LEAK_DAY = dt.date(2024, 1, 20)
PLAYER_TABLES = ("raw_nba.player_game_logs", "raw_nba.player_season_totals", "raw_news.injury_player_quarantine")
SELECT = (
    "+int_team_availability_pregame +fct_player_games +dim_players +stg_news__injury_player_quarantine "
    "+fct_pregame_features"
)
AVAIL_COLUMNS = (
    "avail_log_known",
    "avail_value_known",
    "avail_minutes_known",
    "avail_players_out",
    "avail_rotation_out",
    "avail_value_out",
    "avail_min_share_out_l10",
    "avail_returning",
)
MART_STEMS = ("value_out", "min_share_out_l10")


@pytest.fixture(scope="module")
def own_db(server_url, pg_url):
    from warehouse.db import with_database
    from warehouse.migrate import upgrade

    name = f"courtside_players_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    url = with_database(server_url, name)
    upgrade(url)
    yield url
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


def cli(url: str, *args: str, check: bool = True):
    return run_cli(*args, env={"DATABASE_URL": url}, check=check)


def build(url: str, *extra: str) -> None:
    """dbt build of the availability lineage (tests of other marts' relationships left out)."""
    import os
    import subprocess
    import sys

    code = (
        "import sys; from warehouse.dbt import invoke; "
        "r = invoke(['build', '--select', sys.argv[1], '--indirect-selection', 'cautious', *sys.argv[2:]]); "
        "sys.exit(0 if r.success else 1)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, SELECT, *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": url},
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("players_snap")
    (dest / "leaguegamelog").mkdir()
    shutil.copy(DATA / "leaguegamelog" / "2023-24.json.gz", dest / "leaguegamelog")
    (dest / "news").mkdir()
    shutil.copy(DATA / "news" / "injury_log_2015-07-01_2024-06-30.csv", dest / "news")
    return dest


def availability(conn, day: dt.date) -> dict[tuple[str, int], tuple]:
    rows = conn.execute(
        f"select a.game_id, a.team_id, {', '.join('a.' + c for c in AVAIL_COLUMNS)} "
        "from intermediate.int_team_availability_pregame a "
        "join intermediate.int_team_schedules_sequenced s using (game_id, team_id) where s.game_date = %s",
        (day,),
    ).fetchall()
    return {(r[0], r[1]): tuple(r[2:]) for r in rows}


def test_snapshot_without_players_loads_and_builds_with_value_unknown(own_db, snapshot):
    cli(own_db, "ingest", "snapshot", "--dir", str(snapshot), "--through", THROUGH, "--quiet")
    build(own_db)
    with psycopg.connect(own_db) as conn:
        assert count(conn, "raw_nba.player_game_logs") == 0
        known = conn.execute(
            "select min(avail_log_known), max(avail_value_known), max(avail_minutes_known), "
            "max(abs(avail_value_out)), max(avail_players_out), count(*) "
            "from intermediate.int_team_availability_pregame"
        ).fetchone()
        # the log is known, player value is not: the flag says so (the value column holds 0 under it)
        assert known[:5] == (1, 0, 0, 0, known[4]) and known[4] > 0 and known[5] > 0
        flags = conn.execute(
            "select min(avail_log_known), max(avail_value_known), max(avail_minutes_known) "
            "from marts.fct_pregame_features"
        ).fetchone()
        assert flags == (1, 0, 0)
        # injury names were matched at ingest even without player files (static NBA.com directory)
        matched = conn.execute(
            "select count(*) filter (where relinquished_player_id is not null)::float "
            "/ count(relinquished) from raw_news.injury_log "
            "where log_date >= '2018-07-01'"
        ).fetchone()[0]
        assert matched >= 0.97


def test_malformed_player_file_fails_naming_file_and_row_and_changes_nothing(own_db, snapshot, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(snapshot, bad)
    (bad / "players").mkdir()
    lines = gzip.decompress((DATA / "players" / "player_game_log_2023-24.csv.gz").read_bytes()).decode().splitlines()
    lines[5] = lines[5].replace('"Apr', '"Apx', 1)
    (bad / "players" / "player_game_log_2023-24.csv.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    with psycopg.connect(own_db) as conn:
        before = {t: count(conn, t) for t in (*PLAYER_TABLES, "raw_news.injury_log", "raw_nba.team_game_logs")}
    proc = cli(own_db, "ingest", "snapshot", "--dir", str(bad), "--quiet", check=False)
    assert proc.returncode != 0
    assert "players/player_game_log_2023-24.csv.gz: row 5: GAME_DATE 'Apx 01, 2024' is not a date" in proc.stderr
    with psycopg.connect(own_db) as conn:
        assert {t: count(conn, t) for t in before} == before


def test_players_load_build_and_quarantine(own_db, snapshot):
    (snapshot / "players").mkdir(exist_ok=True)
    for f in ("player_game_log_2023-24.csv.gz", "player_season_totals_2022-23.csv", "player_season_totals_2023-24.csv"):
        shutil.copy(DATA / "players" / f, snapshot / "players")
    cli(own_db, "ingest", "snapshot", "--dir", str(snapshot), "--through", THROUGH, "--quiet")
    with psycopg.connect(own_db) as conn:
        loaded = {t: count(conn, t) for t in PLAYER_TABLES}
    cli(own_db, "ingest", "snapshot", "--dir", str(snapshot), "--through", THROUGH, "--quiet")  # idempotent
    build(own_db)
    with psycopg.connect(own_db) as conn:
        assert {t: count(conn, t) for t in PLAYER_TABLES} == loaded and loaded["raw_nba.player_game_logs"] > 10000
        assert conn.execute("select max(game_date) from raw_nba.player_game_logs").fetchone()[0] < dt.date(2024, 2, 1)
        # 2023-24 totals are end-of-season numbers: hidden before the season ended
        assert [r[0] for r in conn.execute("select distinct season from raw_nba.player_season_totals")] == ["2022-23"]
        q = conn.execute(
            "select count(*), count(*) filter (where reason like 'ambiguous%%') "
            "from staging.stg_news__injury_player_quarantine"
        ).fetchone()
        assert q[0] > 0
        unmatched = conn.execute(
            "select count(*) from raw_news.injury_log where relinquished is not null and relinquished_player_id is null"
        ).fetchone()[0]
        assert (
            unmatched
            == conn.execute(
                "select count(*) from raw_news.injury_player_quarantine where side = 'relinquished'"
            ).fetchone()[0]
        )
        stats = conn.execute(
            "select min(avail_value_known), min(avail_minutes_known), max(avail_value_out), "
            "max(avail_min_share_out_l10) from intermediate.int_team_availability_pregame a "
            "join intermediate.int_team_schedules_sequenced s using (game_id, team_id) "
            "where s.game_date >= '2023-11-15'"
        ).fetchone()
        assert stats[0] == 1 and stats[1] == 1 and stats[2] > 5 and 0.2 < stats[3] < 1
        cols = {
            r[0]
            for r in conn.execute(
                "select column_name from information_schema.columns "
                "where table_schema='marts' and table_name='fct_pregame_features'"
            )
        }
        for stem in MART_STEMS:
            assert {f"home_avail_{stem}", f"away_avail_{stem}", f"diff_avail_{stem}"} <= cols
        assert {"avail_log_known", "avail_value_known", "avail_minutes_known"} <= cols


def test_availability_of_day_d_ignores_rows_dated_d_and_later_box_scores(own_db):
    with psycopg.connect(own_db) as conn:
        before = availability(conn, LEAK_DAY)
        assert len(before) >= 10 and any(v[3] > 0 for v in before.values())
        assert any(v[5] > 0 for v in before.values()) and any(v[7] > 0 for v in before.values())
    with psycopg.connect(own_db, autocommit=True) as conn:
        conn.execute("delete from raw_news.injury_log where log_date >= %s", (LEAK_DAY,))
        conn.execute("delete from raw_news.injury_player_quarantine where log_date >= %s", (LEAK_DAY,))
        conn.execute("delete from raw_nba.player_game_logs where game_date >= %s", (LEAK_DAY,))
        conn.execute("delete from raw_nba.team_game_logs where game_date >= %s", (LEAK_DAY,))
    build(own_db, "--full-refresh")
    with psycopg.connect(own_db) as conn:
        after = availability(conn, LEAK_DAY)
    assert after == before
