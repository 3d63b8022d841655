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

import requests
from tenacity import RetryError, Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from warehouse.errors import LiveSourceUnavailable
from warehouse.settings import SourceSettings, get_settings

# what a throttled, blocked or half-answering stats.nba.com raises inside nba_api
TRANSIENT = (requests.RequestException, json.JSONDecodeError, ValueError, KeyError)


def _us_date(day: dt.date | None) -> str:
    return day.strftime("%m/%d/%Y") if day else ""


class NbaStatsClient:
    def __init__(self, settings: SourceSettings | None = None, sleep=time.sleep, clock=time.monotonic):
        self.settings = settings or get_settings().sources
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
        interval = max(self.settings.nba_request_interval, 0.1)

        def attempt() -> dict[str, Any]:
            self._polite_wait()
            return endpoint_cls(**params, timeout=self.settings.nba_timeout).get_dict()

        retrying = Retrying(
            stop=stop_after_attempt(self.settings.nba_retries),
            wait=wait_exponential(multiplier=2 * interval, max=30),
            retry=retry_if_exception_type(TRANSIENT),
            sleep=self._sleep,
        )
        try:
            return retrying(attempt)
        except RetryError as exc:
            last = exc.last_attempt.exception()
            raise LiveSourceUnavailable(
                f"stats.nba.com did not answer {endpoint_cls.__name__} after {self.settings.nba_retries} tries "
                f"({type(last).__name__}: {str(last)[:160]}); it blocks many cloud hosts — "
                "use the snapshot mode where it cannot be reached"
            ) from None

    def league_game_log(self, season: str, date_from: dt.date | None, date_to: dt.date | None) -> dict[str, Any]:
        from nba_api.stats.endpoints import leaguegamelog

        return self.call(
            leaguegamelog.LeagueGameLog,
            season=season,
            season_type_all_star="Regular Season",
            player_or_team_abbreviation="T",
            date_from_nullable=_us_date(date_from),
            date_to_nullable=_us_date(date_to),
        )

    def player_game_logs(self, season: str, date_from: dt.date | None, date_to: dt.date | None) -> dict[str, Any]:
        from nba_api.stats.endpoints import playergamelogs

        return self.call(
            playergamelogs.PlayerGameLogs,
            season_nullable=season,
            season_type_nullable="Regular Season",
            date_from_nullable=_us_date(date_from),
            date_to_nullable=_us_date(date_to),
        )

    def player_season_totals(self, season: str) -> dict[str, Any]:
        from nba_api.stats.endpoints import leaguedashplayerstats

        return self.call(
            leaguedashplayerstats.LeagueDashPlayerStats,
            season=season,
            per_mode_detailed="Totals",
            season_type_all_star="Regular Season",
        )

    def scoreboard(self, day: dt.date) -> dict[str, Any]:
        from nba_api.stats.endpoints import scoreboardv2

        return self.call(scoreboardv2.ScoreboardV2, game_date=day.isoformat(), league_id="00", day_offset=0)
