"""The ``news`` dlt source: feed articles, the injured-list log and its quarantine."""

from __future__ import annotations

from typing import Any

import dlt

from ingest.player_names import INJURY_PLAYER_COLUMNS

ARTICLE_COLUMNS: dict[str, Any] = {
    "article_id": {"data_type": "text", "nullable": False},
    "published_at": {"data_type": "timestamp", "nullable": False},
    "summary": {"data_type": "text", "nullable": True},
    "link": {"data_type": "text", "nullable": True},
}
INJURY_COLUMNS: dict[str, Any] = {
    "log_id": {"data_type": "text", "nullable": False},
    "log_date": {"data_type": "date", "nullable": False},
    "team_id": {"data_type": "bigint", "nullable": False},
    "acquired": {"data_type": "text", "nullable": True},
    "relinquished": {"data_type": "text", "nullable": True},
    "notes": {"data_type": "text", "nullable": True},
    "line_number": {"data_type": "bigint", "nullable": True},
    **INJURY_PLAYER_COLUMNS,  # acquired/relinquished_player_id + match method (ingest/player_names.py)
}
QUARANTINE_COLUMNS: dict[str, Any] = {
    "log_id": {"data_type": "text", "nullable": False},
    "raw_date": {"data_type": "text", "nullable": True},
    "raw_team": {"data_type": "text", "nullable": True},
    "acquired": {"data_type": "text", "nullable": True},
    "relinquished": {"data_type": "text", "nullable": True},
    "notes": {"data_type": "text", "nullable": True},
    "line_number": {"data_type": "bigint", "nullable": True},
    "reason": {"data_type": "text", "nullable": False},
}


@dlt.source(name="news", max_table_nesting=0)
def news(
    articles: list[dict[str, Any]],
    injuries: list[dict[str, Any]],
    quarantine: list[dict[str, Any]],
    extra_resources: tuple = (),
):
    yield dlt.resource(
        articles, name="articles", primary_key="article_id", write_disposition="merge", columns=ARTICLE_COLUMNS
    )
    yield dlt.resource(
        injuries, name="injury_log", primary_key="log_id", write_disposition="merge", columns=INJURY_COLUMNS
    )
    yield dlt.resource(
        quarantine,
        name="injury_log_quarantine",
        primary_key="log_id",
        write_disposition="merge",
        columns=QUARANTINE_COLUMNS,
    )
    yield from extra_resources
