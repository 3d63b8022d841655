"""A snapshot directory replayed as of a morning: the feeds of the nba, market and news sources.

Layout (any subset; like data/): ``leaguegamelog/<season>.json.gz``, ``players/player_game_log_<season>.csv[.gz]``,
``players/player_season_totals_<season>.csv``, ``odds/lines.csv``, ``elo538/elo.csv``, ``news/*.xml``
(RSS/Atom), ``news/injury_log_*.csv``, ``news/*.pdf`` (the league's official injury reports),
optional ``MANIFEST.json`` (which stats.nba.com endpoint
each season came from). Every file is a recorded body, parsed by the same code as a live one.

``as_of(D)`` keeps what was known on the morning of D: final box scores of games before D, D's
schedule (teams, no results), lines and forecasts for games up to D, news and injured-list rows
dated before D, injury reports published before D, and player season totals only of seasons
whose regular season ended before D.

Each file is parsed at most once per ``SnapshotDir`` (a replay of many mornings reuses it), and
only the season files a load can need are read: a daily load that starts at its cursor reads the
current season's files, not the whole history. Whatever is read is validated completely before
anything loads (the sources are all extracted before any is loaded).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ingest.files import read_json_gz, read_table
from ingest.market.lines import parse_forecasts, parse_lines
from ingest.nba.gamelog import parse_league_game_log
from ingest.nba.players import parse_game_log_rows, parse_season_total_rows
from ingest.nba.scoreboard import schedule_from_game_logs
from ingest.news.feeds import parse_feed
from ingest.news.injured_list import parse_injury_log
from ingest.news.official_injury_report import parse_injury_report
from ingest.news.player_names import PlayerDirectory, annotate_injury_rows, annotate_report_rows
from warehouse.errors import InputError
from warehouse.seasons import morning_of, season_of, start_year, totals_known_on

SEASON_FILE = re.compile(r"^(\d{4}-\d{2})\.json\.gz$")
PLAYER_GAME_LOG_FILE = re.compile(r"^player_game_log_(\d{4}-\d{2})\.csv(\.gz)?$")
PLAYER_TOTALS_FILE = re.compile(r"^player_season_totals_(\d{4}-\d{2})\.csv(\.gz)?$")
FEED_SUFFIXES = (".xml", ".rss", ".atom")


def _by_season(folder: Path, pattern: re.Pattern[str]) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    return {m.group(1): p for p in sorted(folder.iterdir()) if (m := pattern.match(p.name))}


class SnapshotDir:
    """The files of one snapshot directory, parsed lazily and once each."""

    def __init__(self, directory: Path | str):
        self.directory = Path(directory).resolve()
        if not self.directory.is_dir():
            raise InputError(f"{directory}: not a directory")
        d = self.directory
        self.season_files = _by_season(d / "leaguegamelog", SEASON_FILE)
        self.player_log_files = _by_season(d / "players", PLAYER_GAME_LOG_FILE)
        self.player_totals_files = _by_season(d / "players", PLAYER_TOTALS_FILE)
        self.lines_file = d / "odds" / "lines.csv"
        self.forecasts_file = d / "elo538" / "elo.csv"
        news = d / "news"
        self.feed_files = sorted(p for p in news.glob("*") if p.suffix in FEED_SUFFIXES) if news.is_dir() else []
        self.injury_files = sorted(news.glob("injury_log_*.csv")) if news.is_dir() else []
        self.report_files = sorted(news.glob("*.pdf")) if news.is_dir() else []
        self._parsed: dict[tuple[str, str], list[dict[str, Any]]] = {}
        found = (
            self.season_files,
            self.player_log_files,
            self.player_totals_files,
            self.feed_files,
            self.injury_files,
            self.report_files,
        )
        if not (any(found) or self.lines_file.exists() or self.forecasts_file.exists()):
            raise InputError(f"{directory}: no snapshot files found (expected leaguegamelog/, odds/, news/ ...)")

    def rel(self, path: Path) -> str:
        return str(path.relative_to(self.directory))

    @cached_property
    def endpoints(self) -> dict[str, str]:
        manifest = self.directory / "MANIFEST.json"
        if not manifest.exists():
            return {}
        try:
            body = json.loads(manifest.read_text())
        except json.JSONDecodeError as exc:
            raise InputError(f"{manifest}: malformed JSON ({exc})") from None
        return {s: meta.get("original_endpoint", "LeagueGameLog") for s, meta in body.get("leaguegamelog", {}).items()}

    @cached_property
    def first_game_date(self) -> dt.date | None:
        if not self.season_files:
            return None
        return min(r["game_date"] for r in self.game_logs(min(self.season_files)))

    # ---- one parse per file
    def parsed_files(self) -> list[str]:
        """Which season files have been parsed so far (by kind and season)."""
        return sorted(f"{kind} {season}" for kind, season in self._parsed)

    def _once(self, kind: str, season: str, parse) -> list[dict[str, Any]]:
        if (kind, season) not in self._parsed:
            self._parsed[(kind, season)] = parse(season)
        return self._parsed[(kind, season)]

    def game_logs(self, season: str) -> list[dict[str, Any]]:
        return self._once("game_logs", season, self._parse_game_logs)

    def player_game_logs(self, season: str) -> list[dict[str, Any]]:
        return self._once("player_game_logs", season, self._parse_player_game_logs)

    def player_season_totals(self, season: str) -> list[dict[str, Any]]:
        return self._once("player_season_totals", season, self._parse_player_season_totals)

    def _parse_game_logs(self, season: str) -> list[dict[str, Any]]:
        path = self.season_files[season]
        endpoint = self.endpoints.get(season, "LeagueGameLog")
        return _of_season(parse_league_game_log(read_json_gz(path), self.rel(path), endpoint=endpoint), season, path)

    def _parse_player_game_logs(self, season: str) -> list[dict[str, Any]]:
        path = self.player_log_files[season]
        headers, rows = read_table(path)
        return _of_season(parse_game_log_rows(headers, rows, self.rel(path), "PlayerGameLog"), season, path)

    def _parse_player_season_totals(self, season: str) -> list[dict[str, Any]]:
        path = self.player_totals_files[season]
        headers, rows = read_table(path)
        return parse_season_total_rows(
            headers, rows, self.rel(path), "LeagueDashPlayerStats", season, totals_known_on(season)
        )

    @cached_property
    def lines(self) -> list[dict[str, Any]]:
        return parse_lines(self.lines_file) if self.lines_file.exists() else []

    @cached_property
    def forecasts(self) -> list[dict[str, Any]]:
        return parse_forecasts(self.forecasts_file) if self.forecasts_file.exists() else []

    @cached_property
    def articles(self) -> list[dict[str, Any]]:
        return [a for path in self.feed_files for a in parse_feed(path.read_bytes(), self.rel(path))]

    @cached_property
    def injuries(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        """(rows with player ids, rows quarantined for their team, names quarantined for matching nobody)."""
        rows: list[dict[str, Any]] = []
        quarantined: list[dict[str, Any]] = []
        for path in self.injury_files:
            r, q = parse_injury_log(path)
            rows += r
            quarantined += q
        unmatched = annotate_injury_rows(rows, self.player_directory) if rows else []
        return rows, quarantined, unmatched

    @cached_property
    def injury_reports(self) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
        """(row, quarantine row or None) of every recorded official injury report, names matched."""
        out = []
        for path in self.report_files:
            rows = parse_injury_report(path.read_bytes(), self.rel(path)).rows
            for row in rows:
                row["source"] = self.rel(path)
            unmatched = {q["log_id"]: q for q in annotate_report_rows(rows, self.player_directory)}
            out += [(row, unmatched.get(row["report_row_id"])) for row in rows]
        return out

    @cached_property
    def player_directory(self) -> PlayerDirectory:
        """Every player file, whatever the as-of date: names and rosters identify people, they carry no results."""
        totals = [r for s in self.player_totals_files for r in self.player_season_totals(s)]
        memberships = [
            {"player_id": r["player_id"], "team_id": r["team_id"], "season": r["season"]}
            for s in self.player_log_files
            for r in self.player_game_logs(s)
        ]
        return PlayerDirectory.build(totals, memberships)

    def as_of(self, through: dt.date | None) -> SnapshotView:
        early = (
            through is not None
            and self.season_files
            and start_year(season_of(through)) <= start_year(min(self.season_files))
        )
        if early and through < self.first_game_date:
            raise InputError(
                f"{self.directory} holds nothing known on the morning of {through}: "
                f"its first game is on {self.first_game_date}"
            )
        return SnapshotView(self, through)


def _of_season(rows: list[dict[str, Any]], season: str, path: Path) -> list[dict[str, Any]]:
    """A season file holds that season's games only."""
    wrong = next((r for r in rows if r["season"] != season), None)
    if wrong:
        raise InputError(
            f"{path.name}: game {wrong['game_id']} is season {wrong['season']}, the file name says {season}"
        )
    return rows


