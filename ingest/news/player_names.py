"""Resolve the names in the injured-list log to NBA.com player ids.

The log (prosportstransactions.com) names players as written by hand: aliases
("Wesley Matthews / Wes Matthews Jr."), suffixes ("Jr.", "III"), accents ("Dragić" vs
"Dragic"), punctuation ("P.J." / "PJ"), nicknames ("Moe Harkless" for Maurice) and
players who changed teams. Matching happens at ingest in Python (the warehouse's
PostgreSQL has no ``unaccent``) and writes the id onto each injury row.

The directory: nba_api's static player list (5,198 players, offline) plus the names and
teams in the season totals and the teams in the player game logs, so a name can be
disambiguated by the team and season of the log row.

Order of attempts for one name (each alias separately, first success wins):

1. ``exact``   normalised full name (accents, case, punctuation, suffixes removed) -> one id;
               several ids -> keep those on the row's team that season (then: that season at all);
2. ``team``    a player of the row's team (this, previous or next season) with the same
               last name and a compatible first name (same initial, prefix or a known nickname);
3. ``fuzzy``   the closest name (difflib ratio >= 0.88) among the team's players of those
               seasons, unique.

Everything else is unmatched and goes to ``raw_news.injury_player_quarantine`` with the
reason (``no candidate`` / ``ambiguous: ids``).
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from warehouse.seasons import season_of, shift

SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v"}
HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def first_name_equivalents() -> dict[str, str]:
    """First-name equivalences seen in the log and in NBA.com's spellings ('moe' -> 'maurice')."""
    with (HERE / "first_name_equivalents.csv").open(newline="") as fh:
        return {r["name"]: r["equivalent"] for r in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def name_corrections() -> dict[str, str]:
    """Log spellings no normalisation reaches -> the NBA.com name.

    Looked up in the directory, so a wrong entry fails to resolve instead of silently pointing at
    someone else.
    """
    with (HERE / "name_corrections.csv").open(newline="") as fh:
        return {r["log_name"]: r["nba_com_name"] for r in csv.DictReader(fh)}


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def normalise(name: str, keep_suffix: bool = False) -> str:
    """'P.J. Tucker' -> 'pj tucker'; 'Luka Dončić' -> 'luka doncic'; 'Gary Trent Jr.' -> 'gary trent'."""
    s = strip_accents(name).lower().replace("`", "'")
    s = re.sub(r"\(.*?\)", " ", s)
    s = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\.?)", "", s)  # p.j. -> pj.
    s = s.replace(".", " ").replace("'", "").replace("-", " ").replace(",", " ")
    tokens = [t for t in s.split() if t]
    while not keep_suffix and len(tokens) > 2 and tokens[-1] in SUFFIXES:
        tokens.pop()
    return " ".join(tokens)


def aliases(raw: str, keep_suffix: bool = False) -> list[str]:
    """'Wesley Matthews / Wes Matthews Jr.' -> ['wesley matthews', 'wes matthews']."""
    out: list[str] = []
    for part in re.split(r"\s*/\s*", raw or ""):
        n = normalise(part, keep_suffix)
        if n and n not in out:
            out.append(n)
    return out


def _first_compatible(a: str, b: str) -> bool:
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    equivalents = first_name_equivalents()
    ca, cb = equivalents.get(a, a), equivalents.get(b, b)
    return ca in (cb, b) or cb == a or ca.startswith(cb) or cb.startswith(ca)


@dataclass(frozen=True)
class Match:
    player_id: int | None
    method: str | None  # exact | manual | team | fuzzy; None when unmatched
    reason: str | None = None  # why unmatched


