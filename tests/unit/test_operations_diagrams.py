"""The daily operations diagram in docs/runbooks/diagrams.md draws exactly the steps and needs of the daily run."""

from __future__ import annotations

import re

from app.pipeline.steps import STEPS
from tests.support.paths import ROOT


def daily_flow_edges() -> set[tuple[str, str]]:
    text = (ROOT / "docs" / "runbooks" / "diagrams.md").read_text()
    block = text.split("## The daily operations flow", 1)[1].split("```mermaid", 1)[1].split("```", 1)[0]
    edges = set()
    for line in block.splitlines():
        m = re.match(r"\s*(\w+)(?:\[.*?\])?\s*-->\s*(\w+)", line)
        if m:
            edges.add((m.group(1), m.group(2)))
    return edges


def test_the_daily_flow_diagram_matches_the_steps():
    expected = {(need, step.name) for step in STEPS for need in step.needs}
    assert daily_flow_edges() == expected
