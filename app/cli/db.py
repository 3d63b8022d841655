"""``courtside db``: the database the project talks to."""

from __future__ import annotations

import os
import shutil

import click


@click.group()
def db() -> None:
    """Start, stop and inspect the database (embedded PostgreSQL unless DATABASE_URL is set)."""


@db.command()
def start() -> None:
    """Start the embedded server (no-op when it runs or DATABASE_URL is set)."""
    from warehouse.db import connect, database_url, describe

    url = database_url()
    connect(url).close()
    click.echo(f"PostgreSQL ready at {describe(url)}")


@db.command()
def stop() -> None:
    """Stop the embedded server."""
    from warehouse import embedded
    from warehouse.settings import get_settings

    if get_settings().database.url:
        click.echo("DATABASE_URL is set: the external server is not ours to stop")
        return
    click.echo("stopped" if embedded.stop() else "not running")


@db.command()
def status() -> None:
    """Say which database is in use and whether it answers."""
    from warehouse import embedded
    from warehouse.db import connect, describe
    from warehouse.settings import get_settings

    settings = get_settings()
    if settings.database.url:
        with connect(settings.database.url) as conn:
            version = conn.execute("show server_version").fetchone()[0]
        click.echo(f"external: {describe(settings.database.url)} (PostgreSQL {version})")
        return
    st = embedded.status(settings)
    click.echo(f"embedded: {st['pgdata']} {'running, pid ' + str(st['pid']) if st['running'] else 'stopped'}")


@db.command()
def url() -> None:
    """Print one connection URL (accepted by psql and psycopg); starts the embedded server."""
    from warehouse.db import database_url

    click.echo(database_url())


@db.command()
def migrate() -> None:
    """Apply pending ops-schema migrations (idempotent)."""
    from warehouse.migrate import upgrade

    before, after = upgrade()
    click.echo(f"ops schema at revision {after}" + ("" if before == after else f" (was {before or 'empty'})"))


@db.command(context_settings={"ignore_unknown_options": True})
@click.argument("psql_args", nargs=-1, type=click.UNPROCESSED)
def psql(psql_args: tuple[str, ...]) -> None:
    """Open psql on the database (extra arguments go to psql)."""
    from warehouse.db import connect, database_url

    exe = shutil.which("psql")
    if exe is None:
        raise click.ClickException("psql is not installed (apt-get install postgresql-client)")
    url = database_url()
    connect(url).close()
    os.execv(exe, [exe, url, *psql_args])


COMMANDS = [db]
