"""Alerts from a morning's monitoring, each with a severity and what to do, and the escalation state.

Escalation (the incident runbook, docs/runbooks/incident.md):

* ``incident``: at least one critical alert.
* ``watch``: at least one warning; or no warning now but the last incident or watch is not yet
  followed by ``clean_snapshots_to_close`` clean snapshots in a row (this one included).
* ``active``: only informational alerts are open.
* ``none``: no alerts.

A snapshot is clean when it has no warning and no critical alert.
"""

from __future__ import annotations

from dataclasses import dataclass

from ml.mlops.drift import DriftReport
from ml.mlops.freshness import Freshness
from ml.mlops.thresholds import Thresholds

SEVERITIES = ("info", "warning", "critical")
STATES = ("none", "active", "watch", "incident")


@dataclass
class Alert:
    code: str
    severity: str  # info | warning | critical
    message: str
    recommended_action: str
    value: float | None = None
    threshold: float | None = None


def _level(value: float | None, warning: float, critical: float) -> str | None:
    if value is None:
        return None
    return "critical" if value > critical else "warning" if value > warning else None


def performance_alerts(perf: dict[str, dict], t: Thresholds) -> list[Alert]:
    w = perf["30d"]
    if w["games"] < t.min_games:
        return [
            Alert(
                "few_evaluated_games",
                "info",
                f"{w['games']} evaluated live games in the last 30 days (performance is judged from {t.min_games})",
                "none needed: wait for more finished games; `courtside mlops trend` shows the record so far",
                w["games"],
                t.min_games,
            )
        ]
    alerts = []
    checks = (
        ("accuracy_drop", -(w["accuracy_vs_season"] or 0.0), t.accuracy_drop_warning, t.accuracy_drop_critical,
         "30-day accuracy {v:.3f} below the season so far"),
        ("brier_rise", w["brier_vs_season"], t.brier_rise_warning, t.brier_rise_critical,
         "30-day Brier {v:.3f} above the season so far"),
        ("worse_than_elo", w["brier_vs_elo"], t.brier_vs_elo_warning, t.brier_vs_elo_critical,
         "30-day Brier {v:.3f} above plain Elo's on the same games"),
    )  # fmt: skip
    for code, value, warning, critical, text in checks:
        if level := _level(value, warning, critical):
            alerts.append(
                Alert(
                    code,
                    level,
                    text.format(v=value),
                    "check freshness and drift first; then `courtside mlops policy` (dry run) and, if it says"
                    " retrain, the retrain guardrail runbook",
                    value,
                    warning if level == "warning" else critical,
                )
            )
    if w["games"] >= t.min_calibration_games:
        value = w["calibration_error"]
        if level := _level(value, t.calibration_warning, t.calibration_critical):
            alerts.append(
                Alert(
                    "calibration",
                    level,
                    f"30-day calibration error {value:.3f}: stated probabilities no longer match outcomes",
                    "retrain (recalibrates on recent games): `courtside mlops policy --execute` then"
                    " `courtside mlops run-next --execute`",
                    value,
                    t.calibration_warning if level == "warning" else t.calibration_critical,
                )
            )
    return alerts


def drift_alerts(drift: DriftReport | None, t: Thresholds) -> list[Alert]:
    if drift is None or drift.games < t.min_drift_games or drift.max_psi is None:
        return []
    if drift.max_psi < t.psi_warning:
        return []
    # drift is a leading sign, not harm: it puts the model on watch (and the policy may retrain);
    # an incident needs evidence in the results, the data or the predictions themselves
    level = "warning"
    features = drift.above(t.psi_warning)
    return [
        Alert(
            "feature_drift",
            level,
            f"{len(features)} features shifted from the training distribution (worst {drift.max_feature}: PSI"
            f" {drift.max_psi:.3f} over {drift.games} games)",
            "look at the drifted features in `courtside mlops monitor`; a load or dbt change is fixed at the"
            " source, a real change in the league is a reason to retrain (`courtside mlops policy`)",
            drift.max_psi,
            t.psi_warning,
        )
    ]


def freshness_alerts(f: Freshness) -> list[Alert]:
    alerts = []
    if f.unfinished:
        yesterday_only = f.oldest_unfinished is not None and (f.as_of - f.oldest_unfinished).days <= 1
        alerts.append(
            Alert(
                "results_missing",
                "warning" if yesterday_only else "critical",
                f"{f.unfinished} games of the last week have no result loaded (oldest {f.oldest_unfinished};"
                f" last final game {f.last_final})",
                "re-run the morning: `courtside daily --date " + f.as_of.isoformat() + "`; if it persists check"
                " `courtside ingest` and the source",
                f.unfinished,
                0,
            )
        )
    if f.games_today and f.predicted_today < f.games_today:
        alerts.append(
            Alert(
                "predictions_missing",
                "critical",
                f"{f.games_today - f.predicted_today} of {f.games_today} games on {f.as_of} have no prediction",
                f"`courtside predict --date {f.as_of}` (needs an active model: `courtside model list`)",
                f.games_today - f.predicted_today,
                0,
            )
        )
    if f.in_season and not f.games_today:
        alerts.append(
            Alert(
                "no_schedule_today",
                "info",
                f"no games on the schedule for {f.as_of} during the regular season",
                "confirm it is a league off-day; otherwise re-run the morning to load the schedule",
            )
        )
    return alerts


def no_model_alert() -> Alert:
    return Alert(
        "no_active_model",
        "critical",
        "no model is active: nothing is being predicted",
        "`courtside daily` trains and promotes one, or `courtside model promote VERSION`",
    )


def is_clean(alerts: list[Alert]) -> bool:
    return not any(a.severity in ("warning", "critical") for a in alerts)


def escalation(alerts: list[Alert], history: list[bool], t: Thresholds) -> str:
    """The state for ``alerts`` given whether each earlier snapshot was clean (oldest first)."""
    severities = {a.severity for a in alerts}
    if "critical" in severities:
        return "incident"
    if "warning" in severities:
        return "watch"
    clean_run = 1  # this snapshot
    for clean in reversed(history):
        if not clean:  # the last incident or watch: closed only after enough clean snapshots
            if clean_run < t.clean_snapshots_to_close:
                return "watch"
            break
        clean_run += 1
        if clean_run >= t.clean_snapshots_to_close:
            break
    return "active" if alerts else "none"
