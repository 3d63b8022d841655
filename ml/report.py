"""The backtest report: markdown with a metrics table, calibration and cumulative-Brier plots
(PNG, matplotlib Agg), the betting simulation and the availability ablation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ml.backtest import BASELINES, BacktestResult  # noqa: E402
from ml.betting import sweep  # noqa: E402

LABELS = {
    "model": "our model",
    "home": "home team",
    "elo": "Elo",
    "fivethirtyeight": "FiveThirtyEight Elo",
    "market_spread": "market (spread)",
    "market_moneyline": "market (moneyline, de-vigged)",
}


def calibration_plot(result: BacktestResult, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(6, 6))
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="perfect")
    for name in ("model", "elo", "market_spread"):
        table = result.reliability.get(name)
        if table is None:
            continue
        t = table[table["games"] >= 10]
        ax.plot(t["mean_prob"], t["observed"], marker="o", label=f"{LABELS[name]}")
    ax.set_xlabel("forecast P(home wins)")
    ax.set_ylabel("observed home-win rate")
    ax.set_title(f"Calibration, {result.season} walk-forward ({result.refit} refit)")
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def cumulative_brier_plot(result: BacktestResult, path: Path) -> None:
    probs = result.probs.sort_values(["game_date", "game_id"], kind="stable")
    cols = [
        c
        for c in ("model", "elo", "fivethirtyeight", "market_spread", "market_moneyline", "home")
        if probs[c].notna().all()
    ]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    y = probs["home_win"].to_numpy()
    for name in cols:
        err = (probs[name].to_numpy() - y) ** 2
        ax.plot(probs["game_date"].to_numpy(), np.cumsum(err) / np.arange(1, len(err) + 1), label=LABELS[name])
    ax.set_ylabel("cumulative Brier (lower is better)")
    ax.set_title(f"Brier over the {result.season} season, games all forecasters cover")
    ax.set_ylim(0.17, 0.27)
    ax.legend(fontsize=8)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _fmt(v, digits=4) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return "-"
    return f"{v:.{digits}f}" if isinstance(v, float) else str(v)


def _table(headers: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_fmt(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def metrics_markdown(result: BacktestResult) -> str:
    rows = [
        [LABELS[n], m["games"], m["coverage"], m["accuracy"], m["brier"], m["log_loss"], m["ece"]]
        for n in BASELINES
        if (m := result.metrics.get(n))
    ]
    return _table(["forecaster", "games scored", "games covered", "accuracy", "Brier", "log loss", "ECE"], rows)


def betting_markdown(result: BacktestResult) -> tuple[str, str]:
    table = sweep(result.probs)
    rows = [
        [
            r.staking,
            f"{r.threshold:.2f}",
            r.bets,
            r.wins,
            r.staked,
            r.profit,
            f"{100 * r.roi:+.1f}%",
            r.max_drawdown,
            r.final_bankroll,
        ]
        for r in table.itertuples()
    ]
    md = _table(["staking", "edge >", "bets", "wins", "staked", "profit", "ROI", "max drawdown", "bankroll"], rows)
    flat = table[table["staking"] == "flat"]
    losing = flat[flat["profit"] < 0]
    if flat["bets"].max() == 0:
        verdict = "No game of this season has both moneylines, so no bets were simulated."
    elif len(losing) == len(flat):
        verdict = (
            "**It loses money at every threshold.** The market's closing prices already contain what the "
            "model knows (and more, such as who is playing tonight); the vig does the rest."
        )
    elif len(losing):
        winners = flat[flat["profit"] >= 0]
        noise = all(r.roi < 2 * r.roi_se for r in winners.itertuples())
        shown = "; ".join(
            f"edge > {r.threshold:.2f}: {r.bets} bets, ROI {100 * r.roi:+.1f}% (standard error {100 * r.roi_se:.1f}%)"
            for r in winners.itertuples()
        )
        verdict = f"It loses money at {len(losing)} of {len(flat)} thresholds (flat staking). Profitable: {shown}" + (
            " - each within two standard errors of zero, so no evidence of an edge." if noise else "."
        )
    else:
        verdict = (
            "It shows a profit at every threshold here; with one season of bets this is within what luck "
            "produces, so treat it as no evidence of an edge until it repeats out of sample."
        )
    return md, verdict


def ablation_markdown(result: BacktestResult) -> str:
    a = result.ablation
    if a is None:
        return (
            "No player-availability features (columns matching `_avail_`) are in "
            "`marts.fct_pregame_features` yet, so there is nothing to ablate. When they appear, this section "
            "compares the model with and without them on the same games."
        )
    rows = [
        ["with availability", a["brier_with_avail"], a["market_ratio_with_avail"]],
        ["without availability", a["brier_without_avail"], a["market_ratio_without_avail"]],
    ]
    return (
        _table(["model", "Brier", "model / market-spread Brier"], rows)
        + f"\n\nBrier difference (with - without): {a['brier_difference']:+.4f} on {a['games']} games; "
        f"availability features: {', '.join(a['avail_features'])}."
    )


def write_report(result: BacktestResult, directory: Path, run_id: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    calibration_plot(result, directory / "calibration.png")
    cumulative_brier_plot(result, directory / "cumulative_brier.png")
    vm = result.vs_market
    ratio = (
        f"On the {vm['games']} games with a spread, model Brier {vm['model_brier']:.4f} vs market "
        f"{vm['market_spread_brier']:.4f}: **ratio {vm['ratio']:.3f}**."
        if vm
        else "No market spreads."
    )
    model_rel = result.reliability["model"]
    rel = _table(
        ["bin", "games", "mean forecast", "observed"],
        [[f"{r.lower:.1f}-{r.upper:.1f}", r.games, r.mean_prob, r.observed] for r in model_rel.itertuples() if r.games],
    )
    bet_md, verdict = betting_markdown(result)
    kinds = ", ".join(f"{k} ({v} games)" for k, v in result.model_kinds.items())
    cals = ", ".join(f"{k} ({v} games)" for k, v in result.calibrations.items())
    text = f"""# Walk-forward backtest {result.season} ({result.refit} refit)

