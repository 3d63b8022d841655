"""The live path: the real nba_api client answered by recorded stats.nba.com bodies."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ingest.files import read_json_gz
from ingest.nba.client import NbaStatsClient
from ingest.nba.live import LiveNbaFeed
from tests.support.recorded import RecordedSession, install, uninstall
from warehouse.errors import LiveSourceUnavailable
from warehouse.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
SCOREBOARD = json.loads((ROOT / "tests/fixtures/nba_api_responses/najicham/scoreboardv2_2024-01-15.json").read_text())
GAMELOG = read_json_gz(ROOT / "data/leaguegamelog/2023-24.json.gz")


@pytest.fixture()
def session():
    s = RecordedSession({"leaguegamelog": GAMELOG, "scoreboardv2": SCOREBOARD})
    install(s)
    yield s
    uninstall()


def _client(**env):
    sleeps: list[float] = []
    settings = load_settings({"COURTSIDE_NBA_REQUEST_INTERVAL": "0.6", **env}).sources
    return NbaStatsClient(settings, sleep=sleeps.append, clock=lambda: 0.0), sleeps


def test_live_feed_parses_real_bodies_through_nba_api(session):
    client, sleeps = _client()
    feed = LiveNbaFeed(dt.date(2024, 1, 15), client)
    logs = feed.team_game_logs(dt.date(2024, 1, 10))
    schedule = feed.schedule(dt.date(2024, 1, 10))
    today = [r for r in schedule if r["game_date"] == dt.date(2024, 1, 15)]
    assert len(today) == 11 and today[0]["game_id"] == "0022300555"
    assert {r["status"] for r in schedule if r["game_date"] < dt.date(2024, 1, 15)} == {"final"}  # from the logs
    assert len(logs) == 2460  # the recorded body is the whole season
    endpoints = [c[0] for c in session.calls]
    assert endpoints == ["leaguegamelog", "scoreboardv2"]
    params = session.calls[0][1]
    assert params["Season"] == "2023-24" and params["PlayerOrTeam"] == "T"
    assert params["DateFrom"] == "01/10/2024" and params["DateTo"] == "01/14/2024"
    assert sleeps and all(s == pytest.approx(0.6) for s in sleeps)  # polite spacing between calls


def test_refusal_is_a_clear_error_after_retries():
    blocked = RecordedSession({"scoreboardv2": "<html>Access Denied</html>"}, status_code=403)
    install(blocked)
    try:
        client, sleeps = _client(COURTSIDE_NBA_RETRIES="3")
        with pytest.raises(LiveSourceUnavailable, match="did not answer ScoreboardV2 after 3 tries"):
            client.scoreboard(dt.date(2024, 1, 15))
        assert len(blocked.calls) == 3
        backoffs = [s for s in sleeps if s > 0.6]
        assert backoffs == sorted(backoffs)  # exponential backoff
    finally:
        uninstall()
