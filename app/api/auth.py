"""Writes need the API key: ``Authorization: Bearer <COURTSIDE_API_KEY>``; 401 without one, 403 with a wrong one."""

from __future__ import annotations

import hmac

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers import BaseRouteHandler

SECURITY_SCHEME = "BearerApiKey"
WRITE_SECURITY = [{SECURITY_SCHEME: []}]


def require_api_key(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    header = connection.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthorizedException("this endpoint writes: send the API key as `Authorization: Bearer <key>`")
    expected = connection.app.state.api_key
    if not expected:
        raise PermissionDeniedException("writes are disabled: the server has no COURTSIDE_API_KEY")
    if not hmac.compare_digest(token.strip().encode(), expected.encode()):
        raise PermissionDeniedException("wrong API key")
