"""The dbt DAG flows with the folders: staging -> intermediate -> marts, never back up.

Read from the manifest of a real ``dbt parse`` (no database needed): a model's layer is the folder
it lives in, and its name says the same (stg_ / int_ / anything else in marts).
"""

from __future__ import annotations

import pytest

from warehouse.dbt import invoke

LAYERS = ("staging", "intermediate", "marts")
# What each layer may read besides sources and seeds.
MAY_READ = {"staging": set(), "intermediate": {"staging", "intermediate"}, "marts": set(LAYERS)}
PREFIX = {"staging": "stg_", "intermediate": "int_"}


@pytest.fixture(scope="module")
def models(courtside_home) -> dict[str, object]:
    # parse never connects; the URL only fills in the rendered profile
    result = invoke(["parse"], "postgresql://postgres:@localhost:5432/parse_only", quiet=True)
    assert result.success, result.exception
    return {uid: n for uid, n in result.result.nodes.items() if n.resource_type == "model"}


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
