"""The steps of the daily run, in order, each a thin call into a layer's job.

Adding a step is one entry in ``STEPS``: a name, what it needs to have succeeded first, and a
function of the run's context that calls a job and says in one line what it did.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ingest.snapshot import SnapshotDir


@dataclass
class DailyContext:
    """What the steps of one morning share."""

    day: dt.date
    mode: str  # snapshot | live
    run_id: str
    snapshot: SnapshotDir | None = None  # a replay parses the snapshot once for all its mornings
    results: dict[str, Any] = field(default_factory=dict)  # each step's job result, by step name


@dataclass
class StepOutcome:
    summary: str  # one line for the end-of-run summary
    rows: dict[str, int] = field(default_factory=dict)
    result: Any = None


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[DailyContext], StepOutcome]
    needs: tuple[str, ...] = ()
    title: str = ""


def ingest(ctx: DailyContext) -> StepOutcome:
    from ingest.jobs import ingest_live, ingest_snapshot
    from warehouse.settings import get_settings

    if ctx.mode == "live":
        result = ingest_live(ctx.day, run_id=ctx.run_id)
    else:
        directory = ctx.snapshot.directory if ctx.snapshot else get_settings().sources.snapshot_dir
        result = ingest_snapshot(directory, ctx.day, incremental=True, snapshot=ctx.snapshot, run_id=ctx.run_id)
    loaded = sum(result.rows.values())
    notes = "".join(f"; {n}" for n in [*result.recovered, *([result.replaced] if result.replaced else [])])
    return StepOutcome(f"{loaded:,} rows loaded, {result.games:,} games known{notes}", result.rows, result)


def build(ctx: DailyContext) -> StepOutcome:
    from warehouse.dbt import build as dbt_build

    # the marts that read ops are refreshed at the end, once predictions and scores are in; dbt's unit
    # tests check the SQL logic, not the data, so they belong to CI (`make test`), not to every morning
    result = dbt_build(exclude="source:ops+ resource_type:unit_test", run_id=ctx.run_id, quiet=True, recent_tests=True)
    return StepOutcome(f"dbt: {result.nodes} nodes passed in {result.seconds:.1f} s", {}, result)


def model(ctx: DailyContext) -> StepOutcome:
    from ml import registry
    from ml.jobs import promote_model, train_model
    from warehouse.db import connect

    with connect() as conn:
        active = registry.active(conn)
    if active is not None:
        return StepOutcome(f"active model {active.version} (trained on games before {active.trained_before})")
    trained = train_model(ctx.day, run_id=ctx.run_id)
    promoted = promote_model(trained.version, run_id=ctx.run_id)
    return StepOutcome(
        f"no active model: trained and promoted {promoted.version} on {trained.model.train_rows:,} games before "
        f"{ctx.day}",
        {"ops.model_registry": 0 if trained.reused else 1},
        trained,
    )


def predict(ctx: DailyContext) -> StepOutcome:
    from ml.jobs import predict_day

    result = predict_day(ctx.day, run_id=ctx.run_id)
    if result.games.empty:
        return StepOutcome(f"no games on {ctx.day}", {}, result)
    return StepOutcome(
        f"{len(result.games)} games predicted with {result.version}",
        {"ops.predictions": len(result.games), "ops.prediction_explanations": result.explanations},
        result,
    )


def briefs(ctx: DailyContext) -> StepOutcome:
    from intel.service import daily_briefs

    result = daily_briefs(ctx.day, run_id=ctx.run_id)
    bands = ", ".join(f"{b.away}@{b.home} {b.confidence_band}" for b in result.briefs[:3])
    more = " ..." if len(result.briefs) > 3 else ""
    return StepOutcome(
        f"{result.index.embedded:,} documents embedded; {len(result.briefs)} briefs audited"
        + (f" ({bands}{more})" if bands else ""),
        {"ops.intelligence_audit": len(result.briefs)},
        result,
    )


def score(ctx: DailyContext) -> StepOutcome:
    from ml.jobs import score_predictions

    result = score_predictions(run_id=ctx.run_id)
    return StepOutcome(
        f"{result.scored} predictions scored, {result.pending} awaiting a final", {"ops.predictions": result.scored}
    )


def settle(ctx: DailyContext) -> StepOutcome:
    from ledger.jobs import settle_finished
    from warehouse.money import cents_to_dollars

    result = settle_finished(run_id=ctx.run_id)
    return StepOutcome(
        f"{len(result.settled)} bets settled (profit {cents_to_dollars(result.profit_cents)}), {result.open_bets} open",
        {"ops.bets": len(result.settled)},
        result,
    )


def marts(ctx: DailyContext) -> StepOutcome:
    from warehouse.dbt import build as dbt_build

    result = dbt_build("source:ops+", run_id=ctx.run_id, step="dbt.build_ops_marts", quiet=True)
    return StepOutcome(f"performance and quality marts: {result.nodes} nodes passed", {}, result)


def monitor(ctx: DailyContext) -> StepOutcome:
    from ml.mlops.jobs import monitor as take_snapshot

    snap = take_snapshot(ctx.day, save=True, run_id=ctx.run_id)
    worst = ", ".join(a.code for a in snap.alerts if a.severity != "info") or "no warnings"
    return StepOutcome(
        f"escalation {snap.escalation} ({worst}); {snap.evaluated_games} evaluated live games",
        {"ops.mlops_monitoring_snapshot": 1},
        snap,
    )


def policy(ctx: DailyContext) -> StepOutcome:
    from ml.mlops.jobs import retrain_policy
    from warehouse.settings import get_settings

    queue = get_settings().mlops.queue_retrains
    result = retrain_policy(ctx.day, dry_run=not queue, requested_by="daily", run_id=ctx.run_id)
    d = result.decision
    why = "; ".join(r.detail for r in d.reasons) or d.held_by or "no reason to retrain"
    job = f" (job {result.job.job_id})" if result.job and result.queue != "not-needed" else ""
    return StepOutcome(
        f"{d.action}: {why}; queue: {result.queue}{job}", {"ops.retrain_jobs": int(result.queue == "queued")}, result
    )


STEPS: tuple[Step, ...] = (
    Step("ingest", ingest, (), "load what is known this morning"),
    Step("build", build, ("ingest",), "build the warehouse (dbt)"),
    Step("model", model, ("build",), "make sure a model is active"),
    Step("predict", predict, ("model",), "predict the day's games"),
    Step("briefs", briefs, ("predict",), "grounded context briefs for the day's games"),
    Step("score", score, ("build",), "score finished predictions"),
    Step("settle", settle, ("score",), "settle the bets of finished games"),
    Step("marts", marts, ("predict", "score"), "refresh the marts that read ops"),
    Step("monitor", monitor, ("marts",), "take the monitoring snapshot"),
    Step("policy", policy, ("monitor",), "evaluate the retrain policy"),
)
