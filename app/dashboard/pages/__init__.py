"""The pages, in the order of the navigation: each a ``Page`` (a ``pn.viewable.Viewer``) at its route."""

from __future__ import annotations

from typing import ClassVar

import panel as pn

from app.dashboard.shell import Route


class Page(pn.viewable.Viewer):
    """A page: its parameters are the reader's choices; those named in ``url_params`` live in the address."""

    url_params: ClassVar[tuple[str, ...]] = ()


def _pages() -> dict[str, tuple[Route, type[Page]]]:
    from app.dashboard.pages.bankroll import BankrollPage
    from app.dashboard.pages.explorer import ExplorerPage
    from app.dashboard.pages.home import HomePage
    from app.dashboard.pages.intelligence import IntelligencePage
    from app.dashboard.pages.match import MatchPage
    from app.dashboard.pages.mlops import MlopsPage
    from app.dashboard.pages.performance import PerformancePage
    from app.dashboard.pages.quality import QualityPage

    routes = (
        (Route("", "Home", "The day's games, the run that predicted them and how fresh the data is."), HomePage),
        (
            Route("match", "Match deep dive", "One game: the prediction, the factors behind it, form and meetings."),
            MatchPage,
        ),
        (
            Route("intelligence", "Intelligence", "Grounded context for each game: cited briefs, risks, feed health."),
            IntelligencePage,
        ),
        (
            Route("performance", "Model performance", "How good the predictions are, against Elo and the market."),
            PerformancePage,
        ),
        (
            Route("bankroll", "Bankroll", "The ledger: equity, open and settled bets, a new bet priced first."),
            BankrollPage,
        ),
        (Route("explorer", "Raw data explorer", "The loaded tables, a season and a page at a time."), ExplorerPage),
        (
            Route("quality", "Data quality", "Complete, fresh, consistent and tested? And did the runs succeed?"),
            QualityPage,
        ),
        (Route("mlops", "MLOps", "Alerts and what to do, drift, the trend, the retrain policy and jobs."), MlopsPage),
    )
    return {route.path: (route, page) for route, page in routes}


PAGES = _pages()
