"""Player game logs and player season totals: parsers and dlt resources.

One row parser per table serves both modes:

* snapshot mode reads ``<dir>/players/player_game_log_<season>.csv[.gz]`` (stats.nba.com
  PlayerGameLog rows) and ``<dir>/players/player_season_totals_<season>.csv``
  (LeagueDashPlayerStats totals); a CSV's header row and data rows are the ``headers`` and
  ``rowSet`` of a recorded resultSet;
* live mode calls nba_api's league-wide ``PlayerGameLogs`` and ``LeagueDashPlayerStats``
  endpoints and hands their ``resultSets`` to the same parsers.

The two game-log shapes differ only in spelling (``Player_ID`` vs ``PLAYER_ID``,
``SEASON_ID`` "22023" vs ``SEASON_YEAR`` "2023-24", ``GAME_DATE`` "Apr 09, 2024" vs
"2024-04-09T00:00:00"); the parser accepts both. The player's team is the first three
letters of ``MATCHUP`` (PlayerGameLog carries no team column).

As of ``through`` (the morning of D): game logs of games before D only; season totals only
for seasons that ended before D (a season's totals are end-of-season numbers and would leak
inside the season). A season counts as ended on July 1 of its second year.

Bad input: every file is parsed completely before anything is yielded; the first bad row
raises ``InputError`` naming the file and the row (1-based data row, header excluded), so a
dlt run that includes these resources fails in extract and loads nothing.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from warehouse.errors import InputError

GAME_LOG_FILE = re.compile(r"^player_game_log_(\d{4}-\d{2})\.csv(\.gz)?$")
SEASON_TOTALS_FILE = re.compile(r"^player_season_totals_(\d{4}-\d{2})\.csv(\.gz)?$")

# header spellings of the two game-log endpoints -> our column
_GAME_LOG_ALIASES = {
    "PLAYER_ID": "player_id",
    "GAME_ID": "game_id",
    "GAME_DATE": "game_date",
    "MATCHUP": "matchup",
    "WL": "wl",
    "MIN": "min",
    "SEASON_ID": "season_id",
    "SEASON_YEAR": "season",
    "TEAM_ABBREVIATION": "team_abbreviation",
    "TEAM_ID": "team_id",
    "PLAYER_NAME": "player_name",
}
COUNT_STATS = (
    "fgm",
    "fga",
    "fg3m",
    "fg3a",
    "ftm",
    "fta",
    "oreb",
    "dreb",
    "reb",
    "ast",
    "stl",
    "blk",
    "tov",
    "pf",
    "pts",
    "plus_minus",
)
PCT_STATS = ("fg_pct", "fg3_pct", "ft_pct")
GAME_LOG_REQUIRED = ("player_id", "game_id", "game_date", "matchup", "min", *COUNT_STATS)

SEASON_TOTAL_COUNTS = (
    "gp",
    "w",
    "l",
    "fgm",
    "fga",
    "fg3m",
    "fg3a",
    "ftm",
    "fta",
    "oreb",
    "dreb",
    "reb",
    "ast",
    "tov",
    "stl",
    "blk",
    "pf",
    "pts",
    "plus_minus",
)
SEASON_TOTAL_REQUIRED = ("player_id", "player_name", "team_id", "team_abbreviation", "min", *SEASON_TOTAL_COUNTS)

GAME_LOG_COLUMNS: dict[str, dict[str, Any]] = {
    "player_id": {"data_type": "bigint", "nullable": False},
    "game_id": {"data_type": "text", "nullable": False},
    "season": {"data_type": "text"},
    "season_id": {"data_type": "text"},
    "player_name": {"data_type": "text"},
    "game_date": {"data_type": "date"},
    "team_id": {"data_type": "bigint"},
    "team_abbreviation": {"data_type": "text"},
    "opponent_abbreviation": {"data_type": "text"},
    "matchup": {"data_type": "text"},
    "is_home": {"data_type": "bool"},
    "wl": {"data_type": "text"},
    "min": {"data_type": "double"},
    **{c: {"data_type": "bigint"} for c in COUNT_STATS},
    **{c: {"data_type": "double"} for c in PCT_STATS},
    "game_type": {"data_type": "text"},
    "source_endpoint": {"data_type": "text"},
    "source_file": {"data_type": "text"},
}
SEASON_TOTAL_COLUMNS: dict[str, dict[str, Any]] = {
    "player_id": {"data_type": "bigint", "nullable": False},
    "season": {"data_type": "text", "nullable": False},
    "player_name": {"data_type": "text"},
    "nickname": {"data_type": "text"},
    "team_id": {"data_type": "bigint"},
    "team_abbreviation": {"data_type": "text"},
    "team_count": {"data_type": "bigint"},
    "age": {"data_type": "double"},
    "min": {"data_type": "double"},
    **{c: {"data_type": "bigint"} for c in SEASON_TOTAL_COUNTS},
    "source_endpoint": {"data_type": "text"},
    "source_file": {"data_type": "text"},
}

_GAME_TYPES = {
    "001": "preseason",
    "002": "regular_season",
    "003": "all_star",
    "004": "playoffs",
    "005": "play_in",
    "006": "cup_final",
}


def _team_ids() -> dict[str, int]:
    from ingest.teams import by_abbreviation

    return dict(by_abbreviation())


_TEAMS: dict[str, int] | None = None
_NAMES: dict[int, str] | None = None


def static_player_name(player_id: int) -> str | None:
    """NBA.com name from nba_api's offline player list (PlayerGameLog rows carry no name)."""
    global _NAMES
    if _NAMES is None:
        from nba_api.stats.static import players

        _NAMES = {int(p["id"]): p["full_name"] for p in players.get_players()}
    return _NAMES.get(player_id)


