"""Query parameters the controllers share, declared once so the OpenAPI entries agree."""

from __future__ import annotations

from typing import Annotated

from litestar.params import Parameter

from app.services.common import DEFAULT_LIMIT, MAX_LIMIT

SeasonQuery = Annotated[
    str | None,
    Parameter(
        description="Season label, e.g. 2023-24; a season that is not loaded gives an empty answer with a note",
        pattern=r"^\d{4}-\d{2}$",
    ),
]
LimitQuery = Annotated[
    int,
    Parameter(ge=1, le=1_000_000, description=f"Rows per page (default {DEFAULT_LIMIT}, capped at {MAX_LIMIT})"),
]
OffsetQuery = Annotated[int, Parameter(ge=0, le=1_000_000_000, description="Rows to skip")]
GameIdPath = Annotated[str, Parameter(description="NBA.com game id, e.g. 0022301171", max_length=20)]
