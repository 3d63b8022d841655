"""Snapshot and live ingestion into a real PostgreSQL: exact counts, as-of cuts, incremental days, bad input."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from ingest.files import read_json_gz
from ingest.jobs import RAW_TABLES
from tests.support.cli import cli_json, run_cli
from tests.support.database import count
from tests.support.paths import DATA, FIXTURES
from tests.support.snapshots import copy_snapshot

pytestmark = pytest.mark.integration


def counts(db) -> dict[str, int]:
    return {t: count(db, t) for t in RAW_TABLES}


def drop_raw(db) -> None:
    for schema in ("raw_nba", "raw_market", "raw_news"):
        db.execute(f"drop schema if exists {schema} cascade")


@pytest.fixture(scope="module")
def two_seasons(tmp_path_factory) -> Path:
    return copy_snapshot(tmp_path_factory.mktemp("snap") / "s", ["2019-20", "2020-21"], players=False)


def test_two_seasons_load_exactly_and_idempotently(module_db, db, two_seasons):
    first = cli_json("ingest", "snapshot", "--dir", str(two_seasons))
    assert first["held"]["raw_nba.schedule"] == 1059 + 1080
    after_first = counts(db)
    assert after_first["raw_nba.team_game_logs"] == 2118 + 2160
    assert after_first["raw_market.closing_lines"] == 10749  # lines for every bundled game
    assert after_first["raw_news.injury_log_quarantine"] == 18
    assert after_first["raw_news.injury_log"] + 18 == 24712
    assert after_first["raw_nba.player_game_logs"] == 0  # no players/ in this snapshot: empty, but there
    cli_json("ingest", "snapshot", "--dir", str(two_seasons))
    assert counts(db) == after_first
    endpoints = dict(
        db.execute("select season, string_agg(distinct source_endpoint, ',') from raw_nba.team_game_logs group by 1")
    )
    assert endpoints == {"2019-20": "TeamGameLog", "2020-21": "LeagueGameLog"}
    audit = db.execute(
        "select status, rows_affected, details->'rows' from ops.pipeline_audit "
        "where step = 'ingest.snapshot' order by audit_id desc limit 1"
    ).fetchone()
    assert audit[0] == "succeeded" and audit[2]["raw_nba.team_game_logs"] == 4278


def test_through_hides_that_day_and_later_and_the_next_morning_merges(module_db, db, tmp_path):
    snap = copy_snapshot(tmp_path / "s", ["2021-22"])
    drop_raw(db)
    cut = dt.date(2022, 1, 15)
    cli_json("ingest", "snapshot", "--dir", str(snap), "--through", cut.isoformat())
    assert db.execute("select max(game_date) from raw_nba.team_game_logs").fetchone()[0] < cut
    assert db.execute("select max(game_date) from raw_nba.player_game_logs").fetchone()[0] < cut
    statuses = dict(db.execute("select status, count(*) from raw_nba.schedule where game_date = %s group by 1", (cut,)))
    assert statuses and set(statuses) == {"scheduled"}
    assert db.execute("select count(*) from raw_nba.schedule where game_date > %s", (cut,)).fetchone()[0] == 0
    assert db.execute("select max(game_date) from raw_market.closing_lines").fetchone()[0] == cut
    assert db.execute("select max(log_date) from raw_news.injury_log").fetchone()[0] < cut
    assert count(db, "raw_news.articles") == 0  # the recorded feed is from 2023
    # 2021-22 totals are end-of-season numbers: not known in January 2022; 2020-21's are
    assert {r[0] for r in db.execute("select distinct season from raw_nba.player_season_totals")} == {"2020-21"}
    # the next morning: D becomes final, D+1 is scheduled; nothing is duplicated
    cli_json("ingest", "snapshot", "--dir", str(snap), "--through", "2022-01-16")
    assert set(dict(db.execute("select status, 1 from raw_nba.schedule where game_date = %s", (cut,)))) == {"final"}
    dup = db.execute("select count(*) - count(distinct (game_id, team_id)) from raw_nba.team_game_logs").fetchone()[0]
    assert dup == 0


def test_an_incremental_day_loads_only_the_days_since_its_cursor_and_ends_equal(module_db, db, tmp_path):
    from ingest.jobs import ingest_snapshot

    snap = copy_snapshot(tmp_path / "s", ["2021-22", "2022-23"])
    drop_raw(db)
    ingest_snapshot(snap, dt.date(2023, 1, 10), incremental=True)  # no cursor yet: everything
    day = ingest_snapshot(snap, dt.date(2023, 1, 11), incremental=True)
    assert day.incremental and not day.replaced
    # the cursor re-reads the last few days (corrections, yesterday's finals), never the history
    assert 0 < day.rows["raw_nba.team_game_logs"] <= 2 * 15 * 4
    assert day.rows["raw_nba.player_season_totals"] == 0
    incremental = counts(db)
    drop_raw(db)
    full = ingest_snapshot(snap, dt.date(2023, 1, 11))
    assert not full.incremental and counts(db) == incremental


@pytest.mark.parametrize("day", ["2021-10-19", "2022-10-20", "2023-02-18"])
def test_any_morning_ingests_and_builds(module_db, db, tmp_path_factory, day):
    """The first morning of the data, a season's first week, the All-Star break: going back and forth."""
    snap = tmp_path_factory.getbasetemp() / "any_morning"
    if not snap.exists():
        copy_snapshot(snap, ["2021-22", "2022-23"])
    loaded = cli_json("ingest", "snapshot", "--dir", str(snap), "--through", day)
    # the only feed is from 2023-01: before it, the table exists and is empty
    assert (loaded["held"]["raw_news.articles"] == 0) == (day < "2023-01-10")
    built = cli_json("build")
    assert built["nodes"] > 100 and not built["failures"]
    if loaded["replaced"]:
        assert built["full_refresh"]  # an as-of load back in time rebuilds the incremental models
    games = db.execute("select count(*) from marts.fct_games where game_date = %s", (day,)).fetchone()[0]
    features = db.execute("select count(*) from marts.fct_pregame_features where game_date = %s", (day,)).fetchone()[0]
    later = db.execute("select count(*) from marts.fct_games where game_date > %s", (day,)).fetchone()[0]
    assert features == games and later == 0
    assert (games == 0) == (day == "2023-02-18")


