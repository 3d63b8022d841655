"""The retrain policy: from a morning's monitoring, retrain or hold, with the reasons.

Deterministic rules (same snapshot and counts, same decision):

1. No active model: hold (the daily run's ``model`` step trains the first one).
2. A reason to retrain is any of:
   * ``new_games``: at least ``min_new_games`` evaluated live games dated on or after the active
     model's training cutoff (it has never seen them);
   * ``degradation``: with at least ``min_games`` evaluated games in the last 30 days, 30-day
     accuracy below the season so far by more than ``rollback_accuracy_drop``, or 30-day Brier
     above the season so far, or above Elo's on the same games, by more than ``rollback_brier_rise``
     (the same margins the rollback rule allows a candidate);
   * ``drift``: a model feature with PSI of at least ``psi_critical`` over at least
     ``min_drift_games`` live games.
3. Cooldown: with a reason but the active model's cutoff fewer than ``cooldown_days`` days before
   the morning, hold (a candidate is trained on the games before the worker's evaluation window,
   which for a younger model are exactly the games it was trained on).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ml.mlops.drift import DriftReport
from ml.mlops.thresholds import DEFAULT, Thresholds


@dataclass
class Reason:
    code: str  # new_games | degradation | drift
    detail: str


@dataclass
class Decision:
    as_of: dt.date
    action: str  # retrain | hold
    reasons: list[Reason] = field(default_factory=list)
    held_by: str | None = None  # why a retrain with reasons is held (cooldown, no model)
    model_version: str | None = None
    trained_before: dt.date | None = None
    new_games: int = 0


def new_games_since(evaluated, trained_before: dt.date) -> int:
    """Evaluated live games dated on or after the training cutoff."""
    return int((evaluated["game_date"] >= trained_before).sum()) if len(evaluated) else 0


def reasons(perf: dict, drift: DriftReport | None, new_games: int, t: Thresholds) -> list[Reason]:
    found = []
    if new_games >= t.min_new_games:
        found.append(
            Reason("new_games", f"{new_games} evaluated games since the training cutoff (>= {t.min_new_games})")
        )
    w = perf["30d"]
    if w["games"] >= t.min_games:
        checks = (
            ("accuracy below the season so far", -(w["accuracy_vs_season"] or 0.0), t.rollback_accuracy_drop),
            ("Brier above the season so far", w["brier_vs_season"], t.rollback_brier_rise),
            ("Brier above Elo's on the same games", w["brier_vs_elo"], t.rollback_brier_rise),
        )
        for what, value, limit in checks:
            if value is not None and value > limit:
                found.append(Reason("degradation", f"30-day {what} by {value:.3f} (> {limit}) over {w['games']} games"))
    if drift is not None and drift.games >= t.min_drift_games:
        shifted = drift.above(t.psi_critical)
        if shifted:
            worst = ", ".join(f"{f} {drift.features[f]:.2f}" for f in shifted[:3])
            found.append(Reason("drift", f"{len(shifted)} features with PSI >= {t.psi_critical} ({worst})"))
    return found


def decide(
    as_of: dt.date,
    model_version: str | None,
    trained_before: dt.date | None,
    perf: dict,
    drift: DriftReport | None,
    new_games: int,
    t: Thresholds = DEFAULT,
) -> Decision:
    decision = Decision(as_of, "hold", model_version=model_version, trained_before=trained_before, new_games=new_games)
    if model_version is None or trained_before is None:
        decision.held_by = "no active model: the daily run's model step trains and promotes the first one"
        return decision
    decision.reasons = reasons(perf, drift, new_games, t)
    if not decision.reasons:
        return decision
    age = (as_of - trained_before).days
    if age < t.cooldown_days:
        decision.held_by = f"cooldown: the active model's cutoff is {age} days old (< {t.cooldown_days})"
        return decision
    decision.action = "retrain"
    return decision
