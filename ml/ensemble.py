"""A blend of fitted game models: the weighted mean of their calibrated probabilities.

The margin model and the sparse logistic regression make different mistakes (one reads every
feature through the point margin, the other a handful of them through wins and losses); their mean
forecast scored better than either alone on the tuning seasons. Each member is fitted and calibrated
on its own (``ml.model``); the blend adds no calibration of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass
class Blend:
    """The estimator of a ``kind="blend"`` GameModel: members (GameModels) and their weights."""

    members: list  # list[GameModel]
    weights: list[float]

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        p = sum(w * m.predict_proba(X) for m, w in zip(self.members, self.weights, strict=True))
        return np.column_stack([1 - p, p])

    def member(self, kind: str):
        return next(m for m in self.members if m.kind == kind)
