"""A requests-like session that answers nba_api from recorded stats.nba.com bodies.

Handed to ``NBAStatsHTTP.set_session`` so the real nba_api endpoint classes (URL building,
headers, parsing) run offline against real responses.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode


@dataclass
class RecordedResponse:
    url: str
    status_code: int
    text: str


@dataclass
class RecordedSession:
    """``routes`` maps an endpoint name (e.g. 'leaguegamelog') to a body or a function of the params."""

    routes: dict[str, Any]
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    status_code: int = 200

    def get(self, url: str, params=None, headers=None, proxies=None, timeout=None) -> RecordedResponse:
        endpoint = url.rstrip("/").rsplit("/", 1)[-1].lower()
        query = dict(params or [])
        self.calls.append((endpoint, query))
        if endpoint not in self.routes:
            raise AssertionError(f"no recorded body for {endpoint}")
        body = self.routes[endpoint]
        body = body(query) if isinstance(body, Callable) else body
        text = body if isinstance(body, str) else json.dumps(body)
        full_url = f"{url}?{urlencode(sorted(query.items()))}"
        return RecordedResponse(url=full_url, status_code=self.status_code, text=text)


def install(session) -> None:
    from nba_api.stats.library.http import NBAStatsHTTP

    NBAStatsHTTP.set_session(session)


def uninstall() -> None:
    from nba_api.stats.library.http import NBAStatsHTTP

    NBAStatsHTTP.set_session(None)


# ---- answers in the live endpoints' shapes, built from the bundled recorded files ----


def _date_window(params: dict[str, Any]):
    import datetime as dt

    def parse(value):
        return dt.datetime.strptime(value, "%m/%d/%Y").date() if value else None

    lo, hi = parse(params.get("DateFrom")), parse(params.get("DateTo"))
    return lambda day: (lo is None or day >= lo) and (hi is None or day <= hi)


def league_game_log_route(season_body: dict[str, Any]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """LeagueGameLog as stats.nba.com answers it: only the rows within DateFrom..DateTo."""
    import datetime as dt

    def answer(params: dict[str, Any]) -> dict[str, Any]:
        inside = _date_window(params)
        body = json.loads(json.dumps(season_body))
        rs = body["resultSets"][0]
        i = rs["headers"].index("GAME_DATE")
        rs["rowSet"] = [r for r in rs["rowSet"] if inside(dt.date.fromisoformat(r[i]))]
        return body

    return answer


def player_game_logs_route(csv_path, season: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """PlayerGameLogs (league-wide) answered from recorded PlayerGameLog rows, in the live endpoint's own
    headers and spellings (SEASON_YEAR, ISO dates, decimal minutes)."""
    import datetime as dt

    from nba_api.stats.endpoints import playergamelogs

    from ingest.files import read_table

    headers, rows = read_table(csv_path)
    live_headers = playergamelogs.PlayerGameLogs.expected_data["PlayerGameLogs"]
    converted = []
    for r in rows:
        src = dict(zip(headers, r, strict=True))
        day = dt.datetime.strptime(src["GAME_DATE"], "%b %d, %Y").date()
        row = {h: None for h in live_headers}
        row.update({k: src[k] for k in headers if k in row})
        row.update(
            SEASON_YEAR=season,
            PLAYER_ID=int(src["Player_ID"]),
            PLAYER_NAME=None,
            TEAM_ABBREVIATION=src["MATCHUP"][:3],
            GAME_ID=src["Game_ID"],
            GAME_DATE=f"{day.isoformat()}T00:00:00",
            MIN=float(src["MIN"]) + 0.25,
        )
        converted.append((day, [row[h] for h in live_headers]))

    def answer(params: dict[str, Any]) -> dict[str, Any]:
        inside = _date_window(params)
        return {
            "resource": "playergamelogs",
            "parameters": dict(params),
            "resultSets": [
                {"name": "PlayerGameLogs", "headers": live_headers, "rowSet": [r for d, r in converted if inside(d)]}
            ],
        }

    return answer


def season_totals_body(csv_path) -> dict[str, Any]:
    """LeagueDashPlayerStats (Totals) as recorded in a season-totals CSV."""
    from ingest.files import read_table

    headers, rows = read_table(csv_path)
    return {"resultSets": [{"name": "LeagueDashPlayerStats", "headers": headers, "rowSet": rows}]}
