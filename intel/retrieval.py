"""Retrieval for one game: what was published about either team strictly before tip-off.

1. The catalogue lists the documents about either team published inside their kind's freshness
   window before the cut, where cut = tip-off (or now, for a game still ahead); the vector store
   scores them against the game's query. A schedule document must be this game's.
2. Nothing published at or after the cut is ever a candidate (checked again after the store).
3. Every candidate is scored: relevance (cosine) weighted with the source's quality and its
   freshness, minus its noise penalty; near-duplicates collapse (one article per title, the
   latest injured-list move per player and team) and the top k remain.
4. The game's own schedule facts and the injured-list moves behind the morning's out list are
   added, so every rest/travel flag and every out player can be cited even outside the top k.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import asdict, dataclass, field
from typing import Any

import psycopg

from ingest.teams import all_teams
from intel import catalog
from intel.documents import Document, injury_move_document, schedule_document
from intel.games import GameFacts, game_facts
from intel.store import Store
from warehouse.settings import get_settings

WINDOWS = {
    "article": dt.timedelta(days=4),
    "injury_move": dt.timedelta(days=10),
    "injury_report": dt.timedelta(hours=36),
    "schedule": dt.timedelta(hours=24),
}
# older than this (but inside the window) a citation is shown as stale
STALE_AFTER = {
    "article": dt.timedelta(hours=48),
    "injury_move": dt.timedelta(days=5),
    "injury_report": dt.timedelta(hours=24),
    "schedule": dt.timedelta(hours=24),
}
WEIGHTS = {"relevance": 0.55, "quality": 0.25, "freshness": 0.2}
CANDIDATES = 60


@dataclass
class RetrievedDoc:
    doc_id: str
    kind: str
    title: str
    text: str
    source: str
    published_at: str  # ISO
    url: str | None
    team_ids: list[int]
    players: list[str]
    quality: float
    noise: float
    relevance: float
    freshness_hours: float
    score: float
    stale: bool
    reason: str  # ranked | schedule | out_list

    @property
    def published(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.published_at)


@dataclass
class Context:
    """Everything a brief is made from; stored whole in the audit, so a brief re-renders from it."""

    game: GameFacts
    as_of: str  # ISO: the cut; every document was published strictly before it
    embedding: str
    docs: list[RetrievedDoc] = field(default_factory=list)
    latency_ms: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "game": self.game.as_dict(),
            "as_of": self.as_of,
            "embedding": self.embedding,
            "docs": [asdict(d) for d in self.docs],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Context:
        return cls(
            game=GameFacts.from_dict(data["game"]),
            as_of=data["as_of"],
            embedding=data["embedding"],
            docs=[RetrievedDoc(**d) for d in data["docs"]],
        )


def query_text(game: GameFacts) -> str:
    teams = all_teams()
    names = " ".join(f"{teams[t].abbreviation} {teams[t].full_name}" for t in game.team_ids)
    return f"{names} out injury injured list placed on IL DTD back activated returned rest back-to-back travel"


def _score(doc: Document, relevance: float, cut: dt.datetime, reason: str) -> RetrievedDoc:
    age = cut - doc.published_at
    freshness = max(0.0, 1.0 - age / WINDOWS[doc.kind])
    score = (
        WEIGHTS["relevance"] * relevance
        + WEIGHTS["quality"] * doc.quality
        + WEIGHTS["freshness"] * freshness
        - doc.noise
    )
    return RetrievedDoc(
        doc_id=doc.doc_id,
        kind=doc.kind,
        title=doc.title,
        text=doc.text,
        source=doc.source,
        published_at=doc.published_at.astimezone(dt.UTC).isoformat(),
        url=doc.url,
        team_ids=list(doc.team_ids),
        players=list(doc.players),
        quality=doc.quality,
        noise=doc.noise,
        relevance=round(relevance, 4),
        freshness_hours=round(age.total_seconds() / 3600, 1),
        score=round(score, 4),
        stale=age > STALE_AFTER[doc.kind],
        reason=reason,
    )


def _dedup_key(doc: Document) -> tuple:
    if doc.kind == "article":
        return ("article", doc.title.lower())
    if doc.kind == "injury_move":
        return ("injury_move", doc.team_ids, doc.players)
    return (doc.kind, doc.doc_id)


def ranked(conn: psycopg.Connection, store: Store, game: GameFacts, cut: dt.datetime, k: int) -> list[RetrievedDoc]:
    ids = catalog.candidates(conn, game.team_ids, cut, WINDOWS)[:CANDIDATES]
    candidates = store.similar(query_text(game), ids)
    kept: dict[tuple, tuple[Document, float]] = {}
    for doc, relevance in candidates:
        if doc.published_at >= cut or cut - doc.published_at > WINDOWS[doc.kind]:
            continue
        if doc.kind == "schedule" and doc.game_id != game.game_id:
            continue
        key = _dedup_key(doc)
        # the latest version wins (a newer move supersedes an older one for the same player)
        if key not in kept or (doc.published_at, relevance) > (kept[key][0].published_at, kept[key][1]):
            kept[key] = (doc, relevance)
    scored = [_score(doc, rel, cut, "ranked") for doc, rel in kept.values()]
    scored.sort(key=lambda d: (-d.score, d.doc_id))
    return scored[:k]


def out_list_docs(game: GameFacts, cut: dt.datetime, have: set[str]) -> list[RetrievedDoc]:
    """The injured-list moves behind the out list (they can be older than the window: no relevance)."""
    docs = [
        injury_move_document(
            {
                "log_id": o.doc_id.split(":", 1)[1],
                "log_date": dt.date.fromisoformat(o.out_since),
                "team_id": o.team_id,
                "relinquished": o.player,
                "acquired": None,
                "notes": o.notes,
            }
        )
        for o in game.out
        if o.doc_id not in have
    ]
    docs = sorted((d for d in docs if d.published_at < cut), key=lambda d: (d.team_ids, d.published_at, d.doc_id))
    return [_score(d, 0.0, cut, "out_list") for d in docs]


def own_schedule_docs(game: GameFacts, cut: dt.datetime, have: set[str]) -> list[RetrievedDoc]:
    """Both teams' schedule facts for this game: the rest and travel rules cite them."""
    docs = []
    for side, team_id, opponent in (
        ("home", game.home_team_id, game.away_team_id),
        ("away", game.away_team_id, game.home_team_id),
    ):
        if side in game.schedule:
            row = {
                "game_id": game.game_id,
                "game_date": dt.date.fromisoformat(game.game_date),
                "team_id": team_id,
                "opponent_team_id": opponent,
                "is_home": side == "home",
                **game.schedule[side],
            }
            docs.append(schedule_document(row))
    return [_score(d, 0.0, cut, "schedule") for d in docs if d.doc_id not in have and d.published_at < cut]


def cut_for(game: GameFacts, now: dt.datetime | None = None) -> dt.datetime:
    """Tip-off, or now for a game that has not started: nothing from after either is ever used."""
    now = now or dt.datetime.now(dt.UTC)
    return min(game.tipoff, now)


def retrieve(
    conn: psycopg.Connection, game_id: str, *, store: Store | None = None, k: int | None = None, now=None
) -> Context:
    started = time.perf_counter()
    store = store or Store.default(conn)
    k = k or get_settings().intel.top_k
    game = game_facts(conn, game_id)
    cut = cut_for(game, now)
    docs = ranked(conn, store, game, cut, k)
    docs += own_schedule_docs(game, cut, {d.doc_id for d in docs})
    docs += out_list_docs(game, cut, {d.doc_id for d in docs})
    context = Context(game=game, as_of=cut.isoformat(), embedding=store.provider, docs=docs)
    context.latency_ms = round((time.perf_counter() - started) * 1000, 2)
    return context
