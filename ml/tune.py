"""Choose hyperparameters for the NEXT season: walk-forward on earlier seasons only.

``python -m ml.tune --seasons 2018-19 2019-20 2020-21`` replays each season with monthly refits
for every configuration of a small grid and ranks them by log loss over all replayed games
(Brier alongside). The winner's settings become the defaults in ``ml/model.py``; the seasons we
report (2021-22 onwards) are never used to choose them. Never a random split.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time

import pandas as pd

from ml.backtest import walk_forward
from ml.data import Dataset
from ml.metrics import brier, log_loss
from ml.model import DEFAULT_XGB, ModelConfig

TUNE_SEASONS = ("2018-19", "2019-20", "2020-21")


def grid() -> list[ModelConfig]:
    configs = []
    for c in (0.01, 0.02, 0.05):  # lasso
        configs.append(ModelConfig(kind="logistic", logistic_c=c, logistic_l1_ratio=1.0))
    for c, hl in itertools.product((0.001, 0.003), (None, 730.0)):  # ridge
        configs.append(ModelConfig(kind="logistic", logistic_c=c, logistic_l1_ratio=0.0, half_life_days=hl))
    for depth, mcw in itertools.product((2, 3), (20, 60)):
        params = dict(DEFAULT_XGB, max_depth=depth, n_estimators=300, min_child_weight=mcw, learning_rate=0.02)
        configs.append(ModelConfig(kind="xgboost", xgb_params=params))
    return configs


def label(c: ModelConfig) -> str:
    if c.kind == "logistic":
        penalty = "l1" if c.logistic_l1_ratio >= 1 else "l2" if c.logistic_l1_ratio <= 0 else f"en{c.logistic_l1_ratio}"
        return f"logistic {penalty} C={c.logistic_c} half_life={c.half_life_days}"
    p = c.xgb_params
    return (
        f"xgboost depth={p['max_depth']} n={p['n_estimators']} lr={p['learning_rate']} "
        f"mcw={p['min_child_weight']} half_life={c.half_life_days}"
    )


def evaluate(ds: Dataset, config: ModelConfig, seasons=TUNE_SEASONS, refit: str = "monthly") -> dict:
    ys, ps = [], []
    per_season = {}
    for s in seasons:
        preds = walk_forward(ds, s, refit, config)
        y = ds.frame.set_index("game_id").loc[preds["game_id"], "home_win"].to_numpy()
        ys.append(y)
        ps.append(preds["prob_home"].to_numpy())
        per_season[s] = {"brier": brier(y, ps[-1]), "log_loss": log_loss(y, ps[-1])}
    y = pd.Series([v for a in ys for v in a])
    p = pd.Series([v for a in ps for v in a])
    return {"config": label(config), "brier": brier(y, p), "log_loss": log_loss(y, p), "by_season": per_season}


def tune(ds: Dataset, seasons=TUNE_SEASONS, configs: list[ModelConfig] | None = None, log=print) -> pd.DataFrame:
    rows = []
    for config in configs or grid():
        t = time.perf_counter()
        r = evaluate(ds, config, seasons)
        r["seconds"] = round(time.perf_counter() - t, 1)
        log(json.dumps(r, default=float))
        rows.append(r)
    return pd.DataFrame(rows).sort_values("log_loss").reset_index(drop=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seasons", nargs="+", default=list(TUNE_SEASONS))
    parser.add_argument("--kind", choices=["logistic", "xgboost", "all"], default="all")
    args = parser.parse_args()
    from ml.data import load_dataset
    from warehouse.db import connect

    with connect() as conn:
        ds = load_dataset(conn)
    configs = [c for c in grid() if args.kind in ("all", c.kind)]
    table = tune(ds, args.seasons, configs)
    print(table[["config", "log_loss", "brier", "seconds"]].to_string())


if __name__ == "__main__":
    main()
