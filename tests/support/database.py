"""Throwaway databases on the test session's server, and small queries the tests share."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator

import psycopg


def reset_settings() -> None:
    from warehouse.settings import get_settings

    get_settings.cache_clear()


@contextlib.contextmanager
def throwaway_database(server_url: str, prefix: str = "courtside_test", migrate: bool = True) -> Iterator[str]:
    """A new (by default migrated) database on the session's server; dropped afterwards."""
    from warehouse.db import with_database
    from warehouse.migrate import upgrade

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    url = with_database(server_url, name)
    try:
        if migrate:
            upgrade(url)
        yield url
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')


@contextlib.contextmanager
def exported_database_url(url: str) -> Iterator[str]:
    """DATABASE_URL points at ``url`` (for this process and the CLI subprocesses) until exit."""
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    reset_settings()
    try:
        yield url
    finally:
        if previous is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = previous
        reset_settings()


def count(conn, table: str) -> int:
    exists = conn.execute("select to_regclass(%s)", (table,)).fetchone()[0]
    return conn.execute(f"select count(*) from {table}").fetchone()[0] if exists else 0
