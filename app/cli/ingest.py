"""``courtside ingest``: load raw data with dlt (snapshot replay or live sources)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from app.cli.output import emit, json_option
from app.cli.params import DAY


def render_ingest(result) -> None:
    from rich.console import Console
    from rich.table import Table

    when = f"as of the morning of {result.day}" if result.day else "everything"
    how = "incremental" if result.incremental else "full"
    table = Table(title=f"ingest {result.mode} ({how}, {when}): {result.seconds:.1f} s")
    table.add_column("table")
    table.add_column("rows loaded now", justify="right")
    table.add_column("rows held", justify="right")
    for name in sorted(set(result.held) | set(result.rows)):
        table.add_row(name, f"{result.rows.get(name, 0):,}", f"{result.held.get(name, 0):,}")
    notes = []
    if result.seasons:
        notes.append("seasons: " + ", ".join(result.seasons))
    notes.append(f"{result.games:,} games known, {result.quarantined:,} quarantined rows")
    table.caption = "; ".join(notes)
    console = Console()
    console.print(table)
    for note in result.recovered:
        console.print(f"[yellow]recovered:[/] {note}")
    if result.replaced:
        console.print(f"[yellow]replaced the raw tables:[/] {result.replaced}")


def _working(message: str, quiet: bool):
    """A spinner on stderr while a load runs (parse, extract, normalize, load take a while)."""
    import contextlib

    from rich.console import Console

    return contextlib.nullcontext() if quiet else Console(stderr=True).status(message)


@click.group()
def ingest() -> None:
    """Load NBA results, schedule, lines and news into raw_* (dlt)."""


@ingest.command()
@click.option(
    "--dir",
    "directory",
    type=click.Path(path_type=Path),
    default=None,
    help="Snapshot directory laid out like data/ (default: COURTSIDE_DATA_DIR, i.e. data/).",
)
@click.option("--through", type=DAY, default=None, help="Load only what was known on the morning of this date.")
@click.option("--quiet", is_flag=True, help="No summary table.")
@json_option
def snapshot(directory: Path | None, through: dt.date | None, quiet: bool, as_json: bool) -> None:
    """Replay recorded data, optionally as of the morning of a date."""
    from ingest.jobs import ingest_snapshot
    from warehouse.migrate import ensure_current
    from warehouse.settings import get_settings

    ensure_current()
    directory = directory or get_settings().sources.snapshot_dir
    with _working(f"loading {directory}" + (f" as of the morning of {through}" if through else ""), quiet or as_json):
        result = ingest_snapshot(directory, through)
    if not quiet or as_json:
        emit(result, as_json, render_ingest)


@ingest.command()
@click.option("--date", "day", type=DAY, default=None, help="The morning to load (default: today, US-Eastern).")
@click.option("--no-news", is_flag=True, help="Skip the RSS feeds.")
@json_option
def live(day: dt.date | None, no_news: bool, as_json: bool) -> None:
    """Fetch stats.nba.com (nba_api) and the news feeds for a morning."""
    from ingest.jobs import ingest_live
    from warehouse.migrate import ensure_current

    ensure_current()
    with _working("fetching stats.nba.com, the news feeds and the injury report", as_json):
        result = ingest_live(day, with_news=not no_news)
    emit(result, as_json, render_ingest)


COMMANDS = [ingest]
