"""Read the rows documents are built from: raw_news (articles, injured-list log, official report)
and the schedule facts of ``marts.fct_pregame_features``.

``since`` bounds what is read by the time the row became knowable, which keeps the daily index
incremental; None reads everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import psycopg
from psycopg.rows import dict_row

from intel.documents import (
    Document,
    article_documents,
    injury_move_document,
    injury_report_document,
    schedule_document,
)

SIDES = ("home", "away")
SCHEDULE_FACTS = ("rest_days", "is_back_to_back", "is_third_game_in_4_days", "games_in_last_7_days", "travel_km")


def _rows(conn: psycopg.Connection, sql: str, params: dict) -> list[dict]:
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(sql, params).fetchall()


def table_exists(conn: psycopg.Connection, name: str) -> bool:
    return conn.execute("select to_regclass(%s) is not null", (name,)).fetchone()[0]


def articles(conn: psycopg.Connection, since: dt.date | None = None) -> Iterator[Document]:
    if not table_exists(conn, "raw_news.articles"):
        return
    sql = "select article_id, feed, title, summary, link, published_at from raw_news.articles"
    for row in _rows(conn, sql + (" where published_at >= %(since)s" if since else ""), {"since": since}):
        yield from article_documents(row)


def injury_moves(conn: psycopg.Connection, since: dt.date | None = None, log_ids: list[str] | None = None):
    if not table_exists(conn, "raw_news.injury_log"):
        return
    sql = "select log_id, log_date, team_id, acquired, relinquished, notes from raw_news.injury_log where true"
    if since:
        sql += " and log_date >= %(since)s"
    if log_ids is not None:
        sql += " and log_id = any(%(ids)s)"
    for row in _rows(conn, sql, {"since": since, "ids": log_ids}):
        yield injury_move_document(row)


def injury_reports(conn: psycopg.Connection, since: dt.date | None = None) -> Iterator[Document]:
    if not table_exists(conn, "raw_news.injury_report"):
        return
    sql = (
        "select report_row_id, report_published_at, game_date, matchup, team_id, player_name, status, reason, source"
        " from raw_news.injury_report"
    )
    for row in _rows(conn, sql + (" where game_date >= %(since)s" if since else ""), {"since": since}):
        yield injury_report_document(row)


def schedule_rows(conn: psycopg.Connection, since: dt.date | None = None, game_id: str | None = None) -> list[dict]:
    """One row per team per game: the schedule facts each side carried into it."""
    if not table_exists(conn, "marts.fct_pregame_features"):
        return []
    selects = []
    for side, other in (SIDES, SIDES[::-1]):
        facts = ", ".join(f"{side}_{f} as {f}" for f in SCHEDULE_FACTS)
        selects.append(
            f"select game_id, game_date, {side}_team_id as team_id, {other}_team_id as opponent_team_id,"
            f" {side == 'home'} as is_home, {facts} from marts.fct_pregame_features where true"
            + (" and game_date >= %(since)s" if since else "")
            + (" and game_id = %(game_id)s" if game_id else "")
        )
    return _rows(conn, " union all ".join(selects), {"since": since, "game_id": game_id})


def schedule_facts(conn: psycopg.Connection, since: dt.date | None = None) -> Iterator[Document]:
    for row in schedule_rows(conn, since):
        yield schedule_document(row)


def all_documents(conn: psycopg.Connection, since: dt.date | None = None) -> Iterator[Document]:
    yield from articles(conn, since)
    yield from injury_moves(conn, since)
    yield from injury_reports(conn, since)
    yield from schedule_facts(conn, since)
