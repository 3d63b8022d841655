"""Schedule rows: from ScoreboardV2 / ScoreboardV3 bodies (live or recorded), or derived from game logs."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ingest.statsnba import game_type, normalize_game_id, result_set, season_from_game_id
from ingest.teams import all_teams
from ingest.values import parse_date, whole_number
from warehouse.errors import InputError
from warehouse.seasons import EASTERN

STATUS = {1: "scheduled", 2: "in_progress", 3: "final"}
_ET_TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*([ap]m)\s*ET\s*$", re.IGNORECASE)
V2_REQUIRED = ("GAME_DATE_EST", "GAME_ID", "GAME_STATUS_ID", "GAME_STATUS_TEXT", "HOME_TEAM_ID", "VISITOR_TEAM_ID")


def _team(team_id: Any, name: str) -> int:
    tid = whole_number(team_id, name)
    if tid not in all_teams():
        raise ValueError(f"unknown team id {tid}")
    return tid


def _tipoff_from_status_text(day: dt.date, text: str) -> dt.datetime | None:
    """ScoreboardV2 only gives '7:30 pm ET' in the status text of games not yet started."""
    m = _ET_TIME.match(text or "")
    if not m:
        return None
    hour, minute = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "pm" else 0), int(m.group(2))
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=EASTERN).astimezone(dt.UTC)


def _schedule_row(game_id: str, day: dt.date, home: Any, away: Any, **rest: Any) -> dict[str, Any]:
    return {
        "game_id": game_id,
        "game_date": day,
        "season": season_from_game_id(game_id),
        "game_type": game_type(game_id),
        "home_team_id": _team(home, "home team id"),
        "away_team_id": _team(away, "away team id"),
        **rest,
    }


def parse_scoreboard(body: Any, source: str) -> list[dict[str, Any]]:
    if isinstance(body, dict) and "scoreboard" in body:
        return _parse_v3(body["scoreboard"], source)
    headers, raw_rows = result_set(body, "GameHeader", source)
    missing = [h for h in V2_REQUIRED if h not in headers]
    if missing:
        raise InputError(f"{source}: GameHeader is missing headers {', '.join(missing)}")
    idx = {h: i for i, h in enumerate(headers)}
    rows, seen = [], set()
    for n, raw in enumerate(raw_rows, start=1):
        try:
            game_id = normalize_game_id(raw[idx["GAME_ID"]])
            if game_id in seen:  # ScoreboardV2 repeats a game when it has several broadcasters
                continue
            seen.add(game_id)
            day = parse_date(str(raw[idx["GAME_DATE_EST"]])[:10], "GAME_DATE_EST")
            rows.append(
                _schedule_row(
                    game_id,
                    day,
                    raw[idx["HOME_TEAM_ID"]],
                    raw[idx["VISITOR_TEAM_ID"]],
                    is_neutral_site=False,  # V2 does not say; V3 does
                    tipoff_at=_tipoff_from_status_text(day, str(raw[idx["GAME_STATUS_TEXT"]])),
                    status=STATUS.get(int(raw[idx["GAME_STATUS_ID"]] or 1), "scheduled"),
                    source="ScoreboardV2",
                )
            )
        except ValueError as exc:
            raise InputError(f"{source} GameHeader row {n}: {exc}") from None
    return rows


def _parse_v3(board: dict[str, Any], source: str) -> list[dict[str, Any]]:
    games = board.get("games")
    if not isinstance(games, list):
        raise InputError(f"{source}: scoreboard has no 'games' list")
    rows = []
    for n, g in enumerate(games, start=1):
        try:
            tip = dt.datetime.fromisoformat(g["gameTimeUTC"].replace("Z", "+00:00")) if g.get("gameTimeUTC") else None
            rows.append(
                _schedule_row(
                    normalize_game_id(g["gameId"]),
                    parse_date(board.get("gameDate") or g["gameEt"][:10], "gameDate"),
                    g["homeTeam"]["teamId"],
                    g["awayTeam"]["teamId"],
                    is_neutral_site=bool(g.get("isNeutral", False)),
                    tipoff_at=tip,
                    status=STATUS.get(int(g.get("gameStatus") or 1), "scheduled"),
                    source="ScoreboardV3",
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"{source} game {n}: malformed game entry ({exc})") from None
    return rows


def schedule_from_game_logs(rows: list[dict[str, Any]], *, scheduled_on: dt.date | None = None) -> list[dict[str, Any]]:
    """Schedule rows derived from game-log rows (snapshot mode has no recorded scoreboards).

    Games dated ``scheduled_on`` are emitted as scheduled (teams only, no result).
    """
    return [
        {
            "game_id": row["game_id"],
            "game_date": row["game_date"],
            "season": row["season"],
            "game_type": row["game_type"],
            "home_team_id": row["team_id"],
            "away_team_id": row["opponent_team_id"],
            "is_neutral_site": row["is_neutral_site"],
            "tipoff_at": None,
            "status": "scheduled" if row["game_date"] == scheduled_on else "final",
            "source": "LeagueGameLog",
        }
        for row in rows
        if row["is_home"]
    ]
