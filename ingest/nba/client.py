"""Live stats.nba.com access through nba_api: polite, with timeouts, retries and backoff.

Returns raw response bodies (dicts) so that live and snapshot data go through the same
parsers. stats.nba.com blocks many cloud hosts and throttles bursts; failures end in one
clear ``LiveSourceUnavailable`` error instead of a hang or a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

from warehouse.errors import CourtsideError
from warehouse.settings import Settings, get_settings


class LiveSourceUnavailable(CourtsideError):
    exit_code = 3


def season_of(day: dt.date) -> str:
    """NBA season label of a date: seasons start in October ('2024-01-15' -> '2023-24')."""
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


class NbaStatsClient:
    def __init__(self, settings: Settings | None = None, sleep=time.sleep, clock=time.monotonic):
        self.settings = settings or get_settings()
        self._sleep, self._clock = sleep, clock
        self._last_call: float | None = None

    def _polite_wait(self) -> None:
        if self._last_call is not None:
            wait = self.settings.nba_request_interval - (self._clock() - self._last_call)
            if wait > 0:
                self._sleep(wait)
        self._last_call = self._clock()

    def call(self, endpoint_cls: type, **params: Any) -> dict[str, Any]:
        """Call one nba_api endpoint class and return its JSON body."""
        import requests

        last_error: Exception | None = None
        for attempt in range(self.settings.nba_retries):
            self._polite_wait()
            try:
                endpoint = endpoint_cls(**params, timeout=self.settings.nba_timeout)
                return endpoint.get_dict()
            except (requests.RequestException, json.JSONDecodeError, ValueError, KeyError) as exc:
                last_error = exc
                self._sleep(min(2**attempt * self.settings.nba_request_interval * 2, 30))
        raise LiveSourceUnavailable(
            f"stats.nba.com did not answer {endpoint_cls.__name__} after {self.settings.nba_retries} tries "
            f"({type(last_error).__name__}: {str(last_error)[:160]}); it blocks many cloud hosts — "
            "use `courtside ingest snapshot` where it cannot be reached"
        )

    def league_game_log(
        self, season: str, date_from: dt.date | None = None, date_to: dt.date | None = None
    ) -> dict[str, Any]:
        from nba_api.stats.endpoints import leaguegamelog

        return self.call(
            leaguegamelog.LeagueGameLog,
            season=season,
            season_type_all_star="Regular Season",
            player_or_team_abbreviation="T",
            date_from_nullable=date_from.strftime("%m/%d/%Y") if date_from else "",
            date_to_nullable=date_to.strftime("%m/%d/%Y") if date_to else "",
        )

    def scoreboard(self, day: dt.date) -> dict[str, Any]:
        from nba_api.stats.endpoints import scoreboardv2

        return self.call(scoreboardv2.ScoreboardV2, game_date=day.isoformat(), league_id="00", day_offset=0)
