"""Team lookups for the loaders, read from the dbt seed (one home for team facts)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from warehouse.settings import PROJECT_ROOT

TEAMS_SEED = PROJECT_ROOT / "dbt_project" / "seeds" / "teams.csv"


@dataclass(frozen=True)
class Team:
    team_id: int
    abbreviation: str
    full_name: str
    nickname: str
    aliases: tuple[str, ...]


@lru_cache(maxsize=1)
def all_teams() -> dict[int, Team]:
    with TEAMS_SEED.open(newline="") as fh:
        return {
            int(r["team_id"]): Team(
                team_id=int(r["team_id"]),
                abbreviation=r["abbreviation"],
                full_name=r["full_name"],
                nickname=r["nickname"],
                aliases=tuple(a for a in r["nickname_aliases"].split("|") if a),
            )
            for r in csv.DictReader(fh)
        }


@lru_cache(maxsize=1)
def by_nickname() -> dict[str, int]:
    """'Celtics' -> id; includes the aliases the injured-list log uses ('Blazers', 'Sixers')."""
    out: dict[str, int] = {}
    for team in all_teams().values():
        for name in (team.nickname, *team.aliases):
            out[name.lower()] = team.team_id
    return out


@lru_cache(maxsize=1)
def by_abbreviation() -> dict[str, int]:
    return {t.abbreviation: t.team_id for t in all_teams().values()}
