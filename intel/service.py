"""What the CLI, the daily run, the API and the dashboard call: one brief, a day's briefs, a
question about a game, feed health. Each returns a plain dataclass (JSON via ``as_dict``)."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import asdict, dataclass, field
from typing import Any

import psycopg

from intel import audit, health, prompt
from intel.brief import CITE, Brief
from intel.games import games_on
from intel.indexing import DAILY_LOOKBACK, IndexResult, index_documents
from intel.retrieval import Context, retrieve
from intel.rules import apply_rules
from intel.store import Store
from intel.summarize import SummarizerFailed, context_docs, generate_json, summarize
from warehouse.db import connect
from warehouse.jobs import job
from warehouse.settings import get_settings

CANNOT_ANSWER = "The retrieved context does not answer this question."
# the local embedding is lexical: a question's everyday words are expanded into the documents' own
TOPICS = {
    ("injur", "hurt", "miss", "sidelined", "health", "available", "status"): "out injured list IL DTD back activated",
    (
        "tired",
        "fatigue",
        "rest",
        "legs",
        "schedule",
        "back-to-back",
    ): "rest days back-to-back third game in four nights",
    ("travel", "trip", "road", "flight"): "km travelled away",
}
ASK_MIN_RELEVANCE = 0.12  # below this no retrieved document is about the question


@dataclass
class GameBrief:
    game_id: str
    game_date: str
    home: str
    away: str
    as_of: str  # nothing published at or after this was used
    tipoff_known: bool
    prediction: dict[str, Any] | None  # the model's, unchanged: the rules only set the band beside it
    confidence_band: str  # high | medium | low, from the rules
    rules_fired: list[dict[str, Any]]
    out: dict[str, list[dict[str, Any]]]  # team -> who is out that morning
    brief: Brief
    provider: str
    model: str | None
    prompt_version: str
    fallback_reason: str | None
    embedding: str
    documents: int
    latency_ms: float
    audit_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _game_brief(conn, ctx: Context, started: float, *, record: bool, run_id, http_client) -> GameBrief:
    verdict = apply_rules(ctx)
    summary = summarize(ctx, verdict, http_client=http_client)
    latency = round((time.perf_counter() - started) * 1000, 2)
    game = ctx.game
    result = GameBrief(
        game_id=game.game_id,
        game_date=game.game_date,
        home=game.home_abbr,
        away=game.away_abbr,
        as_of=ctx.as_of,
        tipoff_known=game.tipoff_known,
        prediction=game.prediction,
        confidence_band=verdict.band,
        rules_fired=[asdict(f) for f in verdict.fired],
        out={
            game.abbr(t): [asdict(o) for o in game.out if o.team_id == t]
            for t in (game.home_team_id, game.away_team_id)
        },
        brief=summary.brief,
        provider=summary.provider,
        model=summary.model,
        prompt_version=summary.prompt_version,
        fallback_reason=summary.fallback_reason,
        embedding=ctx.embedding,
        documents=len(ctx.docs),
        latency_ms=latency,
    )
    if record:
        result.audit_id = audit.record(
            conn,
            ctx,
            provider=summary.provider,
            model=summary.model,
            prompt_version=summary.prompt_version,
            fallback_reason=summary.fallback_reason,
            rules=verdict.as_dict(),
            output=summary.brief.as_dict(),
            latency_ms=latency,
            run_id=run_id,
        )
        conn.commit()
    return result


def game_brief(
    game_id: str,
    *,
    conn: psycopg.Connection | None = None,
    store: Store | None = None,
    record: bool = True,
    run_id: str | None = None,
    http_client: Any = None,
    now: dt.datetime | None = None,
) -> GameBrief:
    """The grounded brief for one game as of its tip-off (or now), audited unless ``record`` is off."""
    started = time.perf_counter()
    if conn is None:
        with connect() as own:
            return game_brief(
                game_id, conn=own, store=store, record=record, run_id=run_id, http_client=http_client, now=now
            )
    ctx = retrieve(conn, game_id, store=store or Store.default(conn), now=now)
    return _game_brief(conn, ctx, started, record=record, run_id=run_id, http_client=http_client)


@dataclass
class DayBriefs:
    day: dt.date
    index: IndexResult | None
    briefs: list[GameBrief] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def daily_briefs(day: dt.date, *, run_id: str | None = None, index: bool = True) -> DayBriefs:
    """Index what is new, then build and audit the brief of every game on ``day``."""
    indexed = index_documents(day - DAILY_LOOKBACK, run_id=run_id) if index else None
    with job("intel.briefs", lock="write game briefs", run_id=run_id, details={"date": day}) as run:
        with connect() as conn:
            store = Store.default(conn)
            briefs = [game_brief(g, conn=conn, store=store, run_id=run.run_id) for g in games_on(conn, day)]
        run.rows["ops.intelligence_audit"] = len(briefs)
    return DayBriefs(day, indexed, briefs)


@dataclass
class BriefBoard:
    """A day's briefs for the brief table, with the news feeds' health beside them."""

    day: dt.date | None
    season: str | None
    briefs: list[GameBrief]
    feeds: list[health.FeedHealth]
    note: str | None = None


def brief_board(
    conn: psycopg.Connection,
    day: dt.date | None = None,
    season: str | None = None,
    limit: int = 20,
    *,
    today: dt.date | None = None,
) -> BriefBoard:
    """The audited briefs of ``day``'s games (default: the latest day with games up to "today": the
    morning the snapshot is loaded as of, or the US-Eastern date in live mode)."""
    from intel.games import latest_game_day
    from warehouse.today import as_of_today

    feeds_now = health.feed_health(conn)
    if day is None:
        day = latest_game_day(conn, today or as_of_today(conn, get_settings().sources.live), season)
        if day is None:
            return BriefBoard(None, season, [], feeds_now, "no games loaded" + (f" for {season}" if season else ""))
    ids = games_on(conn, day, season)[:limit]
    store = Store.default(conn)
    briefs = [game_brief(g, conn=conn, store=store) for g in ids]
    return BriefBoard(day, season, briefs, feeds_now, None if briefs else f"no games on {day}")


@dataclass
class Answer:
    game_id: str
    question: str
    answered: bool
    answer: str
    citations: list[dict[str, Any]]
    provider: str
    fallback_reason: str | None = None


def ask(game_id: str, question: str, *, http_client: Any = None, store: Store | None = None) -> Answer:
    """Answer only from the game's retrieved context, citing it; say so when it has nothing."""
    question = (question or "").strip()
    if not question:
        from warehouse.errors import InputError

        raise InputError("the question is empty")
    with connect() as conn:
        store = store or Store.default(conn)
        ctx = retrieve(conn, game_id, store=store)
    docs = context_docs(ctx, apply_rules(ctx))
    settings = get_settings().intel
    reason = None if settings.gemini_api_key else "no GEMINI_API_KEY"
    if settings.gemini_api_key and docs:
        try:
            raw = generate_json(prompt.ASK_SYSTEM, prompt.ask_prompt(ctx.game, docs, question), settings, http_client)
            return _answer_from(game_id, question, raw, docs)
        except SummarizerFailed as exc:
            reason = str(exc)
    query = expand_question(question, ctx.game)
    relevance = dict((d.doc_id, r) for d, r in store.similar(query, [d.doc_id for d in docs]))
    asked = content_words(query)
    hits = sorted(
        (
            (n, d)
            for n, d in enumerate(docs, start=1)
            if relevance.get(d.doc_id, 0.0) >= ASK_MIN_RELEVANCE and asked & content_words(d.text)
        ),
        key=lambda nd: (-relevance[nd[1].doc_id], nd[0]),
    )[:3]
    if not hits:
        return Answer(game_id, question, False, CANNOT_ANSWER, [], "extractive", reason)
    text = " ".join(f"{d.text} [{n}]" for n, d in hits)
    return Answer(game_id, question, True, text, [_cite(n, d) for n, d in sorted(hits)], "extractive", reason)