@dataclass
class PlayerDirectory:
    """Names -> ids, and who played for which team in which season."""

    names: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    full_names: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    display: dict[int, str] = field(default_factory=dict)
    team_seasons: dict[tuple[int, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    seasons_of: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add_name(self, player_id: int, name: str) -> None:
        n = normalise(name)
        if n:
            self.names[n].add(player_id)
            self.full_names[normalise(name, keep_suffix=True)].add(player_id)
            self.display.setdefault(player_id, name)

    def add_membership(self, player_id: int, team_id: int | None, season: str) -> None:
        self.seasons_of[player_id].add(season)
        if team_id:
            self.team_seasons[(int(team_id), season)].add(player_id)

    @classmethod
    def build(
        cls, season_totals: Iterable[dict] = (), game_logs: Iterable[dict] = (), include_static: bool = True
    ) -> PlayerDirectory:
        d = cls()
        if include_static:
            from nba_api.stats.static import players

            for p in players.get_players():
                d.add_name(int(p["id"]), p["full_name"])
        for r in season_totals:
            d.add_name(int(r["player_id"]), r["player_name"])
            d.add_membership(int(r["player_id"]), r.get("team_id"), r["season"])
        for r in game_logs:
            d.add_membership(int(r["player_id"]), r.get("team_id"), r["season"])
        for alias, target in name_corrections().items():
            if d.names.get(target):
                d.names[alias] |= d.names[target]
        return d

    # -------------------------------------------------------------- matching

    def roster(self, team_id: int | None, season: str, spread: int = 1) -> set[int]:
        if not team_id:
            return set()
        out: set[int] = set()
        for k in range(-spread, spread + 1):
            out |= self.team_seasons.get((int(team_id), shift(season, k)), set())
        return out

    def _narrow(self, ids: set[int], team_id: int | None, season: str) -> set[int]:
        if len(ids) <= 1:
            return ids
        if int(season[:4]) >= 2000:  # NBA.com ids 76000-79999 are players retired before 1996-97
            modern = {i for i in ids if not 76000 <= i < 80000}
            ids = modern or ids
            if len(ids) == 1:
                return ids
        for pool in (
            self.team_seasons.get((int(team_id or 0), season), set()),
            self.roster(team_id, season),
            {i for i in ids if season in self.seasons_of.get(i, set())},
            {i for i in ids if any(abs(int(s[:4]) - int(season[:4])) <= 1 for s in self.seasons_of.get(i, set()))},
        ):
            hit = ids & pool
            if len(hit) == 1:
                return hit
            if hit:
                ids = hit
        return ids

    def match(self, raw_name: str, team_id: int | None, log_date: date) -> Match:
        season = season_of(log_date)
        names = aliases(raw_name)
        if not names:
            return Match(None, None, "blank name")
        ambiguous: set[int] = set()
        for n in aliases(raw_name, keep_suffix=True):  # 'Larry Drew II' is not 'Larry Drew'
            ids = self._narrow(set(self.full_names.get(n, set())), team_id, season)
            if len(ids) == 1:
                return Match(next(iter(ids)), "exact")
        for n in names:
            ids = set(self.names.get(n, set()))
            if ids:
                ids = self._narrow(ids, team_id, season)
                if len(ids) == 1:
                    return Match(next(iter(ids)), "manual" if n in name_corrections() else "exact")
                ambiguous |= ids
        roster = self.roster(team_id, season)
        for n in names:
            hit = self._by_last_name(n, roster)
            if len(hit) == 1:
                return Match(next(iter(hit)), "team")
        for n in names:
            hit = self._fuzzy(n, roster)
            if hit is not None:
                return Match(hit, "fuzzy")
        if ambiguous:
            return Match(None, None, "ambiguous: " + ",".join(str(i) for i in sorted(ambiguous)))
        return Match(None, None, "no candidate")

    def _roster_names(self, roster: set[int]) -> dict[int, str]:
        return {pid: normalise(self.display[pid]) for pid in roster if pid in self.display}

    def _by_last_name(self, name: str, roster: set[int]) -> set[int]:
        tokens = name.split()
        if len(tokens) < 2:
            return set()
        first, last = tokens[0], " ".join(tokens[1:])
        hit = set()
        for pid, full in self._roster_names(roster).items():
            ft = full.split()
            if len(ft) >= 2 and " ".join(ft[1:]) == last and _first_compatible(first, ft[0]):
                hit.add(pid)
        return hit

    def _fuzzy(self, name: str, roster: set[int], cutoff: float = 0.88) -> int | None:
        names = self._roster_names(roster)
        scored = sorted(
            ((difflib.SequenceMatcher(None, name, full).ratio(), pid) for pid, full in names.items()), reverse=True
        )
        if not scored or scored[0][0] < cutoff:
            return None
        if len(scored) > 1 and scored[1][0] >= scored[0][0] - 0.02:
            return None
        return scored[0][1]


# ------------------------------------------------------------------ injury rows


def annotate_injury_rows(rows: Sequence[dict], directory: PlayerDirectory) -> list[dict]:
    """Add acquired/relinquished player ids (and the match method) to injury rows, in place.

    Returns the quarantine rows (one per unmatched name) for ``raw_news.injury_player_quarantine``.
    """
    quarantine: list[dict] = []
    cache: dict[tuple[str, int | None, str], Match] = {}
    for row in rows:
        log_date = row["log_date"]
        if isinstance(log_date, str):
            log_date = date.fromisoformat(log_date)
        for side in ("acquired", "relinquished"):
            raw = (row.get(side) or "").strip()
            row[f"{side}_player_id"] = None
            row[f"{side}_match"] = None
            if not raw:
                continue
            key = (raw, row.get("team_id"), season_of(log_date))
            m = cache.get(key)
            if m is None:
                m = cache[key] = directory.match(raw, row.get("team_id"), log_date)
            row[f"{side}_player_id"] = m.player_id
            row[f"{side}_match"] = m.method
            if m.player_id is None:
                quarantine.append(
                    {
                        "log_id": row["log_id"],
                        "side": side,
                        "log_date": log_date,
                        "team_id": row.get("team_id"),
                        "raw_name": raw,
                        "notes": row.get("notes"),
                        "reason": m.reason or "no candidate",
                    }
                )
    return quarantine


def annotate_report_rows(rows: Sequence[dict], directory: PlayerDirectory) -> list[dict]:
    """Add player_id and player_match to official injury report rows, in place; returns the quarantine rows."""
    quarantine: list[dict] = []
    for row in rows:
        m = directory.match(row["player_name"], row["team_id"], row["game_date"])
        row["player_id"], row["player_match"] = m.player_id, m.method
        if m.player_id is None:
            quarantine.append(
                {
                    "log_id": row["report_row_id"],
                    "side": "report",
                    "log_date": row["game_date"],
                    "team_id": row["team_id"],
                    "raw_name": row["player_name"],
                    "notes": row.get("reason"),
                    "reason": m.reason or "no candidate",
                }
            )
    return quarantine


def match_rates(rows: Iterable[dict]) -> dict[str, dict[str, float]]:
    """Per season: names, matched, rate (over acquired + relinquished names of annotated rows)."""
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        d = row["log_date"]
        d = date.fromisoformat(d) if isinstance(d, str) else d
        for side in ("acquired", "relinquished"):
            if (row.get(side) or "").strip():
                s = stats[season_of(d)]
                s[0] += 1
                s[1] += row.get(f"{side}_player_id") is not None
    return {k: {"names": v[0], "matched": v[1], "rate": v[1] / v[0] if v[0] else 1.0} for k, v in sorted(stats.items())}
