"""The interactive API page, served by the app itself: a self-written page with no assets from elsewhere.

The stock OpenAPI pages (Swagger, Redoc, ...) load their scripts from CDNs and stay blank offline;
this one reads /schema/openapi.json and lets a user fill in parameters, a body and the API key.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from litestar import Request
from litestar.openapi.plugins import OpenAPIRenderPlugin

PAGE = Path(__file__).with_name("docs.html")


@cache
def _template() -> str:
    return PAGE.read_text(encoding="utf-8")


class OfflineDocsPlugin(OpenAPIRenderPlugin):
    def render(self, request: Request, openapi_schema: dict[str, Any]) -> bytes:
        return _template().replace("__OPENAPI_JSON__", self.get_openapi_json_route(request)).encode()
