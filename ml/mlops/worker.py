"""The retrain worker: run the next queued job, in safe mode (validate) or for real (train, compare, promote).

Executing a job:

1. The evaluation window is the finished regular-season games of the ``eval_window_days`` days
   before the job's morning, starting no earlier than the active model's training cutoff: games
   the active model never trained on.
2. A candidate is trained on every game before the window (so it has not seen them either) and
   registered.
3. Both predict the window. The rollback rule: if the candidate's accuracy is lower by more than
   ``rollback_accuracy_drop`` or its Brier higher by more than ``rollback_brier_rise``, the
   previous model stays (or is restored) as the active one; otherwise the candidate is promoted.

Safe mode checks everything step 1 needs (the active model's artifact, the window, enough games
to train on) without training, and puts the job back in the queue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ml import registry
from ml.metrics import summarize
from ml.mlops import queue
from ml.mlops.thresholds import DEFAULT, Thresholds
from warehouse.db import connect
from warehouse.errors import CourtsideError, InputError

Trainer = Callable[[dt.date], str]  # train on games before the date, register, return the version

MIN_TRAIN_GAMES = 200  # ml.train refuses fewer


@dataclass
class WorkerResult:
    status: str  # idle | validated | completed | failed
    job: queue.RetrainJob | None = None
    message: str = ""


@dataclass
class Plan:
    active_version: str
    window_first: dt.date
    window_last: dt.date
    window_games: int
    train_games: int


def plan(conn, ds, job: queue.RetrainJob, t: Thresholds) -> Plan:
    """What executing ``job`` would do; InputError when it cannot be done fairly."""
    active = registry.active(conn)
    if active is None:
        raise InputError("no active model to compare a candidate against: promote one first")
    active.load()  # the artifact is the registered one
    first = max(active.trained_before, job.as_of - dt.timedelta(days=t.eval_window_days))
    frame = ds.frame[(ds.frame["game_type"] == "regular_season") & ds.frame["home_win"].notna()]
    dates = frame["game_date"].dt.date
    window = frame[(dates >= first) & (dates < job.as_of)]
    if len(window) < t.min_eval_games:
        raise InputError(
            f"only {len(window)} finished games between {first} and {job.as_of} that neither model trained on"
            f" (the comparison needs {t.min_eval_games}): wait for more games"
        )
    train_games = int((dates < first).sum())
    if train_games < MIN_TRAIN_GAMES:
        raise InputError(f"only {train_games} finished games before {first} to train a candidate on")
    missing = [f for f in active.features if f not in ds.frame.columns]
    if missing:
        raise InputError(f"the warehouse lacks features the active model needs: {', '.join(missing[:5])}")
    return Plan(active.version, first, window["game_date"].max().date(), len(window), train_games)


def evaluate(ds, p: Plan, versions: list[str], conn) -> dict[str, dict]:
    frame = ds.frame[(ds.frame["game_type"] == "regular_season") & ds.frame["home_win"].notna()]
    dates = frame["game_date"].dt.date
    window = frame[(dates >= p.window_first) & (dates <= p.window_last)]
    out = {}
    for version in versions:
        model = registry.get(conn, version).load()
        out[version] = summarize(window["home_win"], model.predict_proba(window))
    return out


def passes(active: dict, candidate: dict, t: Thresholds) -> tuple[bool, str]:
    drop = active["accuracy"] - candidate["accuracy"]
    rise = candidate["brier"] - active["brier"]
    if drop > t.rollback_accuracy_drop:
        return False, f"accuracy drop {drop:.3f} > {t.rollback_accuracy_drop}"
    if rise > t.rollback_brier_rise:
        return False, f"Brier worse by {rise:.3f} > {t.rollback_brier_rise}"
    return True, f"accuracy change {-drop:+.3f}, Brier change {rise:+.3f}: within the rollback rule"


def default_trainer(run_id: str | None) -> Trainer:
    def train(before: dt.date) -> str:
        from ml.jobs import train_model

        return train_model(before, run_id=run_id).version

    return train


def execute(conn, ds, job: queue.RetrainJob, trainer: Trainer, t: Thresholds, run_id: str | None) -> dict:
    from ml.jobs import promote_model

    p = plan(conn, ds, job, t)
    candidate = trainer(p.window_first)
    metrics = evaluate(ds, p, [p.active_version, candidate], conn)
    ok, why = passes(metrics[p.active_version], metrics[candidate], t)
    if candidate == p.active_version:
        ok, why = False, "the candidate is the active model itself (no new games to train on)"
    if ok:
        promote_model(candidate, run_id=run_id)
    else:
        current = registry.active(conn)
        if current is None or current.version != p.active_version:  # restore the previous model
            promote_model(p.active_version, run_id=run_id)
    return {
        "previous_version": p.active_version,
        "candidate_version": candidate,
        "outcome": "promoted" if ok else "kept_previous",
        "evaluation": {
            "window": {"first": p.window_first, "last": p.window_last, "games": p.window_games},
            "train_games": p.train_games,
            "active": metrics[p.active_version],
            "candidate": metrics[candidate],
            "rule": why,
        },
    }


def run_next(
    execute_job: bool, *, trainer: Trainer | None = None, t: Thresholds = DEFAULT, run_id: str | None = None
) -> WorkerResult:
    """Claim the oldest queued job and run it (``execute_job``) or validate it (safe mode)."""
    from ml.data import load_dataset

    holder = connect(autocommit=True)  # holds the claimed job's lock until this worker is done
    try:
        job = queue.claim(holder)
        if job is None:
            return WorkerResult("idle", None, "no queued retrain job")
        try:
            ds = load_dataset(holder)
            if not execute_job:
                p = plan(holder, ds, job, t)
                queue.requeue_validated(holder, job.job_id, p.__dict__)
                return WorkerResult(
                    "validated",
                    queue.get(holder, job.job_id),
                    f"job {job.job_id} can run: {p.window_games} games to compare on, {p.train_games} to train on;"
                    " back in the queue",
                )
            fields = execute(holder, ds, job, trainer or default_trainer(run_id), t, run_id)
        except (CourtsideError, ValueError, pd.errors.EmptyDataError) as exc:
            queue.finish(holder, job.job_id, "failed", error=str(exc)[:4000])
            return WorkerResult("failed", queue.get(holder, job.job_id), str(exc))
        except BaseException as exc:
            queue.finish(holder, job.job_id, "failed", error=f"{type(exc).__name__}: {exc}"[:4000])
            raise
        queue.finish(holder, job.job_id, "completed", **fields)
        done = queue.get(holder, job.job_id)
        return WorkerResult(
            "completed", done, f"job {job.job_id}: {fields['outcome']} ({fields['evaluation']['rule']})"
        )
    finally:
        holder.close()
