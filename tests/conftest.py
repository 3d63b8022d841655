"""Test fixtures: a real PostgreSQL, never a mock.

The session gets its own COURTSIDE_HOME and a throwaway database: on the server named by
DATABASE_URL when that is set, otherwise on an embedded pgserver started under the
temporary home. Subprocesses (the real CLI) inherit both through the environment. Helpers the
tests share live in tests/support/.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import psycopg
import pytest

from tests.support.database import exported_database_url, reset_settings, throwaway_database


@pytest.fixture(scope="session")
def courtside_home() -> Path:
    # Not under pytest's tmp_path: pytest prunes old base temp dirs, and a second pytest run on
    # the machine would delete the directory the session's embedded server runs from.
    home = Path(tempfile.mkdtemp(prefix="courtside-test-"))
    os.environ["COURTSIDE_HOME"] = str(home)
    os.environ.setdefault("COURTSIDE_MODE", "snapshot")
    reset_settings()
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
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        yield conn
