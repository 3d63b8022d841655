"""``courtside ingest``: load raw data with dlt (snapshot replay or live sources)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click


def parse_day(_ctx, _param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _print_summary(summary) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"ingest {summary.mode}: {len(summary.seasons)} seasons, {summary.games:,} games, "
        f"{summary.quarantined} quarantined rows, {summary.seconds:.1f} s"
    )
    table.add_column("table")
    table.add_column("rows loaded", justify="right")
    for name, n in sorted(summary.rows.items()):
        table.add_row(name, f"{n:,}")
    if summary.seasons:
        table.caption = "seasons: " + ", ".join(summary.seasons)
    Console().print(table)


@click.group()
def ingest() -> None:
    """Load NBA results, schedule, lines and news into raw_* (dlt)."""


@ingest.command()
@click.option(
    "--dir",
    "directory",
    required=True,
    type=click.Path(path_type=Path),
    help="Snapshot directory laid out like data/ (leaguegamelog/, odds/, news/ ...).",
)
@click.option(
    "--through",
    callback=parse_day,
    default=None,
    metavar="YYYY-MM-DD",
    help="Load only what was known on the morning of this date.",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
def snapshot(directory: Path, through: dt.date | None, quiet: bool) -> None:
    """Replay recorded data, optionally as of the morning of a date."""
    from ingest.jobs import ingest_snapshot
    from warehouse.migrate import ensure_current

    ensure_current()
    _print_summary(ingest_snapshot(directory, through, progress=not quiet))


@ingest.command()
@click.option(
    "--date",
    "day",
    callback=parse_day,
    default=None,
    metavar="YYYY-MM-DD",
    help="The morning to load (default: today).",
)
@click.option("--no-news", is_flag=True, help="Skip the RSS feeds.")
def live(day: dt.date | None, no_news: bool) -> None:
    """Fetch stats.nba.com (nba_api) and the news feeds for a date."""
    from ingest.jobs import ingest_live
    from warehouse.migrate import ensure_current

    ensure_current()
    _print_summary(ingest_live(day or dt.date.today(), with_news=not no_news))


COMMANDS = [ingest]
