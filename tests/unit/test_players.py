"""Player game logs and season totals: one parser for snapshot files and live nba_api bodies."""

from __future__ import annotations

import csv
import gzip
import io
import json
from datetime import date
from pathlib import Path

import pytest

from ingest import players as P
from warehouse.errors import InputError

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


def test_game_log_row_from_the_real_file():
    rows = P.read_game_log_file(LOG_2324)
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
        ("GAME_DATE", "April 9th", "unparseable GAME_DATE"),
        ("MATCHUP", "ATL v MIA", "MATCHUP"),
        ("MATCHUP", "XYZ vs. MIA", "unknown team 'XYZ'"),
        ("PTS", "thirteen", "PTS='thirteen' is not a number"),
        ("Game_ID", "", "GAME_ID"),
        ("Player_ID", "", "PLAYER_ID is empty"),
    ],
)
def test_malformed_game_log_row_names_file_and_row(tmp_path, column, value, message):
    headers, rows = _csv_rows(LOG_2324, 5)
    rows[2][headers.index(column)] = value
    snap = _write_snapshot(tmp_path, headers, rows)
    with pytest.raises(InputError) as err:
        P.read_players(snap)
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
        P.read_players(snap)
    snap = _write_snapshot(tmp_path / "b", headers, [*rows, rows[1]])
    with pytest.raises(InputError, match=r"row 5: duplicate player .* \(first at row 2\)"):
        P.read_players(snap)


def test_through_hides_games_on_and_after_the_date_and_unfinished_seasons(tmp_path):
    snap = ROOT / "data"
    through = date(2023, 1, 15)
    result = P.read_players(snap, through)
    assert max(r["game_date"] for r in result.game_logs) == date(2023, 1, 14)
    assert {r["season"] for r in result.game_logs} == {"2021-22", "2022-23"}
    # season totals are end-of-season numbers: 2022-23 totals would leak inside 2022-23
    assert {r["season"] for r in result.season_totals} == {"2018-19", "2019-20", "2020-21", "2021-22"}
    assert {r["season"] for r in P.read_players(snap, date(2023, 7, 1)).season_totals} >= {"2022-23"}


def test_snapshot_without_players_dir_gives_no_resources(tmp_path):
    assert P.player_resources(tmp_path) == []
    empty = P.read_players(tmp_path)
    assert empty.game_logs == [] and empty.season_totals == [] and empty.resources() == []


def test_season_totals_parse_and_validate(tmp_path):
    rows = P.read_season_totals_file(TOTALS_2223, "2022-23")
    assert len(rows) == 539 and round(sum(r["min"] for r in rows)) == 594850
    jokic = next(r for r in rows if r["player_id"] == 203999)
    assert jokic["player_name"] == "Nikola Jokić" and jokic["team_abbreviation"] == "DEN" and jokic["gp"] == 69
    headers, data = _csv_rows(TOTALS_2223, 3)
    data[1][headers.index("MIN")] = "-5"
    snap = _write_snapshot(tmp_path, headers, data, name="player_season_totals_2022-23.csv")
    with pytest.raises(InputError, match=r"player_season_totals_2022-23.csv: row 2: MIN='-5' is out of range"):
        P.read_players(snap)


class _RecordedSession:
    """Answers nba_api like stats.nba.com would, from a body recorded in the endpoint's shape."""

    def __init__(self, bodies: dict[str, dict]):
        self.bodies, self.calls = bodies, []

    def get(self, url, params=None, headers=None, proxies=None, timeout=None):
        endpoint = url.rstrip("/").rsplit("/", 1)[-1].lower()
        self.calls.append((endpoint, dict(params or [])))

        class _R:
            pass

        r = _R()
        r.url, r.status_code, r.text = url, 200, json.dumps(self.bodies[endpoint])
        return r


def _player_game_logs_body(n: int) -> dict:
    """A PlayerGameLogs (league-wide) body built from real PlayerGameLog rows: its own headers and shapes."""
    from nba_api.stats.endpoints import playergamelogs

    headers, rows = _csv_rows(LOG_2324, n)
    live_headers = playergamelogs.PlayerGameLogs.expected_data["PlayerGameLogs"]
    out = []
    for r in rows:
        src = dict(zip(headers, r, strict=True))
        from datetime import datetime

        day = datetime.strptime(src["GAME_DATE"], "%b %d, %Y").strftime("%Y-%m-%dT00:00:00")
        row = {h: None for h in live_headers}
        row.update({k: src[k] for k in headers if k in row})
        row.update(
            SEASON_YEAR="2023-24",
            PLAYER_ID=int(src["Player_ID"]),
            PLAYER_NAME="?",
            TEAM_ABBREVIATION=src["MATCHUP"][:3],
            GAME_ID=src["Game_ID"],
            GAME_DATE=day,
            MIN=float(src["MIN"]) + 0.25,
        )
        out.append([row[h] for h in live_headers])
    return {
        "resource": "playergamelogs",
        "parameters": {},
        "resultSets": [{"name": "PlayerGameLogs", "headers": live_headers, "rowSet": out}],
    }


def test_live_path_runs_the_real_nba_api_client_on_a_recorded_shape_body():
    from nba_api.library.http import NBAHTTP
    from nba_api.stats.library.http import NBAStatsHTTP

    from ingest.nba_client import NbaStatsClient
    from warehouse.settings import load_settings

    headers, csv_rows = _csv_rows(TOTALS_2223, 20)
    totals_body = {
        "resultSets": [{"name": "LeagueDashPlayerStats", "headers": headers[:-1], "rowSet": [r[:-1] for r in csv_rows]}]
    }
    session = _RecordedSession({"playergamelogs": _player_game_logs_body(50), "leaguedashplayerstats": totals_body})
    previous = NBAHTTP._session
    NBAStatsHTTP.set_session(session)
    try:
        client = NbaStatsClient(load_settings({"COURTSIDE_NBA_REQUEST_INTERVAL": "0"}), sleep=lambda s: None)
        live = P.live_game_logs("2023-24", through=date(2024, 4, 9), client=client)
        totals = P.live_season_totals("2022-23", through=date(2023, 10, 1), client=client)
        assert P.live_season_totals("2023-24", through=date(2024, 1, 1), client=client) == []  # not ended
    finally:
        NBAStatsHTTP.set_session(previous)
    snapshot = {(r["player_id"], r["game_id"]): r for r in P.read_game_log_file(LOG_2324)}
    assert live and all(r["game_date"] < date(2024, 4, 9) for r in live)
    for r in live:
        s = snapshot[(r["player_id"], r["game_id"])]
        assert r["min"] == s["min"] + 0.25  # PlayerGameLogs gives decimal minutes
        for k in ("season", "season_id", "game_date", "team_id", "is_home", "pts", "plus_minus", "fg_pct"):
            assert r[k] == s[k], k
        assert r["source_endpoint"] == "PlayerGameLogs"
    assert [c[0] for c in session.calls] == ["playergamelogs", "leaguedashplayerstats"]
    assert session.calls[0][1]["Season"] == "2023-24" and session.calls[0][1]["DateTo"] == "04/08/2024"
    assert len(totals) == 20 and totals[0]["season"] == "2022-23"
