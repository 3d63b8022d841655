"""The live news feed for the morning of a day: the configured RSS/Atom feeds and the league's
official injury report, each with its fetch health.

The injured-list log is a historical record with no live source: who is out tonight comes from
the latest official injury report, its names matched to NBA.com ids like the log's. A report
that cannot be fetched (not published yet, host unreachable) is recorded as a failed fetch in
``feed_fetches`` rather than failing the morning's load, so the gap is visible and the rest loads.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any

from ingest.news.feeds import FeedFetch, fetch_feeds
from ingest.news.official_injury_report import ReportUnavailable, fetch_latest_report
from ingest.news.player_names import PlayerDirectory, annotate_report_rows
from warehouse.seasons import morning_of, season_of, shift
from warehouse.settings import SourceSettings, get_settings

INJURY_REPORT_FEED = "nba official injury report"


class LiveNewsFeed:
    def __init__(
        self,
        day: dt.date,
        settings: SourceSettings | None = None,
        feeds: tuple[str, ...] | None = None,
        session=None,
        directory: PlayerDirectory | None = None,
        as_of: dt.datetime | None = None,
    ):
        self.day = day
        self.as_of = as_of
        self._directory = directory
        self.settings = settings or get_settings().sources
        self.feeds = self.settings.news_feeds if feeds is None else feeds
        self.session = session

    @cached_property
    def _fetched(self):
        return fetch_feeds(self.feeds, self.settings.nba_timeout, self.session)

    def articles(self, since: dt.datetime | None) -> list[dict[str, Any]]:
        # a live run of a past morning must not load what was published after it
        cutoff = min(morning_of(self.day + dt.timedelta(days=1)), dt.datetime.now(dt.UTC))
        return [
            a for a in self._fetched[0] if a["published_at"] < cutoff and (since is None or a["published_at"] >= since)
        ]

    def feed_fetches(self) -> list[dict[str, Any]]:
        return [h.as_row() for h in (*self._fetched[1], self._report[2])]

    @cached_property
    def _report(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]], FeedFetch]:
        import requests

        now = dt.datetime.now(dt.UTC)
        try:
            report = fetch_latest_report(
                self.day,
                self.session or requests.Session(),
                as_of=self.as_of,
                timeout=self.settings.nba_timeout,
                pause=self.settings.nba_request_interval,
                base_url=self.settings.injury_report_url,
            )
        except ReportUnavailable as exc:
            return [], [], FeedFetch(INJURY_REPORT_FEED, now, ok=False, error=str(exc)[:500])
        for row in report.rows:
            row["source"] = report.source
        quarantine = annotate_report_rows(report.rows, self.directory)
        fetch = FeedFetch(INJURY_REPORT_FEED, now, ok=True, items=len(report.rows), newest_item_at=report.published_at)
        return report.rows, quarantine, fetch

    @cached_property
    def directory(self) -> PlayerDirectory:
        """nba_api's player list plus who played for whom in the warehouse's last two seasons."""
        if self._directory is not None:
            return self._directory
        from warehouse.db import connect

        seasons = [shift(season_of(self.day), -1), season_of(self.day)]
        with connect() as conn:
            exists = conn.execute("select to_regclass('raw_nba.player_game_logs')").fetchone()[0]
            rows = (
                conn.execute(
                    "select distinct player_id, team_id, season from raw_nba.player_game_logs where season = any(%s)",
                    (seasons,),
                ).fetchall()
                if exists
                else []
            )
        return PlayerDirectory.build(game_logs=({"player_id": p, "team_id": t, "season": s} for p, t, s in rows))

    def injury_report(self, since: dt.datetime | None) -> list[dict[str, Any]]:
        return [r for r in self._report[0] if since is None or r["report_published_at"] >= since]

    def injury_log(self, since: dt.date | None) -> list[dict[str, Any]]:
        return []

    def injury_log_quarantine(self, since: dt.date | None) -> list[dict[str, Any]]:
        return []

    def injury_player_quarantine(self, since: dt.date | None) -> list[dict[str, Any]]:
        return self._report[1]
