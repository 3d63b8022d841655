"""The two ingest jobs: replay a snapshot as of a morning, or fetch the live sources."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest import market, nba, news
from ingest.load import run_sources
from ingest.nba_client import LiveSourceUnavailable, NbaStatsClient
from ingest.newsfeeds import parse_feed
from ingest.player_names import PlayerDirectory, annotate_injury_rows, injury_player_quarantine
from ingest.players import read_players
from ingest.snapshot import EASTERN, read_snapshot
from warehouse.audit import audited
from warehouse.settings import get_settings


@dataclass
class IngestSummary:
    mode: str
    seasons: list[str] = field(default_factory=list)
    games: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    quarantined: int = 0
    seconds: float = 0.0


def ingest_snapshot(directory: Path, through: dt.date | None = None, *, progress: bool = True) -> IngestSummary:
    started = time.perf_counter()
    details = {"dir": str(directory), "through": through.isoformat() if through else None}
    with audited("ingest.snapshot", details=details) as run:
        snap = read_snapshot(directory, through, progress=progress)  # validates everything first
        # players/ (optional): validated before anything loads; injury names -> player ids (issue 6)
        player_rows = read_players(directory, through)
        player_quarantine = annotate_injury_rows(snap.injuries, PlayerDirectory.from_snapshot(directory))
        sources = {
            "nba": nba.nba(nba.RowsFeed(snap.game_logs, snap.schedule), extra_resources=tuple(player_rows.resources()))
        }
        if snap.lines or snap.forecasts:
            sources["market"] = market.market(snap.lines, snap.forecasts)
        if snap.articles or snap.injuries or snap.injury_quarantine:
            sources["news"] = news.news(
                snap.articles,
                snap.injuries,
                snap.injury_quarantine,
                extra_resources=(injury_player_quarantine(player_quarantine),),
            )
        result = run_sources(sources)
        run.rows.update(result.rows)
        run.details.update(seasons=snap.seasons, games=snap.games, quarantined=len(snap.injury_quarantine))
    return IngestSummary(
        "snapshot", snap.seasons, snap.games, result.rows, len(snap.injury_quarantine), time.perf_counter() - started
    )


def _live_articles(day: dt.date) -> list[dict[str, Any]]:
    import requests

    cutoff = dt.datetime.combine(day, dt.time(), EASTERN)
    articles = []
    for url in get_settings().news_feeds:
        try:
            response = requests.get(url, timeout=get_settings().nba_timeout)
            response.raise_for_status()
        except requests.RequestException as exc:
            raise LiveSourceUnavailable(f"feed {url} did not answer ({type(exc).__name__})") from None
        articles += [a for a in parse_feed(response.content, url, feed_url=url) if a["published_at"] < cutoff]
    return articles


def ingest_live(day: dt.date, *, client: NbaStatsClient | None = None, with_news: bool = True) -> IngestSummary:
    """Today's schedule and the game logs since the last load (minus a correction lag)."""
    started = time.perf_counter()
    with audited("ingest.live", details={"date": day.isoformat()}) as run:
        feed = nba.LiveFeed(day, client)
        sources: dict[str, Any] = {"nba": nba.nba(feed, incremental=True)}
        if with_news:
            sources["news"] = news.news(_live_articles(day), [], [])
        result = run_sources(sources)
        run.rows.update(result.rows)
    games = result.rows.get("raw_nba.schedule", 0)
    return IngestSummary("live", [], games, result.rows, 0, time.perf_counter() - started)
