"""Read a snapshot directory as of a morning, validating everything before anything loads.

Layout (any subset; like ../shared/nba): ``leaguegamelog/<season>.json.gz``,
``odds/lines.csv``, ``elo538/elo.csv``, ``news/*.xml`` (RSS/Atom), ``news/injury_log_*.csv``,
optional ``MANIFEST.json`` (which stats.nba.com endpoint each season came from).

``through=D`` keeps what was known on the morning of D: final box scores of games before
D, D's schedule (teams, no results), lines and forecasts for games up to D, news and
injured-list rows dated before D.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tqdm import tqdm

from ingest.gamelog import parse_league_game_log
from ingest.lines import parse_forecasts, parse_lines
from ingest.newsfeeds import parse_feed, parse_injury_log
from ingest.scoreboard import schedule_from_game_logs
from warehouse.errors import InputError

EASTERN = ZoneInfo("America/New_York")


@dataclass
class Snapshot:
    directory: Path
    through: dt.date | None
    seasons: list[str] = field(default_factory=list)
    game_logs: list[dict[str, Any]] = field(default_factory=list)
    schedule: list[dict[str, Any]] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    forecasts: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)
    injuries: list[dict[str, Any]] = field(default_factory=list)
    injury_quarantine: list[dict[str, Any]] = field(default_factory=list)

    @property
    def games(self) -> int:
        return len(self.schedule)


def read_json_gz(path: Path) -> Any:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"{path}: not a readable gzip file ({exc})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: malformed JSON ({exc})") from None


def _endpoints(directory: Path) -> dict[str, str]:
    manifest = directory / "MANIFEST.json"
    if not manifest.exists():
        return {}
    try:
        body = json.loads(manifest.read_text())
    except json.JSONDecodeError as exc:
        raise InputError(f"{manifest}: malformed JSON ({exc})") from None
    return {
        season: meta.get("original_endpoint", "LeagueGameLog") for season, meta in body.get("leaguegamelog", {}).items()
    }


def read_snapshot(directory: Path, through: dt.date | None = None, *, progress: bool = True) -> Snapshot:
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory")
    snap = Snapshot(directory=directory, through=through)
    endpoints = _endpoints(directory)
    season_files = sorted((directory / "leaguegamelog").glob("*.json.gz"))
    for path in tqdm(season_files, desc="game logs", unit="season", disable=not progress):
        season = path.name.removesuffix(".json.gz")
        rows = parse_league_game_log(read_json_gz(path), str(path), endpoint=endpoints.get(season, "LeagueGameLog"))
        for row in rows:
            row["source_file"] = f"leaguegamelog/{path.name}"
        if through:
            schedule = schedule_from_game_logs([r for r in rows if r["game_date"] <= through], scheduled_on=through)
            rows = [r for r in rows if r["game_date"] < through]
        else:
            schedule = schedule_from_game_logs(rows)
        if rows or schedule:
            snap.seasons.append(season)
        snap.game_logs += rows
        snap.schedule += schedule
    _check_unique(snap.schedule, "game_id", "game logs")

    if (lines := directory / "odds" / "lines.csv").exists():
        snap.lines = parse_lines(lines, through)
    if (forecasts := directory / "elo538" / "elo.csv").exists():
        snap.forecasts = parse_forecasts(forecasts, through)

    news = directory / "news"
    cutoff = dt.datetime.combine(through, dt.time(), EASTERN) if through else None
    for feed in sorted([*news.glob("*.xml"), *news.glob("*.rss"), *news.glob("*.atom")]):
        snap.articles += [
            a for a in parse_feed(feed.read_bytes(), str(feed)) if not cutoff or a["published_at"] < cutoff
        ]
    for log in sorted(news.glob("injury_log_*.csv")):
        rows, quarantined = parse_injury_log(log, through)
        snap.injuries += rows
        snap.injury_quarantine += quarantined
    if not (snap.game_logs or snap.schedule or snap.lines or snap.articles or snap.injuries):
        raise InputError(f"{directory}: no snapshot files found (expected leaguegamelog/, odds/, news/ ...)")
    return snap


def _check_unique(rows: list[dict[str, Any]], key: str, what: str) -> None:
    seen: set[Any] = set()
    for row in rows:
        if row[key] in seen:
            raise InputError(f"{what}: {key} {row[key]} appears in more than one season file")
        seen.add(row[key])
