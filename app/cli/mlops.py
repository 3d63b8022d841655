"""``courtside mlops ...``: monitor, trend, policy, jobs, run-next, retry, rollback (thin over ml.mlops.jobs)."""

from __future__ import annotations

import datetime as dt

import click

from app.cli.output import emit, json_option
from app.cli.params import DAY

STATE_STYLE = {
    "none": "[green]none[/]",
    "active": "[cyan]active[/]",
    "watch": "[yellow]watch[/]",
    "incident": "[red]incident[/]",
}
SEVERITY_STYLE = {"info": "[cyan]info[/]", "warning": "[yellow]warning[/]", "critical": "[red]critical[/]"}


def _fmt(value, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def render_snapshot(snap) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(Console().width, 110))
    saved = f", stored {snap.taken_at:%Y-%m-%d %H:%M}" if snap.taken_at else ""
    console.print(
        f"monitoring {snap.as_of}: escalation {STATE_STYLE[snap.escalation]}; model {snap.model_version or '-'}"
        f" (cutoff {snap.trained_before or '-'}); {snap.evaluated_games} evaluated live games{saved}"
    )
    perf = Table(title="live record (Elo on the same games)")
    for col in ("window", "games", "accuracy", "Brier", "log loss", "calib. err", "Elo acc", "Elo Brier", "vs season"):
        perf.add_column(col, justify="left" if col == "window" else "right")
    for name in ("7d", "30d", "season"):
        w = snap.performance[name]
        perf.add_row(
            name,
            str(w["games"]),
            _fmt(w["accuracy"]),
            _fmt(w["brier"]),
            _fmt(w["log_loss"]),
            _fmt(w["calibration_error"]),
            _fmt(w["elo"]["accuracy"]),
            _fmt(w["elo"]["brier"]),
            "" if name == "season" else f"acc {_fmt(w['accuracy_vs_season'])} Brier {_fmt(w['brier_vs_season'])}",
        )
    console.print(perf)
    if snap.drift and snap.drift.features:
        top = list(snap.drift.features.items())[:5]
        console.print(f"drift over {snap.drift.games} live games: " + ", ".join(f"{f} PSI {v:.3f}" for f, v in top))
    f = snap.freshness
    console.print(
        f"freshness: last final game {f.last_final or '-'} (expected {f.expected_last or '-'}), {f.unfinished}"
        f" games of the last week without a result, {f.predicted_today}/{f.games_today} of today's games predicted"
    )
    for a in snap.alerts:
        console.print(f"  {SEVERITY_STYLE[a.severity]} {a.code}: {a.message}\n      action: {a.recommended_action}")


@click.group()
def mlops() -> None:
    """Monitoring, drift, alerts, the retrain policy, queue and worker."""


@mlops.command()
@click.option("--date", "day", type=DAY, default=None, help="The morning to look at (default: the latest run's).")
@click.option("--save", is_flag=True, help="Store the snapshot (the daily run does this every morning).")
@json_option
def monitor(day: dt.date | None, save: bool, as_json: bool) -> None:
    """Live record, feature drift, freshness, alerts and the escalation state of a morning."""
    from ml.mlops.jobs import monitor as take

    emit(take(day, save=save), as_json, render_snapshot)


@mlops.command()
@click.option("--days", type=click.IntRange(min=1), default=None, help="Only the last N days of snapshots.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N newest snapshots.")
@json_option
def trend(days: int | None, limit: int | None, as_json: bool) -> None:
    """The stored snapshots, one per morning, oldest first."""
    from ml.mlops.jobs import trend as read

    def render(points) -> None:
        from rich.console import Console
        from rich.table import Table

        if not points:
            click.echo("no monitoring snapshots yet: the daily run stores one every morning")
            return
        table = Table(title=f"{len(points)} monitoring snapshots (alerts: all/critical)")
        for col in ("morning", "state", "alerts", "games", "acc 7d", "acc 30d", "Brier 30d", "Elo 30d", "max PSI"):
            table.add_column(col, justify="left" if col in ("morning", "state") else "right", no_wrap=True)
        for p in points:
            table.add_row(
                str(p.as_of),
                STATE_STYLE[p.escalation],
                f"{p.alerts}/{p.critical}",
                str(p.evaluated_games),
                _fmt(p.accuracy_7d),
                _fmt(p.accuracy_30d),
                _fmt(p.brier_30d),
                _fmt(p.elo_brier_30d),
                _fmt(p.max_psi, 2),
            )
        Console(width=max(Console().width, 100)).print(table)

    emit(read(days, limit), as_json, render)


