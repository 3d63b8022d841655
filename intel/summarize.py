"""Summarizers: Gemini when a key is set, the deterministic extractive one otherwise or when the
call fails, times out or returns something ungrounded. Both go through ``brief.grounded``.

The extractive summary only restates retrieved documents (each sentence cites its source), so it
is reproducible from the audited context alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from intel import prompt
from intel.brief import Brief, grounded
from intel.retrieval import Context, RetrievedDoc
from intel.rules import RulesVerdict
from warehouse.settings import IntelSettings, get_settings

MAX_INSIGHTS = 12
NOISY = 0.25
KIND_ORDER = {"injury_report": 0, "injury_move": 1, "schedule": 2, "article": 3}


@dataclass
class Summary:
    brief: Brief
    provider: str  # gemini | extractive
    model: str | None
    prompt_version: str
    fallback_reason: str | None = None


class SummarizerFailed(Exception):
    """The model gave no usable brief; the caller falls back to the extractive summary."""


def context_docs(ctx: Context, verdict: RulesVerdict) -> list[RetrievedDoc]:
    """The numbered context a summarizer sees: the retrieved documents minus the rejected ones."""
    rejected = set(verdict.rejected)
    return [d for d in ctx.docs if d.doc_id not in rejected]


def _names(players: list[str], limit: int = 4) -> str:
    shown = ", ".join(players[:limit])
    return shown + (f" and {len(players) - limit} more" if len(players) > limit else "")


def extractive(ctx: Context, verdict: RulesVerdict) -> Brief:
    docs = context_docs(ctx, verdict)
    num = {d.doc_id: n for n, d in enumerate(docs, start=1)}
    game = ctx.game

    def cites(doc_ids: list[str]) -> str:
        return "".join(f"[{num[i]}]" for i in doc_ids if i in num)

    sentences = [f"{game.away_abbr} at {game.home_abbr} on {game.game_date}."]
    for team_id in (game.home_team_id, game.away_team_id):
        out = [o for o in game.out if o.team_id == team_id]
        if out:
            sentences.append(
                f"{game.abbr(team_id)} lists {len(out)} out: {_names([o.player for o in out])} "
                f"{cites([o.doc_id for o in out][:4])}."
            )
        else:
            sentences.append(f"{game.abbr(team_id)} has nobody on the injured list that morning.")
    for rule in verdict.fired:
        if rule.rule in ("back_to_back", "third_in_four", "long_travel") and any(i in num for i in rule.doc_ids):
            sentences.append(f"{rule.team}: {rule.detail} {cites(rule.doc_ids)}.")

    out_ids = {o.doc_id for o in game.out}
    ordered = sorted(docs, key=lambda d: (d.doc_id not in out_ids, KIND_ORDER[d.kind], -d.score, d.doc_id))
    insights = []
    for d in ordered:
        if d.kind == "article" and d.noise > NOISY:
            continue
        text = d.title if d.kind == "article" else d.text
        insights.append({"text": f"{text} [{num[d.doc_id]}]", "citations": [num[d.doc_id]]})
    signals = [
        {"code": f.rule, "team": f.team, "detail": f.detail, "citations": [num[i] for i in f.doc_ids if i in num]}
        for f in verdict.fired
        if f.points > 0
    ]
    fresh = [d for d in docs if d.kind != "schedule" and not d.stale]
    confidence = "high" if len(fresh) >= 3 else "medium" if fresh else "low"
    raw = {"summary": " ".join(sentences), "insights": insights[:MAX_INSIGHTS], "risk_signals": signals}
    return grounded({**raw, "confidence": confidence}, docs, NOISY)


def _client(settings: IntelSettings, http_client: Any = None):
    from google import genai
    from google.genai import types

    options = types.HttpOptions(timeout=int(settings.gemini_timeout * 1000), httpx_client=http_client)
    return genai.Client(api_key=settings.gemini_api_key, http_options=options)


def generate_json(system: str, user: str, settings: IntelSettings, http_client: Any = None) -> dict[str, Any]:
    """One Gemini call that must return a JSON object; any failure is SummarizerFailed."""
    from google.genai import types

    try:
        response = _client(settings, http_client).models.generate_content(
            model=settings.gemini_model,
            contents=user,
            config=types.GenerateContentConfig(
                system_instruction=system, temperature=0.0, response_mime_type="application/json"
            ),
        )
        data = json.loads(response.text or "")
    except Exception as exc:  # network, timeout, quota, safety block, malformed JSON: all mean "fall back"
        raise SummarizerFailed(f"{type(exc).__name__}: {str(exc)[:300]}") from exc
    if not isinstance(data, dict):
        raise SummarizerFailed("the model did not return a JSON object")
    return data


def with_gemini(ctx: Context, verdict: RulesVerdict, settings: IntelSettings, http_client: Any = None) -> Brief:
    docs = context_docs(ctx, verdict)
    raw = generate_json(prompt.SYSTEM, prompt.brief_prompt(ctx.game, docs, verdict.fired), settings, http_client)
    try:
        brief = grounded(raw, docs, NOISY)
    except ValueError as exc:
        raise SummarizerFailed(f"ungrounded output: {exc}") from exc
    if docs and not brief.insights:
        raise SummarizerFailed("no insight cited a retrieved document")
    return brief


def summarize(
    ctx: Context, verdict: RulesVerdict, settings: IntelSettings | None = None, http_client: Any = None
) -> Summary:
    settings = settings or get_settings().intel
    if not settings.gemini_api_key:
        return Summary(extractive(ctx, verdict), "extractive", None, prompt.PROMPT_VERSION, "no GEMINI_API_KEY")
    try:
        brief = with_gemini(ctx, verdict, settings, http_client)
    except SummarizerFailed as exc:
        return Summary(extractive(ctx, verdict), "extractive", None, prompt.PROMPT_VERSION, str(exc))
    return Summary(brief, "gemini", settings.gemini_model, prompt.PROMPT_VERSION)
