"""The one output schema of every summarizer, and the check that keeps it grounded.

An insight or risk signal must cite at least one retrieved document as ``[n]`` (n numbers the
context the summarizer saw); one that cites nothing, or only numbers that do not exist, is
dropped. Citations list the documents actually cited, with where and when they came from.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

CONFIDENCE = ("low", "medium", "high")
CITE = re.compile(r"\[(\d+)\]")


@dataclass
class Insight:
    text: str
    citations: list[int]


@dataclass
class RiskSignal:
    code: str
    detail: str
    citations: list[int]
    team: str | None = None


@dataclass
class Citation:
    n: int
    doc_id: str
    kind: str
    source: str
    title: str
    published_at: str
    url: str | None
    freshness_hours: float
    stale: bool
    noisy: bool


@dataclass
class Brief:
    summary: str
    insights: list[Insight]
    risk_signals: list[RiskSignal]
    confidence: str  # how well the retrieved context supports the brief: low | medium | high
    citations: list[Citation] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # what the grounding check removed, and why

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Brief:
        return cls(
            summary=data["summary"],
            insights=[Insight(**i) for i in data["insights"]],
            risk_signals=[RiskSignal(**r) for r in data["risk_signals"]],
            confidence=data["confidence"],
            citations=[Citation(**c) for c in data.get("citations", [])],
            dropped=list(data.get("dropped", [])),
        )


def _valid(numbers: list[Any], count: int) -> list[int]:
    out = []
    for n in numbers:
        try:
            n = int(n)
        except (TypeError, ValueError):
            continue
        if 1 <= n <= count and n not in out:
            out.append(n)
    return out


def grounded(raw: dict[str, Any], docs: list[Any], noisy_above: float = 0.25) -> Brief:
    """A Brief from a summarizer's raw output: uncited insights and signals dropped, citations filled in.

    ``docs`` is the numbered context ([1] is docs[0]). Raises ValueError when the output is not
    of the schema at all (the caller falls back to the extractive summarizer).
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("summary"), str):
        raise ValueError("summary missing")
    count, dropped = len(docs), []
    insights = []
    for item in raw.get("insights") or []:
        text = str(item.get("text", "")).strip() if isinstance(item, dict) else ""
        cites = _valid([*(item.get("citations") or []), *CITE.findall(text)], count) if text else []
        if not cites:
            dropped.append(f"insight without a citation to a retrieved document: {text[:120]!r}")
            continue
        insights.append(Insight(text, cites))
    signals = []
    for item in raw.get("risk_signals") or []:
        if not isinstance(item, dict):
            continue
        detail = str(item.get("detail", "")).strip()
        cites = _valid([*(item.get("citations") or []), *CITE.findall(detail)], count)
        if not cites:
            dropped.append(f"risk signal without a citation: {detail[:120]!r}")
            continue
        signals.append(RiskSignal(str(item.get("code") or "context"), detail, cites, item.get("team")))
    summary = raw["summary"].strip()
    for n in CITE.findall(summary):  # a summary may only cite what exists
        if not _valid([n], count):
            summary = summary.replace(f"[{n}]", "")
            dropped.append(f"summary citation [{n}] to no retrieved document")
    confidence = raw.get("confidence") if raw.get("confidence") in CONFIDENCE else "low"
    cited = sorted(
        {n for i in insights for n in i.citations}
        | {n for r in signals for n in r.citations}
        | {int(n) for n in CITE.findall(summary)}
    )
    citations = [
        Citation(
            n=n,
            doc_id=docs[n - 1].doc_id,
            kind=docs[n - 1].kind,
            source=docs[n - 1].source,
            title=docs[n - 1].title,
            published_at=docs[n - 1].published_at,
            url=docs[n - 1].url,
            freshness_hours=docs[n - 1].freshness_hours,
            stale=docs[n - 1].stale,
            noisy=docs[n - 1].noise > noisy_above,
        )
        for n in cited
    ]
    return Brief(summary, insights, signals, confidence, citations, dropped)
