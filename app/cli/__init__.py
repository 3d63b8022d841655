"""The ``courtside`` command line.

Each command group lives in its own module here and imports its implementation lazily,
so ``courtside --help`` stays fast. Errors the user can fix print one line and exit non-zero:
1 bad input, 2 bad usage (an unknown option, a date in the wrong form), 3 an unreachable database
or live source, 4 another run holds the warehouse; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys

import click

from warehouse.errors import CourtsideError
from warehouse.settings import disable_telemetry


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Courtside: NBA game-prediction warehouse (dlt -> PostgreSQL -> dbt -> models)."""
    disable_telemetry()


COMMAND_MODULES = ("db", "transform", "ingest", "ml", "pipeline", "bets", "serve", "dashboard", "mlops", "intel")


def _register() -> None:
    """Each module in app/cli exposes COMMANDS; a command group exists only once it works."""
    import importlib

    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"app.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"app.cli.{name}":
                raise
            continue
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="courtside", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "courtside"
        click.echo(f"error: {exc.format_message()} (see `{command} --help`)", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except CourtsideError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    sys.exit(0)
