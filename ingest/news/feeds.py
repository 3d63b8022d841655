"""RSS/Atom news feeds (feedparser): recorded files and live fetches go through ``parse_feed``.

The health of every live feed (last success, items received, errors, newest item) is reported
with the rows, so a feed that silently stops publishing is visible.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

import feedparser

from warehouse.errors import InputError, LiveSourceUnavailable


def parse_feed(content: bytes | str, source: str, feed_url: str | None = None) -> list[dict[str, Any]]:
    parsed = feedparser.parse(content)
    if parsed.bozo and not parsed.entries:
        raise InputError(f"{source}: not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")
    feed_name = feed_url or parsed.feed.get("link") or parsed.feed.get("title") or source
    items = []
    for n, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link")
        article_id = entry.get("id") or entry.get("guid") or link
        if not article_id:
            raise InputError(f"{source} item {n}: no guid and no link")
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp is None:
            raise InputError(f"{source} item {n} ({entry.get('title', '')[:60]!r}): no parseable publication date")
        items.append(
            {
                "article_id": article_id,
                "feed": feed_name,
                "title": entry.get("title", "").strip(),
                "summary": entry.get("summary", "").strip(),
                "link": link,
                "published_at": dt.datetime.fromtimestamp(calendar.timegm(stamp), tz=dt.UTC),
            }
        )
    return items


@dataclass
class FeedFetch:
    """One live fetch of one feed: what came back, for the feed-health record."""

    feed: str
    fetched_at: dt.datetime
    ok: bool
    items: int = 0
    newest_item_at: dt.datetime | None = None
    error: str | None = None

    def as_row(self) -> dict[str, Any]:
        return {
            "feed": self.feed,
            "fetched_at": self.fetched_at,
            "ok": self.ok,
            "items": self.items,
            "newest_item_at": self.newest_item_at,
            "error": self.error,
        }


def fetch_feeds(urls: tuple[str, ...], timeout: float, session=None) -> tuple[list[dict[str, Any]], list[FeedFetch]]:
    """Articles of every feed that answered, and one health record per feed.

    A feed that fails is recorded and skipped; all of them failing is an error (news would
    silently stop otherwise).
    """
    import requests

    session = session or requests.Session()
    articles: list[dict[str, Any]] = []
    health: list[FeedFetch] = []
    for url in urls:
        now = dt.datetime.now(dt.UTC)
        try:
            response = session.get(url, timeout=timeout)
            response.raise_for_status()
            items = parse_feed(response.content, url, feed_url=url)
        except (requests.RequestException, InputError) as exc:
            health.append(FeedFetch(url, now, ok=False, error=f"{type(exc).__name__}: {str(exc)[:200]}"))
            continue
        articles += items
        newest = max((a["published_at"] for a in items), default=None)
        health.append(FeedFetch(url, now, ok=True, items=len(items), newest_item_at=newest))
    if urls and not any(h.ok for h in health):
        errors = "; ".join(f"{h.feed}: {h.error}" for h in health)
        raise LiveSourceUnavailable(f"no news feed answered ({errors})")
    return articles, health
