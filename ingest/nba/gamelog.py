"""Parse stats.nba.com LeagueGameLog (team mode) bodies into validated team-game rows.

The same code parses a live nba_api response and a recorded snapshot file. A body is
rejected whole (``InputError`` naming the source and the row) when it is malformed:
missing headers, an unknown TEAM_ID, an unparseable date, or a game with other than two
rows for two different teams.

Home team rule: the row whose MATCHUP says ``vs.`` is home. Newer NBA.com responses print
neutral-site games (Mexico City, Paris, NBA Cup knockouts) with ``@`` on both rows; such a
game is kept once, marked ``is_neutral_site``, and its designated home team is the one with
the lower TEAM_ID — a fixed rule, so reloading never flips it. Home-court advantage is not
applied at neutral sites anyway.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from ingest.teams import all_teams
from warehouse.errors import InputError

REQUIRED = (
    "SEASON_ID",
    "TEAM_ID",
    "TEAM_ABBREVIATION",
    "TEAM_NAME",
    "GAME_ID",
    "GAME_DATE",
    "MATCHUP",
    "WL",
    "MIN",
    "FGM",
    "FGA",
    "FG_PCT",
    "FG3M",
    "FG3A",
    "FG3_PCT",
    "FTM",
    "FTA",
    "FT_PCT",
    "OREB",
    "DREB",
    "REB",
    "AST",
    "STL",
    "BLK",
    "TOV",
    "PF",
    "PTS",
    "PLUS_MINUS",
)
INT_COLUMNS = (
    "MIN",
    "FGM",
    "FGA",
    "FG3M",
    "FG3A",
    "FTM",
    "FTA",
    "OREB",
    "DREB",
    "REB",
    "AST",
    "STL",
    "BLK",
    "TOV",
    "PF",
    "PTS",
    "PLUS_MINUS",
    "VIDEO_AVAILABLE",
)
PCT_COLUMNS = ("FG_PCT", "FG3_PCT", "FT_PCT")

GAME_TYPES = {
    "001": "preseason",
    "002": "regular_season",
    "003": "all_star",
    "004": "playoffs",
    "005": "play_in",
    "006": "cup_final",
}
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%b %d, %Y")


def parse_date(value: Any, where: str) -> dt.date:
    text = str(value).strip()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.title() if "," in text else text, fmt).date()
        except ValueError:
            continue
    raise InputError(f"{where}: unparseable date {value!r} (expected YYYY-MM-DD)")


def game_type(game_id: str, where: str) -> str:
    try:
        return GAME_TYPES[game_id[:3]]
    except KeyError:
        raise InputError(f"{where}: GAME_ID {game_id!r} has an unknown type prefix {game_id[:3]!r}") from None


def season_label(season_id: str) -> str:
    """'22023' -> '2023-24' (the first digit is the season type)."""
    start = int(str(season_id)[-4:])
    return f"{start}-{(start + 1) % 100:02d}"


def result_set(body: Any, name: str, source: str) -> tuple[list[str], list[list[Any]]]:
    if not isinstance(body, dict) or "resultSets" not in body:
        raise InputError(f"{source}: not a stats.nba.com response body (no 'resultSets')")
    sets = body["resultSets"]
    sets = sets if isinstance(sets, list) else [sets]
    for rs in sets:
        if isinstance(rs, dict) and rs.get("name") == name:
            headers, rows = rs.get("headers"), rs.get("rowSet")
            if not isinstance(headers, list) or not isinstance(rows, list):
                raise InputError(f"{source}: result set {name!r} lacks headers or rowSet")
            return headers, rows
    raise InputError(f"{source}: no result set named {name!r}")


def parse_league_game_log(body: Any, source: str, *, endpoint: str = "LeagueGameLog") -> list[dict[str, Any]]:
    """Validated rows, one per team per game, in contract column names (see docs/CONTRACTS.md)."""
    headers, raw_rows = result_set(body, "LeagueGameLog", source)
    missing = [h for h in REQUIRED if h not in headers]
    if missing:
        raise InputError(f"{source}: missing headers {', '.join(missing)}")
    idx = {h: i for i, h in enumerate(headers)}
    teams = all_teams()
    rows: list[dict[str, Any]] = []
    for n, raw in enumerate(raw_rows, start=1):
        where = f"{source} row {n}"
        if not isinstance(raw, list) or len(raw) != len(headers):
            raise InputError(f"{where}: expected {len(headers)} values, got {raw!r:.80}")
        rec = {h: raw[idx[h]] for h in headers}
        try:
            team_id = int(rec["TEAM_ID"])
        except (TypeError, ValueError):
            raise InputError(f"{where}: TEAM_ID {rec['TEAM_ID']!r} is not a number") from None
        if team_id not in teams:
            raise InputError(f"{where}: unknown TEAM_ID {team_id} ({rec.get('TEAM_ABBREVIATION')})")
        game_id = str(rec["GAME_ID"]).zfill(10)
        row: dict[str, Any] = {
            "game_id": game_id,
            "team_id": team_id,
            "season_id": str(rec["SEASON_ID"]),
            "team_abbreviation": rec["TEAM_ABBREVIATION"],
            "team_name": rec["TEAM_NAME"],
            "game_date": parse_date(rec["GAME_DATE"], where),
            "matchup": str(rec["MATCHUP"]),
            "wl": rec["WL"],
        }
        for col in INT_COLUMNS:
            value = rec.get(col)
            try:
                row[col.lower()] = None if value is None else int(value)
            except (TypeError, ValueError):
                raise InputError(f"{where}: {col} {value!r} is not a whole number") from None
        for col in PCT_COLUMNS:
            value = rec.get(col)
            # stats.nba.com prints 0.0 (or null) for a percentage with no attempts
            row[col.lower()] = 0.0 if value is None else float(value)
        for col in ("FGA", "PTS", "MIN"):
            if row[col.lower()] is None:
                raise InputError(f"{where}: {col} is empty")
        row.update(
            season=season_label(row["season_id"]),
            game_type=game_type(game_id, where),
            source_endpoint=endpoint,
            source_file=source,
        )
        rows.append(row)
    _pair_games(rows, source)
    return rows


def _pair_games(rows: list[dict[str, Any]], source: str) -> None:
    """Two rows per game for two different teams; sets is_home, is_neutral_site, opponent."""
    by_game: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_game[row["game_id"]].append(row)
    for game_id, pair in by_game.items():
        if len(pair) != 2 or pair[0]["team_id"] == pair[1]["team_id"]:
            teams = ", ".join(r["team_abbreviation"] for r in pair)
            raise InputError(f"{source}: game {game_id} has {len(pair)} rows ({teams}); expected one per team")
        a, b = pair
        if a["game_date"] != b["game_date"]:
            raise InputError(f"{source}: game {game_id} rows disagree on the date")
        home_rows = [r for r in pair if " vs. " in r["matchup"]]
        if len(home_rows) == 2:
            raise InputError(f"{source}: game {game_id} has 'vs.' on both rows")
        neutral = not home_rows
        home = home_rows[0] if home_rows else min(pair, key=lambda r: r["team_id"])
        for row, other in ((a, b), (b, a)):
            row["opponent_team_id"] = other["team_id"]
            row["is_home"] = row is home
            row["is_neutral_site"] = neutral
