"""Copies of the bundled snapshot cut to what a test needs (never all nine seasons)."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from tests.support.paths import DATA


def copy_snapshot(
    dest: Path,
    seasons: Iterable[str],
    *,
    players: bool = True,
    odds: bool = True,
    injury_log: bool = True,
    feeds: bool = True,
) -> Path:
    """``data/`` cut to ``seasons``: their game logs (and player files, plus the season before for
    the player priors), the lines and forecasts, who is out (the injured-list log and the league's
    injury reports) and the RSS feeds."""
    seasons = list(seasons)
    (dest / "leaguegamelog").mkdir(parents=True)
    for season in seasons:
        shutil.copy(DATA / "leaguegamelog" / f"{season}.json.gz", dest / "leaguegamelog")
    shutil.copy(DATA / "MANIFEST.json", dest)
    if odds:
        shutil.copytree(DATA / "odds", dest / "odds")
        shutil.copytree(DATA / "elo538", dest / "elo538")
    if injury_log or feeds:
        (dest / "news").mkdir()
        for f in (DATA / "news").iterdir():
            who_is_out = f.name.startswith("injury_log_") or f.suffix == ".pdf"
            if (injury_log and who_is_out) or (feeds and f.suffix in (".xml", ".rss", ".atom")):
                shutil.copy(f, dest / "news")
    if players:
        wanted = {*seasons, *(f"{int(s[:4]) - 1}-{s[2:4]}" for s in seasons)}
        (dest / "players").mkdir()
        for f in (DATA / "players").iterdir():
            if any(s in f.name for s in wanted):
                shutil.copy(f, dest / "players")
    return dest
