"""Parse RSS/Atom feeds (feedparser) and the injured-list log.

Both parse live bytes and recorded files through the same functions.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

import feedparser

from ingest.csvfiles import read_rows
from ingest.gamelog import parse_date
from ingest.teams import by_nickname
from warehouse.errors import InputError

INJURY_COLUMNS = ("Date", "Team", "Acquired", "Relinquished", "Notes")


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


def parse_injury_log(path: Path, through: dt.date | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(rows, quarantined): rows with a blank or unknown team are quarantined with the reason.

    ``log_id`` hashes the row's content and its occurrence number among identical rows, so
    the id is stable across files and as-of cuts (a cut keeps whole dates).
    """
    teams = by_nickname()
    rows, quarantine = [], []
    seen: Counter[str] = Counter()
    for line, raw in read_rows(path, INJURY_COLUMNS):
        where = f"{path} line {line}"
        day = parse_date(raw["Date"], where)
        if through and day >= through:
            continue
        content = "\x1f".join(raw[c].strip() for c in INJURY_COLUMNS)
        seen[content] += 1
        log_id = hashlib.sha1(f"{content}\x1e{seen[content]}".encode()).hexdigest()
        fields = {
            "log_id": log_id,
            "acquired": raw["Acquired"].strip() or None,
            "relinquished": raw["Relinquished"].strip() or None,
            "notes": raw["Notes"].strip() or None,
            "source_file": path.name,
            "line_number": line,
        }
        team = raw["Team"].strip()
        reason = None
        if not team:
            reason = "blank team"
        elif team.lower() not in teams:
            reason = f"unknown team nickname {team!r}"
        elif not (fields["acquired"] or fields["relinquished"]):
            reason = "neither acquired nor relinquished player"
        if reason:
            quarantine.append({**fields, "raw_date": raw["Date"], "raw_team": team, "reason": reason})
            continue
        rows.append({**fields, "log_date": day, "team_nickname": team, "team_id": teams[team.lower()]})
    return rows, quarantine