@mlops.command()
@click.option("--date", "day", type=DAY, default=None, help="The morning to decide for (default: the latest run's).")
@click.option("--execute", is_flag=True, help="Queue a retrain job when the decision is retrain (default: dry run).")
@json_option
def policy(day: dt.date | None, execute: bool, as_json: bool) -> None:
    """Decide whether to retrain, with the reasons; --execute queues the job (one pending at a time)."""
    from ml.mlops.jobs import retrain_policy

    def render(r) -> None:
        d = r.decision
        click.echo(f"{d.as_of}: {d.action.upper()} (model {d.model_version or '-'}, {d.new_games} new evaluated games)")
        for reason in d.reasons:
            click.echo(f"  {reason.code}: {reason.detail}")
        if d.held_by:
            click.echo(f"  held: {d.held_by}")
        queued = {
            "dry-run": "dry run: nothing queued (queue it with --execute)",
            "queued": f"queued retrain job {r.job.job_id if r.job else ''}",
            "already-queued": f"already-queued: job {r.job.job_id if r.job else ''} is {r.job.status if r.job else ''}",
            "not-needed": "nothing to queue",
        }
        click.echo(queued[r.queue])

    emit(retrain_policy(day, dry_run=not execute), as_json, render)


def render_job(j) -> str:
    line = f"job {j.job_id} [{j.status}] morning {j.as_of}, by {j.requested_by}, attempts {j.attempts}"
    if j.outcome:
        line += f": {j.outcome} (candidate {j.candidate_version}, previous {j.previous_version})"
    if j.error:
        line += f": {j.error}"
    return line


@mlops.command()
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Newest N jobs.")
@json_option
def jobs(limit: int, as_json: bool) -> None:
    """The retrain jobs, newest first (a running job whose worker died shows as abandoned)."""
    from ml.mlops.jobs import retrain_jobs

    def render(rows) -> None:
        if not rows:
            click.echo("no retrain jobs")
        for j in rows:
            click.echo(render_job(j))

    emit(retrain_jobs(limit), as_json, render)


@mlops.command("run-next")
@click.option("--execute", is_flag=True, help="Train, compare and maybe promote (default: safe mode, validate only).")
@json_option
def run_next(execute: bool, as_json: bool) -> None:
    """Run the oldest queued retrain job; without --execute only check it can run and leave it queued."""
    from ml.mlops.jobs import run_next as work

    def render(r) -> None:
        click.echo(f"{r.status}: {r.message}")

    emit(work(execute), as_json, render)


@mlops.command()
@click.argument("job_id", type=int)
@json_option
def retry(job_id: int, as_json: bool) -> None:
    """Put a failed or abandoned retrain job back in the queue."""
    from ml.mlops.jobs import retry as requeue

    emit(requeue(job_id), as_json, lambda j: click.echo(render_job(j)))


@mlops.command()
@json_option
def rollback(as_json: bool) -> None:
    """Restore the model that the last promoting retrain job replaced."""
    from ml.mlops.jobs import rollback as restore

    def render(r) -> None:
        if r.replaced == r.restored:
            click.echo(f"{r.restored} is already the active model (the one retrain job {r.job_id} replaced)")
        else:
            click.echo(f"restored {r.restored} (replacing {r.replaced}); retrain job {r.job_id} had promoted it away")

    emit(restore(), as_json, render)


COMMANDS = [mlops]
