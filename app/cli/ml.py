"""``courtside train | predict | backtest | model``: the models (ml/)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from warehouse.errors import InputError


def parse_day(_ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{param.opts[0]} {value!r} is not a date in the form YYYY-MM-DD") from None


def _ensure_migrated() -> None:
    from warehouse.migrate import ensure_current

    ensure_current()


@click.command()
@click.option(
    "--before",
    "before",
    callback=parse_day,
    default=None,
    metavar="YYYY-MM-DD",
    help="Train on finished games dated before this day (default: all finished games).",
)
@click.option(
    "--kind",
    type=click.Choice(["default", "xgboost", "logistic", "auto"]),
    default="default",
    show_default=True,
    help="Estimator; 'auto' keeps the lower validation log loss.",
)
def train(before: dt.date | None, kind: str) -> None:
    """Train a calibrated model on finished games and register it as a candidate."""
    from rich.console import Console

    from ml.model import ModelConfig
    from ml.train import train as do_train
    from warehouse.audit import audited
    from warehouse.db import connect
    from warehouse.settings import get_settings

    _ensure_migrated()
    config = (
        ModelConfig(seed=get_settings().seed) if kind == "default" else ModelConfig(kind=kind, seed=get_settings().seed)
    )
    with audited("ml.train", details={"before": before, "kind": config.kind}) as run, connect() as conn:
        with Console(stderr=True).status("training (time-ordered validation, calibration, final fit)"):
            result = do_train(conn, before, config)
        run.rows["ops.model_registry"] = 1
        run.details.update(version=result.version, seconds=round(result.seconds, 2))
    v = result.model.validation
    if result.reused:
        click.echo(
            f"model {result.version} was trained on exactly these games, features and settings: reusing it "
            f"(validation Brier {v['brier']:.4f})"
        )
        return
    click.echo(
        f"registered model {result.version} (candidate): {result.model.kind}, calibration "
        f"{result.model.calibrator.method}, {result.model.train_rows} games before {result.trained_before}, "
        f"{len(result.model.features)} features, validation Brier {v['brier']:.4f} "
        f"log loss {v['log_loss']:.4f}, {result.seconds:.1f} s"
    )
    click.echo(f"promote it with: courtside model promote {result.version}")


@click.command()
@click.option("--date", "day", callback=parse_day, required=True, metavar="YYYY-MM-DD", help="Game day to predict.")
def predict(day: dt.date) -> None:
    """Predict a day's games with the active model; upsert ops.predictions and SHAP explanations."""
    from ml.predict import predict_date
    from warehouse.audit import audited
    from warehouse.db import connect

    _ensure_migrated()
    with audited("ml.predict", details={"date": day}) as run, connect() as conn:
        result = predict_date(conn, day)
        run.rows["ops.predictions"] = len(result.predictions)
        run.rows["ops.prediction_explanations"] = result.explanations
        run.details["model_version"] = result.version
    if result.predictions.empty:
        click.echo(f"no games on {day}: nothing to predict")
        return
    click.echo(f"{len(result.predictions)} games on {day}, model {result.version}:")
    for r in result.predictions.itertuples():
        click.echo(
            f"  {r.game_id}  home {r.home_team_id} {r.prob_home:.3f}  away {r.away_team_id} "
            f"{r.prob_away:.3f}  ({r.confidence})"
        )


