"""Versioned migrations of the ``ops`` schema (Alembic; see docs/decisions/0004)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from warehouse.db import connect, database_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _sqlalchemy_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def _config(url: str) -> Config:
    cfg = Config(str(MIGRATIONS / "alembic.ini"))
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("version_locations", str(MIGRATIONS / "versions"))
    cfg.set_main_option("sqlalchemy.url", _sqlalchemy_url(url).replace("%", "%%"))
    return cfg


def current_revision(url: str | None = None) -> str | None:
    url = url or database_url()
    connect(url).close()  # fail fast, with a clear message, when the server is unreachable
    engine = create_engine(_sqlalchemy_url(url))
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("create schema if not exists ops")
            ctx = MigrationContext.configure(conn, opts={"version_table_schema": "ops"})
            return ctx.get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str:
    return ScriptDirectory.from_config(_config("postgresql://x@y/z")).get_current_head()


def upgrade(url: str | None = None) -> tuple[str | None, str]:
    """Apply pending migrations; returns (before, after). Running it twice is a no-op."""
    url = url or database_url()
    before = current_revision(url)
    command.upgrade(_config(url), "head")
    return before, head_revision()


def ensure_current(url: str | None = None) -> None:
    """Bring ops up to the latest revision when it is behind (cheap when it is current)."""
    url = url or database_url()
    if current_revision(url) != head_revision():
        upgrade(url)
