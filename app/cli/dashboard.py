"""``courtside dashboard``: the Panel console in the browser."""

from __future__ import annotations

import click

from app.dashboard import DEFAULT_ADDRESS, DEFAULT_PORT


@click.command()
@click.option("--host", default=DEFAULT_ADDRESS, show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int, help="Port to serve on.")
def dashboard(host: str, port: int) -> None:
    """Serve the dashboard (Home, match deep dive, model performance, bankroll, raw data, data quality)."""
    from app.dashboard.app import serve

    click.echo(f"dashboard: http://{host}:{port}/  (Ctrl-C stops it)")
    serve(host, port)


COMMANDS = (dashboard,)