def content_words(text: str) -> set[str]:
    """Words that can carry an answer: similarity on "the" and "in" alone is no answer."""
    import re

    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    keep = {"out", "back"}
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w in keep or w not in ENGLISH_STOP_WORDS}


def expand_question(question: str, game) -> str:
    """The question plus the documents' words for its topics and the abbreviations of the teams it names."""
    from ingest.teams import all_teams

    lowered, extra = question.lower(), []
    for words, expansion in TOPICS.items():
        if any(w in lowered for w in words):
            extra.append(expansion)
    for team_id in game.team_ids:
        team = all_teams()[team_id]
        city = team.full_name.removesuffix(team.nickname).strip().lower()
        if any(n and n in lowered for n in (team.nickname.lower(), city, team.abbreviation.lower())):
            extra.append(team.abbreviation)
    return " ".join([question, *extra])


def _cite(n: int, d) -> dict[str, Any]:
    return {
        "n": n,
        "doc_id": d.doc_id,
        "source": d.source,
        "title": d.title,
        "published_at": d.published_at,
        "url": d.url,
        "freshness_hours": d.freshness_hours,
        "stale": d.stale,
    }


def _answer_from(game_id: str, question: str, raw: dict[str, Any], docs) -> Answer:
    text = str(raw.get("answer", "")).strip()
    cited = sorted(
        {int(n) for n in [*(raw.get("citations") or []), *CITE.findall(text)] if str(n).isdigit()}
        & set(range(1, len(docs) + 1))
    )
    if CANNOT_ANSWER.rstrip(".") in text:
        return Answer(game_id, question, False, CANNOT_ANSWER, [], "gemini")
    if not cited:
        raise SummarizerFailed("the answer cited no retrieved document")
    return Answer(game_id, question, True, text, [_cite(n, docs[n - 1]) for n in cited], "gemini")


def feeds(as_of: dt.datetime | None = None) -> list[health.FeedHealth]:
    with connect() as conn:
        return health.feed_health(conn, as_of)