def team_id_for(abbr: str) -> int | None:
    global _TEAMS
    if _TEAMS is None:
        _TEAMS = _team_ids()
    return _TEAMS.get(abbr)


def season_of(day: date) -> str:
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}-{str(start + 1)[2:]}"


def season_end(season: str) -> date:
    """The day after which a season's totals are known: July 1 of its second year."""
    return date(int(season[:4]) + 1, 7, 1)


def season_ended_before(season: str, through: date | None) -> bool:
    return through is None or season_end(season) <= through


def _season_from_id(season_id: str) -> str:
    # stats.nba.com SEASON_ID: type digit + start year ("22023" -> 2023-24)
    year = int(season_id[-4:])
    return f"{year}-{str(year + 1)[2:]}"


def _parse_date(text: str) -> date:
    text = text.strip()
    for fmt in ("%b %d, %Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unparseable GAME_DATE {text!r}")


def _int(value: Any, name: str) -> int:
    if value is None or (isinstance(value, str) and value.strip() == ""):
        raise ValueError(f"{name} is empty")
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r} is not a number") from None
    if f != int(f):
        raise ValueError(f"{name}={value!r} is not a whole number")
    return int(f)


def _float(value: Any, name: str, *, nullable: bool = False) -> float | None:
    if value is None or (isinstance(value, str) and value.strip() == ""):
        if nullable:
            return None
        raise ValueError(f"{name} is empty")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r} is not a number") from None


def _minutes(value: Any) -> float:
    # PlayerGameLog gives whole minutes, PlayerGameLogs decimals; some endpoints "MM:SS"
    if isinstance(value, str) and ":" in value:
        mm, ss = value.split(":", 1)
        return int(mm) + int(ss) / 60
    m = _float(value, "MIN")
    if m is None or m < 0 or m > 70:
        raise ValueError(f"MIN={value!r} is out of range")
    return m


def _normalise_headers(headers: Sequence[str]) -> list[str]:
    out = []
    for h in headers:
        key = str(h).strip()
        out.append(_GAME_LOG_ALIASES.get(key.upper(), key.lower()))
    return out


@dataclass(frozen=True)
class Where:
    """Where a row came from, for error messages and lineage."""

    source: str
    endpoint: str


def _check_headers(cols: Sequence[str], required: Sequence[str], where: Where) -> None:
    missing = [c for c in required if c not in cols]
    if missing:
        raise InputError(f"{where.source}: missing columns {', '.join(c.upper() for c in missing)}")


def parse_game_log_rows(headers: Sequence[str], rows: Iterable[Sequence[Any]], where: Where) -> list[dict]:
    """Parse a PlayerGameLog / PlayerGameLogs resultSet into raw_nba.player_game_logs rows."""
    cols = _normalise_headers(headers)
    _check_headers(cols, GAME_LOG_REQUIRED, where)
    if "season_id" not in cols and "season" not in cols:
        raise InputError(f"{where.source}: missing columns SEASON_ID (or SEASON_YEAR)")
    out: list[dict] = []
    seen: dict[tuple[int, str], int] = {}
    for n, values in enumerate(rows, start=1):
        try:
            if len(values) != len(cols):
                raise ValueError(f"has {len(values)} fields, the header has {len(cols)}")
            raw = dict(zip(cols, values, strict=True))
            out.append(_game_log_row(raw, where))
        except ValueError as exc:
            raise InputError(f"{where.source}: row {n}: {exc}") from None
        key = (out[-1]["player_id"], out[-1]["game_id"])
        if key in seen:
            raise InputError(
                f"{where.source}: row {n}: duplicate player {key[0]} in game {key[1]} (first at row {seen[key]})"
            )
        seen[key] = n
    return out


