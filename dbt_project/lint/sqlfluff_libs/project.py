"""Lint-only (sqlfluff's jinja templater): the vars dbt_project.yml declares, for the var() stub."""

from pathlib import Path

import yaml

VARS = yaml.safe_load((Path(__file__).resolve().parents[3] / "dbt_project.yml").read_text()).get("vars") or {}
