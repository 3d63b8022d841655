"""The document catalogue in ``ops.intelligence_documents``: which documents exist, for which
teams, published when. The as-of filter of a retrieval is an indexed query here; the vector
store then scores only the few candidates it returns (its own metadata filter took hundreds of
milliseconds per game on a 30,000-document collection)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import psycopg

from intel.documents import Document

UPSERT = """
insert into ops.intelligence_documents (doc_id, kind, team_ids, game_id, published_at, content_hash)
values (%s, %s, %s, %s, %s, %s)
on conflict (doc_id) do update set
    kind = excluded.kind, team_ids = excluded.team_ids, game_id = excluded.game_id,
    published_at = excluded.published_at, content_hash = excluded.content_hash, indexed_at = now()
where ops.intelligence_documents.content_hash <> excluded.content_hash
"""


def record(conn: psycopg.Connection, documents: Iterable[Document]) -> int:
    rows = [(d.doc_id, d.kind, list(d.team_ids), d.game_id, d.published_at, d.content_hash) for d in documents]
    with conn.cursor() as cur:
        cur.executemany(UPSERT, rows)
    return len(rows)


def candidates(
    conn: psycopg.Connection, team_ids: Iterable[int], cut: dt.datetime, windows: dict[str, dt.timedelta]
) -> list[str]:
    """Ids of the documents about any of ``team_ids`` published in [cut - window of their kind, cut)."""
    kinds = list(windows)
    oldest = [cut - windows[k] for k in kinds]
    return [
        r[0]
        for r in conn.execute(
            "select d.doc_id from ops.intelligence_documents d"
            " join unnest(%s::text[], %s::timestamptz[]) as w(kind, oldest) on w.kind = d.kind"
            " where d.team_ids && %s::bigint[] and d.published_at < %s and d.published_at >= w.oldest"
            " order by d.published_at desc, d.doc_id",
            (kinds, oldest, list(team_ids), cut),
        )
    ]
