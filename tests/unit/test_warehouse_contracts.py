"""The fct_pregame_features contract is generated: the committed yml, the generator and the SQL
macro lists (dbt_project/macros/features/feature_config.sql) must agree, or the enforced contract
breaks the build at the first run after someone edits only one of them."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "dbt_project" / "scripts" / "generate_core_contracts.py"
CONTRACT = ROOT / "dbt_project" / "models" / "marts" / "core" / "_core__pregame_features.yml"
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


def test_generator_lists_match_the_sql_macros():
    gen = generator()
    assert re.findall(r"'(\w+)'", macro_body("form_metrics")) == list(gen.FORM_METRICS)
    assert re.findall(r"'(\w+)':", macro_body("form_windows")) == list(gen.WINDOWS)
    team = re.findall(r"\('(\w+)', '([\w ]+)'\)", macro_body("team_feature_columns"))
    assert team == [(stem, dtype) for stem, dtype, _ in gen.TEAM_COLUMNS]
    avail = re.findall(r"\('(\w+)', '([\w ]+)'\)", macro_body("availability_feature_columns"))
    assert avail == [(stem, dtype) for stem, dtype, _ in gen.AVAIL]
    flags = re.findall(r"'(\w+)'", macro_body("availability_flag_columns"))
    assert ["avail_" + f for f in flags] == [name for name, _, _ in gen.AVAIL_FLAGS]
