"""Parse the injured-list log (news/injury_log_*.csv, prosportstransactions.com): moves and games missed.

Rows with a blank or unknown team, or with neither player, are quarantined with the reason
instead of failing the file. ``log_id`` hashes the row's content and its occurrence number
among identical rows, so the id is stable across files and as-of cuts (a cut keeps whole dates).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

from ingest.files import read_rows
from ingest.teams import by_nickname
from ingest.values import parse_date
from warehouse.errors import InputError

INJURY_COLUMNS = ("Date", "Team", "Acquired", "Relinquished", "Notes")


def parse_injury_log(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(rows, quarantined) of the whole file."""
    teams = by_nickname()
    rows, quarantine = [], []
    seen: Counter[str] = Counter()
    for line, raw in read_rows(path, INJURY_COLUMNS):
        try:
            day = parse_date(raw["Date"], "Date")
        except ValueError as exc:
            raise InputError(f"{path} line {line}: {exc}") from None
        content = "\x1f".join(raw[c].strip() for c in INJURY_COLUMNS)
        seen[content] += 1
        fields = {
            "log_id": hashlib.sha1(f"{content}\x1e{seen[content]}".encode()).hexdigest(),
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
            quarantine.append({**fields, "log_date": day, "raw_date": raw["Date"], "raw_team": team, "reason": reason})
            continue
        rows.append({**fields, "log_date": day, "team_nickname": team, "team_id": teams[team.lower()]})
    return rows, quarantine