def _corrupt_copies(base: Path):
    """(name, directory, expected message) for each bad-input case."""
    src = read_json_gz(DATA / "leaguegamelog" / "2022-23.json.gz")

    def season_dir(name, body_bytes):
        d = copy_snapshot(base / name, ["2021-22"], players=False, injury_log=False, feeds=False, odds=False)
        (d / "leaguegamelog" / "2022-23.json.gz").write_bytes(body_bytes)
        return d

    def with_body(mutate):
        body = json.loads(json.dumps(src))
        mutate(body["resultSets"][0])
        return gzip.compress(json.dumps(body).encode())

    yield "truncated gzip", season_dir("gz", gzip.compress(json.dumps(src).encode())[:5000]), "cannot read"
    yield "bad json", season_dir("json", gzip.compress(b'{"resultSets": [')), "malformed JSON"
    yield "missing headers", season_dir("hdr", with_body(lambda rs: rs["headers"].remove("MATCHUP"))), "missing headers"
    yield (
        "unknown team",
        season_dir("team", with_body(lambda rs: rs["rowSet"][10].__setitem__(1, 42))),
        "row 11: unknown TEAM_ID 42",
    )
    yield "three rows", season_dir("three", with_body(lambda rs: rs["rowSet"].append(rs["rowSet"][0]))), "has 3 rows"
    yield (
        "bad date",
        season_dir("date", with_body(lambda rs: rs["rowSet"][0].__setitem__(5, "yesterday"))),
        "GAME_DATE 'yesterday' is not a date",
    )
    yield (
        "not a number",
        season_dir("nan", with_body(lambda rs: rs["rowSet"][4].__setitem__(26, "NaN"))),
        "row 5: PTS 'NaN' is not a finite number",
    )
    feed_dir = copy_snapshot(base / "feed", ["2021-22"], players=False, odds=False)
    (feed_dir / "news" / "zz_broken.xml").write_text("<html>nope")
    yield "bad feed", feed_dir, "zz_broken.xml: not a readable RSS/Atom feed"
    lines_dir = copy_snapshot(base / "lines", ["2021-22"], players=False, injury_log=False, feeds=False)
    lines = (lines_dir / "odds" / "lines.csv").read_text().splitlines()
    conflicting = lines[5].split(",")
    conflicting[5] = "99"  # the same game again, with another spread
    (lines_dir / "odds" / "lines.csv").write_text("\n".join([*lines, ",".join(conflicting)]) + "\n")
    yield "conflicting lines", lines_dir, f"appears on lines 6 and {len(lines) + 1} with different values"