Run `{run_id}`, written {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC. Every game was predicted by a model
trained only on games dated before the start of its refit period; every forecaster is scored on the
same games: those every forecaster with data this season covers (`games scored`); `games covered` is
each forecaster's own coverage of the season's games. Model: {kinds}; calibration chosen per refit:
{cals}. Betting lines are never model inputs.

## Scores

{metrics_markdown(result)}

{ratio}

## Calibration

![calibration](calibration.png)

Reliability of our model (10 equal-width bins):

{rel}

## Brier over the season

![cumulative Brier](cumulative_brier.png)

## Betting simulation (closing moneylines, de-vigged for the edge, paid at the quoted price)

{verdict}

{bet_md}

Flat: 1 unit per bet, drawdown in units. Kelly: {0.25} x Kelly of the bankroll at the start of each game
day, at most 5% per bet, from 100 units; drawdown in bankroll units.

## Ablation: player availability

{ablation_markdown(result)}
"""
    path = directory / "report.md"
    path.write_text(text)
    return path


def summary_markdown(results: list[dict], ratios: list[float | None] | None = None) -> str:
    """A multi-season table from backtest JSON bodies; ``ratios`` are model / market-spread Brier on the
    games both cover (``BacktestResult.vs_market``), else computed from the two entries' own games."""
    rows = []
    for i, body in enumerate(results):
        m = body["models"]
        ratio = (
            ratios[i]
            if ratios
            else (m["model"]["brier"] / m["market_spread"]["brier"] if "market_spread" in m else None)
        )
        games = body.get("common_games", body["games"])
        rows.append([body["season"], games] + [m[n]["brier"] if n in m else None for n in BASELINES] + [ratio])
    return _table(["season", "common games", *[f"{n} Brier" for n in BASELINES], "model/market_spread"], rows)


__all__ = ["write_report", "summary_markdown", "pd"]