def _game_log_row(raw: dict[str, Any], where: Where) -> dict:
    game_id = str(raw["game_id"]).strip()
    if game_id.isdigit() and len(game_id) < 10:  # a CSV reader that ate the leading zeros
        game_id = game_id.zfill(10)
    if not re.fullmatch(r"\d{10}", game_id):
        raise ValueError(f"GAME_ID={raw['game_id']!r} is not a 10-digit game id")
    player_id = _int(raw["player_id"], "PLAYER_ID")
    if player_id <= 0:
        raise ValueError(f"PLAYER_ID={raw['player_id']!r} is not a player id")
    game_date = _parse_date(str(raw["game_date"]))
    matchup = str(raw["matchup"]).strip()
    m = re.fullmatch(r"([A-Z]{3}) (vs\.|@) ([A-Z]{3})", matchup)
    if not m:
        raise ValueError(f"MATCHUP={matchup!r} is not 'AAA vs. BBB' or 'AAA @ BBB'")
    team = str(raw.get("team_abbreviation") or m.group(1)).strip()
    team_id = team_id_for(team)
    if team_id is None:
        raise ValueError(f"unknown team {team!r}")
    if "season" in raw and raw["season"]:
        season = str(raw["season"]).strip()
        season_id = str(raw.get("season_id") or "") or game_id[2] + season[:4]
    else:
        season_id = str(raw["season_id"]).strip()
        season = _season_from_id(season_id)
    if not re.fullmatch(r"\d{4}-\d{2}", season):
        raise ValueError(f"season {season!r} is not like 2023-24")
    row: dict[str, Any] = {
        "player_id": player_id,
        "game_id": game_id,
        "season": season,
        "season_id": season_id,
        "game_date": game_date,
        "team_id": team_id,
        "player_name": (str(raw.get("player_name") or "").strip() or static_player_name(player_id)),
        "team_abbreviation": team,
        "opponent_abbreviation": m.group(3),
        "matchup": matchup,
        "is_home": m.group(2) == "vs.",
        "wl": (str(raw.get("wl") or "").strip() or None),
        "min": _minutes(raw["min"]),
    }
    for c in COUNT_STATS:
        row[c] = _int(raw[c], c.upper())
    for c in PCT_STATS:
        row[c] = _float(raw.get(c), c.upper(), nullable=True)
    row["game_type"] = _GAME_TYPES.get(game_id[:3], "other")
    row["source_endpoint"] = where.endpoint
    row["source_file"] = where.source
    return row


def parse_season_total_rows(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], where: Where, season: str
) -> list[dict]:
    """Parse a LeagueDashPlayerStats (Totals) resultSet into raw_nba.player_season_totals rows."""
    cols = [str(h).strip().lower() for h in headers]
    _check_headers(cols, SEASON_TOTAL_REQUIRED, where)
    out: list[dict] = []
    seen: dict[int, int] = {}
    for n, values in enumerate(rows, start=1):
        try:
            if len(values) != len(cols):
                raise ValueError(f"has {len(values)} fields, the header has {len(cols)}")
            raw = dict(zip(cols, values, strict=True))
            pid = _int(raw["player_id"], "PLAYER_ID")
            name = str(raw["player_name"] or "").strip()
            if not name:
                raise ValueError("PLAYER_NAME is empty")
            mins = _float(raw["min"], "MIN")
            if mins is None or mins < 0 or mins > 4500:
                raise ValueError(f"MIN={raw['min']!r} is out of range")
            row: dict[str, Any] = {
                "player_id": pid,
                "season": season,
                "player_name": name,
                "nickname": (str(raw.get("nickname") or "").strip() or None),
                "team_id": _int(raw["team_id"], "TEAM_ID"),
                "team_abbreviation": str(raw["team_abbreviation"]).strip(),
                "team_count": _int(raw["team_count"], "TEAM_COUNT")
                if raw.get("team_count") not in (None, "")
                else None,
                "age": _float(raw.get("age"), "AGE", nullable=True),
                "min": mins,
            }
            for c in SEASON_TOTAL_COUNTS:
                row[c] = _int(raw[c], c.upper())
        except ValueError as exc:
            raise InputError(f"{where.source}: row {n}: {exc}") from None
        if pid in seen:
            raise InputError(f"{where.source}: row {n}: duplicate player {pid} (first at row {seen[pid]})")
        seen[pid] = n
        row["source_endpoint"] = where.endpoint
        row["source_file"] = where.source
        out.append(row)
    return out


