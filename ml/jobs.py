"""The model jobs: train and register, promote, predict a day, score finished predictions, backtest a season.

Each is a plain function with a typed result that audits itself (warehouse.jobs.job) and takes
the warehouse lock when it writes; the CLI, the daily pipeline and the API call them alike.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ml import registry
from ml.model import KINDS, ModelConfig
from warehouse.db import connect
from warehouse.errors import InputError
from warehouse.jobs import job
from warehouse.settings import get_settings

KIND_CHOICES = ("default", *KINDS, "auto")


def model_config(kind: str = "default") -> ModelConfig:
    """The configuration ``kind`` names, seeded from settings ('default' is the tuned default estimator)."""
    if kind not in KIND_CHOICES:
        raise InputError(f"unknown model kind {kind!r}; expected one of {', '.join(KIND_CHOICES)}")
    models = get_settings().models
    seeded = {"seed": models.seed, "absence_points": models.absence_points}
    return ModelConfig(**seeded) if kind == "default" else ModelConfig(kind=kind, **seeded)


def train_model(before: dt.date | None = None, kind: str = "default", *, run_id: str | None = None):
    """Train and calibrate on every finished game before ``before``; register a candidate (ml.train.TrainResult)."""
    from ml.train import train

    config = model_config(kind)
    with job("ml.train", lock="train a model", run_id=run_id, details={"before": before, "kind": config.kind}) as run:
        with connect() as conn:
            result = train(conn, before, config)
        run.rows["ops.model_registry"] = 0 if result.reused else 1
        run.details.update(version=result.version, reused=result.reused, seconds=round(result.seconds, 2))
    return result


@dataclass
class PromoteResult:
    version: str
    previous: str | None


def promote_model(version: str, *, run_id: str | None = None) -> PromoteResult:
    """Make ``version`` ('latest': the newest training cutoff) the active model after checking its artifact."""
    with job("ml.promote", lock="promote a model", run_id=run_id, details={"version": version}) as run:
        with connect() as conn:
            version = registry.resolve(conn, version)
            previous = registry.promote(conn, version)
            conn.commit()
        run.details.update(previous=previous, version=version)
    return PromoteResult(version, previous)


def predict_day(day: dt.date, *, run_id: str | None = None):
    """Predict ``day``'s games with the active model; upsert predictions and SHAP factors (ml.predict.PredictResult)."""
    from ml.predict import predict_date

    with job("ml.predict", lock="predict", run_id=run_id, details={"date": day}) as run:
        with connect() as conn:
            result = predict_date(conn, day)
        run.rows["ops.predictions"] = len(result.games)
        run.rows["ops.prediction_explanations"] = result.explanations
        run.details.update(model_version=result.version, in_sample=result.in_sample)
    return result


@dataclass
class ScoreResult:
    scored: int  # predictions whose outcome was filled in (or corrected) now
    pending: int  # live predictions of games not final yet


def score_predictions(*, run_id: str | None = None) -> ScoreResult:
    """Fill in the outcome of every prediction whose game is final (and correct one whose result changed)."""
    with job("ml.score", lock="score predictions", run_id=run_id) as run, connect() as conn, conn.transaction():
        scored = conn.execute(
            "update ops.predictions p set home_win = g.home_win, scored_at = now()"
            " from marts.fct_games g where g.game_id = p.game_id and g.status = 'final'"
            " and p.home_win is distinct from g.home_win"
        ).rowcount
        pending = conn.execute("select count(*) from ops.predictions where home_win is null").fetchone()[0]
        run.rows["ops.predictions"] = scored
    return ScoreResult(scored, pending)


@dataclass
class BacktestRun:
    run_id: str
    season: str
    refit: str
    kind: str
    body: dict[str, Any]  # games, per-forecaster metrics, ablation
    vs_market: dict[str, float] | None
    report: Path
    json_path: Path | None = None
    rows: int = 0
    extras: dict[str, Any] = field(default_factory=dict)


def backtest_season(
    season: str,
    refit: str = "monthly",
    kind: str = "default",
    *,
    json_path: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BacktestRun:
    """Walk-forward backtest of ``season`` against home, Elo, 538 and the market; JSON, report and ops rows.

    ``progress(done, total)`` is called after each refit.
    """
    from ml.backtest import REFITS, check_season, check_season_name, period_starts, record, run_backtest, season_games
    from ml.data import load_dataset, read_seasons
    from ml.report import write_report

    if refit not in REFITS:
        raise InputError(f"unknown refit {refit!r}; expected one of {', '.join(REFITS)}")
    config = model_config(kind)
    run_id = uuid.uuid4().hex
    settings = get_settings()
    with job("ml.backtest", lock=None, run_id=run_id, details={"season": season, "refit": refit}) as run:
        with connect() as conn:
            check_season_name(season, read_seasons(conn))  # cheap: before loading every game
            ds = load_dataset(conn)
            check_season(ds, season)
            conn.execute(
                "insert into ops.backtest_runs (run_id, season, refit, config) values (%s,%s,%s,%s)",
                (run_id, season, refit, json.dumps(config.as_dict(), default=str)),
            )
            conn.commit()
            total = len(period_starts(season_games(ds, season)["game_date"], refit)) * (2 if ds.has_avail() else 1)
            done = 0

            def tick(n: int) -> None:
                nonlocal done
                done += n
                if progress:
                    progress(done, total)

            try:
                result = run_backtest(ds, season, refit, config, progress=tick)
                name = f"backtest-{season}-{refit}" + ("" if kind == "default" else f"-{kind}")
                report = write_report(result, settings.reports_dir / name, run_id)
                rows = record(conn, run_id, result, config, str(report))
            except BaseException:
                conn.rollback()
                conn.execute(
                    "update ops.backtest_runs set status='failed', finished_at=now() where run_id=%s", (run_id,)
                )
                conn.commit()
                raise
        run.rows["ops.backtest_predictions"] = rows
    out = BacktestRun(run_id, season, refit, config.kind, result.to_json(), result.vs_market, report, rows=rows)
    if json_path:
        try:
            json_path.parent.mkdir(parents=True, exist_ok=True)
            json_path.write_text(json.dumps({**out.body, "vs_market": out.vs_market}, indent=2))
        except OSError as exc:
            raise InputError(f"cannot write --json {json_path}: {exc.strerror or exc}") from None
        out.json_path = json_path
    return out
