"""Errors as short JSON answers: what was wrong, never a stack trace or a line of SQL.

``InputError`` is a 400, ``NotFound`` a 404, ``Conflict`` (and any other state the user can fix)
a 409; a busy warehouse or an unreachable database is a 503 the client may retry; anything else
is logged here in full and answered with a bare 500.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import psycopg
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi.datastructures import ResponseSpec

from warehouse.errors import Conflict, CourtsideError, DatabaseUnavailable, InputError, LiveSourceUnavailable, NotFound
from warehouse.locks import WarehouseBusy

log = logging.getLogger("courtside.api")


@dataclass(frozen=True)
class ErrorBody:
    status_code: int
    detail: str
    extra: list[dict[str, Any]] | None = None  # which parameters failed validation, when known


def _answer(status: int, detail: str, extra: list[dict[str, Any]] | None = None) -> Response[ErrorBody]:
    headers = {"Retry-After": "5"} if status == 503 else None
    return Response(ErrorBody(status, detail, extra), status_code=status, media_type=MediaType.JSON, headers=headers)


def _courtside(_: Request, exc: InputError) -> Response[ErrorBody]:
    status = 404 if isinstance(exc, NotFound) else 409 if isinstance(exc, Conflict) else 400
    return _answer(status, str(exc))


def _state(_: Request, exc: CourtsideError) -> Response[ErrorBody]:
    return _answer(409, str(exc))


def _unavailable(_: Request, exc: Exception) -> Response[ErrorBody]:
    return _answer(503, str(exc))


def _not_built(_: Request, exc: psycopg.errors.UndefinedTable) -> Response[ErrorBody]:
    log.warning("a table is missing: %s", exc)
    return _answer(503, "the warehouse is not built yet: run `courtside daily` (or `make run`) first")


def _bad_value(_: Request, exc: psycopg.DataError) -> Response[ErrorBody]:
    log.info("a value the database refused: %s", exc)
    return _answer(400, "bad input: a parameter holds a value the database cannot take (such as a NUL character)")


def _http(_: Request, exc: HTTPException) -> Response[ErrorBody]:
    extra = exc.extra if isinstance(exc, ValidationException) and isinstance(exc.extra, list) else None
    return _answer(exc.status_code, str(exc.detail), extra)


def _internal(request: Request, exc: Exception) -> Response[ErrorBody]:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return _answer(500, "internal error (logged on the server)")


EXCEPTION_HANDLERS = {
    InputError: _courtside,
    CourtsideError: _state,  # a state the user can fix (e.g. no active model)
    WarehouseBusy: _unavailable,
    DatabaseUnavailable: _unavailable,
    LiveSourceUnavailable: _unavailable,
    psycopg.OperationalError: lambda r, e: _unavailable(r, DatabaseUnavailable("the database is not reachable")),
    psycopg.errors.UndefinedTable: _not_built,
    psycopg.DataError: _bad_value,  # e.g. a NUL byte in a path parameter
    HTTPException: _http,
    Exception: _internal,
}


def documented(*statuses: int) -> dict[int, ResponseSpec]:
    """The error answers a handler can give, for its OpenAPI entry."""
    text = {
        400: "bad input: the detail names the parameter",
        401: "no API key (Authorization: Bearer ...)",
        403: "wrong API key",
        404: "no such game, bet or table",
        409: "the request conflicts with the current state",
        503: "the warehouse is busy, not built yet, or the database is unreachable: retry later",
    }
    return {s: ResponseSpec(ErrorBody, description=text[s]) for s in statuses}
