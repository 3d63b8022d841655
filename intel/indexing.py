"""Indexing: build the documents from the warehouse and upsert what is new into the store."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass, field

from intel import catalog, corpus
from intel.store import Store
from warehouse.db import connect
from warehouse.jobs import job

# the daily index re-reads this far back, so a late correction to a recent row is picked up
DAILY_LOOKBACK = dt.timedelta(days=7)


@dataclass
class IndexResult:
    provider: str
    since: dt.date | None
    documents: int  # documents built from the rows read
    embedded: int  # new or changed, embedded now
    unchanged: int  # already stored with the same content
    stored: int  # documents in the collection afterwards
    seconds: float
    by_kind: dict[str, int] = field(default_factory=dict)


def index_documents(
    since: dt.date | None = None, *, provider: str | None = None, run_id: str | None = None
) -> IndexResult:
    """Embed the documents knowable since ``since`` (everything when None) that the store lacks."""
    started = time.perf_counter()
    with job("intel.index", lock="index intelligence documents", run_id=run_id, details={"since": since}) as run:
        store = Store.open(provider)
        with connect() as conn:
            documents = list(corpus.all_documents(conn, since))
            embedded, unchanged = store.upsert(documents)
            catalog.record(conn, documents)  # after the vectors: a catalogued document is always retrievable
            conn.commit()
        run.details.update(provider=store.provider, embedded=embedded)
        result = IndexResult(
            provider=store.provider,
            since=since,
            documents=len(documents),
            embedded=embedded,
            unchanged=unchanged,
            stored=store.count(),
            seconds=round(time.perf_counter() - started, 3),
            by_kind=dict(Counter(d.kind for d in documents)),
        )
    return result
