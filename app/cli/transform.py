"""``courtside build`` and ``courtside docs``: the dbt project."""

from __future__ import annotations

import click

from app.cli.output import emit, json_option


def render_build(result) -> None:
    counts = ", ".join(f"{n} {status}" for status, n in sorted(result.status_counts.items()))
    click.echo(f"dbt build passed: {result.nodes} nodes ({counts}) in {result.seconds:.1f} s")


@click.command()
@click.option("--full-refresh", is_flag=True, help="Rebuild incremental models from scratch.")
@click.option("--select", "-s", "select", default=None, help="dbt node selection, e.g. 'source:ops+'.")
@json_option
def build(full_refresh: bool, select: str | None, as_json: bool) -> None:
    """Run `dbt build` (seeds, models, tests) and record it in ops.pipeline_audit."""
    from warehouse.dbt import build as dbt_build

    emit(dbt_build(select, full_refresh=full_refresh, quiet=as_json), as_json, render_build)


@click.command()
@click.option("--serve/--no-serve", default=False, help="Serve the site after generating it.")
@click.option("--port", default=8080, show_default=True)
def docs(serve: bool, port: int) -> None:
    """Generate the dbt docs site (offline) and optionally serve it."""
    from warehouse.dbt import docs_generate, docs_serve

    click.echo(f"docs written to {docs_generate()}")
    if serve:
        docs_serve(port)


COMMANDS = [build, docs]
