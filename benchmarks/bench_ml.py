"""ML benchmark: `train` time and one-season walk-forward backtest time (medians of 3), plus the
walk-forward table for 2021-22, 2022-23 and 2023-24 (targets: model Brier below Elo each season;
model / market-spread Brier ratio reported; backtest < 3 min, train < 30 s).

Needs a built warehouse (`make run`, or `courtside ingest snapshot --dir data` + `courtside build`)
in the configured database. Run: ``.venv/bin/python -m benchmarks.bench_ml``
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.report import timed, write_section

SEASONS = ("2021-22", "2022-23", "2023-24")
TIMED_SEASON = "2023-24"


def main(repeat: int = 3) -> None:
    from ml.backtest import run_backtest
    from ml.data import load_dataset
    from ml.model import ModelConfig, fit_game_model
    from ml.registry import save_artifact
    from ml.report import summary_markdown, write_report
    from ml.train import default_cutoff, training_frame
    from warehouse.db import connect
    from warehouse.errors import CourtsideError

    with connect() as conn:
        if not conn.execute("select to_regclass('marts.fct_pregame_features') is not null").fetchone()[0]:
            raise CourtsideError("marts.fct_pregame_features is missing: run `make run` first")
    config = ModelConfig()
    workdir = Path(tempfile.mkdtemp(prefix="courtside_bench_ml_"))
    results = {}

    def train_once():  # what `courtside train` does, minus the registry insert
        with connect() as conn:
            ds = load_dataset(conn)
        cutoff = default_cutoff(ds)
        model = fit_game_model(training_frame(ds, cutoff), ds.features, config)
        save_artifact(model, "bench", workdir)
        results["train_rows"] = model.train_rows
        results["features"] = len(model.features)
        results["kind"] = f"{model.kind} ({model.calibrator.method} calibration)"

    def backtest_once(season: str = TIMED_SEASON):  # `courtside backtest`, minus the ops inserts
        with connect() as conn:
            ds = load_dataset(conn)
        result = run_backtest(ds, season, "monthly", config)
        write_report(result, workdir / f"report-{season}", "bench")
        results[season] = result
        return result

    train_median, train_runs = timed(train_once, repeat)
    bt_median, bt_runs = timed(backtest_once, repeat)
    others = {}
    for season in SEASONS:
        if season == TIMED_SEASON:
            continue
        started = time.perf_counter()
        backtest_once(season)
        others[season] = time.perf_counter() - started
    bodies = [results[s].to_json() for s in SEASONS]
    ablation_rows = []
    for s in SEASONS:
        a = results[s].ablation
        if a:
            ablation_rows.append(
                f"| {s} | {a['brier_without_avail']:.4f} | {a['brier_with_avail']:.4f} | "
                f"{a['brier_difference']:+.4f} | {a['market_ratio_without_avail']:.3f} | "
                f"{a['market_ratio_with_avail']:.3f} |"
            )
    ablation = (
        (
            "\n\nAvailability ablation (same games, same settings):\n\n| season | Brier without `_avail_` | "
            "Brier with | difference | ratio to market before | after |\n|---|---:|---:|---:|---:|---:|\n"
            + "\n".join(ablation_rows)
        )
        if ablation_rows
        else ""
    )
    body = (
        f"Model: {results['kind']}, {results['features']} features, {results['train_rows']:,} training games.\n\n"
        "| step | median s | runs (s) | target |\n|---|---:|---|---|\n"
        f"| train (load marts + Elo, fit, calibrate, save) | {train_median:.1f} | "
        f"{', '.join(f'{r:.1f}' for r in train_runs)} | < 30 s |\n"
        f"| backtest {TIMED_SEASON} monthly refit (load, walk-forward incl. ablation, report) | {bt_median:.1f} | "
        f"{', '.join(f'{r:.1f}' for r in bt_runs)} | < 180 s |\n\n"
        + "Other seasons (one run each): "
        + ", ".join(f"{s} {t:.1f} s" for s, t in others.items())
        + ".\n\n"
        "Walk-forward Brier, monthly refit, every forecaster on the same games: those all forecasters with "
        "data that season cover (fivethirtyeight: no data after 2022-23; coverage per forecaster in the "
        "backtest JSON). 2021-22 is the tuning season: every modelling choice was made on seasons up to "
        "2021-22; 2022-23 and 2023-24 are reported, never tuned on.\n\n"
        + summary_markdown(bodies, [results[s].vs_market["ratio"] for s in SEASONS])
        + ablation
        + "\n"
    )
    write_section("ml", body)
    print(body)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per step (the median is reported)")
    main(parser.parse_args().repeat)
