"""Player game logs and season totals: one parser for snapshot files and live nba_api bodies."""

from __future__ import annotations

import csv
import gzip
import io
from datetime import date
from pathlib import Path

import pytest

from ingest.nba.client import NbaStatsClient
from ingest.nba.live import LiveNbaFeed
from ingest.snapshot import SnapshotDir
from tests.support.recorded import (
    RecordedSession,
    install,
    player_game_logs_route,
    season_totals_body,
    uninstall,
)
from warehouse.errors import InputError
from warehouse.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
LOG_2324 = ROOT / "data" / "players" / "player_game_log_2023-24.csv.gz"
TOTALS_2223 = ROOT / "data" / "players" / "player_season_totals_2022-23.csv"


def _csv_rows(path: Path, n: int | None = None) -> tuple[list[str], list[list[str]]]:
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    reader = csv.reader(io.StringIO(raw.decode()))
    headers = next(reader)
    rows = [r for _, r in zip(range(n or 10**9), reader, strict=False)]
    return headers, rows


def _write_snapshot(tmp_path: Path, headers, rows, name="player_game_log_2023-24.csv.gz") -> Path:
    (tmp_path / "players").mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(headers)
    w.writerows(rows)
    data = buf.getvalue().encode()
    (tmp_path / "players" / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    return tmp_path


def _players(snap: Path, through: date | None = None, since: date | None = None):
    view = SnapshotDir(snap).as_of(through)
    return view.player_game_logs(since), view.player_season_totals(since)


def test_game_log_row_from_the_real_file():
    rows = SnapshotDir(ROOT / "data").player_game_logs("2023-24")
    assert len(rows) == 25832
    first = rows[0]
    assert first["player_id"] == 1630552 and first["game_id"] == "0022301147"
    assert first["game_date"] == date(2024, 4, 9) and first["season"] == "2023-24"
    assert first["team_abbreviation"] == "ATL" and first["team_id"] == 1610612737
    assert first["is_home"] is True and first["opponent_abbreviation"] == "MIA"
    assert first["min"] == 24.0 and first["pts"] == 13 and first["plus_minus"] == -14
    assert first["game_type"] == "regular_season" and first["source_endpoint"] == "PlayerGameLog"
    assert len({r["game_id"] for r in rows}) == 1230


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("GAME_DATE", "April 9th", "GAME_DATE 'April 9th' is not a date"),
        ("MATCHUP", "ATL v MIA", "MATCHUP"),
        ("MATCHUP", "XYZ vs. MIA", "unknown team 'XYZ'"),
        ("PTS", "thirteen", "PTS 'thirteen' is not a number"),
        ("PTS", "nan", "PTS 'nan' is not a finite number"),
        ("Game_ID", "", "GAME_ID"),
        ("Player_ID", "", "PLAYER_ID is empty"),
    ],
)
def test_malformed_game_log_row_names_file_and_row(tmp_path, column, value, message):
    headers, rows = _csv_rows(LOG_2324, 5)
    rows[2][headers.index(column)] = value
    snap = _write_snapshot(tmp_path, headers, rows)
    with pytest.raises(InputError) as err:
        _players(snap)
    assert "player_game_log_2023-24.csv.gz" in str(err.value) and "row 3" in str(err.value)
    assert message in str(err.value)


def test_missing_column_and_duplicates_are_errors(tmp_path):
    headers, rows = _csv_rows(LOG_2324, 4)
    i = headers.index("PTS")
    snap = _write_snapshot(
        tmp_path / "a",
        [h for j, h in enumerate(headers) if j != i],
        [[v for j, v in enumerate(r) if j != i] for r in rows],
    )
    with pytest.raises(InputError, match="missing columns PTS"):
        _players(snap)
    snap = _write_snapshot(tmp_path / "b", headers, [*rows, rows[1]])
    with pytest.raises(InputError, match=r"row 5: duplicate player .* \(first at row 2\)"):
        _players(snap)


