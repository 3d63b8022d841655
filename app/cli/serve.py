"""``courtside serve``: the REST API (uvicorn) and the dashboard (Panel) on loopback, until Ctrl-C."""

from __future__ import annotations

import secrets
from pathlib import Path

import click

from app.dashboard import DEFAULT_PORT


def api_key(home: Path, configured: str | None) -> tuple[str, str]:
    """COURTSIDE_API_KEY when set; else a key generated once and kept in $COURTSIDE_HOME/api_key (mode 0600)."""
    if configured:
        return configured, "COURTSIDE_API_KEY"
    path = home / "api_key"
    if path.exists() and path.read_text().strip():
        return path.read_text().strip(), str(path)
    home.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(24)
    path.touch(mode=0o600)
    path.write_text(key + "\n")
    return key, f"{path} (generated now)"


@click.command()
@click.option("--host", default=None, help="Interface to bind (default COURTSIDE_API_HOST, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default COURTSIDE_API_PORT, 8001).")
@click.option("--dashboard-port", type=int, default=DEFAULT_PORT, show_default=True, help="Port of the dashboard.")
@click.option("--no-dashboard", is_flag=True, help="Serve the API only.")
def serve(host: str | None, port: int | None, dashboard_port: int, no_dashboard: bool) -> None:
    """Serve the REST API (docs at /schema) and the dashboard in the foreground until Ctrl-C."""
    import dataclasses

    import uvicorn

    from app.api import create_app
    from warehouse.settings import get_settings

    settings = get_settings()
    key, origin = api_key(settings.home, settings.api.api_key)
    api = dataclasses.replace(settings.api, host=host or settings.api.host, port=port or settings.api.port, api_key=key)
    settings = dataclasses.replace(settings, api=api)
    base = f"http://{api.host}:{api.port}"
    click.echo(f"Courtside API   {base}/api/v1   (e.g. {base}/api/v1/predictions/today)")
    click.echo(f"API docs        {base}/schema   (OpenAPI JSON: {base}/schema/openapi.json)")
    click.echo(f"API key         {key}   from {origin}; send it as 'Authorization: Bearer <key>' to write")
    if not no_dashboard:
        from app.dashboard.app import serve as serve_dashboard

        serve_dashboard(api.host, dashboard_port, threaded=True)  # its own thread; the API holds the foreground
        click.echo(f"Dashboard       http://{api.host}:{dashboard_port}/")
    click.echo("Ctrl-C stops the server")
    uvicorn.run(create_app(settings), host=api.host, port=api.port, log_level="warning", access_log=False)


COMMANDS = [serve]