@click.command()
@click.option("--season", required=True, metavar="YYYY-YY", help="Season to replay, e.g. 2023-24.")
@click.option("--json", "json_path", type=click.Path(path_type=Path), default=None, help="Write the metrics here.")
@click.option(
    "--refit",
    type=click.Choice(["monthly", "weekly", "none"]),
    default="monthly",
    show_default=True,
    help="How often the walk-forward model is retrained.",
)
@click.option(
    "--kind",
    type=click.Choice(["default", "xgboost", "logistic", "auto"]),
    default="default",
    show_default=True,
    help="Estimator for the model.",
)
def backtest(season: str, json_path: Path | None, refit: str, kind: str) -> None:
    """Walk-forward backtest of a season against home, Elo, 538 and the market; writes a report."""
    import uuid

    from tqdm import tqdm

    from ml.backtest import check_season, check_season_name, period_starts, record, run_backtest, season_games
    from ml.data import load_dataset, read_seasons
    from ml.model import ModelConfig
    from ml.report import write_report
    from warehouse.audit import audited
    from warehouse.db import connect
    from warehouse.settings import get_settings

    _ensure_migrated()
    settings = get_settings()
    config = ModelConfig(seed=settings.seed) if kind == "default" else ModelConfig(kind=kind, seed=settings.seed)
    run_id = uuid.uuid4().hex
    with audited("ml.backtest", run_id=run_id, details={"season": season, "refit": refit}) as run, connect() as conn:
        check_season_name(season, read_seasons(conn))  # cheap: before loading every game
        ds = load_dataset(conn)
        check_season(ds, season)
        conn.execute(
            "insert into ops.backtest_runs (run_id, season, refit, config) values (%s,%s,%s,%s)",
            (run_id, season, refit, json.dumps(config.as_dict(), default=str)),
        )
        conn.commit()
        periods = len(period_starts(season_games(ds, season)["game_date"], refit)) * (2 if ds.has_avail() else 1)
        try:
            with tqdm(total=periods, desc=f"backtest {season} ({refit})", unit="refit") as bar:
                result = run_backtest(ds, season, refit, config, progress=bar.update)
            name = f"backtest-{season}-{refit}" + ("" if kind == "default" else f"-{kind}")
            report = write_report(result, settings.reports_dir / name, run_id)
            run.rows["ops.backtest_predictions"] = record(conn, run_id, result, config, str(report))
        except BaseException:
            conn.rollback()
            conn.execute("update ops.backtest_runs set status='failed', finished_at=now() where run_id=%s", (run_id,))
            conn.commit()
            raise
    body = result.to_json()
    if json_path:
        try:
            json_path.parent.mkdir(parents=True, exist_ok=True)
            json_path.write_text(json.dumps(body, indent=2))
        except OSError as exc:
            raise InputError(f"cannot write --json {json_path}: {exc.strerror or exc}") from None
    _print_table(body, result.vs_market)
    click.echo(f"report: {report}" + (f"\njson: {json_path}" if json_path else ""))


def _print_table(body: dict, vs_market: dict | None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"walk-forward {body['season']}: {body['games']} games")
    for col in ("forecaster", "games", "accuracy", "Brier", "log loss", "ECE"):
        table.add_column(col, justify="left" if col == "forecaster" else "right")
    for name, m in body["models"].items():
        table.add_row(
            name,
            str(m["games"]),
            f"{m['accuracy']:.4f}",
            f"{m['brier']:.4f}",
            f"{m['log_loss']:.4f}",
            f"{m['ece']:.4f}",
        )
    if vs_market:
        table.caption = f"model / market-spread Brier = {vs_market['ratio']:.3f} on {vs_market['games']} games"
    Console().print(table)


@click.group()
def model() -> None:
    """List registered models and promote one to active."""


@model.command("list")
def list_cmd() -> None:
    """List registered model versions (newest last)."""
    from ml import registry
    from warehouse.db import connect

    _ensure_migrated()
    with connect() as conn:
        entries = registry.list_models(conn)
    if not entries:
        click.echo("no models registered: run `courtside train`")
        return
    for e in entries:
        v = e.validation_metrics or {}
        click.echo(
            f"{e.version:<16} {e.status:<9} {e.model_kind:<8} {e.calibration:<8} before {e.trained_before}"
            f"  val Brier {v.get('brier', float('nan')):.4f}  {len(e.features)} features"
        )


@model.command()
@click.argument("version")
def promote(version: str) -> None:
    """Make VERSION the active model (its artifact's sha256 is checked); the previous one is retired.

    VERSION 'latest' means the model with the newest training cutoff."""
    from ml import registry
    from warehouse.audit import audited
    from warehouse.db import connect

    _ensure_migrated()
    with audited("ml.promote", details={"version": version}) as run, connect() as conn:
        version = registry.resolve(conn, version)
        previous = registry.promote(conn, version)
        conn.commit()
        run.details.update(previous=previous, version=version)
    click.echo(f"model {version} is active" + (f" (retired {previous})" if previous and previous != version else ""))


COMMANDS = [train, predict, backtest, model]
