"""The fct_pregame_features contract is generated from the feature catalogue (vars.feature_catalogue in
dbt_project.yml), which the SQL macros (dbt_project/macros/features/feature_config.sql) read too: the
committed yml must be what the generator writes, and no feature list may live anywhere else."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "dbt_project" / "scripts" / "generate_core_contracts.py"
CONTRACT = ROOT / "dbt_project" / "models" / "marts" / "core" / "_core__pregame_features.yml"
FEATURE_MACROS = (
    "form_metrics",
    "form_windows",
    "team_feature_columns",
    "h2h_feature_columns",
    "availability_feature_columns",
    "availability_flag_columns",
)
MACROS = (ROOT / "dbt_project" / "macros" / "features" / "feature_config.sql").read_text()


def generator():
    spec = importlib.util.spec_from_file_location("generate_core_contracts", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def macro_body(name: str) -> str:
    match = re.search(r"{%\s*macro\s+" + name + r"\(.*?{%-?\s*endmacro", MACROS, re.S)
    assert match, f"macro {name} not found"
    return match.group(0)


def test_committed_contract_is_what_the_generator_writes(tmp_path):
    out = tmp_path / "contract.yml"
    generator().main(out)
    assert out.read_text() == CONTRACT.read_text(), (
        "_core__pregame_features.yml differs from the generator: edit "
        "dbt_project/scripts/generate_core_contracts.py and rerun it"
    )


def test_the_sql_macros_list_no_feature_of_their_own():
    from warehouse.feature_catalogue import catalogue

    names = {item["name"] for group in catalogue().values() for item in group}
    for macro in FEATURE_MACROS:
        body = macro_body(macro)
        assert "var('feature_catalogue')" in body, f"{macro} must read the feature catalogue"
        written = names & set(re.findall(r"'(\w+)'", body))
        assert not written, f"{macro} writes feature names {written} instead of reading the catalogue"


def test_the_generator_lists_no_feature_of_its_own():
    from warehouse.feature_catalogue import catalogue

    source = SCRIPT.read_text()
    stems = {item["name"] for group in catalogue().values() for item in group} - {"is_neutral_site"}
    assert not {s for s in stems if f'"{s}"' in source or f"'{s}'" in source}
