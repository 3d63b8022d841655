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