# ---------------------------------------------------------------- snapshot files


def _read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    try:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        text = raw.decode("utf-8-sig")
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    reader = csv.reader(io.StringIO(text))
    try:
        headers = next(reader)
    except StopIteration:
        raise InputError(f"{path}: empty file (no header row)") from None
    except csv.Error as exc:
        raise InputError(f"{path}: row 0: {exc}") from None
    rows = []
    try:
        for r in reader:
            if r:
                rows.append(r)
    except csv.Error as exc:
        raise InputError(f"{path}: row {len(rows) + 1}: {exc}") from None
    return headers, rows


def player_files(snapshot_dir: str | Path) -> dict[str, dict[str, Path]]:
    """{'game_logs': {season: path}, 'season_totals': {season: path}} under <dir>/players/."""
    found: dict[str, dict[str, Path]] = {"game_logs": {}, "season_totals": {}}
    pdir = Path(snapshot_dir) / "players"
    if not pdir.is_dir():
        return found
    for path in sorted(pdir.iterdir()):
        if m := GAME_LOG_FILE.match(path.name):
            found["game_logs"][m.group(1)] = path
        elif m := SEASON_TOTALS_FILE.match(path.name):
            found["season_totals"][m.group(1)] = path
    return found


def has_players(snapshot_dir: str | Path) -> bool:
    f = player_files(snapshot_dir)
    return bool(f["game_logs"] or f["season_totals"])


def read_game_log_file(path: Path, *, source: str | None = None) -> list[dict]:
    headers, rows = _read_csv(path)
    rows_out = parse_game_log_rows(headers, rows, Where(source or str(path), "PlayerGameLog"))
    season = GAME_LOG_FILE.match(path.name)
    if season:
        wrong = next((r for r in rows_out if r["season"] != season.group(1)), None)
        if wrong:
            raise InputError(
                f"{source or path}: game {wrong['game_id']} is season {wrong['season']}, "
                f"the file name says {season.group(1)}"
            )
    return rows_out


def read_season_totals_file(path: Path, season: str, *, source: str | None = None) -> list[dict]:
    headers, rows = _read_csv(path)
    return parse_season_total_rows(headers, rows, Where(source or str(path), "LeagueDashPlayerStats"), season)


def snapshot_game_logs(
    snapshot_dir: str | Path, through: date | None = None, seasons: Sequence[str] | None = None
) -> list[dict]:
    files = player_files(snapshot_dir)["game_logs"]
    out: list[dict] = []
    for season, path in sorted(files.items()):
        if seasons and season not in seasons:
            continue
        if through is not None and date(int(season[:4]), 7, 1) >= through:
            continue  # the season had not started
        rows = read_game_log_file(path, source=_rel(path, snapshot_dir))
        out.extend(r for r in rows if through is None or r["game_date"] < through)
    return out


def snapshot_season_totals(
    snapshot_dir: str | Path, through: date | None = None, seasons: Sequence[str] | None = None
) -> list[dict]:
    files = player_files(snapshot_dir)["season_totals"]
    out: list[dict] = []
    for season, path in sorted(files.items()):
        if seasons and season not in seasons:
            continue
        if not season_ended_before(season, through):
            continue
        out.extend(read_season_totals_file(path, season, source=_rel(path, snapshot_dir)))
    return out


def _rel(path: Path, root: str | Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path(root).resolve()))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------- live (nba_api)


def _result_set(body: dict, name: str, source: str) -> tuple[list[str], list[list]]:
    sets = body.get("resultSets") or body.get("resultSet")
    if isinstance(sets, dict):
        sets = [sets]
    for rs in sets or []:
        if rs.get("name") == name or len(sets) == 1:
            if "headers" not in rs or "rowSet" not in rs:
                raise InputError(f"{source}: resultSet {name} has no headers/rowSet")
            return rs["headers"], rs["rowSet"]
    raise InputError(f"{source}: no resultSet named {name}")


def _client(client=None):
    if client is not None:
        return client
    from ingest.nba_client import NbaStatsClient  # polite: interval, timeouts, retries with backoff

    return NbaStatsClient()


