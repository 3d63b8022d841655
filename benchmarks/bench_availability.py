"""Availability benchmark: the walk-forward ablation with and without the ``_avail_`` features.

For each season the default model is backtested twice on the same games (monthly refits, trained
only on games before each period): once with every feature of ``marts.fct_pregame_features`` and once
without the columns containing ``_avail_``. Reports Brier with/without, the difference (target:
<= -0.003 per season on 2022-23 and 2023-24), the market-spread Brier and the model/market ratio
before and after, plus the injured-list name-match rate per season (target >= 97% from 2018-19).

2021-22 is the season the feature choice and parameters were tuned on (docs/decisions/
0006-availability-features.md); 2022-23 and 2023-24 are the target seasons.

Needs a built warehouse with the players/ data loaded (`make run`, or `courtside ingest snapshot
--dir data` + `courtside build`) in the configured database. Run:
``.venv/bin/python -m benchmarks.bench_availability [--seasons 2022-23,2023-24]``
(writes the "availability" section of benchmarks/REPORT.md).
"""

from __future__ import annotations

import argparse
import time

from benchmarks.report import write_section

SEASONS = ("2021-22", "2022-23", "2023-24")
TUNING_SEASON = "2021-22"
TARGET = -0.003


def match_rates(conn) -> list[tuple[str, int, int]]:
    """Names matched per season, by the same function (and season calendar) the ingest tests use."""
    from ingest.news.player_names import match_rates as rates

    cur = conn.execute(
        "select log_date, acquired, acquired_player_id, relinquished, relinquished_player_id from raw_news.injury_log"
    )
    cols = [d.name for d in cur.description]
    by_season = rates(dict(zip(cols, r, strict=True)) for r in cur.fetchall())
    return [(season, int(v["names"]), int(v["matched"])) for season, v in by_season.items()]


