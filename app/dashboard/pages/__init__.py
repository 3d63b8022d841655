"""The pages, in the order of the navigation: each a ``Page`` (a ``pn.viewable.Viewer``) at its route."""

from __future__ import annotations

from typing import ClassVar

import panel as pn

from app.dashboard.shell import Route


class Page(pn.viewable.Viewer):
    """A page: its parameters are the reader's choices; those named in ``url_params`` live in the address."""

    url_params: ClassVar[tuple[str, ...]] = ()


def _pages() -> dict[str, tuple[Route, type[Page]]]:
    from app.dashboard.pages.home import HomePage
    from app.dashboard.pages.match import MatchPage
    from app.dashboard.pages.mlops import MlopsPage
    from app.dashboard.pages.performance import PerformancePage

    routes = (
        (Route("", "Home", "The day's games, the run that predicted them and how fresh the data is."), HomePage),
        (
            Route("match", "Match deep dive", "One game: the prediction, the factors behind it, form and meetings."),
            MatchPage,
        ),
        (
            Route("performance", "Model performance", "How good the predictions are, against Elo and the market."),
            PerformancePage,
        ),
        (Route("mlops", "MLOps", "Alerts and what to do, drift, the trend, the retrain policy and jobs."), MlopsPage),
    )
    return {route.path: (route, page) for route, page in routes}


PAGES = _pages()