def live_game_logs(season: str, through: date | None = None, client=None) -> list[dict]:
    """League-wide PlayerGameLogs for one regular season, through the same row parser."""
    from nba_api.stats.endpoints import playergamelogs

    source = f"stats.nba.com playergamelogs {season}"
    body = _client(client).call(
        playergamelogs.PlayerGameLogs,
        season_nullable=season,
        season_type_nullable="Regular Season",
        date_to_nullable=(through - timedelta(days=1)).strftime("%m/%d/%Y") if through else "",
    )
    headers, rows = _result_set(body, "PlayerGameLogs", source)
    parsed = parse_game_log_rows(headers, rows, Where(source, "PlayerGameLogs"))
    return [r for r in parsed if through is None or r["game_date"] < through]


def live_season_totals(season: str, through: date | None = None, client=None) -> list[dict]:
    """LeagueDashPlayerStats (Totals) of one ended regular season; [] while it is not over."""
    from nba_api.stats.endpoints import leaguedashplayerstats

    if not season_ended_before(season, through):
        return []
    source = f"stats.nba.com leaguedashplayerstats {season}"
    body = _client(client).call(
        leaguedashplayerstats.LeagueDashPlayerStats,
        season=season,
        per_mode_detailed="Totals",
        season_type_all_star="Regular Season",
    )
    headers, rows = _result_set(body, "LeagueDashPlayerStats", source)
    return parse_season_total_rows(headers, rows, Where(source, "LeagueDashPlayerStats"), season)


# ---------------------------------------------------------------- dlt resources


def player_game_logs(
    snapshot_dir: str | Path | None = None,
    *,
    through: date | None = None,
    seasons: Sequence[str] | None = None,
    live: bool = False,
    client=None,
):
    """dlt resource ``player_game_logs`` (merge on player_id + game_id).

    Parses everything before yielding, so a bad row fails the extract before any load.
    """
    import dlt

    def _rows() -> Iterator[dict]:
        if live:
            rows = [
                r for s in (seasons or [season_of(through or date.today())]) for r in live_game_logs(s, through, client)
            ]
        else:
            rows = snapshot_game_logs(snapshot_dir, through, seasons)
        yield from rows

    return dlt.resource(
        _rows,
        name="player_game_logs",
        primary_key=("player_id", "game_id"),
        write_disposition="merge",
        columns=GAME_LOG_COLUMNS,
    )


def player_season_totals(
    snapshot_dir: str | Path | None = None,
    *,
    through: date | None = None,
    seasons: Sequence[str] | None = None,
    live: bool = False,
    client=None,
):
    """dlt resource ``player_season_totals`` (merge on player_id + season); ended seasons only."""
    import dlt

    def _rows() -> Iterator[dict]:
        if live:
            last = season_of(through or date.today())
            previous = f"{int(last[:4]) - 1}-{last[2:4]}"  # the last season that has ended
            rows = [r for s in (seasons or [previous]) for r in live_season_totals(s, through, client)]
        else:
            rows = snapshot_season_totals(snapshot_dir, through, seasons)
        yield from rows

    return dlt.resource(
        _rows,
        name="player_season_totals",
        primary_key=("player_id", "season"),
        write_disposition="merge",
        columns=SEASON_TOTAL_COLUMNS,
    )


@dataclass
class PlayerSnapshot:
    """Player rows of a snapshot directory, read and validated before anything loads."""

    game_logs: list[dict]
    season_totals: list[dict]

    def resources(self) -> list:
        import dlt

        if not (self.game_logs or self.season_totals):
            return []
        return [
            dlt.resource(
                self.game_logs,
                name="player_game_logs",
                primary_key=("player_id", "game_id"),
                write_disposition="merge",
                columns=GAME_LOG_COLUMNS,
            ),
            dlt.resource(
                self.season_totals,
                name="player_season_totals",
                primary_key=("player_id", "season"),
                write_disposition="merge",
                columns=SEASON_TOTAL_COLUMNS,
            ),
        ]


def read_players(snapshot_dir: str | Path, through: date | None = None) -> PlayerSnapshot:
    """Game logs before ``through`` and totals of seasons ended before it; empty without players/."""
    return PlayerSnapshot(snapshot_game_logs(snapshot_dir, through), snapshot_season_totals(snapshot_dir, through))


def player_resources(
    snapshot_dir: str | Path | None = None,
    *,
    through: date | None = None,
    seasons: Sequence[str] | None = None,
    live: bool = False,
    client=None,
) -> list:
    """The resources to add to the ``nba`` source; [] for a snapshot directory without players/."""
    if not live and (snapshot_dir is None or not has_players(snapshot_dir)):
        return []
    return [
        player_game_logs(snapshot_dir, through=through, seasons=seasons, live=live, client=client),
        player_season_totals(snapshot_dir, through=through, seasons=seasons, live=live, client=client),
    ]
