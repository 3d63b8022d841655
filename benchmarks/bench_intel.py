"""Intelligence benchmark: retrieval quality judged by the data itself, and brief latency.

For a seeded sample of games that had injured-list activity, the relevant documents of game G
are the injured-list moves of either team dated in the 3 days before G (knowable before tip-off).
For each embedding provider available offline (``local``; ``gemini`` too when GEMINI_API_KEY is
set) the ranked retrieval (without the out-list documents it adds afterwards) is scored:

- recall@k: share of the relevant moves among the top k;
- recall@k (latest): the same against the latest move per player, which is what retrieval keeps
  (an older move of the same player is superseded, on purpose);
- precision@k: relevant moves among the top k, over k.

A ``no relevance`` row ranks the same candidates by source quality and freshness alone, to show
what the embedding adds. Latency is the whole brief of one game (as-of retrieval, rules,
extractive summary; no audit write) in a warm process, p50/p95 over the sample (target p95 <
150 ms on the local path).

Needs a built warehouse (`courtside ingest snapshot` + `courtside build`); indexes what is
missing first. Run: ``.venv/bin/python -m benchmarks.bench_intel [--games 300] [--seed 7]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

from benchmarks.report import write_section

KS = (5, 10)
WINDOW_DAYS = 3
TARGET_P95_MS = 150.0


def sample_games(conn, n: int, seed: int) -> list[tuple[str, dt.date]]:
    rows = conn.execute(
        """
        select distinct g.game_id, g.game_date
        from marts.fct_games g
        join raw_news.injury_log l
          on l.team_id in (g.home_team_id, g.away_team_id)
         and l.log_date between g.game_date - %s and g.game_date - 1
        where g.game_type = 'regular_season'
        order by g.game_id
        """,
        (WINDOW_DAYS,),
    ).fetchall()
    return sorted(random.Random(seed).sample(rows, min(n, len(rows))))


def relevant(conn, game_id: str) -> tuple[set[str], set[str]]:
    """(all moves, latest move per player and team) of either team in the days before the game."""
    rows = conn.execute(
        """
        select l.log_id, l.team_id, coalesce(l.relinquished, l.acquired), l.log_date, l.line_number
        from raw_news.injury_log l join marts.fct_games g on l.team_id in (g.home_team_id, g.away_team_id)
        where g.game_id = %s and l.log_date between g.game_date - %s and g.game_date - 1
        order by l.log_date, l.line_number
        """,
        (game_id, WINDOW_DAYS),
    ).fetchall()
    latest = {(team, player): log_id for log_id, team, player, _, _ in rows}
    return {f"injury_move:{r[0]}" for r in rows}, {f"injury_move:{i}" for i in latest.values()}


def score(ranked_ids: list[str], all_rel: set[str], latest_rel: set[str]) -> dict[str, float]:
    out = {}
    for k in KS:
        top = set(ranked_ids[:k])
        out[f"recall@{k}"] = len(top & all_rel) / len(all_rel)
        out[f"recall_latest@{k}"] = len(top & latest_rel) / len(latest_rel)
        out[f"precision@{k}"] = len(top & all_rel) / k
    return out


def evaluate(conn, store, games, *, use_relevance: bool = True) -> dict[str, float]:
    from intel import retrieval
    from intel.games import game_facts

    totals: dict[str, list[float]] = {}
    for game_id, _ in games:
        game = game_facts(conn, game_id)
        cut = retrieval.cut_for(game)
        docs = retrieval.ranked(conn, store, game, cut, retrieval.CANDIDATES)
        if not use_relevance:
            docs.sort(key=lambda d: (-(d.score - retrieval.WEIGHTS["relevance"] * d.relevance), d.doc_id))
        for key, value in score([d.doc_id for d in docs], *relevant(conn, game_id)).items():
            totals.setdefault(key, []).append(value)
    return {k: statistics.fmean(v) for k, v in totals.items()}


def latencies(conn, store, games) -> list[float]:
    from intel.service import game_brief

    game_brief(games[0][0], conn=conn, store=store, record=False)  # warm the process (imports, caches)
    out = []
    for game_id, _ in games:
        started = time.perf_counter()
        game_brief(game_id, conn=conn, store=store, record=False)
        out.append((time.perf_counter() - started) * 1000)
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(n_games: int = 300, seed: int = 7) -> str:
    from intel.indexing import index_documents
    from intel.store import Store
    from warehouse.db import connect
    from warehouse.settings import get_settings

    providers = ["local"] + (["gemini"] if get_settings().intel.gemini_api_key else [])
    rows, timing = [], {}
    with connect() as conn:
        games = sample_games(conn, n_games, seed)
    for provider in providers:
        started = time.perf_counter()
        indexed = index_documents(provider=provider)
        index_s = time.perf_counter() - started
        store = Store.open(provider)
        with connect() as conn:
            rows.append((provider, evaluate(conn, store, games)))
            if provider == "local":
                rows.append(
                    (
                        "local, no relevance (quality + freshness only)",
                        evaluate(conn, store, games, use_relevance=False),
                    )
                )
            timing[provider] = (latencies(conn, store, games), indexed, index_s)
    header = "| ranking | " + " | ".join(f"recall@{k} | recall@{k} (latest) | precision@{k}" for k in KS) + " |"
    lines = [header, "|---|" + "---:|" * (3 * len(KS))]
    for name, m in rows:
        cells = " | ".join(
            f"{m[f'recall@{k}']:.3f} | {m[f'recall_latest@{k}']:.3f} | {m[f'precision@{k}']:.3f}" for k in KS
        )
        lines.append(f"| {name} | {cells} |")
    lat = [
        "| provider | documents | indexed in | brief p50 | brief p95 | target p95 |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for provider, (ms, indexed, index_s) in timing.items():
        p95 = percentile(ms, 0.95)
        verdict = "met" if p95 < TARGET_P95_MS or provider != "local" else "missed"
        lat.append(
            f"| {provider} | {indexed.stored:,} | {index_s:.1f} s ({indexed.embedded:,} embedded) | "
            f"{percentile(ms, 0.5):.1f} ms | {p95:.1f} ms | < {TARGET_P95_MS:.0f} ms: {verdict} |"
        )
    skipped = "" if "gemini" in providers else "\n`gemini` not run: no GEMINI_API_KEY (it needs the network).\n"
    body = (
        f"{len(games)} regular-season games sampled (seed {seed}) among those with injured-list moves of either "
        f"team in the {WINDOW_DAYS} days before; relevant = those moves.\n\n"
        + "\n".join(lines)
        + "\n\nLatency of one game's brief (as-of retrieval + rules + extractive summary, no audit write), "
        "warm process:\n\n"
        + "\n".join(lat)
        + "\n"
        + skipped
        + "\nRun: `.venv/bin/python -m benchmarks.bench_intel` (needs a built warehouse)."
    )
    write_section("intelligence", body)
    print(body)
    return body


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    main(args.games, args.seed)
