"""``courtside train | predict | score | backtest | model``: thin adapters over the model jobs (ml.jobs)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from app.cli.output import emit, json_option
from app.cli.params import DAY, SEASON

KIND = click.Choice(["default", "blend", "margin", "xgboost", "logistic", "auto"])  # ml.jobs.KIND_CHOICES


def render_train(result) -> None:
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


def train_json(result) -> dict:
    v = result.model.validation
    return {
        "version": result.version,
        "reused": result.reused,
        "trained_before": result.trained_before,
        "kind": result.model.kind,
        "calibration": result.model.calibrator.method,
        "train_rows": result.model.train_rows,
        "features": len(result.model.features),
        "validation": {"brier": v["brier"], "log_loss": v["log_loss"]},
        "artifact": result.artifact,
        "sha256": result.sha256,
    }


@click.command()
@click.option("--before", type=DAY, default=None, help="Train on finished games dated before this day (default: all).")
@click.option("--kind", type=KIND, default="default", show_default=True, help="Estimator; 'auto' keeps the better.")
@json_option
def train(before: dt.date | None, kind: str, as_json: bool) -> None:
    """Train a calibrated model on finished games and register it as a candidate."""
    from rich.console import Console

    from ml.jobs import train_model

    with Console(stderr=True).status("training (time-ordered validation, calibration, final fit)"):
        result = train_model(before, kind)
    emit(train_json(result) if as_json else result, as_json, render_train)


def render_predictions(result) -> None:
    from rich.console import Console
    from rich.table import Table

    if result.games.empty:
        click.echo(f"no games on {result.day}: nothing to predict")
        return
    table = Table(title=f"{len(result.games)} games on {result.day}, model {result.version}")
    # the bundled schedule has no tip-off times: the column appears when the source gives them
    timed = result.games["tipoff_at"].notna().any()
    flagged = bool(result.in_sample)  # a column of "in-sample" marks only when some game is one
    for col, justify in (
        *((("tip-off (ET)", "left"),) if timed else ()),
        ("game", "left"),
        ("away @ home", "left"),
        ("P(home)", "right"),
        ("pick", "left"),
        *((("", "left"),) if flagged else ()),
    ):
        table.add_column(col, justify=justify)
    for r in result.games.itertuples():
        pick = r.home_team_abbr if r.prob_home >= 0.5 else r.away_team_abbr
        table.add_row(
            *((_tipoff(r.tipoff_at),) if timed else ()),
            r.game_id,
            f"{r.away_team_abbr} @ {r.home_team_abbr}",
            f"{r.prob_home:.3f}",
            f"{pick} ({r.confidence})",
            *(("in-sample" if r.in_sample else "",) if flagged else ()),
        )
    console = Console()
    console.print(table)
    if result.in_sample:
        console.print(
            f"[yellow]{result.in_sample} of these games are on or before the model's training cutoff "
            f"({result.trained_before}):[/] stored as in-sample, never counted as live performance"
        )


def _tipoff(value) -> str:
    import pandas as pd

    from warehouse.seasons import EASTERN

    return "—" if value is None or pd.isna(value) else pd.Timestamp(value).tz_convert(EASTERN).strftime("%H:%M")


@click.command()
@click.option("--date", "day", type=DAY, required=True, help="Game day to predict.")
@json_option
def predict(day: dt.date, as_json: bool) -> None:
    """Predict a day's games with the active model; upsert ops.predictions and SHAP explanations."""
    from ml.jobs import predict_day

    emit(predict_day(day), as_json, render_predictions)


@click.command()
@json_option
def score(as_json: bool) -> None:
    """Fill in the outcome of every prediction whose game is now final."""
    from ml.jobs import score_predictions

    emit(
        score_predictions(),
        as_json,
        lambda r: click.echo(f"scored {r.scored} predictions; {r.pending} await a final score"),
    )


def render_backtest(run) -> None:
    from rich.console import Console
    from rich.table import Table

    body = run.body
    table = Table(
        title=f"walk-forward {body['season']}: {body['games']} games, "
        f"{body['common_games']} covered by every forecaster (all scored on those)"
    )
    for col in ("forecaster", "games scored", "covered", "accuracy", "Brier", "log loss", "ECE"):
        table.add_column(col, justify="left" if col == "forecaster" else "right")
    for name, m in body["models"].items():
        table.add_row(
            name,
            str(m["games"]),
            str(m["coverage"]),
            f"{m['accuracy']:.4f}",
            f"{m['brier']:.4f}",
            f"{m['log_loss']:.4f}",
            f"{m['ece']:.4f}",
        )
    if run.vs_market:
        table.caption = f"model / market-spread Brier = {run.vs_market['ratio']:.3f} on {run.vs_market['games']} games"
    Console().print(table)
    click.echo(f"report: {run.report}" + (f"\njson: {run.json_path}" if run.json_path else ""))


@click.command()
@click.option("--season", required=True, type=SEASON, help="Season to replay, e.g. 2023-24.")
@click.option("--json", "json_path", type=click.Path(path_type=Path), default=None, help="Write the metrics here.")
@click.option(
    "--refit",
    type=click.Choice(["monthly", "weekly", "none"]),
    default="monthly",
    show_default=True,
    help="How often the walk-forward model is retrained.",
)
@click.option("--kind", type=KIND, default="default", show_default=True, help="Estimator for the model.")
def backtest(season: str, json_path: Path | None, refit: str, kind: str) -> None:
    """Walk-forward backtest of a season against home, Elo, 538 and the market; writes a report."""
    from tqdm import tqdm

    from ml.jobs import backtest_season

    bars: list = []  # made on the first refit, so an argument error prints one line and nothing else

    def progress(done: int, total: int) -> None:
        if not bars:
            bars.append(tqdm(total=total, desc=f"backtest {season} ({refit})", unit="refit"))
        bars[0].n = done
        bars[0].refresh()

    try:
        run = backtest_season(season, refit, kind, json_path=json_path, progress=progress)
    finally:
        for bar in bars:
            bar.close()
    render_backtest(run)


@click.group()
def model() -> None:
    """List registered models and promote one to active."""


@model.command("list")
@json_option
def list_cmd(as_json: bool) -> None:
    """List registered model versions (newest last)."""
    from ml import registry
    from warehouse.db import connect
    from warehouse.migrate import ensure_current

    ensure_current()
    with connect() as conn:
        entries = registry.list_models(conn)

    def render(entries) -> None:
        if not entries:
            click.echo("no models registered: run `courtside train`")
        for e in entries:
            v = e.validation_metrics or {}
            click.echo(
                f"{e.version:<16} {e.status:<9} {e.model_kind:<8} {e.calibration:<8} before {e.trained_before}"
                f"  val Brier {v.get('brier', float('nan')):.4f}  {len(e.features)} features"
            )

    emit(entries, as_json, render)


@model.command()
@click.argument("version")
@json_option
def promote(version: str, as_json: bool) -> None:
    """Make VERSION the active model (its artifact's sha256 is checked); the previous one is retired.

    VERSION 'latest' means the model with the newest training cutoff."""
    from ml.jobs import promote_model

    def render(r) -> None:
        retired = f" (retired {r.previous})" if r.previous and r.previous != r.version else ""
        click.echo(f"model {r.version} is active{retired}")

    emit(promote_model(version), as_json, render)


COMMANDS = [train, predict, score, backtest, model]
