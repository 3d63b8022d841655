"""Every number the monitoring, escalation, retrain policy and rollback rule compare against.

Documented in docs/runbooks/ and docs/decisions/0014-mlops.md; changing one here changes both.
"""

from __future__ import annotations

from dataclasses import dataclass

# rolling windows (days before the morning) the live record is measured over
WINDOWS = {"7d": 7, "30d": 30}


@dataclass(frozen=True)
class Thresholds:
    # performance alerts and degradation need this many evaluated games in the 30-day window:
    # below it one bad week moves accuracy by more than the thresholds themselves
    min_games: int = 50
    accuracy_drop_warning: float = 0.03  # 30-day accuracy below the season so far
    accuracy_drop_critical: float = 0.06
    brier_rise_warning: float = 0.01  # 30-day Brier above the season so far
    brier_rise_critical: float = 0.02
    brier_vs_elo_warning: float = 0.01  # 30-day Brier above plain Elo's on the same games
    brier_vs_elo_critical: float = 0.02
    # calibration error is noisy on small samples: judged on at least this many games
    min_calibration_games: int = 100
    calibration_warning: float = 0.08
    calibration_critical: float = 0.12
    # population stability index of a feature vs its training distribution (the usual reading:
    # < 0.10 stable, 0.10-0.25 moderate shift, > 0.25 a different population)
    min_drift_games: int = 50
    psi_warning: float = 0.10
    psi_critical: float = 0.25
    drift_window_days: int = 30
    # freshness: box scores of yesterday's games missing is late data; older ones missing is a
    # broken load (looked at over the last week, so a postponed game does not alert forever)
    freshness_window_days: int = 7
    # escalation: an incident or watch is closed only after this many clean snapshots in a row
    clean_snapshots_to_close: int = 2
    # retrain policy
    min_new_games: int = 150  # evaluated games since the active model's cutoff (COURTSIDE_MLOPS_MIN_NEW_GAMES)
    # no retrain within this many days of the active model's cutoff: as long as the evaluation
    # window (below), else the candidate would train on exactly the active model's games
    cooldown_days: int = 14
    # worker: the candidate and the active model are compared on the games of this many days
    # before the job's morning that neither trained on, and only with at least min_eval_games
    eval_window_days: int = 14
    min_eval_games: int = 30
    # the rollback rule: a candidate this much worse than the active model is not promoted
    rollback_accuracy_drop: float = 0.03
    rollback_brier_rise: float = 0.02


DEFAULT = Thresholds()


def configured() -> Thresholds:
    """The defaults with the operator's settings applied."""
    from dataclasses import replace

    from warehouse.settings import get_settings

    return replace(DEFAULT, min_new_games=get_settings().mlops.min_new_games)
