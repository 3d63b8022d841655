"""Parse ScoreboardV2 / ScoreboardV3 bodies (live or recorded) into schedule rows."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from ingest.gamelog import game_type, parse_date, result_set, season_label
from ingest.teams import all_teams
from warehouse.errors import InputError

EASTERN = ZoneInfo("America/New_York")
STATUS = {1: "scheduled", 2: "in_progress", 3: "final"}
_ET_TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*([ap]m)\s*ET\s*$", re.IGNORECASE)


def _check_team(team_id: Any, where: str) -> int:
    try:
        tid = int(team_id)
    except (TypeError, ValueError):
        raise InputError(f"{where}: team id {team_id!r} is not a number") from None
    if tid not in all_teams():
        raise InputError(f"{where}: unknown team id {tid}")
    return tid


def _tipoff_from_status_text(day: dt.date, text: str) -> dt.datetime | None:
    """ScoreboardV2 only gives '7:30 pm ET' in the status text of games not yet started."""
    m = _ET_TIME.match(text or "")
    if not m:
        return None
    hour, minute = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "pm" else 0), int(m.group(2))
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=EASTERN).astimezone(dt.UTC)


def _season_of(game_id: str, day: dt.date) -> str:
    # game ids carry the season's first year in positions 3-4 ('0022300001' -> 2023-24)
    return season_label("2" + "20" + game_id[3:5]) if game_id[3:5].isdigit() else season_label(str(day.year))


def parse_scoreboard(body: Any, source: str) -> list[dict[str, Any]]:
    if isinstance(body, dict) and "scoreboard" in body:
        return _parse_v3(body["scoreboard"], source)
    headers, raw_rows = result_set(body, "GameHeader", source)
    need = ("GAME_DATE_EST", "GAME_ID", "GAME_STATUS_ID", "GAME_STATUS_TEXT", "HOME_TEAM_ID", "VISITOR_TEAM_ID")
    missing = [h for h in need if h not in headers]
    if missing:
        raise InputError(f"{source}: GameHeader is missing headers {', '.join(missing)}")
    idx = {h: i for i, h in enumerate(headers)}
    rows, seen = [], set()
    for n, raw in enumerate(raw_rows, start=1):
        where = f"{source} GameHeader row {n}"
        game_id = str(raw[idx["GAME_ID"]]).zfill(10)
        if game_id in seen:  # ScoreboardV2 repeats a game when it has several broadcasters
            continue
        seen.add(game_id)
        day = parse_date(str(raw[idx["GAME_DATE_EST"]])[:10], where)
        status_id = int(raw[idx["GAME_STATUS_ID"]] or 1)
        rows.append(
            {
                "game_id": game_id,
                "game_date": day,
                "season": _season_of(game_id, day),
                "game_type": game_type(game_id, where),
                "home_team_id": _check_team(raw[idx["HOME_TEAM_ID"]], where),
                "away_team_id": _check_team(raw[idx["VISITOR_TEAM_ID"]], where),
                "is_neutral_site": False,  # V2 does not say; V3 does
                "tipoff_at": _tipoff_from_status_text(day, str(raw[idx["GAME_STATUS_TEXT"]])),
                "status": STATUS.get(status_id, "scheduled"),
                "source": "ScoreboardV2",
            }
        )
    return rows


def _parse_v3(board: dict[str, Any], source: str) -> list[dict[str, Any]]:
    games = board.get("games")
    if not isinstance(games, list):
        raise InputError(f"{source}: scoreboard has no 'games' list")
    rows = []
    for n, g in enumerate(games, start=1):
        where = f"{source} game {n}"
        try:
            game_id = str(g["gameId"]).zfill(10)
            tip = dt.datetime.fromisoformat(g["gameTimeUTC"].replace("Z", "+00:00")) if g.get("gameTimeUTC") else None
            day = parse_date(board.get("gameDate") or g["gameEt"][:10], where)
            home, away = g["homeTeam"]["teamId"], g["awayTeam"]["teamId"]
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"{where}: malformed game entry ({exc})") from None
        rows.append(
            {
                "game_id": game_id,
                "game_date": day,
                "season": _season_of(game_id, day),
                "game_type": game_type(game_id, where),
                "home_team_id": _check_team(home, where),
                "away_team_id": _check_team(away, where),
                "is_neutral_site": bool(g.get("isNeutral", False)),
                "tipoff_at": tip,
                "status": STATUS.get(int(g.get("gameStatus") or 1), "scheduled"),
                "source": "ScoreboardV3",
            }
        )
    return rows


def schedule_from_game_logs(rows: list[dict[str, Any]], *, scheduled_on: dt.date | None = None) -> list[dict[str, Any]]:
    """Schedule rows derived from game-log rows (snapshot mode has no recorded scoreboards).

    Games dated ``scheduled_on`` are emitted as scheduled (teams only, no result).
    """
    out = []
    for row in rows:
        if not row["is_home"]:
            continue
        out.append(
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
        )
    return out
