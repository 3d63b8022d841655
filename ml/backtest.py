"""Walk-forward backtest: the live loop replayed over a past season.

For each refit period of the season (monthly, weekly, or one period for ``none``) a model is
trained on every finished regular-season game dated before the period's first day (earlier
seasons plus this season so far) and predicts the period's games. Baselines are scored on
the same games: home team (the home-win rate of the training games), Elo, FiveThirtyEight,
market from the spread and market from the de-vigged moneylines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ml.data import AVAIL_MARKER, Dataset
from ml.market import devig, spread_probability
from ml.metrics import brier, reliability_table, summarize
from ml.model import ModelConfig, fit_game_model

REFITS = ("monthly", "weekly", "none")
BASELINES = ("model", "home", "elo", "fivethirtyeight", "market_spread", "market_moneyline")


def season_games(ds: Dataset, season: str) -> pd.DataFrame:
    f = ds.frame
    return f[(f["season"] == season) & (f["game_type"] == "regular_season") & f["home_win"].notna()]


def period_starts(dates: pd.Series, refit: str) -> list[pd.Timestamp]:
    """First day of each refit period covering ``dates``."""
    if refit not in REFITS:
        raise ValueError(f"unknown refit {refit!r}; expected one of {REFITS}")
    first, last = dates.min(), dates.max()
    starts = [first]
    if refit == "monthly":
        m = (first + pd.offsets.MonthBegin(1)).normalize()
        while m <= last:
            starts.append(m)
            m = (m + pd.offsets.MonthBegin(1)).normalize()
    elif refit == "weekly":
        w = first + pd.Timedelta(days=7)
        while w <= last:
            starts.append(w)
            w += pd.Timedelta(days=7)
    return starts


def walk_forward(
    ds: Dataset,
    season: str,
    refit: str = "monthly",
    config: ModelConfig | None = None,
    features: list[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> pd.DataFrame:
    """Predictions for every finished regular-season game of ``season``.

    Returns game_id, game_date, prob_home, trained_through (last training date), period_start.
    """
    features = features or ds.features
    target = season_games(ds, season)
    if target.empty:
        raise ValueError(f"no finished regular-season games for season {season}")
    history = ds.frame[(ds.frame["game_type"] == "regular_season") & ds.frame["home_win"].notna()]
    starts = period_starts(target["game_date"], refit)
    ends = [*starts[1:], target["game_date"].max() + pd.Timedelta(days=1)]
    out = []
    for start, end in zip(starts, ends, strict=True):
        games = target[(target["game_date"] >= start) & (target["game_date"] < end)]
        if games.empty:
            if progress:
                progress(1)
            continue
        train = history[history["game_date"] < start]
        model = fit_game_model(train, features, config)
        out.append(
            pd.DataFrame(
                {
                    "game_id": games["game_id"].to_numpy(),
                    "game_date": games["game_date"].to_numpy(),
                    "prob_home": model.predict_proba(games),
                    "period_start": start,
                    "trained_through": train["game_date"].max(),
                    "kind": model.kind,
                    "calibration": model.calibrator.method,
                }
            )
        )
        if progress:
            progress(1)
    return pd.concat(out, ignore_index=True)


def baseline_probabilities(ds: Dataset, season: str, model_preds: pd.DataFrame) -> pd.DataFrame:
    """One row per game: outcome and every forecaster's P(home) (NaN where it has no data)."""
    games = season_games(ds, season)
    history = ds.frame[
        (ds.frame["game_type"] == "regular_season")
        & ds.frame["home_win"].notna()
        & (ds.frame["game_date"] < games["game_date"].min())
    ]
    home_rate = float(history["home_win"].mean()) if len(history) else 0.55
    df = games[
        [
            "game_id",
            "game_date",
            "home_win",
            "elo_prob_home",
            "elo538_prob_home",
            "home_spread",
            "home_moneyline",
            "away_moneyline",
        ]
    ].merge(model_preds[["game_id", "prob_home", "trained_through"]], on="game_id")
    ml_home, _ = devig(df["home_moneyline"], df["away_moneyline"])
    return pd.DataFrame(
        {
            "game_id": df["game_id"],
            "game_date": df["game_date"],
            "home_win": df["home_win"].astype(float),
            "model": df["prob_home"],
            "home": home_rate,
            "elo": df["elo_prob_home"],
            "fivethirtyeight": df["elo538_prob_home"],
            "market_spread": spread_probability(df["home_spread"]),
            "market_moneyline": ml_home,
            "home_moneyline": df["home_moneyline"],
            "away_moneyline": df["away_moneyline"],
            "trained_through": df["trained_through"],
        }
    )


def forecasters(probs: pd.DataFrame) -> list[str]:
    """The forecasters with a probability for at least one game (FiveThirtyEight stops after 2022-23)."""
    return [name for name in BASELINES if probs[name].notna().any()]


def common_games(probs: pd.DataFrame) -> pd.Series:
    """Games every present forecaster has a probability for: the one set every score is computed on."""
    return probs[forecasters(probs)].notna().all(axis=1)


