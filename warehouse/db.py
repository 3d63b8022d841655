"""One way to reach PostgreSQL: ``DATABASE_URL`` when set, else the embedded server.

``database_url()`` returns a libpq URL (psql, psycopg, SQLAlchemy); ``dlt_url()`` and
``dbt_env()`` give the same database in the shapes dlt and dbt want.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from urllib.parse import parse_qs, quote, unquote, urlsplit

import psycopg

from warehouse.errors import DatabaseUnavailable, InputError
from warehouse.settings import Settings, get_settings

# The database of the run in progress: once a run has started, nothing inside it starts (or
# restarts) the embedded server again — a server the user stops mid-run stays stopped, and the
# run fails with "the database went away".
_pinned: contextvars.ContextVar[str | None] = contextvars.ContextVar("courtside_database_url", default=None)


@contextlib.contextmanager
def pinned(url: str) -> Iterator[str]:
    """Every ``database_url()`` inside the block returns ``url``."""
    token = _pinned.set(url)
    try:
        yield url
    finally:
        _pinned.reset(token)


def database_url(settings: Settings | None = None, *, start: bool = True) -> str:
    if (url := _pinned.get()) is not None:
        return url
    settings = settings or get_settings()
    if settings.database.url:
        return settings.database.url
    from warehouse import embedded

    return embedded.ensure_running(settings) if start else embedded.uri(settings)


def url_parts(url: str) -> dict[str, str | int]:
    """Split a libpq URL into host/port/user/password/dbname (socket dirs kept as paths)."""
    try:
        parts = urlsplit(url)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        host = query.get("host") or unquote(parts.hostname or "") or "localhost"
        if parts.netloc and "%2F" in parts.netloc.upper():
            host = unquote(parts.netloc.rsplit("@", 1)[-1].rsplit(":", 1)[0])
        port = int(query.get("port") or parts.port or 5432)
    except ValueError as exc:
        raise InputError(f"the database URL is malformed ({exc})") from None
    return {
        "host": host,
        "port": port,
        "user": unquote(parts.username or query.get("user") or "postgres"),
        "password": unquote(parts.password or query.get("password") or ""),
        "dbname": (parts.path or "/postgres").lstrip("/") or "postgres",
    }


def with_database(url: str, dbname: str) -> str:
    """The same server, another database (used for throwaway test databases)."""
    p = url_parts(url)
    return make_url(p["host"], p["port"], p["user"], p["password"], dbname)


def make_url(host: str, port: int, user: str, password: str, dbname: str) -> str:
    auth = quote(user) + (":" + quote(password) if password else "")
    if str(host).startswith("/"):
        return f"postgresql://{auth}@/{dbname}?host={quote(str(host), safe='/')}&port={port}"
    return f"postgresql://{auth}@{host}:{port}/{dbname}"


def dlt_url(url: str | None = None) -> str:
    """dlt rejects ``?host=/socket``: it wants the socket dir URL-encoded as the host."""
    p = url_parts(url or database_url())
    auth = quote(str(p["user"])) + ":" + quote(str(p["password"]))
    host = quote(str(p["host"]), safe="") if str(p["host"]).startswith("/") else p["host"]
    return f"postgresql://{auth}@{host}:{p['port']}/{p['dbname']}"


def dbt_env(url: str | None = None) -> dict[str, str]:
    p = url_parts(url or database_url())
    return {
        "COURTSIDE_PG_HOST": str(p["host"]),
        "COURTSIDE_PG_PORT": str(p["port"]),
        "COURTSIDE_PG_USER": str(p["user"]),
        "COURTSIDE_PG_PASSWORD": str(p["password"]),
        "COURTSIDE_PG_DBNAME": str(p["dbname"]),
    }


def describe(url: str) -> str:
    p = url_parts(url)
    return f"{p['host']}:{p['port']}/{p['dbname']}"


def connect(url: str | None = None, *, autocommit: bool = False, **kwargs) -> psycopg.Connection:
    """Open a connection, or raise DatabaseUnavailable naming the host within the timeout."""
    settings = get_settings()
    url = url or database_url(settings)
    url_parts(url)  # a malformed URL is bad input, named as such, not a connection failure
    try:
        return psycopg.connect(url, autocommit=autocommit, connect_timeout=settings.database.connect_timeout, **kwargs)
    except psycopg.OperationalError as exc:
        reason = " ".join(str(exc).split())[:300] or type(exc).__name__
        raise DatabaseUnavailable(f"cannot reach PostgreSQL at {describe(url)}: {reason}") from None
    except psycopg.ProgrammingError as exc:  # libpq could not even read the URL
        raise InputError(f"the database URL is malformed ({' '.join(str(exc).split())[:200]})") from None


@contextlib.contextmanager
def transaction(url: str | None = None) -> Iterator[psycopg.Connection]:
    with connect(url) as conn, conn.transaction():
        yield conn
