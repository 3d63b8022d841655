"""Feed health: for each news source, when it last answered, what it sent, its errors since, and
how fresh its newest item is, so a feed that silently stopped is seen next to the briefs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import psycopg
from psycopg.rows import dict_row

from intel.corpus import table_exists

SILENT_AFTER = dt.timedelta(hours=36)  # an NBA news feed with nothing newer is treated as silent


@dataclass
class FeedHealth:
    feed: str
    last_success_at: str | None  # the last live fetch that answered (None: never fetched live)
    items: int  # items in that fetch (in snapshot mode: articles held from the feed)
    errors_since_success: int
    last_error: str | None
    newest_item_at: str | None
    newest_item_age_hours: float | None  # relative to ``as_of``
    status: str  # ok | silent | failing | snapshot


FETCHES = """
with last_ok as (
    select feed, max(fetched_at) as at from raw_news.feed_fetches where ok group by feed
)
select f.feed,
       l.at as last_success_at,
       (select items from raw_news.feed_fetches x where x.feed = f.feed and x.fetched_at = l.at and x.ok) as items,
       count(*) filter (where not f.ok and (l.at is null or f.fetched_at > l.at)) as errors_since_success,
       (array_agg(f.error order by f.fetched_at desc) filter (where not f.ok))[1] as last_error,
       max(f.newest_item_at) as newest_item_at
from raw_news.feed_fetches f left join last_ok l using (feed)
group by f.feed, l.at
"""
HELD = "select feed, count(*) as items, max(published_at) as newest_item_at from raw_news.articles group by feed"


def feed_health(conn: psycopg.Connection, as_of: dt.datetime | None = None) -> list[FeedHealth]:
    as_of = as_of or dt.datetime.now(dt.UTC)
    out: dict[str, FeedHealth] = {}
    with conn.cursor(row_factory=dict_row) as cur:
        if table_exists(conn, "raw_news.articles"):
            for r in cur.execute(HELD).fetchall():
                out[r["feed"]] = _health(r["feed"], None, r["items"], 0, None, r["newest_item_at"], as_of, live=False)
        if table_exists(conn, "raw_news.feed_fetches"):
            for r in cur.execute(FETCHES).fetchall():
                out[r["feed"]] = _health(
                    r["feed"],
                    r["last_success_at"],
                    r["items"] or 0,
                    r["errors_since_success"],
                    r["last_error"],
                    r["newest_item_at"],
                    as_of,
                    live=True,
                )
    return sorted(out.values(), key=lambda h: h.feed)


def _health(feed, last_ok, items, errors, last_error, newest, as_of, *, live: bool) -> FeedHealth:
    age = round((as_of - newest).total_seconds() / 3600, 1) if newest else None
    if not live:
        status = "snapshot"
    elif last_ok is None or errors:
        status = "failing"
    elif newest is None or as_of - newest > SILENT_AFTER:
        status = "silent"
    else:
        status = "ok"
    return FeedHealth(
        feed=feed,
        last_success_at=last_ok.isoformat() if last_ok else None,
        items=int(items),
        errors_since_success=int(errors),
        last_error=last_error,
        newest_item_at=newest.isoformat() if newest else None,
        newest_item_age_hours=age,
        status=status,
    )
