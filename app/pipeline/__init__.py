"""The daily run — the product's spine — and its replay over a range of mornings."""

from app.pipeline.daily import DailyResult, DailyRunFailed, StepRecord, run_daily
from app.pipeline.replay import ReplayFailed, ReplayResult, replay

__all__ = ["DailyResult", "DailyRunFailed", "ReplayFailed", "ReplayResult", "StepRecord", "replay", "run_daily"]
