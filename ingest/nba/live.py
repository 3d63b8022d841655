"""The live nba feed: stats.nba.com through nba_api for the morning of a day, parsed like recorded bodies.

Game logs (team and player) of games before the day, since the load's cursor (a first load
reads the current season); the day's schedule from the scoreboard plus yesterday's finals from
the game logs; the season totals of seasons whose regular season has ended since the cursor (a
first load reads the last ended season).
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any

from ingest.nba.client import NbaStatsClient
from ingest.nba.gamelog import parse_league_game_log
from ingest.nba.players import parse_game_log_rows, parse_season_total_rows
from ingest.nba.scoreboard import parse_scoreboard, schedule_from_game_logs
from ingest.statsnba import result_set
from warehouse.seasons import season_of, shift, start_year, totals_known_on


class LiveNbaFeed:
    def __init__(self, day: dt.date, client: NbaStatsClient | None = None):
        self.day = day
        self.client = client or NbaStatsClient()
        self._logs: dict[dt.date | None, list[dict[str, Any]]] = {}

    def _seasons(self, since: dt.date | None) -> list[str]:
        last = season_of(self.day - dt.timedelta(days=1))
        first = season_of(since) if since else last
        return [shift(first, k) for k in range(start_year(last) - start_year(first) + 1)]

    def team_game_logs(self, since: dt.date | None) -> list[dict[str, Any]]:
        if since not in self._logs:
            yesterday = self.day - dt.timedelta(days=1)
            self._logs[since] = [
                row
                for season in self._seasons(since)
                for row in parse_league_game_log(
                    self.client.league_game_log(season, since, yesterday), f"stats.nba.com leaguegamelog {season}"
                )
            ]
        return self._logs[since]

    @cached_property
    def scoreboard(self) -> list[dict[str, Any]]:
        return parse_scoreboard(self.client.scoreboard(self.day), f"stats.nba.com scoreboardv2 {self.day}")

    def schedule(self, since: dt.date | None) -> list[dict[str, Any]]:
        # a box score is the stronger evidence: a game with one is final whatever a scoreboard says
        finals = schedule_from_game_logs(self.team_game_logs(since))
        played = {r["game_id"] for r in finals}
        return finals + [r for r in self.scoreboard if r["game_id"] not in played]

    def player_game_logs(self, since: dt.date | None) -> list[dict[str, Any]]:
        yesterday = self.day - dt.timedelta(days=1)
        rows: list[dict[str, Any]] = []
        for season in self._seasons(since):
            source = f"stats.nba.com playergamelogs {season}"
            headers, raw = result_set(self.client.player_game_logs(season, since, yesterday), "PlayerGameLogs", source)
            rows += parse_game_log_rows(headers, raw, source, "PlayerGameLogs")
        return [r for r in rows if r["game_date"] < self.day]

    def player_season_totals(self, since: dt.date | None) -> list[dict[str, Any]]:
        first = shift(season_of(since or self.day), -1)
        candidates = [shift(first, k) for k in range(start_year(season_of(self.day)) - start_year(first) + 1)]
        ended = [s for s in candidates if totals_known_on(s) <= self.day]
        wanted = ended[-1:] if since is None else [s for s in ended if totals_known_on(s) > since]
        rows: list[dict[str, Any]] = []
        for season in wanted:
            source = f"stats.nba.com leaguedashplayerstats {season}"
            headers, raw = result_set(self.client.player_season_totals(season), "LeagueDashPlayerStats", source)
            rows += parse_season_total_rows(
                headers, raw, source, "LeagueDashPlayerStats", season, totals_known_on(season)
            )
        return rows