def score(probs: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Every present forecaster scored on the common games, with its own coverage of the season beside it."""
    common = common_games(probs)
    out = {}
    for name in forecasters(probs):
        out[name] = summarize(probs.loc[common, "home_win"], probs.loc[common, name])
        out[name]["coverage"] = int(probs[name].notna().sum())
    return out


def model_vs_market(probs: pd.DataFrame, column: str = "model") -> dict[str, float] | None:
    """Model and market-spread Brier on the common games (and ``column`` covered), and their ratio."""
    m = common_games(probs) & probs[column].notna()
    if not m.any():
        return None
    b_model = brier(probs.loc[m, "home_win"], probs.loc[m, column])
    b_market = brier(probs.loc[m, "home_win"], probs.loc[m, "market_spread"])
    return {"games": int(m.sum()), "model_brier": b_model, "market_spread_brier": b_market, "ratio": b_model / b_market}


@dataclass
class BacktestResult:
    season: str
    refit: str
    probs: pd.DataFrame
    metrics: dict[str, dict[str, float]]
    reliability: dict[str, pd.DataFrame]
    vs_market: dict[str, float] | None
    ablation: dict[str, Any] | None = None
    model_kinds: dict[str, int] = field(default_factory=dict)
    calibrations: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "season": self.season,
            "games": int(len(self.probs)),
            "common_games": int(common_games(self.probs).sum()),
            "models": self.metrics,
        }
        if self.ablation is not None:
            body["ablation"] = self.ablation
        return body


def run_backtest(
    ds: Dataset,
    season: str,
    refit: str = "monthly",
    config: ModelConfig | None = None,
    progress: Callable[[int], None] | None = None,
) -> BacktestResult:
    preds = walk_forward(ds, season, refit, config, progress=progress)
    probs = baseline_probabilities(ds, season, preds)
    ablation = None
    if ds.has_avail():
        without = walk_forward(ds, season, refit, config, features=ds.without_avail(), progress=progress)
        probs = probs.merge(
            without[["game_id", "prob_home"]].rename(columns={"prob_home": "model_without_avail"}),
            on="game_id",
            how="left",
        )
        ablation = ablation_summary(probs, [c for c in ds.features if AVAIL_MARKER in c])
    reliability = {
        name: reliability_table(probs.loc[probs[name].notna(), "home_win"], probs.loc[probs[name].notna(), name])
        for name in BASELINES
        if probs[name].notna().any()
    }
    return BacktestResult(
        season=season,
        refit=refit,
        probs=probs,
        metrics=score(probs),
        reliability=reliability,
        vs_market=model_vs_market(probs),
        ablation=ablation,
        model_kinds=preds["kind"].value_counts().to_dict(),
        calibrations=preds["calibration"].value_counts().to_dict(),
    )


def ablation_summary(probs: pd.DataFrame, avail_features: list[str]) -> dict[str, Any]:
    """Model with vs without the ``*_avail_*`` features on the same games."""
    y = probs["home_win"]
    with_b = brier(y, probs["model"])
    without_b = brier(y, probs["model_without_avail"])
    before = model_vs_market(probs, "model_without_avail")
    after = model_vs_market(probs, "model")
    return {
        "games": int(len(probs)),
        "avail_features": sorted(avail_features),
        "brier_with_avail": with_b,
        "brier_without_avail": without_b,
        "brier_difference": with_b - without_b,
        "market_ratio_without_avail": before["ratio"] if before else None,
        "market_ratio_with_avail": after["ratio"] if after else None,
    }


# ---- the command: run against the warehouse, record in ops, write JSON and the report ----


def check_season_name(season: str, known: list[str]) -> None:
    import re

    from warehouse.errors import InputError

    if not re.fullmatch(r"\d{4}-\d{2}", season or ""):
        raise InputError(f"season {season!r} is not in the form YYYY-YY (e.g. 2023-24)")
    if season not in known:
        listed = ", ".join(known) or "none (load and build data first)"
        raise InputError(f"unknown season {season}; seasons in the warehouse: {listed}")


def check_season(ds: Dataset, season: str) -> None:
    from warehouse.errors import InputError

    check_season_name(season, ds.seasons)
    games = season_games(ds, season)
    if games.empty:
        raise InputError(f"season {season} has no finished regular-season games to backtest")
    f = ds.frame
    before = f[
        (f["game_date"] < games["game_date"].min()) & f["home_win"].notna() & (f["game_type"] == "regular_season")
    ]
    if len(before) < 200:
        raise InputError(
            f"season {season} has only {len(before)} finished games before it to train on "
            f"(need 200): backtest a later season"
        )


def record(conn, run_id: str, result: BacktestResult, config: ModelConfig, report_path: str | None) -> int:
    """Write the run and every forecaster's per-game probability to ops (one transaction)."""
    import json

    names = [n for n in (*BASELINES, "model_without_avail") if n in result.probs]
    rows = []
    for r in result.probs.itertuples(index=False):
        for name in names:
            p = getattr(r, name)
            if p is None or np.isnan(p):
                continue
            rows.append(
                (
                    run_id,
                    result.season,
                    result.refit,
                    r.game_id,
                    r.game_date.date(),
                    name,
                    float(p),
                    bool(r.home_win),
                    None if pd.isna(r.trained_through) else pd.Timestamp(r.trained_through).date(),
                )
            )
    body = result.to_json()
    body["vs_market"] = result.vs_market
    with conn.transaction():
        conn.execute(
            "update ops.backtest_runs set finished_at=now(), status='succeeded', games=%s, metrics=%s,"
            " report_path=%s, config=%s where run_id=%s",
            (
                len(result.probs),
                json.dumps(body, default=float),
                report_path,
                json.dumps(config.as_dict(), default=str),
                run_id,
            ),
        )
        with conn.cursor() as cur:
            cur.executemany(
                "insert into ops.backtest_predictions (run_id, season, refit, game_id, game_date,"
                " model_name, prob_home, home_win, trained_through) values (%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                rows,
            )
    return len(rows)
