"""The prompt Gemini gets: the numbered retrieved context, nothing else, and the output schema.

PROMPT_VERSION is recorded with every brief; change it whenever the wording changes.
"""

from __future__ import annotations

import json
from typing import Any

PROMPT_VERSION = "brief-v1"

SYSTEM = """You write pre-game context for an NBA game-prediction product.
Rules:
- Use ONLY the numbered context documents given. No outside knowledge, no guesses about players,
  injuries or results that the documents do not state.
- Every insight and every risk signal cites at least one document as [n] (n is the document's
  number) in its text and in its "citations" list. Anything you cannot cite, leave out.
- Prefer the newest document when two disagree, and say that they disagree.
- If the documents say nothing useful about the game, say so in the summary and return no insights.
Answer with JSON only, of this form:
{"summary": "two or three sentences with [n] citations",
 "insights": [{"text": "... [n]", "citations": [n]}],
 "risk_signals": [{"code": "injury|fatigue|travel|conflict|stale|other", "team": "ABBR or null",
                   "detail": "... [n]", "citations": [n]}],
 "confidence": "low|medium|high"}"""

ASK_SYSTEM = """You answer a question about one NBA game using ONLY the numbered context documents.
Cite every statement as [n]. If the documents do not answer the question, say exactly:
"The retrieved context does not answer this question." Answer with JSON only:
{"answer": "... [n]", "citations": [n]}"""


def context_block(docs: list[Any]) -> str:
    lines = []
    for n, d in enumerate(docs, start=1):
        lines.append(f"[{n}] ({d.kind}; {d.source}; published {d.published_at}) {d.title}\n{d.text}")
    return "\n\n".join(lines)


def brief_prompt(game: Any, docs: list[Any], rules: list[Any]) -> str:
    fired = [{"rule": f.rule, "team": f.team, "detail": f.detail} for f in rules]
    return (
        f"Game {game.game_id}: {game.away_abbr} at {game.home_abbr} on {game.game_date}.\n"
        f"Deterministic rules that fired (for orientation; cite documents, not rules): {json.dumps(fired)}\n\n"
        f"Context documents:\n{context_block(docs)}"
    )


def ask_prompt(game: Any, docs: list[Any], question: str) -> str:
    return (
        f"Game {game.game_id}: {game.away_abbr} at {game.home_abbr} on {game.game_date}.\n"
        f"Question: {question}\n\nContext documents:\n{context_block(docs)}"
    )
