"""``courtside intel``: index news and injury context, build grounded game briefs, ask, feed health."""

from __future__ import annotations

import datetime as dt

import click

from app.cli.output import emit, json_option
from app.cli.params import DAY


@click.group()
def intel() -> None:
    """Grounded game context with citations (Chroma retrieval, Gemini or extractive summaries, rules)."""


def render_index(result) -> None:
    kinds = ", ".join(f"{n:,} {k}" for k, n in sorted(result.by_kind.items()))
    click.echo(
        f"{result.provider}: {result.documents:,} documents ({kinds}); {result.embedded:,} embedded now, "
        f"{result.unchanged:,} unchanged; {result.stored:,} stored; {result.seconds:.1f} s"
    )


@intel.command()
@click.option("--since", type=DAY, default=None, help="Only documents knowable from this day on (default: all).")
@click.option("--provider", type=click.Choice(["local", "gemini"]), default=None, help="Embedding (default: setting).")
@json_option
def index(since: dt.date | None, provider: str | None, as_json: bool) -> None:
    """Embed new or changed documents into the Chroma store (re-running is a no-op)."""
    from intel.indexing import index_documents

    emit(index_documents(since, provider=provider), as_json, render_index)


def render_brief(b) -> None:
    from rich.console import Console

    console = Console()
    pred = f"model P(home) {b.prediction['prob_home']:.3f}" if b.prediction else "no prediction stored"
    title = f"[bold]{b.away} at {b.home}[/] {b.game_date} ({b.game_id})"
    console.print(f"{title} - {pred}; confidence band [bold]{b.confidence_band}[/]")
    console.print(f"as of {b.as_of}; {b.provider}" + (f" ({b.fallback_reason})" if b.fallback_reason else ""))
    console.print(b.brief.summary)
    for i in b.brief.insights:
        console.print(f"  - {i.text}")
    for f in b.rules_fired:
        console.print(f"  [yellow]rule[/] {f['rule']}" + (f" {f['team']}" if f["team"] else "") + f": {f['detail']}")
    for c in b.brief.citations:
        flags = "".join([" STALE" if c.stale else "", " NOISY" if c.noisy else ""])
        console.print(f"  [{c.n}] {c.source}: {c.title} ({c.published_at}, {c.freshness_hours} h){flags}")
    console.print(f"audit {b.audit_id}, {b.documents} documents, {b.latency_ms:.0f} ms")


@intel.command()
@click.option("--game", "game_id", default=None, help="One game (its NBA.com game id).")
@click.option("--date", "day", type=DAY, default=None, help="Every game on this day.")
@click.option("--no-audit", is_flag=True, help="Do not record the brief in ops.intelligence_audit.")
@json_option
def brief(game_id: str | None, day: dt.date | None, no_audit: bool, as_json: bool) -> None:
    """The grounded brief of a game (or of a day's games) as of tip-off."""
    from intel.service import game_brief
    from warehouse.migrate import ensure_current

    if (game_id is None) == (day is None):
        raise click.UsageError("give exactly one of --game or --date")
    ensure_current()
    if game_id:
        emit(game_brief(game_id, record=not no_audit), as_json, render_brief)
        return
    from intel.games import games_on
    from intel.store import Store
    from warehouse.db import connect

    store = Store.default()
    with connect() as conn:
        briefs = [game_brief(g, conn=conn, store=store, record=not no_audit) for g in games_on(conn, day)]
    if not briefs and not as_json:
        click.echo(f"no games on {day}")
    emit(briefs, as_json, lambda bs: [render_brief(b) for b in bs])


def render_answer(a) -> None:
    click.echo(a.answer)
    for c in a.citations:
        click.echo(f"  [{c['n']}] {c['source']}: {c['title']} ({c['published_at']})")


@intel.command()
@click.argument("game_id")
@click.argument("question")
@json_option
def ask(game_id: str, question: str, as_json: bool) -> None:
    """Answer a question about a game from its retrieved context only, with citations."""
    from intel.service import ask as ask_game

    emit(ask_game(game_id, question), as_json, render_answer)


def render_health(rows) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="news feed health")
    for col in ("feed", "status", "last success", "items", "errors", "newest item", "age (h)"):
        table.add_column(col)
    for h in rows:
        table.add_row(
            h.feed,
            h.status,
            h.last_success_at or "-",
            str(h.items),
            str(h.errors_since_success),
            h.newest_item_at or "-",
            "-" if h.newest_item_age_hours is None else f"{h.newest_item_age_hours:,.1f}",
        )
    Console().print(table)


@intel.command()
@json_option
def health(as_json: bool) -> None:
    """Per news source: last successful fetch, items, errors since, freshness of the newest item."""
    from intel.service import feeds

    emit(feeds(), as_json, render_health)


COMMANDS = [intel]
