"""The pages, in the order of the navigation: each a ``Page`` (a ``pn.viewable.Viewer``) at its route."""

from __future__ import annotations

from typing import ClassVar

import panel as pn

from app.dashboard.shell import Route


class Page(pn.viewable.Viewer):
    """A page: its parameters are the reader's choices; those named in ``url_params`` live in the address."""

    url_params: ClassVar[tuple[str, ...]] = ()


def _pages() -> dict[str, tuple[Route, type[Page]]]:
    return {}


PAGES = _pages()