def test_bad_input_fails_clearly_and_changes_nothing(module_db, db, tmp_path, two_seasons):
    drop_raw(db)
    cli_json("ingest", "snapshot", "--dir", str(two_seasons))
    before = counts(db)
    for name, directory, message in _corrupt_copies(tmp_path):
        proc = run_cli("ingest", "snapshot", "--dir", str(directory), "--quiet", check=False)
        assert proc.returncode == 1, name
        assert message in proc.stderr and "Traceback" not in proc.stderr, (name, proc.stderr)
        assert counts(db) == before, name
    failed = db.execute("select count(*) from ops.pipeline_audit where step='ingest.snapshot' and status='failed'")
    assert failed.fetchone()[0] >= 9


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--through", "15/01/2024"), 2, "'15/01/2024' is not a date in the form YYYY-MM-DD"),
        (("--through", "2024-13-01"), 2, "'2024-13-01' is not a date in the form YYYY-MM-DD"),
        (("--through", "1990-01-01"), 1, "holds nothing known on the morning of 1990-01-01: its first game is on"),
        (("--dir", "/nonexistent"), 1, "/nonexistent: not a directory"),
    ],
)
def test_bad_arguments_are_one_line_errors(module_db, args, code, message):
    proc = run_cli("ingest", "snapshot", *args, check=False)
    assert proc.returncode == code and message in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_live_ingest_through_recorded_bodies(module_db, db):
    """The real nba_api client, answered by recorded bodies, loads through dlt incrementally."""
    from ingest.jobs import ingest_live
    from ingest.nba.client import NbaStatsClient
    from tests.support.recorded import (
        RecordedSession,
        install,
        league_game_log_route,
        player_game_logs_route,
        season_totals_body,
        uninstall,
    )

    drop_raw(db)
    board = json.loads((FIXTURES / "nba_api_responses/najicham/scoreboardv2_2024-01-15.json").read_text())
    season = read_json_gz(DATA / "leaguegamelog" / "2023-24.json.gz")
    session = RecordedSession(
        {
            "leaguegamelog": league_game_log_route(season),
            "scoreboardv2": board,
            "playergamelogs": player_game_logs_route(DATA / "players/player_game_log_2023-24.csv.gz", "2023-24"),
            "leaguedashplayerstats": season_totals_body(DATA / "players/player_season_totals_2022-23.csv"),
        }
    )
    install(session)
    try:
        client = NbaStatsClient(sleep=lambda s: None)
        ingest_live(dt.date(2024, 1, 15), client=client, with_news=False)
        n_first, last_day = db.execute(
            "select count(*), max(game_date) from raw_nba.team_game_logs where season='2023-24'"
        ).fetchone()
        assert last_day == dt.date(2024, 1, 14)
        players_first = count(db, "raw_nba.player_game_logs")
        assert db.execute("select max(game_date) from raw_nba.player_game_logs").fetchone()[0] == last_day
        assert {r[0] for r in db.execute("select distinct season from raw_nba.player_season_totals")} == {"2022-23"}
        ingest_live(dt.date(2024, 1, 16), client=client, with_news=False)
    finally:
        uninstall()
    froms = [c[1]["DateFrom"] for c in session.calls if c[0] == "leaguegamelog"]
    assert froms[0] == ""  # a first load reads the season so far
    assert "01/11/2024" in froms[1:]  # then from the last loaded day minus the 3-day correction lag
    n_second = db.execute("select count(*) from raw_nba.team_game_logs where season='2023-24'").fetchone()[0]
    rows_on_15th = sum(1 for r in season["resultSets"][0]["rowSet"] if r[5] == "2024-01-15")
    assert rows_on_15th == 22
    assert n_second == n_first + rows_on_15th  # the re-read lag days merged, not duplicated
    assert count(db, "raw_nba.player_game_logs") > players_first
    assert [c for c in session.calls if c[0] == "leaguedashplayerstats"][1:] == []  # totals known: not asked again
    sched = db.execute("select status from raw_nba.schedule where game_id='0022300555'").fetchone()[0]
    assert sched == "final"
    assert count(db, "raw_news.articles") == 0 and count(db, "raw_market.closing_lines") == 0  # tables exist
