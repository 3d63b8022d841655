"""The documents the intelligence layer retrieves from, built from raw rows and marts.

Four kinds, each with the moment it became knowable (``published_at``), which is what the
as-of retrieval filters on:

- ``article``: an RSS item (long ones split into chunks), published when the feed says;
- ``injury_move``: one injured-list row, knowable the morning after its date (rows dated on a
  game day were logged after the fact);
- ``injury_report``: one row of the league's official injury report, published with the report;
- ``schedule``: a team's rest, back-to-back and travel facts for one game, knowable that morning.

Ids are stable (derived from the source row), so indexing the same rows again is an upsert.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from ingest.teams import all_teams
from intel.sources import article_quality, noise_penalty, teams_mentioned
from warehouse.seasons import EASTERN, morning_of

KINDS = ("article", "injury_move", "injury_report", "schedule")
KIND_QUALITY = {"injury_report": 1.0, "schedule": 0.95, "injury_move": 0.9}
CHUNK_CHARS = 900  # RSS summaries fit in one; longer bodies are split on sentence ends


@dataclass(frozen=True)
class Document:
    doc_id: str
    kind: str
    title: str
    text: str
    source: str
    published_at: dt.datetime  # timezone-aware
    url: str | None = None
    team_ids: tuple[int, ...] = ()
    players: tuple[str, ...] = ()
    game_id: str | None = None
    quality: float = 0.5  # how far the source is trusted, 0..1
    noise: float = 0.0  # penalty for content that is mostly not news about the game (fantasy, betting, ...)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(f"{self.title}\x1f{self.text}\x1f{self.published_at.isoformat()}".encode()).hexdigest()

    def metadata(self) -> dict[str, Any]:
        """Flat metadata for the vector store (enough to rebuild the document from it)."""
        return {
            "kind": self.kind,
            "title": self.title,
            "source": self.source,
            "url": self.url or "",
            "published_at": self.published_at.astimezone(dt.UTC).isoformat(),
            "published_ts": int(self.published_at.timestamp()),
            "teams": ",".join(str(t) for t in self.team_ids),
            "players": "|".join(self.players),
            "game_id": self.game_id or "",
            "quality": self.quality,
            "noise": self.noise,
            "content_hash": self.content_hash,
        }

    @classmethod
    def from_store(cls, doc_id: str, text: str, meta: dict[str, Any]) -> Document:
        return cls(
            doc_id=doc_id,
            kind=meta["kind"],
            title=meta["title"],
            text=text,
            source=meta["source"],
            published_at=dt.datetime.fromisoformat(meta["published_at"]),
            url=meta["url"] or None,
            team_ids=tuple(int(t) for t in meta["teams"].split(",") if t),
            players=tuple(p for p in meta["players"].split("|") if p),
            game_id=meta["game_id"] or None,
            quality=float(meta["quality"]),
            noise=float(meta["noise"]),
        )


def _abbr(team_id: int | None) -> str:
    team = all_teams().get(team_id) if team_id is not None else None
    return team.abbreviation if team else "?"


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Sentence-aligned pieces of at most about ``size`` characters (one piece for short text)."""
    if len(text) <= size:
        return [text]
    pieces, current = [], ""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if current and len(current) + len(sentence) + 1 > size:
            pieces.append(current)
            current = ""
        current = f"{current} {sentence}".strip()
    return [*pieces, current] if current else pieces


def _strip_html(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text or "")).strip()


def article_documents(row: dict[str, Any]) -> list[Document]:
    """An RSS article (``raw_news.articles``), one document per chunk."""
    title = _strip_html(row.get("title") or "")
    body = _strip_html(row.get("summary") or "")
    teams = teams_mentioned(f"{title} {body}")
    key = hashlib.sha1(row["article_id"].encode()).hexdigest()[:16]
    pieces = chunks(body) if body else [""]
    return [
        Document(
            doc_id=f"article:{key}:{n}",
            kind="article",
            title=title,
            text=f"{title}. {piece}".strip() if piece else title,
            source=row.get("feed") or "rss",
            published_at=row["published_at"],
            url=row.get("link"),
            team_ids=teams,
            quality=article_quality(row.get("feed") or "", row.get("link")),
            noise=noise_penalty(title, body, teams),
        )
        for n, piece in enumerate(pieces)
    ]


def injury_move_document(row: dict[str, Any]) -> Document:
    """One injured-list row (``raw_news.injury_log``): who went out or came back, and why."""
    day: dt.date = row["log_date"]
    abbr = _abbr(row["team_id"])
    notes = row.get("notes") or "no reason given"
    parts, players = [], []
    if row.get("relinquished"):
        parts.append(f"{row['relinquished']} out ({notes})")
        players.append(row["relinquished"])
    if row.get("acquired"):
        parts.append(f"{row['acquired']} back ({notes})")
        players.append(row["acquired"])
    text = f"{day.isoformat()} {abbr}: " + "; ".join(parts)
    return Document(
        doc_id=f"injury_move:{row['log_id']}",
        kind="injury_move",
        title=f"{abbr} injured list, {day.isoformat()}",
        text=text,
        source="injured-list log",
        published_at=morning_of(day + dt.timedelta(days=1)),
        url=None,
        team_ids=(row["team_id"],),
        players=tuple(players),
        quality=KIND_QUALITY["injury_move"],
        extra={"status": "returned" if row.get("acquired") and not row.get("relinquished") else "out"},
    )


def injury_report_document(row: dict[str, Any]) -> Document:
    """One row of the league's official injury report (``raw_news.injury_report``)."""
    published: dt.datetime = row["report_published_at"]
    abbr = _abbr(row["team_id"])
    reason = row.get("reason") or "no reason given"
    text = (
        f"Official injury report {published.astimezone(EASTERN):%Y-%m-%d %H:%M} ET, "
        f"{row['game_date'].isoformat()} {row['matchup']}: {row['player_name']} ({abbr}) {row['status']} - {reason}"
    )
    source = row.get("source") or "official injury report"
    return Document(
        doc_id=f"injury_report:{row['report_row_id']}",
        kind="injury_report",
        title=f"Official injury report: {row['player_name']} {row['status']}",
        text=text,
        source="official injury report",
        published_at=published,
        url=source if source.startswith("http") else None,
        team_ids=(row["team_id"],),
        players=(row["player_name"],),
        quality=KIND_QUALITY["injury_report"],
    )


def schedule_document(row: dict[str, Any]) -> Document:
    """A team's schedule facts before one game (from ``marts.fct_pregame_features``)."""
    day: dt.date = row["game_date"]
    abbr, opponent = _abbr(row["team_id"]), _abbr(row["opponent_team_id"])
    where = "at home against" if row["is_home"] else "away at"
    facts = [f"{row['rest_days']:.0f} rest days"]
    if row["is_back_to_back"]:
        facts.append("second night of a back-to-back")
    if row["is_third_game_in_4_days"]:
        facts.append("third game in four nights")
    facts.append(f"{row['games_in_last_7_days']:.0f} games in the previous 7 days")
    if row["travel_km"] is not None:
        facts.append(f"{row['travel_km']:,.0f} km travelled since its previous game")
    return Document(
        doc_id=f"schedule:{row['game_id']}:{row['team_id']}",
        kind="schedule",
        title=f"{abbr} schedule before {day.isoformat()}",
        text=f"{day.isoformat()} {abbr} {where} {opponent}: " + ", ".join(facts) + ".",
        source="schedule (warehouse)",
        published_at=morning_of(day),
        team_ids=(row["team_id"],),
        game_id=row["game_id"],
        quality=KIND_QUALITY["schedule"],
    )
