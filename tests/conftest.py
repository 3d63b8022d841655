"""Test fixtures: a real PostgreSQL, never a mock.

The session gets its own COURTSIDE_HOME and a throwaway database: on the server named by
DATABASE_URL when that is set, otherwise on an embedded pgserver started under the
temporary home. Subprocesses (the real CLI) inherit both through the environment.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "nba"
CLI = [sys.executable, "-m", "app.cli"]


def _reset_settings() -> None:
    from warehouse.settings import get_settings

    get_settings.cache_clear()


@pytest.fixture(scope="session")
def courtside_home() -> Path:
    # Not under pytest's tmp_path: pytest prunes old base temp dirs, and a second pytest run on
    # the machine would delete the directory the session's embedded server runs from.
    home = Path(tempfile.mkdtemp(prefix="courtside-test-"))
    os.environ["COURTSIDE_HOME"] = str(home)
    _reset_settings()
    yield home
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def server_url(courtside_home) -> str:
    """URL of the server the session uses (maintenance database)."""
    from warehouse import embedded
    from warehouse.settings import get_settings

    external = os.environ.get("DATABASE_URL")
    if external:
        yield external
        return
    url = embedded.ensure_running(get_settings())
    yield url
    embedded.stop(get_settings())


@contextlib.contextmanager
def throwaway_database(server_url: str, prefix: str = "courtside_test") -> Iterator[str]:
    """A new, migrated database on the session's server; dropped afterwards."""
    import psycopg

    from warehouse.db import with_database
    from warehouse.migrate import upgrade

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    url = with_database(server_url, name)
    try:
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
    _reset_settings()
    try:
        yield url
    finally:
        if previous is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = previous
        _reset_settings()


@pytest.fixture(scope="session")
def pg_url(server_url) -> str:
    """A throwaway database for the session's small tests, exported as DATABASE_URL."""
    with throwaway_database(server_url) as url, exported_database_url(url):
        yield url


@pytest.fixture(scope="module")
def module_db(server_url, pg_url, request) -> str:
    """A database of the module's own, so data one module loads never leaks into another's."""
    prefix = "courtside_" + request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")[:30]
    with throwaway_database(server_url, prefix) as url, exported_database_url(url):
        yield url


@pytest.fixture()
def db(pg_url):
    """Autocommit connection to the database in use (the module's own when it has one)."""
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        yield conn


def run_cli(*args: str, env: dict[str, str] | None = None, check: bool = True, timeout: float = 600):
    """Run the real `courtside` CLI in a subprocess with the session's environment."""
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run([*CLI, *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"courtside {' '.join(args)} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def count(conn, table: str) -> int:
    exists = conn.execute("select to_regclass(%s)", (table,)).fetchone()[0]
    return conn.execute(f"select count(*) from {table}").fetchone()[0] if exists else 0
