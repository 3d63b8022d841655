"""Replay the daily run morning by morning over a date range, from the bundled snapshot.

Each morning loads what was known that morning, predicts its games with the model active that
morning and scores the previous mornings' predictions, so the operations history (predictions,
scores, monitoring) is the one a live deployment would have produced. The snapshot is parsed
once for the whole replay. The replay stops at the first morning that fails: later mornings
would be built on a broken one.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from app.pipeline.daily import DailyResult, DailyRunFailed, run_daily
from ingest.snapshot import SnapshotDir
from warehouse.errors import InputError
from warehouse.settings import get_settings


@dataclass
class ReplayResult:
    first: dt.date
    last: dt.date
    days: list[DailyResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def games_predicted(self) -> int:
        return sum(d.step("predict").rows.get("ops.predictions", 0) for d in self.days)


def replay(
    first: dt.date,
    last: dt.date,
    *,
    snapshot_dir=None,
    on_day: Callable[[DailyResult], None] | None = None,
    on_step=None,
) -> ReplayResult:
    if last < first:
        raise InputError(f"--to {last} is before --from {first}")
    if get_settings().sources.mode != "snapshot":
        raise InputError("a replay re-runs past mornings from the snapshot: set COURTSIDE_MODE=snapshot")
    snapshot = SnapshotDir(snapshot_dir or get_settings().sources.snapshot_dir)
    started = time.perf_counter()
    result = ReplayResult(first, last)
    day = first
    while day <= last:
        try:
            daily = run_daily(day, mode="snapshot", snapshot=snapshot, on_step=on_step)
        except DailyRunFailed as exc:
            result.days.append(exc.result)
            result.seconds = time.perf_counter() - started
            raise ReplayFailed(result, exc) from None
        result.days.append(daily)
        if on_day:
            on_day(daily)
        day += dt.timedelta(days=1)
    result.seconds = time.perf_counter() - started
    return result


class ReplayFailed(DailyRunFailed):
    def __init__(self, replay_result: ReplayResult, failure: DailyRunFailed):
        self.replay = replay_result
        super().__init__(failure.result)