def _seasons(available, since: dt.date | None, through: dt.date | None) -> list[str]:
    """The season files that can hold rows dated in [since, through]."""
    low = start_year(season_of(since)) if since else None
    high = start_year(season_of(through)) if through else None
    return [
        s
        for s in sorted(available)
        if (low is None or start_year(s) >= low) and (high is None or start_year(s) <= high)
    ]


@dataclass
class SnapshotView:
    """The snapshot as known on the morning of ``through`` (everything when None): the sources' feeds."""

    snapshot: SnapshotDir
    through: dt.date | None

    def _before(self, day: dt.date, since: dt.date | None = None) -> bool:
        return (self.through is None or day < self.through) and (since is None or day >= since)

    def _up_to(self, day: dt.date, since: dt.date | None = None) -> bool:
        return (self.through is None or day <= self.through) and (since is None or day >= since)

    # nba
    def _season_rows(self, since: dt.date | None) -> list[dict[str, Any]]:
        rows = [
            r for s in _seasons(self.snapshot.season_files, since, self.through) for r in self.snapshot.game_logs(s)
        ]
        seen: dict[str, str] = {}
        for r in rows:
            if seen.setdefault(r["game_id"], r["season"]) != r["season"]:
                raise InputError(f"game logs: game {r['game_id']} appears in more than one season file")
        return rows

    def team_game_logs(self, since: dt.date | None) -> list[dict[str, Any]]:
        return [r for r in self._season_rows(since) if self._before(r["game_date"], since)]

    def schedule(self, since: dt.date | None) -> list[dict[str, Any]]:
        known = [r for r in self._season_rows(since) if self._up_to(r["game_date"], since)]
        return schedule_from_game_logs(known, scheduled_on=self.through)

    def player_game_logs(self, since: dt.date | None) -> list[dict[str, Any]]:
        files = _seasons(self.snapshot.player_log_files, since, self.through)
        return [r for s in files for r in self.snapshot.player_game_logs(s) if self._before(r["game_date"], since)]

    def player_season_totals(self, since: dt.date | None) -> list[dict[str, Any]]:
        return [
            r
            for s in self.snapshot.player_totals_files
            if self._before(totals_known_on(s), since)
            for r in self.snapshot.player_season_totals(s)
        ]

    # market: pregame data, known up to and including the day's games
    def closing_lines(self, since: dt.date | None) -> list[dict[str, Any]]:
        return [r for r in self.snapshot.lines if self._up_to(r["game_date"], since)]

    def fivethirtyeight_forecasts(self, since: dt.date | None) -> list[dict[str, Any]]:
        return [r for r in self.snapshot.forecasts if self._up_to(r["game_date"], since)]

    # news: published before the morning
    def articles(self, since: dt.datetime | None) -> list[dict[str, Any]]:
        cutoff = morning_of(self.through) if self.through else None
        return [
            a
            for a in self.snapshot.articles
            if (cutoff is None or a["published_at"] < cutoff) and (since is None or a["published_at"] >= since)
        ]

    def feed_fetches(self) -> list[dict[str, Any]]:
        return []  # recorded feeds were not fetched: there is no fetch health to report

    def injury_log(self, since: dt.date | None) -> list[dict[str, Any]]:
        return [r for r in self.snapshot.injuries[0] if self._before(r["log_date"], since)]

    def injury_log_quarantine(self, since: dt.date | None) -> list[dict[str, Any]]:
        return [r for r in self.snapshot.injuries[1] if self._before(r["log_date"], since)]

    def _published_before_morning(self, moment: dt.datetime, since: dt.datetime | None = None) -> bool:
        return (self.through is None or moment < morning_of(self.through)) and (since is None or moment >= since)

    def injury_player_quarantine(self, since: dt.date | None) -> list[dict[str, Any]]:
        from_log = [r for r in self.snapshot.injuries[2] if self._before(r["log_date"], since)]
        from_reports = [
            q
            for row, q in self.snapshot.injury_reports
            if q is not None and self._published_before_morning(row["report_published_at"])
        ]
        return from_log + from_reports

    def injury_report(self, since: dt.datetime | None) -> list[dict[str, Any]]:
        return [
            row
            for row, _ in self.snapshot.injury_reports
            if self._published_before_morning(row["report_published_at"], since)
        ]

    @property
    def seasons(self) -> list[str]:
        """Seasons with anything known this morning."""
        return [s for s in _seasons(self.snapshot.season_files, None, self.through) if self.snapshot.game_logs(s)]
