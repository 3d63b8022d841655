"""Serving the dashboard: one route per page, each page a ``pn.viewable.Viewer`` in the shell."""

from __future__ import annotations

import logging
from collections.abc import Callable

import panel as pn

from app.dashboard import DEFAULT_ADDRESS, DEFAULT_PORT
from app.dashboard.components import error_banner
from app.dashboard.pages import PAGES
from app.dashboard.shell import page_frame

log = logging.getLogger(__name__)


def build_page(path: str) -> pn.template.BootstrapTemplate:
    route, page_class = PAGES[path]
    try:
        page = page_class()
        if pn.state.location is not None and page.url_params:
            # the page's choices (date, game, season) live in the address: reloadable and shareable
            pn.state.location.sync(page, {name: name for name in page.url_params})
    except Exception as exc:  # a page that cannot even start says why in the frame, never as a traceback
        log.exception("page %s failed to start", path or "/")
        page = error_banner(exc)
    return page_frame(tuple(r for r, _ in PAGES.values()), route, page)


def _page_app(path: str) -> Callable[[], pn.template.BootstrapTemplate]:
    def app() -> pn.template.BootstrapTemplate:  # Panel serves plain functions, not partials
        return build_page(path)

    return app


def apps() -> dict[str, Callable[[], pn.template.BootstrapTemplate]]:
    return {"/" + path if path else "/": _page_app(path) for path in PAGES}


def serve(address: str = DEFAULT_ADDRESS, port: int = DEFAULT_PORT, *, threaded: bool = False, **kwargs):
    """Serve every page at http://address:port/ (blocks unless ``threaded``; returns the server)."""
    pn.extension("tabulator", notifications=True)
    pn.config.loading_indicator = True
    origins = [f"{address}:{port}", f"localhost:{port}", f"127.0.0.1:{port}"]
    return pn.serve(
        apps(),
        address=address,
        port=port,
        websocket_origin=origins,
        show=False,
        threaded=threaded,
        title="Courtside",
        **kwargs,
    )
