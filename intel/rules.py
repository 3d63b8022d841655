"""The deterministic rules overlay: what in the context should widen the uncertainty around a
prediction. Rules read the retrieved context and the schedule features; they set a confidence
band beside the model's probability and never change the probability itself.

Each fired rule adds uncertainty points; the band is high (0 points), medium (1-2) or low (3+).
Stale ranked documents are rejected here, before any summarizer sees them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from intel.retrieval import Context

# the injured list's statuses, severest first, and the points a recent one adds
SEVERITY = ("out_for_season", "out_indefinitely", "il", "dtd", "out_other")
RECENT_ABSENCE = dt.timedelta(days=3)  # the model's availability features may lag a move this new
LONG_TRIP_KM = 2000.0
REST_GAP_DAYS = 2.0
STATUS_OUT = {"Out", "Doubtful"}
STATUS_PLAYING = {"Available", "Probable"}


@dataclass
class FiredRule:
    rule: str
    detail: str
    points: int
    team: str | None = None
    doc_ids: list[str] = field(default_factory=list)


@dataclass
class RulesVerdict:
    band: str  # high | medium | low: confidence beside the prediction
    points: int
    fired: list[FiredRule]
    rejected: list[str]  # doc ids kept out of the summary as stale

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RulesVerdict:
        return cls(data["band"], data["points"], [FiredRule(**f) for f in data["fired"]], list(data["rejected"]))


def band_for(points: int) -> str:
    return "high" if points == 0 else "medium" if points <= 2 else "low"


def injury_severity(ctx: Context) -> list[FiredRule]:
    game, fired = ctx.game, []
    game_day = dt.date.fromisoformat(game.game_date)
    for team_id in game.team_ids:
        out = [o for o in game.out if o.team_id == team_id]
        if not out:
            continue
        counts = {s: sum(1 for o in out if o.status == s) for s in SEVERITY}
        recent = [o for o in out if game_day - dt.date.fromisoformat(o.out_since) <= RECENT_ABSENCE]
        recent_serious = [o for o in recent if o.status in ("out_for_season", "out_indefinitely", "il", "dtd")]
        worst = next(s for s in SEVERITY if counts[s])
        detail = f"{len(out)} out ({', '.join(f'{n} {s}' for s, n in counts.items() if n)}); severest: {worst}"
        if recent:
            detail += f"; new in the last {RECENT_ABSENCE.days} days: " + ", ".join(o.player for o in recent)
        fired.append(
            FiredRule(
                "injury_severity",
                detail,
                1 if recent_serious else 0,
                game.abbr(team_id),
                [o.doc_id for o in (recent or out)],
            )
        )
    return fired


def schedule_flags(ctx: Context) -> list[FiredRule]:
    game, fired = ctx.game, []
    doc_of = {d.team_ids[0]: d.doc_id for d in ctx.docs if d.kind == "schedule" and d.team_ids}
    for side, team_id in (("home", game.home_team_id), ("away", game.away_team_id)):
        facts = game.schedule.get(side)
        if not facts:
            continue
        cite = [doc_of[team_id]] if team_id in doc_of else []
        if facts.get("is_back_to_back"):
            fired.append(FiredRule("back_to_back", "second night of a back-to-back", 1, game.abbr(team_id), cite))
        if facts.get("is_third_game_in_4_days"):
            fired.append(FiredRule("third_in_four", "third game in four nights", 1, game.abbr(team_id), cite))
        if (facts.get("travel_km") or 0) >= LONG_TRIP_KM:
            km = facts["travel_km"]
            fired.append(FiredRule("long_travel", f"{km:,.0f} km since its previous game", 1, game.abbr(team_id), cite))
    home, away = game.schedule.get("home"), game.schedule.get("away")
    if home and away and abs(home["rest_days"] - away["rest_days"]) >= REST_GAP_DAYS:
        rested = "home" if home["rest_days"] > away["rest_days"] else "away"
        team_id = game.home_team_id if rested == "home" else game.away_team_id
        fired.append(
            FiredRule(
                "rest_advantage",
                f"{home['rest_days']:.0f} vs {away['rest_days']:.0f} rest days (home vs away)",
                0,
                game.abbr(team_id),
                [d for d in doc_of.values()],
            )
        )
    return fired


def stale_context(ctx: Context) -> tuple[list[FiredRule], list[str]]:
    """Stale ranked documents are rejected; a context with nothing fresh left is itself a risk."""
    rejected = [d.doc_id for d in ctx.docs if d.reason == "ranked" and d.stale]
    fresh_news = [d for d in ctx.docs if d.kind != "schedule" and not d.stale]
    fired = []
    if rejected:
        fired.append(
            FiredRule("stale_rejected", f"{len(rejected)} stale documents kept out of the brief", 0, None, rejected)
        )
    if not fresh_news:
        fired.append(FiredRule("stale_context", "no fresh news or injury document before tip-off", 1))
    return fired, rejected


def conflicting_reports(ctx: Context) -> list[FiredRule]:
    """The same player reported both out and available/back before the same game."""
    said: dict[tuple[int, str], dict[str, list[str]]] = {}
    for o in ctx.game.out:
        said.setdefault((o.team_id, o.player.lower()), {}).setdefault("out", []).append(o.doc_id)
    for d in ctx.docs:
        if d.kind == "injury_report" and d.players:
            status = d.text.rsplit(") ", 1)[-1].split(" - ", 1)[0].strip()
            verdict = "out" if status in STATUS_OUT else "playing" if status in STATUS_PLAYING else None
        elif d.kind == "injury_move" and d.players:
            verdict = "playing" if " back (" in d.text and " out (" not in d.text else "out"
        else:
            continue
        if verdict:
            for team_id in d.team_ids:
                said.setdefault((team_id, d.players[0].lower()), {}).setdefault(verdict, []).append(d.doc_id)
    fired = []
    for (team_id, player), verdicts in sorted(said.items()):
        if "out" in verdicts and "playing" in verdicts:
            docs = sorted(set(verdicts["out"] + verdicts["playing"]))
            fired.append(
                FiredRule(
                    "conflicting_reports",
                    f"{player.title()} reported both out and playing",
                    1,
                    ctx.game.abbr(team_id),
                    docs,
                )
            )
    return fired


def apply_rules(ctx: Context) -> RulesVerdict:
    stale, rejected = stale_context(ctx)
    fired = [*injury_severity(ctx), *schedule_flags(ctx), *stale, *conflicting_reports(ctx)]
    points = sum(f.points for f in fired)
    return RulesVerdict(band_for(points), points, fired, rejected)
