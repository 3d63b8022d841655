"""Parsers on real recorded bodies and on the bad inputs the loader must reject."""

from __future__ import annotations

import copy
import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from ingest.market.lines import parse_lines
from ingest.nba.gamelog import parse_league_game_log
from ingest.nba.scoreboard import parse_scoreboard
from ingest.news.feeds import parse_feed
from ingest.news.injured_list import parse_injury_log
from warehouse.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "fixtures" / "nba_api_responses"


@pytest.fixture(scope="module")
def body_2324():
    return json.load(gzip.open(DATA / "leaguegamelog" / "2023-24.json.gz"))


def _game_rows(body, game_id):
    rs = body["resultSets"][0]
    i = rs["headers"].index("GAME_ID")
    return [r for r in rs["rowSet"] if r[i] == game_id]


def _with_rows(body, rows):
    out = copy.deepcopy(body)
    out["resultSets"][0]["rowSet"] = rows
    return out


def test_real_season_parses_to_two_rows_per_game(body_2324):
    rows = parse_league_game_log(body_2324, "2023-24")
    assert len(rows) == 2460
    assert len({r["game_id"] for r in rows}) == 1230
    assert sum(r["is_home"] for r in rows) == 1230
    assert not any(r["is_neutral_site"] for r in rows)
    assert {r["game_type"] for r in rows} == {"regular_season"}
    assert {r["season"] for r in rows} == {"2023-24"}
    assert any(r["min"] > 240 for r in rows)  # overtime minutes survive
    clippers = {r["team_name"] for r in rows if r["team_id"] == 1610612746}
    assert clippers == {"LA Clippers"}


def test_neutral_site_game_in_current_shape_is_kept_once(body_2324):
    """Current NBA.com prints '@' on both rows of a neutral-site game (e.g. Paris, Mexico City)."""
    pair = copy.deepcopy(_game_rows(body_2324, "0022300061"))  # DEN vs. LAL, recorded
    m = body_2324["resultSets"][0]["headers"].index("MATCHUP")
    pair[0][m] = "DEN @ LAL"
    pair[1][m] = "LAL @ DEN"
    rows = parse_league_game_log(_with_rows(body_2324, pair), "neutral")
    assert len(rows) == 2 and all(r["is_neutral_site"] for r in rows)
    home = [r for r in rows if r["is_home"]]
    assert len(home) == 1 and home[0]["team_id"] == min(r["team_id"] for r in rows)  # documented rule
    assert {r["opponent_team_id"] for r in rows} == {r["team_id"] for r in rows}


@pytest.mark.parametrize(
    "prefix,kind",
    [("001", "preseason"), ("003", "all_star"), ("004", "playoffs"), ("005", "play_in"), ("006", "cup_final")],
)
def test_game_type_is_kept_from_the_id_prefix(body_2324, prefix, kind):
    pair = copy.deepcopy(_game_rows(body_2324, "0022300061"))
    g = body_2324["resultSets"][0]["headers"].index("GAME_ID")
    for r in pair:
        r[g] = prefix + r[g][3:]
    assert {r["game_type"] for r in parse_league_game_log(_with_rows(body_2324, pair), "x")} == {kind}


def _broken(body, mutate):
    out = copy.deepcopy(body)
    mutate(out["resultSets"][0])
    return out


