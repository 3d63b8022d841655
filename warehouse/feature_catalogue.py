"""The feature catalogue: the one declared list of pregame features (``vars.feature_catalogue`` in
dbt_project.yml).

dbt's macros (macros/features/feature_config.sql) build fct_pregame_features from it, the contract
generator writes the mart's enforced contract from it and ``ml.data`` takes the model's inputs from
it, so a column appears in the mart, in its contract and among the model's inputs only by being
listed there (with ``model: false`` it stays in the mart for analysts but out of the model).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from warehouse.settings import PROJECT_ROOT

SIDES = ("home", "away", "diff")


@dataclass(frozen=True)
class Stem:
    """One per-team feature: the mart carries home_<name>, away_<name> and diff_<name>."""

    name: str
    dtype: str
    description: str
    group: str  # team | form | head_to_head | availability
    model: bool = True

    def columns(self) -> list[str]:
        return [f"{side}_{self.name}" for side in SIDES]


@lru_cache(maxsize=1)
def project_vars() -> dict[str, Any]:
    return yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text())["vars"]


def catalogue() -> dict[str, list[dict[str, Any]]]:
    return project_vars()["feature_catalogue"]


def lookback_days() -> int:
    """Days before the latest box score every incremental build of fct_pregame_features recomputes."""
    return int(project_vars()["features_lookback_days"])


def stems() -> list[Stem]:
    """Every per-team stem in the mart's column order (the order the dbt model writes them)."""
    cat = catalogue()
    out = [Stem(t["name"], t["type"], t["description"], "team") for t in cat["team"]]
    for metric in cat["form_metrics"]:
        for window in cat["form_windows"]:
            text = f"{metric['description']}: {window['description']}"
            out.append(Stem(f"{metric['name']}_{window['name']}", "double precision", text, "form"))
    out += [Stem(h["name"], h["type"], h["description"], "head_to_head") for h in cat["head_to_head"]]
    out += [
        Stem(f"avail_{a['name']}", a["type"], a["description"], "availability", bool(a["model"]))
        for a in cat["availability"]
    ]
    return out


def model_inputs() -> list[str]:
    """The mart columns the game model reads: the catalogue's stems with model: true, and its game columns."""
    sided = [col for stem in stems() if stem.model for col in stem.columns()]
    return sided + [g["name"] for g in catalogue()["game"]]
