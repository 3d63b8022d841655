"""PSI on known distributions, live-record windows, alerts, escalation and the retrain policy on crafted histories."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from ml.mlops.alerts import Alert, escalation, performance_alerts
from ml.mlops.drift import DriftReport, drift_report, profile, psi
from ml.mlops.performance import windows
from ml.mlops.policy import decide, new_games_since
from ml.mlops.thresholds import Thresholds

AS_OF = dt.date(2024, 3, 1)
T = Thresholds()


def test_psi_of_hand_computed_shares():
    # (0.25 - 0.5) ln(0.25/0.5) + (0.75 - 0.5) ln(0.75/0.5)
    assert psi([0.5, 0.5], [0.25, 0.75]) == pytest.approx(0.25 * np.log(2) + 0.25 * np.log(1.5))
    assert psi([0.2] * 5, [0.2] * 5) == 0.0


def test_psi_is_near_zero_for_the_same_distribution_and_large_for_a_shifted_one():
    rng = np.random.default_rng(7)
    prof = profile("x", rng.normal(0, 1, 20_000))
    assert len(prof.edges) == 9 and sum(prof.proportions) == pytest.approx(1.0)
    same = drift_report({"x": prof}, pd.DataFrame({"x": rng.normal(0, 1, 5_000)}), (AS_OF, AS_OF))
    half = drift_report({"x": prof}, pd.DataFrame({"x": rng.normal(0.5, 1, 5_000)}), (AS_OF, AS_OF))
    full = drift_report({"x": prof}, pd.DataFrame({"x": rng.normal(1, 1, 5_000)}), (AS_OF, AS_OF))
    assert same.max_psi < 0.01
    # a mean shift of d standard deviations has a continuous PSI of d^2; deciles see a little less
    assert 0.18 < half.max_psi < 0.27
    assert 0.75 < full.max_psi < 1.05


def test_a_constant_feature_and_a_season_counter_never_read_as_drift():
    prof = {
        "is_neutral_site": profile("is_neutral_site", np.zeros(1000)),
        "home_games_played": profile("home_games_played", np.arange(1000) % 82),
    }
    live = pd.DataFrame({"is_neutral_site": np.zeros(60), "home_games_played": np.full(60, 20.0)})
    report = drift_report(prof, live, (AS_OF, AS_OF))
    assert report.features["is_neutral_site"] == 0.0
    assert report.features["home_games_played"] > 1  # reported ...
    assert report.max_feature == "is_neutral_site" and report.above(T.psi_warning) == []  # ... never alerted on


def history(season_games: int, recent_games: int, recent_accuracy: float, seed: int = 1) -> pd.DataFrame:
    """Evaluated live games: a season at ~68% with confident picks, then the last 30 days at ``recent_accuracy``."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(season_games + recent_games):
        recent = i >= season_games
        day = AS_OF - dt.timedelta(days=(29 - (i % 29)) if recent else 31 + (i % 90))
        p = 0.68
        right = rng.random() < (recent_accuracy if recent else 0.68)
        rows.append(
            {
                "game_id": f"g{i}",
                "game_date": day,
                "season": "2023-24",
                "model_version": "m1",
                "prob_home": p,
                "home_win": float(right),
                "elo_prob_home": 0.6,
            }
        )
    return pd.DataFrame(rows)


def test_windows_measure_the_right_games():
    h = history(300, 120, 0.68)
    w = windows(h, AS_OF)
    assert w["season"]["games"] == 420 and w["30d"]["games"] == 120
    assert w["7d"]["games"] == int((h["game_date"] >= AS_OF - dt.timedelta(days=7)).sum())
    assert w["30d"]["elo"]["games"] == 120 and w["30d"]["brier_vs_elo"] is not None


def test_policy_holds_on_a_steady_record_and_retrains_on_degradation():
    steady = windows(history(300, 120, 0.68), AS_OF)
    assert decide(AS_OF, "m1", AS_OF - dt.timedelta(days=40), steady, None, 20, T).action == "hold"
    collapsed = windows(history(300, 120, 0.45), AS_OF)
    d = decide(AS_OF, "m1", AS_OF - dt.timedelta(days=40), collapsed, None, 20, T)
    assert d.action == "retrain" and {r.code for r in d.reasons} == {"degradation"}
    assert any("accuracy below the season" in r.detail for r in d.reasons)


def test_policy_counts_new_games_and_respects_the_cooldown():
    h = history(300, 160, 0.68)
    perf = windows(h, AS_OF)
    cutoff = AS_OF - dt.timedelta(days=30)
    new = new_games_since(h, cutoff)
    assert new == 160
    d = decide(AS_OF, "m1", cutoff, perf, None, new, T)
    assert d.action == "retrain" and [r.code for r in d.reasons] == ["new_games"]
    fresh = decide(AS_OF, "m1", AS_OF - dt.timedelta(days=3), perf, None, new, T)
    assert fresh.action == "hold" and fresh.held_by.startswith("cooldown") and fresh.reasons


def test_policy_retrains_on_drift_only_with_enough_games_and_never_without_a_model():
    perf = windows(history(300, 120, 0.68), AS_OF)
    drifted = DriftReport(80, (AS_OF, AS_OF), {"home_pace_ewm": 0.4, "away_pace_ewm": 0.05}, "home_pace_ewm", 0.4)
    assert [r.code for r in decide(AS_OF, "m1", AS_OF - dt.timedelta(days=40), perf, drifted, 0, T).reasons] == [
        "drift"
    ]
    thin = DriftReport(20, (AS_OF, AS_OF), {"home_pace_ewm": 0.4}, "home_pace_ewm", 0.4)
    assert decide(AS_OF, "m1", AS_OF - dt.timedelta(days=40), perf, thin, 0, T).action == "hold"
    none = decide(AS_OF, None, None, perf, drifted, 500, T)
    assert none.action == "hold" and "no active model" in none.held_by


def test_performance_alerts_wait_for_enough_games_then_grade_the_drop():
    few = performance_alerts(windows(history(300, 30, 0.4), AS_OF), T)
    assert [(a.code, a.severity) for a in few] == [("few_evaluated_games", "info")]
    bad = {a.code: a.severity for a in performance_alerts(windows(history(300, 120, 0.45), AS_OF), T)}
    assert bad["accuracy_drop"] == "critical" and all(a for a in bad)


def alert(severity: str) -> Alert:
    return Alert("x", severity, "m", "do something")


def test_escalation_closes_an_incident_only_after_two_clean_snapshots():
    seen: list[bool] = []
    states = []
    for found in ([], [alert("info")], [alert("critical")], [alert("warning")], [], [alert("info")], [], []):
        states.append(escalation(found, seen, T))
        seen.append(not any(a.severity in ("warning", "critical") for a in found))
    assert states == ["none", "active", "incident", "watch", "watch", "active", "none", "none"]


def test_drift_alone_puts_the_model_on_watch_never_in_an_incident():
    from ml.mlops.alerts import drift_alerts

    shifted = DriftReport(80, (AS_OF, AS_OF), {"home_pace_ewm": 2.5}, "home_pace_ewm", 2.5)
    (found,) = drift_alerts(shifted, T)
    assert (found.code, found.severity) == ("feature_drift", "warning")
    assert escalation([found], [], T) == "watch"
    assert drift_alerts(DriftReport(80, (AS_OF, AS_OF), {"x": 0.05}, "x", 0.05), T) == []
    assert drift_alerts(DriftReport(20, (AS_OF, AS_OF), {"x": 2.5}, "x", 2.5), T) == []
