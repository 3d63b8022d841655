"""How far a source is trusted, which teams a text is about, and how noisy it is.

Scores are deliberately simple and deterministic: they rank context, they never decide a fact.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlparse

from ingest.teams import all_teams

# RSS publishers by host: wire-style team news ranks above aggregators
FEED_QUALITY = {"espn.com": 0.8, "cbssports.com": 0.7, "yahoo.com": 0.65}
UNKNOWN_FEED_QUALITY = 0.5
# nicknames the press uses beside the official ones
PRESS_NAMES = {"Mavs": "DAL", "Cavs": "CLE", "Wolves": "MIN", "Sixers": "PHI", "Blazers": "POR", "Pels": "NOP"}
# words that mark an item as mostly not about who plays tonight
NOISE_WORDS = (
    "fantasy",
    "betting",
    "odds",
    "picks",
    "parlay",
    "dfs",
    "mock draft",
    "power rankings",
    "roundtable",
    "podcast",
    "rumor",
)


def article_quality(feed: str, link: str | None) -> float:
    host = urlparse(link or feed).netloc or feed
    for domain, quality in FEED_QUALITY.items():
        if host == domain or host.endswith("." + domain):
            return quality
    return UNKNOWN_FEED_QUALITY


@lru_cache(maxsize=1)
def _team_patterns() -> tuple[tuple[int, re.Pattern[str]], ...]:
    by_abbr = {t.abbreviation: t.team_id for t in all_teams().values()}
    names: dict[int, set[str]] = {}
    for team in all_teams().values():
        names.setdefault(team.team_id, set()).update({team.full_name, team.nickname, *team.aliases})
    for press, abbr in PRESS_NAMES.items():
        names[by_abbr[abbr]].add(press)
    # case-sensitive whole words: "Heat" and "Magic" are teams, "heat" and "magic" are not
    return tuple(
        (team_id, re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(ns, key=len, reverse=True)) + r")\b"))
        for team_id, ns in sorted(names.items())
    )


def teams_mentioned(text: str) -> tuple[int, ...]:
    return tuple(team_id for team_id, pattern in _team_patterns() if pattern.search(text))


def noise_penalty(title: str, body: str, teams: tuple[int, ...]) -> float:
    """0 for plain team news; up to 0.6 for fantasy/betting items, league-wide lists and empty items."""
    lowered = f"{title} {body}".lower()
    penalty = 0.25 * sum(1 for w in NOISE_WORDS if re.search(rf"\b{re.escape(w)}\b", lowered))
    if len(teams) > 3:  # a league-wide roundup says little about any one game
        penalty += 0.2
    if len(body) < 40:
        penalty += 0.1
    return round(min(penalty, 0.6), 3)
