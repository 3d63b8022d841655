"""Versioned migrations of the ``ops`` schema (Alembic; see docs/decisions/0004)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from warehouse.db import connect, database_url
from warehouse.locks import migration_lock

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
    """The applied revision; None on a database that has never been migrated (read-only)."""
    with connect(url or database_url()) as conn:
        if conn.execute("select to_regclass('ops.alembic_version')").fetchone()[0] is None:
            return None
        row = conn.execute("select version_num from ops.alembic_version").fetchone()
        return row[0] if row else None


def head_revision() -> str:
    return ScriptDirectory.from_config(_config("postgresql://x@y/z")).get_current_head()


def upgrade(url: str | None = None) -> tuple[str | None, str]:
    """Apply pending migrations; returns (before, after). Running it twice is a no-op, and two
    processes migrating one fresh database at once take turns (the second finds it current)."""
    url = url or database_url()
    with migration_lock(url):
        before = current_revision(url)
        if before != head_revision():
            command.upgrade(_config(url), "head")
    return before, head_revision()


def ensure_current(url: str | None = None) -> None:
    """Bring ops up to the latest revision when it is behind (cheap when it is current)."""
    url = url or database_url()
    if current_revision(url) != head_revision():
        upgrade(url)
