"""Snapshot and live ingestion into a real PostgreSQL."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from pathlib import Path

import pytest

from ingest.snapshot import read_json_gz
from tests.conftest import ROOT, count, run_cli

pytestmark = pytest.mark.integration
DATA = ROOT / "data"
RAW_TABLES = (
    "raw_nba.team_game_logs",
    "raw_nba.schedule",
    "raw_market.closing_lines",
    "raw_market.fivethirtyeight_forecasts",
    "raw_news.articles",
    "raw_news.injury_log",
    "raw_news.injury_log_quarantine",
)


def make_snapshot(dest: Path, seasons: list[str], *, news: bool = True, odds: bool = True) -> Path:
    (dest / "leaguegamelog").mkdir(parents=True)
    for season in seasons:
        shutil.copy(DATA / "leaguegamelog" / f"{season}.json.gz", dest / "leaguegamelog")
    shutil.copy(DATA / "MANIFEST.json", dest)
    if odds:
        shutil.copytree(DATA / "odds", dest / "odds")
        shutil.copytree(DATA / "elo538", dest / "elo538")
    if news:
        (dest / "news").mkdir()
        for f in ("injury_log_2015-07-01_2024-06-30.csv", "espn_nba_news_2023-01-13.xml"):
            shutil.copy(DATA / "news" / f, dest / "news")
    return dest


def counts(db) -> dict[str, int]:
    return {t: count(db, t) for t in RAW_TABLES}


@pytest.fixture(scope="module")
def two_seasons(tmp_path_factory) -> Path:
    return make_snapshot(tmp_path_factory.mktemp("snap"), ["2019-20", "2020-21"])


def test_two_seasons_load_exactly_and_idempotently(module_db, db, two_seasons):
    first = run_cli("ingest", "snapshot", "--dir", str(two_seasons), "--quiet")
    assert "2,139 games" in first.stdout
    after_first = counts(db)
    assert after_first["raw_nba.team_game_logs"] == 2118 + 2160
    assert after_first["raw_nba.schedule"] == 1059 + 1080
    assert after_first["raw_market.closing_lines"] == 10749  # lines for every bundled game
    assert after_first["raw_news.injury_log_quarantine"] == 18
    assert after_first["raw_news.injury_log"] + 18 == 24712
    run_cli("ingest", "snapshot", "--dir", str(two_seasons), "--quiet")
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


def test_through_hides_that_day_and_later(module_db, db, tmp_path):
    snap = make_snapshot(tmp_path / "s", ["2021-22"])
    db.execute(
        "drop schema if exists raw_nba cascade; drop schema if exists raw_market cascade; "
        "drop schema if exists raw_news cascade"
    )
    run_cli("ingest", "snapshot", "--dir", str(snap), "--through", "2022-01-15", "--quiet")
    cut = dt.date(2022, 1, 15)
    assert db.execute("select max(game_date) from raw_nba.team_game_logs").fetchone()[0] < cut
    statuses = dict(db.execute("select status, count(*) from raw_nba.schedule where game_date = %s group by 1", (cut,)))
    assert statuses and set(statuses) == {"scheduled"}
    assert db.execute("select count(*) from raw_nba.schedule where game_date > %s", (cut,)).fetchone()[0] == 0
    assert db.execute("select max(game_date) from raw_market.closing_lines").fetchone()[0] == cut
    assert db.execute("select max(log_date) from raw_news.injury_log").fetchone()[0] < cut
    assert count(db, "raw_news.articles") == 0  # the recorded feed is from 2023
    # the next morning: D becomes final, D+1 is scheduled; nothing is duplicated
    run_cli("ingest", "snapshot", "--dir", str(snap), "--through", "2022-01-16", "--quiet")
    assert set(dict(db.execute("select status, 1 from raw_nba.schedule where game_date = %s", (cut,)))) == {"final"}
    dup = db.execute("select count(*) - count(distinct (game_id, team_id)) from raw_nba.team_game_logs").fetchone()[0]
    assert dup == 0


def _corrupt_copies(base: Path):
    """(name, directory, expected message) for each bad-input case."""
    src = read_json_gz(DATA / "leaguegamelog" / "2022-23.json.gz")

    def season_dir(name, body_bytes):
        d = make_snapshot(base / name, ["2021-22"], news=False, odds=False)
        (d / "leaguegamelog" / "2022-23.json.gz").write_bytes(body_bytes)
        return d

    def with_body(mutate):
        body = json.loads(json.dumps(src))
        mutate(body["resultSets"][0])
        return gzip.compress(json.dumps(body).encode())

    yield "truncated gzip", season_dir("gz", gzip.compress(json.dumps(src).encode())[:5000]), "not a readable gzip"
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
        "unparseable date",
    )
    feed_dir = make_snapshot(base / "feed", ["2021-22"], odds=False)
    (feed_dir / "news" / "zz_broken.xml").write_text("<html>nope")
    yield "bad feed", feed_dir, "zz_broken.xml: not a readable RSS/Atom feed"


def test_bad_input_fails_clearly_and_changes_nothing(module_db, db, tmp_path, two_seasons):
    run_cli("ingest", "snapshot", "--dir", str(two_seasons), "--quiet")
    before = counts(db)
    for name, directory, message in _corrupt_copies(tmp_path):
        proc = run_cli("ingest", "snapshot", "--dir", str(directory), "--quiet", check=False)
        assert proc.returncode == 1, name
        assert message in proc.stderr and "Traceback" not in proc.stderr, (name, proc.stderr)
        assert counts(db) == before, name
    failed = db.execute("select count(*) from ops.pipeline_audit where step='ingest.snapshot' and status='failed'")
    assert failed.fetchone()[0] >= 7


def test_bad_date_argument(module_db):
    proc = run_cli("ingest", "snapshot", "--dir", "data", "--through", "15/01/2024", check=False)
    assert proc.returncode == 2 and "not a date in the form YYYY-MM-DD" in proc.stderr


def test_live_ingest_through_recorded_bodies(module_db, db):
    """The real nba_api client, answered by recorded bodies, loads through dlt incrementally."""
    from ingest.jobs import ingest_live
    from ingest.nba_client import NbaStatsClient
    from tests.support.recorded import RecordedSession, install, uninstall

    board = json.loads((ROOT / "tests/fixtures/nba_api_responses/najicham/scoreboardv2_2024-01-15.json").read_text())
    season = read_json_gz(DATA / "leaguegamelog" / "2023-24.json.gz")

    def gamelog(params):  # answer like stats.nba.com: only rows within DateFrom..DateTo
        lo = dt.datetime.strptime(params["DateFrom"], "%m/%d/%Y").date() if params["DateFrom"] else dt.date.min
        hi = dt.datetime.strptime(params["DateTo"], "%m/%d/%Y").date()
        body = json.loads(json.dumps(season))
        rs = body["resultSets"][0]
        rs["rowSet"] = [r for r in rs["rowSet"] if lo <= dt.date.fromisoformat(r[5]) <= hi]
        return body

    session = RecordedSession({"leaguegamelog": gamelog, "scoreboardv2": board})
    install(session)
    try:
        ingest_live(dt.date(2024, 1, 15), client=NbaStatsClient(sleep=lambda s: None), with_news=False)
        first = db.execute("select count(*), max(game_date) from raw_nba.team_game_logs where season='2023-24'")
        n_first, last_day = first.fetchone()
        assert last_day == dt.date(2024, 1, 14)
        ingest_live(dt.date(2024, 1, 16), client=NbaStatsClient(sleep=lambda s: None), with_news=False)
    finally:
        uninstall()
    second_from = [c for c in session.calls if c[0] == "leaguegamelog"][-1][1]["DateFrom"]
    assert second_from == "01/11/2024"  # the last loaded day minus the 3-day correction lag
    n_second = db.execute("select count(*) from raw_nba.team_game_logs where season='2023-24'").fetchone()[0]
    rows_on_15th = sum(1 for r in season["resultSets"][0]["rowSet"] if r[5] == "2024-01-15")
    assert rows_on_15th == 22
    assert n_second == n_first + rows_on_15th  # the re-read lag days merged, not duplicated
    sched = db.execute("select status from raw_nba.schedule where game_id='0022300555'").fetchone()[0]
    assert sched == "final"
