"""The embedded PostgreSQL (pgserver) under ``$COURTSIDE_HOME/pg``.

Started once, on demand, and left running for every later process (``cleanup_mode=None``;
pgserver's default would stop it when the last attached process exits). ``courtside db
stop`` stops it. As root, pgserver runs the server as a ``pgserver`` system user it creates,
since PostgreSQL refuses to run as root.

Reattaching reads ``postmaster.pid`` directly (a few ms) instead of going through pgserver,
which would register the process in its handle list.
"""

from __future__ import annotations

import os
from pathlib import Path

from warehouse.errors import DatabaseUnavailable
from warehouse.settings import Settings, get_settings


def _prepare_runtime_dir(settings: Settings) -> None:
    # pgserver keeps a lock file in the XDG runtime dir; a private 0700 one avoids its warning
    # and keeps two checkouts from sharing a lock.
    runtime = settings.home / "run"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))


def _postmaster(pgdata: Path):
    from pgserver.utils import PostmasterInfo

    if not (pgdata / "postmaster.pid").exists():
        return None
    info = PostmasterInfo.read_from_pgdata(pgdata)
    if info is None or not info.is_running() or info.status != "ready":
        return None
    return info


def uri(settings: Settings | None = None) -> str | None:
    """URL of the running embedded server, or None when it is not running."""
    settings = settings or get_settings()
    _prepare_runtime_dir(settings)
    info = _postmaster(settings.pg_dir)
    return info.get_uri(database="postgres") if info else None


def ensure_running(settings: Settings | None = None) -> str:
    settings = settings or get_settings()
    _prepare_runtime_dir(settings)
    running = uri(settings)
    if running:
        return running
    import pgserver

    settings.pg_dir.mkdir(parents=True, exist_ok=True)
    try:
        server = pgserver.get_server(settings.pg_dir, cleanup_mode=None)
    except Exception as exc:  # pgserver raises CalledProcessError/TimeoutExpired with the log
        log = settings.pg_dir / "log"
        raise DatabaseUnavailable(
            f"could not start embedded PostgreSQL in {settings.pg_dir}: {exc}; see {log}"
        ) from exc
    return server.get_uri(database="postgres")


def status(settings: Settings | None = None) -> dict[str, object]:
    settings = settings or get_settings()
    _prepare_runtime_dir(settings)
    info = _postmaster(settings.pg_dir)
    return {
        "pgdata": str(settings.pg_dir),
        "running": info is not None,
        "pid": info.pid if info else None,
        "url": info.get_uri(database="postgres") if info else None,
    }


def stop(settings: Settings | None = None) -> bool:
    """Stop the server; returns False when it was not running."""
    settings = settings or get_settings()
    _prepare_runtime_dir(settings)
    info = _postmaster(settings.pg_dir)
    if info is None:
        return False
    from pgserver._commands import pg_ctl

    user = "pgserver" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=settings.pg_dir, user=user)
    return True
