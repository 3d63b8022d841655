"""``courtside build`` and ``courtside docs``: the dbt project."""

from __future__ import annotations

import click


@click.command(context_settings={"ignore_unknown_options": True})
@click.option("--full-refresh", is_flag=True, help="Rebuild incremental models from scratch.")
@click.option("--select", "-s", "select", default=None, help="dbt node selection, e.g. 'source:ops+'.")
def build(full_refresh: bool, select: str | None) -> None:
    """Run `dbt build` (seeds, models, tests) and record it in ops.pipeline_audit."""
    from warehouse.dbt import run_dbt

    args = ["build"]
    if full_refresh:
        args.append("--full-refresh")
    if select:
        args += ["--select", select]
    run_dbt(args)
    click.echo("dbt build passed")


@click.command()
@click.option("--serve/--no-serve", default=False, help="Serve the site after generating it.")
@click.option("--port", default=8080, show_default=True)
def docs(serve: bool, port: int) -> None:
    """Generate the dbt docs site (offline) and optionally serve it."""
    from warehouse.dbt import run_dbt, target_dir

    run_dbt(["docs", "generate"], record=False)
    click.echo(f"docs written to {target_dir() / 'index.html'}")
    if serve:
        run_dbt(["docs", "serve", "--port", str(port), "--no-browser"], record=False)


COMMANDS = [build, docs]
