"""Every controller of the API, mounted under /api/v1. A new domain adds its controller to ``CONTROLLERS``."""

from __future__ import annotations

from app.api.controllers.bets import BetsController
from app.api.controllers.features import FeaturesController
from app.api.controllers.intelligence import IntelligenceController
from app.api.controllers.matches import MatchesController
from app.api.controllers.mlops import MlopsController
from app.api.controllers.predictions import PredictionsController
from app.api.controllers.quality import QualityController
from app.api.controllers.raw import RawController
from app.api.controllers.system import SystemController

CONTROLLERS = [
    SystemController,
    MatchesController,
    PredictionsController,
    FeaturesController,
    BetsController,
    RawController,
    QualityController,
    IntelligenceController,
    MlopsController,
]
