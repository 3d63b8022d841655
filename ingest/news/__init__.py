"""The ``news`` dlt source, into ``raw_news``: feed articles and fetch health, the injured-list log, quarantines.

(No ``from __future__ import annotations`` here: dlt finds the incremental argument by its
evaluated type annotation.)

Names in the injured-list log and in the league's official injury report are resolved to NBA.com
player ids before loading (ingest.news.player_names); names that match nobody go to
``injury_player_quarantine`` (side acquired / relinquished for the log, report for the report).
"""

import datetime as dt
from typing import Any, Optional, Protocol

import dlt

from ingest.cursors import cursor, start

ARTICLES: dict[str, Any] = {
    "article_id": {"data_type": "text", "nullable": False},
    "feed": {"data_type": "text", "nullable": True},
    "title": {"data_type": "text", "nullable": True},
    "published_at": {"data_type": "timestamp", "nullable": False},
    "summary": {"data_type": "text", "nullable": True},
    "link": {"data_type": "text", "nullable": True},
}
FEED_FETCHES: dict[str, Any] = {
    "feed": {"data_type": "text", "nullable": False},
    "fetched_at": {"data_type": "timestamp", "nullable": False},
    "ok": {"data_type": "bool", "nullable": False},
    "items": {"data_type": "bigint", "nullable": False},
    "newest_item_at": {"data_type": "timestamp", "nullable": True},
    "error": {"data_type": "text", "nullable": True},
}
INJURY_LOG: dict[str, Any] = {
    "log_id": {"data_type": "text", "nullable": False},
    "log_date": {"data_type": "date", "nullable": False},
    "team_id": {"data_type": "bigint", "nullable": False},
    "team_nickname": {"data_type": "text", "nullable": True},
    "acquired": {"data_type": "text", "nullable": True},
    "relinquished": {"data_type": "text", "nullable": True},
    "notes": {"data_type": "text", "nullable": True},
    "source_file": {"data_type": "text", "nullable": True},
    "line_number": {"data_type": "bigint", "nullable": True},
    "acquired_player_id": {"data_type": "bigint", "nullable": True},
    "relinquished_player_id": {"data_type": "bigint", "nullable": True},
    "acquired_match": {"data_type": "text", "nullable": True},
    "relinquished_match": {"data_type": "text", "nullable": True},
}
INJURY_LOG_QUARANTINE: dict[str, Any] = {
    "log_id": {"data_type": "text", "nullable": False},
    "log_date": {"data_type": "date", "nullable": True},
    "raw_date": {"data_type": "text", "nullable": True},
    "raw_team": {"data_type": "text", "nullable": True},
    "acquired": {"data_type": "text", "nullable": True},
    "relinquished": {"data_type": "text", "nullable": True},
    "notes": {"data_type": "text", "nullable": True},
    "source_file": {"data_type": "text", "nullable": True},
    "line_number": {"data_type": "bigint", "nullable": True},
    "reason": {"data_type": "text", "nullable": False},
}
INJURY_REPORT: dict[str, Any] = {
    "report_row_id": {"data_type": "text", "nullable": False},
    "report_published_at": {"data_type": "timestamp", "nullable": False},
    "game_date": {"data_type": "date", "nullable": False},
    "tipoff_et": {"data_type": "time", "nullable": True},
    "matchup": {"data_type": "text", "nullable": False},
    "team_id": {"data_type": "bigint", "nullable": False},
    "player_name": {"data_type": "text", "nullable": False},
    "player_name_raw": {"data_type": "text", "nullable": True},
    "status": {"data_type": "text", "nullable": False},
    "reason": {"data_type": "text", "nullable": True},
    "reason_category": {"data_type": "text", "nullable": False},
    "player_id": {"data_type": "bigint", "nullable": True},
    "player_match": {"data_type": "text", "nullable": True},
    "source": {"data_type": "text", "nullable": True},
}
INJURY_PLAYER_QUARANTINE: dict[str, Any] = {
    "log_id": {"data_type": "text", "nullable": False},
    "side": {"data_type": "text", "nullable": False},
    "log_date": {"data_type": "date", "nullable": True},
    "team_id": {"data_type": "bigint", "nullable": True},
    "raw_name": {"data_type": "text", "nullable": False},
    "notes": {"data_type": "text", "nullable": True},
    "reason": {"data_type": "text", "nullable": False},
}


class NewsFeed(Protocol):
    def articles(self, since: dt.datetime | None) -> list[dict[str, Any]]: ...
    def feed_fetches(self) -> list[dict[str, Any]]: ...
    def injury_log(self, since: dt.date | None) -> list[dict[str, Any]]: ...
    def injury_log_quarantine(self, since: dt.date | None) -> list[dict[str, Any]]: ...
    def injury_player_quarantine(self, since: dt.date | None) -> list[dict[str, Any]]: ...
    def injury_report(self, since: dt.datetime | None) -> list[dict[str, Any]]: ...


@dlt.resource(primary_key="article_id", write_disposition="merge", columns=ARTICLES)
def articles(feed: NewsFeed, published_at: Optional[dlt.sources.incremental[dt.datetime]] = None):  # noqa: UP045
    yield dlt.mark.materialize_table_schema()
    yield feed.articles(start(published_at))


@dlt.resource(primary_key=("feed", "fetched_at"), write_disposition="merge", columns=FEED_FETCHES)
def feed_fetches(feed: NewsFeed):
    yield dlt.mark.materialize_table_schema()
    yield feed.feed_fetches()


@dlt.resource(primary_key="log_id", write_disposition="merge", columns=INJURY_LOG)
def injury_log(feed: NewsFeed, log_date: Optional[dlt.sources.incremental[dt.date]] = None):  # noqa: UP045
    yield dlt.mark.materialize_table_schema()
    yield feed.injury_log(start(log_date))


@dlt.resource(primary_key="log_id", write_disposition="merge", columns=INJURY_LOG_QUARANTINE)
def injury_log_quarantine(feed: NewsFeed, log_date: Optional[dlt.sources.incremental[dt.date]] = None):  # noqa: UP045
    yield dlt.mark.materialize_table_schema()
    yield feed.injury_log_quarantine(start(log_date))


@dlt.resource(primary_key=("log_id", "side"), write_disposition="merge", columns=INJURY_PLAYER_QUARANTINE)
def injury_player_quarantine(feed: NewsFeed, log_date: Optional[dlt.sources.incremental[dt.date]] = None):  # noqa: UP045
    yield dlt.mark.materialize_table_schema()
    yield feed.injury_player_quarantine(start(log_date))


@dlt.resource(primary_key="report_row_id", write_disposition="merge", columns=INJURY_REPORT)
def injury_report(feed: NewsFeed, report_published_at: Optional[dlt.sources.incremental[dt.datetime]] = None):  # noqa: UP045
    yield dlt.mark.materialize_table_schema()
    yield feed.injury_report(start(report_published_at))


@dlt.source(name="news", max_table_nesting=0)
def news(feed: NewsFeed, *, incremental: bool = False):
    return [
        articles(feed, published_at=cursor("published_at", incremental, seconds=True)),
        feed_fetches(feed),
        injury_log(feed, log_date=cursor("log_date", incremental)),
        injury_log_quarantine(feed, log_date=cursor("log_date", incremental)),
        injury_player_quarantine(feed, log_date=cursor("log_date", incremental)),
        injury_report(feed, report_published_at=cursor("report_published_at", incremental, seconds=True)),
    ]
