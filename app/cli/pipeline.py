"""``courtside daily`` and ``courtside replay``: the morning run, and its replay over a range of mornings."""

from __future__ import annotations

import datetime as dt

import click

from app.cli.output import emit, json_option
from app.cli.params import DAY

STATUS_STYLE = {
    "succeeded": "[green]ok[/]",
    "done_earlier": "[green]done earlier[/]",
    "failed": "[red]FAILED[/]",
    "blocked": "[yellow]not run[/]",
    "running": "[cyan]running[/]",
}


def step_table(result):
    from rich.table import Table

    table = Table(title=f"daily run {result.day} ({result.mode}): {result.status}, {result.seconds:.1f} s")
    for col, justify in (("step", "left"), ("status", "left"), ("s", "right"), ("what happened", "left")):
        table.add_column(col, justify=justify)
    for s in result.steps:
        table.add_row(s.name, STATUS_STYLE.get(s.status, s.status), f"{s.seconds:.1f}", s.error or s.summary)
    return table


def render_daily(result) -> None:
    from rich.console import Console

    console = Console()
    console.print(step_table(result))
    if result.status == "succeeded":
        predicted = result.step("predict")
        console.print(
            "next: "
            + (f"`courtside predict --date {result.day}` shows the picks; " if predicted.rows else "")
            + "`courtside serve` opens the API and dashboard; `courtside db psql` the warehouse"
        )


def _step_printer(quiet: bool):
    from rich.console import Console

    console = Console(stderr=True)

    def on_step(record) -> None:
        if quiet or record.status == "running":
            if not quiet:
                console.print(f"  [cyan]…[/] {record.name}: {record.title}")
            return
        detail = record.error or record.summary
        console.print(
            f"  {STATUS_STYLE.get(record.status, record.status)} {record.name} ({record.seconds:.1f} s) {detail}"
        )

    return on_step


@click.command()
@click.option(
    "--date", "day", type=DAY, default=None, help="The morning to run (live mode: default today, US-Eastern)."
)
@click.option("--quiet", is_flag=True, help="No per-step progress lines.")
@json_option
def daily(day: dt.date | None, quiet: bool, as_json: bool) -> None:
    """Run the morning: ingest, build, make sure a model is active, predict, score, refresh the marts.

    Running a date again is idempotent; after a failed run it picks up where that run failed."""
    from app.pipeline import DailyRunFailed, run_daily

    try:
        result = run_daily(day, on_step=None if as_json else _step_printer(quiet))
    except DailyRunFailed as exc:
        emit(exc.result, as_json, render_daily)
        raise
    emit(result, as_json, render_daily)


@click.command()
@click.option("--from", "first", type=DAY, required=True, help="First morning to replay.")
@click.option("--to", "last", type=DAY, required=True, help="Last morning to replay (inclusive).")
@json_option
def replay(first: dt.date, last: dt.date, as_json: bool) -> None:
    """Replay the daily run morning by morning over a range of dates, from the snapshot."""
    from rich.console import Console
    from tqdm import tqdm

    from app.pipeline import ReplayFailed
    from app.pipeline import replay as do_replay

    days = (last - first).days + 1
    bar = tqdm(total=max(days, 0), desc="replay", unit="morning", disable=as_json)

    def on_day(result) -> None:
        predicted = result.step("predict").rows.get("ops.predictions", 0)
        bar.set_postfix_str(f"{result.day}: {predicted} games, {result.seconds:.1f} s")
        bar.update(1)

    try:
        result = do_replay(first, last, on_day=on_day)
    except ReplayFailed as exc:
        bar.close()
        Console().print(step_table(exc.result))
        raise
    bar.close()

    def render(r) -> None:
        slowest = max(r.days, key=lambda d: d.seconds)
        click.echo(
            f"replayed {len(r.days)} mornings {r.first} .. {r.last} in {r.seconds:.0f} s: "
            f"{r.games_predicted} games predicted (slowest morning {slowest.day}, {slowest.seconds:.1f} s)"
        )

    emit(result, as_json, render)


COMMANDS = [daily, replay]
