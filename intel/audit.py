"""``ops.intelligence_audit``: every brief with the context it was made from.

The row holds the whole retrieved context (documents with their text and scores, the game's
facts and out list), the rules that fired, the provider, model and prompt version, the output
and the latency. ``rerender`` rebuilds the extractive brief from the row alone (no vector store,
no warehouse reads) and must give the stored output back exactly.
"""

from __future__ import annotations

import json
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from intel.retrieval import Context
from intel.rules import apply_rules
from intel.summarize import extractive
from warehouse.errors import InputError


def record(
    conn: psycopg.Connection,
    ctx: Context,
    *,
    provider: str,
    model: str | None,
    prompt_version: str,
    fallback_reason: str | None,
    rules: dict[str, Any],
    output: dict[str, Any],
    latency_ms: float,
    run_id: str | None = None,
) -> int:
    retrieved = [
        {
            "n": n,
            "doc_id": d.doc_id,
            "text": d.text,
            "score": d.score,
            "relevance": d.relevance,
            "reason": d.reason,
        }
        for n, d in enumerate(ctx.docs, start=1)
    ]
    return conn.execute(
        "insert into ops.intelligence_audit (game_id, as_of, run_id, embedding, provider, model, prompt_version,"
        " fallback_reason, retrieved, context, rules, output, latency_ms)"
        " values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) returning audit_id",
        (
            ctx.game.game_id,
            ctx.as_of,
            run_id,
            ctx.embedding,
            provider,
            model,
            prompt_version,
            fallback_reason,
            Jsonb(retrieved),
            Jsonb(ctx.as_dict()),
            Jsonb(rules),
            Jsonb(output),
            latency_ms,
        ),
    ).fetchone()[0]


def fetch(conn: psycopg.Connection, audit_id: int) -> dict[str, Any]:
    with conn.cursor(row_factory=dict_row) as cur:
        row = cur.execute("select * from ops.intelligence_audit where audit_id = %s", (audit_id,)).fetchone()
    if row is None:
        raise InputError(f"no intelligence audit row {audit_id}")
    return row


def rerender(row: dict[str, Any]) -> dict[str, Any]:
    """The extractive brief and rules verdict, rebuilt from an audit row alone."""
    ctx = Context.from_dict(row["context"])
    verdict = apply_rules(ctx)
    return {"brief": extractive(ctx, verdict).as_dict(), "rules": verdict.as_dict()}


def same_json(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
