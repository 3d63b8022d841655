"""The dbt DAG flows with the folders: staging -> intermediate -> marts, never back up; exposures
name what their consumers read.

Read from the manifest of a real ``dbt parse`` (no database needed): a model's layer is the folder
it lives in, and its name says the same (stg_ / int_ / anything else in marts).
"""

from __future__ import annotations

import re

import pytest

from tests.support.paths import ROOT
from warehouse.dbt import invoke

LAYERS = ("staging", "intermediate", "marts")
# What each layer may read besides sources and seeds.
MAY_READ = {"staging": set(), "intermediate": {"staging", "intermediate"}, "marts": set(LAYERS)}
PREFIX = {"staging": "stg_", "intermediate": "int_"}


# Python consumers of the marts: the exposure that must list every mart their code reads.
CONSUMERS = {
    "ml_training_and_prediction": ("ml/*.py",),
    "ml_monitoring": ("ml/mlops/*.py",),
    "intelligence_briefs": ("intel/*.py",),
}


@pytest.fixture(scope="module")
def manifest(courtside_home):
    # parse never connects; the URL only fills in the rendered profile
    result = invoke(["parse"], "postgresql://postgres:@localhost:5432/parse_only", quiet=True)
    assert result.success, result.exception
    return result.result


@pytest.fixture(scope="module")
def models(manifest) -> dict[str, object]:
    return {uid: n for uid, n in manifest.nodes.items() if n.resource_type == "model"}


def layer(node) -> str:
    parts = node.original_file_path.split("/")
    return parts[parts.index("models") + 1]


def test_every_model_sits_in_a_layer_folder_matching_its_name(models):
    misplaced = []
    for node in models.values():
        where = layer(node)
        if where not in LAYERS:
            misplaced.append(f"{node.name} in {node.original_file_path}")
        elif where in PREFIX and not node.name.startswith(PREFIX[where]):
            misplaced.append(f"{node.name} lacks {PREFIX[where]} in {where}")
        elif where == "marts" and node.name.startswith(tuple(PREFIX.values())):
            misplaced.append(f"{node.name} sits in marts")
    assert not misplaced, misplaced


def test_no_model_reads_a_layer_above_its_own(models):
    upward = [
        f"{node.name} ({layer(node)}) reads {models[dep].name} ({layer(models[dep])})"
        for node in models.values()
        for dep in node.depends_on.nodes
        if dep in models and layer(models[dep]) not in MAY_READ[layer(node)]
    ]
    assert not upward, upward


def test_staging_models_read_sources_only(models):
    for node in models.values():
        if layer(node) == "staging":
            assert node.depends_on.nodes, f"{node.name} reads nothing"
            assert all(dep.startswith("source.") for dep in node.depends_on.nodes), node.name


@pytest.mark.parametrize("exposure", sorted(CONSUMERS))
def test_exposures_list_every_mart_their_consumer_reads(manifest, exposure):
    (node,) = [e for e in manifest.exposures.values() if e.name == exposure]
    listed = {manifest.nodes[uid].name for uid in node.depends_on.nodes if uid.startswith("model.")}
    read = {
        name
        for pattern in CONSUMERS[exposure]
        for path in ROOT.glob(pattern)
        for name in re.findall(r"\bmarts\.(\w+)", path.read_text())
    }
    assert read, f"no marts found in {CONSUMERS[exposure]}"
    assert read <= listed, f"{exposure} does not list {sorted(read - listed)}"