def ablation_table(results: dict) -> str:
    lines = [
        "| season | games | Brier without `_avail_` | Brier with | difference | market-spread Brier | "
        "model/market before | after | target (<= -0.003) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for season, r in results.items():
        a = r.ablation
        market = r.metrics.get("market_spread", {}).get("brier")
        note = "tuning season" if season == TUNING_SEASON else ("met" if a["brier_difference"] <= TARGET else "missed")
        lines.append(
            f"| {season} | {a['games']:,} | {a['brier_without_avail']:.4f} | {a['brier_with_avail']:.4f} | "
            f"{a['brier_difference']:+.4f} | {'-' if market is None else f'{market:.4f}'} | "
            f"{a['market_ratio_without_avail']:.3f} | {a['market_ratio_with_avail']:.3f} | {note} |"
        )
    return "\n".join(lines)


# Reference diagnostic (NOT a feature, leaks by design): who actually did not play in game G, among the
# players of the team's last 10 games, summarized like the real features (share of last-10 minutes,
# Game Score value above replacement). It says how much a perfect injury report could add with
# features of this kind and this model; the real features use only what was known that morning.
ORACLE_SQL = """
with slots as (
    select game_id, team_id, season, games_before from intermediate.int_team_schedules_sequenced
    where season = any(%(seasons)s)),
played as (
    select s.game_id, s.team_id, s.season, s.games_before + 1 as n
    from slots s join marts.fct_team_games t using (game_id, team_id)),
recent as (
    select s.game_id as target, s.team_id, p.game_id from slots s join played p
    on p.team_id = s.team_id and p.season = s.season and p.n between s.games_before - 9 and s.games_before),
rm as (
    select r.target as game_id, r.team_id, g.player_id, sum(g.minutes) as m, sum(g.game_score) as gs, count(*) as g
    from recent r join marts.fct_player_games g on g.game_id = r.game_id and g.team_id = r.team_id
    group by 1, 2, 3),
tot as (select game_id, team_id, sum(m) as m from rm group by 1, 2),
absent as (
    select rm.* from rm left join marts.fct_player_games pg
    on pg.game_id = rm.game_id and pg.team_id = rm.team_id and pg.player_id = rm.player_id
    where pg.player_id is null)
select tot.game_id, tot.team_id,
    coalesce(sum(absent.m), 0) / tot.m as oracle_share,
    coalesce(sum(greatest(absent.gs - 10.5 / 36 * absent.m, 0) / absent.g), 0) as oracle_value
from tot left join absent using (game_id, team_id)
group by tot.game_id, tot.team_id, tot.m
"""


def oracle_rows(ds, conn, seasons, config) -> list[str]:
    """Brier change of diff-only features: ours (morning-of) vs the leaky ceiling, same games and model."""
    import pandas as pd

    from ml.backtest import season_games, walk_forward
    from ml.metrics import brier

    cur = conn.execute(ORACLE_SQL, {"seasons": list(seasons)})
    tv = pd.DataFrame(cur.fetchall(), columns=[d.name for d in cur.description])
    for c in ("oracle_share", "oracle_value"):
        tv[c] = tv[c].astype(float)
    f = ds.frame
    for side in ("home", "away"):
        f = f.merge(
            tv.rename(
                columns={"team_id": f"{side}_team_id", "oracle_share": f"{side}_os", "oracle_value": f"{side}_ov"}
            ),
            on=["game_id", f"{side}_team_id"],
            how="left",
        )
    f["oracle_diff_share"] = (f["home_os"] - f["away_os"]).fillna(0)
    f["oracle_diff_value"] = (f["home_ov"] - f["away_ov"]).fillna(0)
    ds.frame = f
    base = ds.without_avail()
    ours = base + [c for c in ds.features if c.startswith("diff_avail_")]
    rows = []
    for season in seasons:
        y = season_games(ds, season).set_index("game_id")["home_win"]
        b = {}
        for name, feats in (
            ("base", base),
            ("ours", ours),
            ("oracle", [*base, "oracle_diff_share", "oracle_diff_value"]),
        ):
            p = walk_forward(ds, season, "monthly", config, features=feats).set_index("game_id")["prob_home"]
            b[name] = brier(y.loc[p.index].to_numpy(), p.to_numpy())
        rows.append(
            f"| {season} | {b['base']:.4f} | {b['ours'] - b['base']:+.4f} | {b['oracle'] - b['base']:+.4f} | "
            f"{(b['ours'] - b['base']) / (b['oracle'] - b['base']):.0%} |"
        )
    return rows


def main(seasons: tuple[str, ...] = SEASONS, oracle: bool = False, kinds: tuple[str, ...] | None = None) -> str:
    from ml.backtest import run_backtest
    from ml.data import load_dataset
    from ml.model import DEFAULT_KIND, KINDS, ModelConfig
    from warehouse.db import connect
    from warehouse.errors import CourtsideError
    from warehouse.settings import get_settings

    kinds = kinds or (DEFAULT_KIND, *[k for k in KINDS if k != DEFAULT_KIND])
    with connect() as conn:
        ds = load_dataset(conn)
        rates = match_rates(conn)
    if not ds.has_avail():
        raise CourtsideError("marts.fct_pregame_features has no _avail_ columns: build the warehouse first")
    tables, seconds, ceiling = [], {}, []
    for kind in kinds:
        config = ModelConfig(kind=kind, seed=get_settings().models.seed)  # what `courtside backtest --kind` uses
        results = {}
        for season in seasons:
            started = time.perf_counter()
            results[season] = run_backtest(ds, season, "monthly", config)
            seconds[(kind, season)] = time.perf_counter() - started
            if not results[season].ablation:
                raise CourtsideError(f"backtest of {season} reported no ablation")
        label = f"`{kind}`" + (" (the default model)" if kind == DEFAULT_KIND else "")
        tables.append(f"Model {label}:\n\n" + ablation_table(results))
        if oracle and kind == DEFAULT_KIND:
            with connect() as conn:
                ceiling = oracle_rows(load_dataset(conn), conn, seasons, config)
    avail = [c for c in ds.features if "_avail_" in c]
    rate_lines = ["| season | names | matched | rate |", "|---|---:|---:|---:|"]
    rate_lines += [f"| {s} | {n:,} | {m:,} | {m / n:.2%} |" for s, n, m in rates]
    body = (
        f"Walk-forward ablation (monthly refits): the same games with and without the {len(avail)} `_avail_` "
        f"columns ({', '.join(f'`{c}`' for c in sorted(avail))}). {TUNING_SEASON} is the tuning season; "
        "2022-23 and 2023-24 are the targets.\n\n"
        + "\n\n".join(tables)
        + "\n\nSeconds per season (both fits): "
        + ", ".join(f"{k} {s} {t:.0f}" for (k, s), t in seconds.items())
        + "\n\nInjured-list names matched to NBA.com player ids (acquired + relinquished names; target "
        ">= 97% from 2018-19):\n\n"
        + "\n".join(rate_lines)
        + (
            f"\n\nOracle reference (`{DEFAULT_KIND}`, diff-only columns, same games): Brier change with our "
            "morning-of features vs with a leaky oracle built from who actually did not play in the game "
            "(share of last-10 minutes and value of the absentees). Not a feature: a reference for what a "
            "perfect injury report adds with features of this simple kind (not a strict bound).\n\n"
            "| season | Brier without | ours (diff only) | oracle (leaky) | ours / oracle |\n"
            "|---|---:|---:|---:|---:|\n" + "\n".join(ceiling)
            if ceiling
            else ""
        )
        + "\n\nCommand: `.venv/bin/python -m benchmarks.bench_availability` (same numbers as "
        "`courtside backtest --season S [--kind K] --json out.json` -> `ablation`)."
    )
    write_section("availability", body)
    return body


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seasons", default=",".join(SEASONS))
    parser.add_argument("--oracle", action="store_true", help="add the leaky oracle reference (slow)")
    parser.add_argument("--kinds", default="", help="model kinds, e.g. xgboost,logistic (default: both)")
    args = parser.parse_args()
    seasons = tuple(s.strip() for s in args.seasons.split(",") if s.strip())
    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip()) or None
    print(main(seasons, oracle=args.oracle, kinds=kinds))
