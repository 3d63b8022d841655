"""Parse stats.nba.com LeagueGameLog (team mode) bodies into validated team-game rows.

The same code parses a live nba_api response and a recorded snapshot file. A body is
rejected whole (``InputError`` naming the source and the row) when it is malformed:
missing headers, an unknown TEAM_ID, an unparseable date or number, or a game with other
than two rows for two different teams.

Home team rule: the row whose MATCHUP says ``vs.`` is home. Newer NBA.com responses print
neutral-site games (Mexico City, Paris, NBA Cup knockouts) with ``@`` on both rows; such a
game is kept once, marked ``is_neutral_site``, and its designated home team is the one with
the lower TEAM_ID — a fixed rule, so reloading never flips it. Home-court advantage is not
applied at neutral sites anyway.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ingest.nba.schema import BOX_SCORE_COUNTS, BOX_SCORE_PCTS
from ingest.statsnba import game_type, normalize_game_id, result_set, season_from_id
from ingest.teams import all_teams
from ingest.values import decimal, parse_date, whole_number
from warehouse.errors import InputError

IDENTITY = ("SEASON_ID", "TEAM_ID", "TEAM_ABBREVIATION", "TEAM_NAME", "GAME_ID", "GAME_DATE", "MATCHUP", "WL")
REQUIRED = (*IDENTITY, "MIN", *(c.upper() for c in (*BOX_SCORE_COUNTS, *BOX_SCORE_PCTS)))
WHOLE = ("min", *BOX_SCORE_COUNTS, "video_available")
NEVER_EMPTY = ("fga", "pts", "min")


def parse_league_game_log(body: Any, source: str, *, endpoint: str = "LeagueGameLog") -> list[dict[str, Any]]:
    """Validated rows, one per team per game, in contract column names (see docs/CONTRACTS.md)."""
    headers, raw_rows = result_set(body, "LeagueGameLog", source)
    missing = [h for h in REQUIRED if h not in headers]
    if missing:
        raise InputError(f"{source}: missing headers {', '.join(missing)}")
    rows: list[dict[str, Any]] = []
    for n, raw in enumerate(raw_rows, start=1):
        where = f"{source} row {n}"
        if not isinstance(raw, list) or len(raw) != len(headers):
            raise InputError(f"{where}: expected {len(headers)} values, got {raw!r:.80}")
        try:
            rows.append(_row(dict(zip(headers, raw, strict=True)), source, endpoint))
        except ValueError as exc:
            raise InputError(f"{where}: {exc}") from None
    _pair_games(rows, source)
    return rows


def _row(rec: dict[str, Any], source: str, endpoint: str) -> dict[str, Any]:
    team_id = whole_number(rec["TEAM_ID"], "TEAM_ID")
    if team_id not in all_teams():
        raise ValueError(f"unknown TEAM_ID {team_id} ({rec.get('TEAM_ABBREVIATION')})")
    game_id = normalize_game_id(rec["GAME_ID"])
    row: dict[str, Any] = {
        "game_id": game_id,
        "team_id": team_id,
        "season_id": str(rec["SEASON_ID"]),
        "season": season_from_id(rec["SEASON_ID"]),
        "team_abbreviation": rec["TEAM_ABBREVIATION"],
        "team_name": rec["TEAM_NAME"],
        "game_date": parse_date(rec["GAME_DATE"], "GAME_DATE"),
        "matchup": str(rec["MATCHUP"]),
        "wl": rec["WL"],
        "game_type": game_type(game_id),
        "source_endpoint": endpoint,
        "source_file": source,
    }
    for col in WHOLE:
        row[col] = whole_number(rec.get(col.upper()), col.upper(), nullable=col not in NEVER_EMPTY)
    for col in BOX_SCORE_PCTS:
        # stats.nba.com prints 0.0 (or null) for a percentage with no attempts
        row[col] = decimal(rec.get(col.upper()), col.upper(), nullable=True) or 0.0
    return row


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