def test_through_hides_games_on_and_after_the_date_and_unfinished_seasons():
    logs, totals = _players(ROOT / "data", date(2023, 1, 15))
    assert max(r["game_date"] for r in logs) == date(2023, 1, 14)
    assert {r["season"] for r in logs} == {"2021-22", "2022-23"}
    # season totals are end-of-season numbers: 2022-23 totals would leak inside 2022-23
    assert {r["season"] for r in totals} == {"2018-19", "2019-20", "2020-21", "2021-22"}
    # known from the morning after the last regular-season game (2023-04-09), not before
    assert "2022-23" not in {r["season"] for r in _players(ROOT / "data", date(2023, 4, 10))[1]}
    assert "2022-23" in {r["season"] for r in _players(ROOT / "data", date(2023, 4, 11))[1]}


def test_an_incremental_read_touches_only_the_seasons_it_needs():
    snap = SnapshotDir(ROOT / "data")
    view = snap.as_of(date(2024, 1, 15))
    logs = view.player_game_logs(since=date(2024, 1, 12))
    assert {r["game_date"] for r in logs} == {date(2024, 1, d) for d in (12, 13, 14)}
    assert snap.parsed_files() == ["player_game_logs 2023-24"]


def test_season_totals_parse_and_validate(tmp_path):
    rows = SnapshotDir(ROOT / "data").player_season_totals("2022-23")
    assert len(rows) == 539 and round(sum(r["min"] for r in rows)) == 594850
    jokic = next(r for r in rows if r["player_id"] == 203999)
    assert jokic["player_name"] == "Nikola Jokić" and jokic["team_abbreviation"] == "DEN" and jokic["gp"] == 69
    headers, data = _csv_rows(TOTALS_2223, 3)
    data[1][headers.index("MIN")] = "-5"
    snap = _write_snapshot(tmp_path, headers, data, name="player_season_totals_2022-23.csv")
    with pytest.raises(InputError, match=r"player_season_totals_2022-23.csv: row 2: MIN '-5' is out of range"):
        _players(snap)


def test_live_path_runs_the_real_nba_api_client_on_a_recorded_shape_body():
    session = RecordedSession(
        {
            "playergamelogs": player_game_logs_route(LOG_2324, "2023-24"),
            "leaguedashplayerstats": season_totals_body(TOTALS_2223),
        }
    )
    install(session)
    try:
        client = NbaStatsClient(load_settings({"COURTSIDE_NBA_REQUEST_INTERVAL": "0"}).sources, sleep=lambda s: None)
        feed = LiveNbaFeed(date(2024, 4, 9), client)
        live = feed.player_game_logs(since=date(2024, 4, 1))
        totals = LiveNbaFeed(date(2023, 10, 1), client).player_season_totals(since=None)
        assert LiveNbaFeed(date(2024, 1, 1), client).player_season_totals(since=date(2023, 4, 10)) == []  # not ended
    finally:
        uninstall()
    snapshot = {(r["player_id"], r["game_id"]): r for r in SnapshotDir(ROOT / "data").player_game_logs("2023-24")}
    assert live and all(r["game_date"] < date(2024, 4, 9) for r in live)
    for r in live:
        s = snapshot[(r["player_id"], r["game_id"])]
        assert r["min"] == s["min"] + 0.25  # PlayerGameLogs gives decimal minutes
        for k in ("season", "season_id", "game_date", "team_id", "is_home", "pts", "plus_minus", "fg_pct"):
            assert r[k] == s[k], k
        assert r["source_endpoint"] == "PlayerGameLogs"
    assert [c[0] for c in session.calls] == ["playergamelogs", "leaguedashplayerstats"]
    params = session.calls[0][1]
    assert params["Season"] == "2023-24" and params["DateFrom"] == "04/01/2024" and params["DateTo"] == "04/08/2024"
    assert session.calls[1][1]["Season"] == "2022-23"  # the last season whose totals are known
    assert len(totals) == 539 and totals[0]["season"] == "2022-23" and totals[0]["known_on"] == date(2023, 4, 10)
