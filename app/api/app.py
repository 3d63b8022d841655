"""The Litestar application: ``create_app()`` wires settings, the connection pool, the controllers and the docs."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import anyio
from litestar import Litestar, Router
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme
from psycopg import Connection
from psycopg_pool import ConnectionPool

from app.api.auth import SECURITY_SCHEME
from app.api.controllers import CONTROLLERS
from app.api.docs import OfflineDocsPlugin
from app.api.errors import EXCEPTION_HANDLERS
from warehouse.settings import Settings, get_settings

API_PREFIX = "/api/v1"


async def provide_connection(state: State) -> AsyncIterator[Connection]:
    """One pooled autocommit connection per request, back to the pool afterwards.

    Requests queue for a connection on the event loop (a semaphore as large as the pool), never in
    worker threads: a thread blocked waiting for a connection would hold one of the slots that the
    handlers holding connections need to finish, and under load the two would wait for each other.
    """
    pool: ConnectionPool = state.pool
    async with state.connection_slots:
        conn = await anyio.to_thread.run_sync(pool.getconn)
        try:
            yield conn
        finally:
            await anyio.to_thread.run_sync(pool.putconn, conn)


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or get_settings()

    @contextlib.asynccontextmanager
    async def pool(app: Litestar) -> AsyncIterator[None]:
        from warehouse.db import database_url
        from warehouse.migrate import ensure_current

        url = await anyio.to_thread.run_sync(database_url)
        await anyio.to_thread.run_sync(ensure_current, url)
        connections = ConnectionPool(
            url,
            min_size=min(2, settings.api.pool_size),
            max_size=settings.api.pool_size,
            kwargs={"autocommit": True},
            open=False,
            name="courtside-api",
        )
        await anyio.to_thread.run_sync(lambda: connections.open(wait=True, timeout=30))
        app.state.pool = connections
        app.state.connection_slots = anyio.Semaphore(settings.api.pool_size)
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(connections.close)

    api = Router(path=API_PREFIX, route_handlers=CONTROLLERS)
    return Litestar(
        route_handlers=[api],
        lifespan=[pool],
        dependencies={
            "conn": Provide(provide_connection),
            "settings": Provide(lambda: settings, sync_to_thread=False),
        },
        exception_handlers=EXCEPTION_HANDLERS,
        state=State({"api_key": settings.api.api_key}),
        openapi_config=OpenAPIConfig(
            title="Courtside API",
            version="1.0.0",
            description="NBA game predictions, their performance, the warehouse's data and the bankroll ledger.",
            path="/schema",
            render_plugins=[OfflineDocsPlugin(path=["/", "/docs"]), JsonRenderPlugin()],
            components=Components(
                security_schemes={
                    SECURITY_SCHEME: SecurityScheme(
                        type="http", scheme="bearer", description="COURTSIDE_API_KEY, required for writes"
                    )
                }
            ),
        ),
    )