@pytest.mark.parametrize(
    "name,mutate,message",
    [
        (
            "missing header",
            lambda rs: rs["headers"].__setitem__(rs["headers"].index("PTS"), "POINTS"),
            "missing headers PTS",
        ),
        ("unknown team", lambda rs: rs["rowSet"][5].__setitem__(1, 1610612799), "row 6: unknown TEAM_ID 1610612799"),
        ("one row", lambda rs: rs["rowSet"].pop(0), "has 1 rows"),
        ("three rows", lambda rs: rs["rowSet"].append(list(rs["rowSet"][0])), "has 3 rows"),
        ("bad date", lambda rs: rs["rowSet"][3].__setitem__(5, "24/10/2023"), "row 4: GAME_DATE '24/10/2023' is not"),
        ("not finite", lambda rs: rs["rowSet"][2].__setitem__(26, "nan"), "row 3: PTS 'nan' is not a finite number"),
        ("infinite", lambda rs: rs["rowSet"][2].__setitem__(11, float("inf")), "row 3: FG_PCT inf is not a finite"),
        ("short row", lambda rs: rs["rowSet"][7].pop(), "row 8: expected 29 values"),
    ],
)
def test_bad_bodies_are_rejected_naming_the_row(body_2324, name, mutate, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_league_game_log(_broken(body_2324, mutate), "2023-24.json.gz")


def test_not_a_stats_body():
    with pytest.raises(InputError, match="no 'resultSets'"):
        parse_league_game_log({"message": "Access denied"}, "blocked.json")


def test_recorded_scoreboards_v2_and_v3():
    v2 = parse_scoreboard(json.loads((FIXTURES / "swar_nba_api/scoreboardv2_2026-02-22.json").read_text()), "v2")
    assert len(v2) == 11 and {r["status"] for r in v2} == {"scheduled"}
    assert v2[0]["tipoff_at"] == dt.datetime(2026, 2, 22, 18, 0, tzinfo=dt.UTC)  # '1:00 pm ET'
    v3 = parse_scoreboard(json.loads((FIXTURES / "swar_nba_api/scoreboardv3_2025-11-05.json").read_text()), "v3")
    assert len(v3) == 11 and all(r["tipoff_at"] is not None for r in v3)
    empty = parse_scoreboard(
        json.loads((FIXTURES / "swar_nba_api/scoreboardv3_2025-07-15_offseason_empty.json").read_text()), "v3"
    )
    assert empty == []


def test_recorded_espn_feed():
    items = parse_feed((DATA / "news/espn_nba_news_2023-01-13.xml").read_bytes(), "espn")
    assert len(items) == 12
    assert all(i["published_at"].tzinfo is not None and i["title"] for i in items)


def test_unreadable_feed_is_rejected():
    with pytest.raises(InputError, match="broken.xml: not a readable RSS/Atom feed"):
        parse_feed(b"<html><body>502 Bad Gateway", "broken.xml")


def test_injury_log_quarantines_blank_and_unknown_teams(tmp_path):
    log = tmp_path / "injury_log_x.csv"
    log.write_text(
        "Date,Team,Acquired,Relinquished,Notes\n"
        "2017-11-04,Blazers,,Damian Lillard,sore hamstring (DTD)\n"
        "2017-11-05,Bullets,Marion Hillard,,activated from IL\n"
        "2017-11-05,,,Glen Davis,surgery\n"
        "2017-11-06,Blazers,Damian Lillard,,returned to lineup\n"
    )
    rows, quarantined = parse_injury_log(log)
    assert [r["team_id"] for r in rows] == [1610612757, 1610612757]
    assert [q["reason"] for q in quarantined] == ["unknown team nickname 'Bullets'", "blank team"]
    assert [q["line_number"] for q in quarantined] == [3, 4]


def test_injury_log_bad_date_fails_naming_the_line(tmp_path):
    log = tmp_path / "injury_log_x.csv"
    log.write_text("Date,Team,Acquired,Relinquished,Notes\n2017-11-04,Celtics,,A B,x\nnot-a-date,Celtics,,C D,y\n")
    with pytest.raises(InputError, match="line 3: Date 'not-a-date' is not a date"):
        parse_injury_log(log)


LINES_HEADER = (
    "game_id,game_date,season,home_team_abbr,away_team_abbr,home_spread,total,home_moneyline,away_moneyline,source\n"
)
LINE = "0022300001,2023-10-24,2023-24,DEN,LAL,{spread},233.5,-270,220,kaggle\n"


def test_lines_exact_duplicates_collapse_and_conflicting_ones_name_both_lines(tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text(LINES_HEADER + LINE.format(spread="-5.5") + LINE.format(spread="-5.5"))
    assert [r["home_spread"] for r in parse_lines(path)] == [-5.5]
    path.write_text(LINES_HEADER + LINE.format(spread="1.5") + LINE.format(spread="99"))
    with pytest.raises(InputError, match=r"game 0022300001 appears on lines 2 and 3 .*home_spread 1.5 vs 99.0"):
        parse_lines(path)


@pytest.mark.parametrize("value", ["nan", "inf", "-Infinity", "NaN"])
def test_lines_reject_values_that_are_not_finite(tmp_path, value):
    path = tmp_path / "lines.csv"
    path.write_text(LINES_HEADER + LINE.format(spread=value))
    with pytest.raises(InputError, match=f"line 2: home_spread '{value}' is not a finite number"):
        parse_lines(path)


def test_lines_with_only_a_header_are_an_error(tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text(LINES_HEADER)
    with pytest.raises(InputError, match="lines.csv: has a header but no rows"):
        parse_lines(path)
