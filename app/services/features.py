"""One game's pregame feature row, arranged as home / away / difference per feature."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from psycopg.rows import dict_row

from app.services.common import finite

SIDES = ("home_", "away_", "diff_")
GAME_COLUMNS = ("game_id", "season", "game_date", "home_team_id", "away_team_id", "is_neutral_site")


@dataclass(frozen=True)
class FeatureValue:
    feature: str
    home: float | None
    away: float | None
    diff: float | None


@dataclass
class FeatureRow:
    game_id: str
    season: str
    game_date: dt.date
    home_team_id: int
    away_team_id: int
    is_neutral_site: bool
    features: list[FeatureValue] = field(default_factory=list)
    flags: dict[str, bool | None] = field(default_factory=dict)  # game-level flags (e.g. whether who-is-out is known)


def _number(value) -> float | None:
    if isinstance(value, bool):
        return float(value)
    return finite(value) if isinstance(value, int | float) or value is None else finite(float(value))


def feature_row(conn, game_id: str) -> FeatureRow | None:
    with conn.cursor(row_factory=dict_row) as cur:
        row = cur.execute("select * from marts.fct_pregame_features where game_id = %s", (game_id,)).fetchone()
    if row is None:
        return None
    stems: list[str] = []
    flags: dict[str, bool | None] = {}
    for column, value in row.items():
        if column in GAME_COLUMNS:
            continue
        side = next((s for s in SIDES if column.startswith(s)), None)
        if side is None:
            flags[column] = value if isinstance(value, bool) or value is None else bool(value)
        elif column[len(side) :] not in stems:
            stems.append(column[len(side) :])
    features = [
        FeatureValue(
            stem,
            _number(row.get(f"home_{stem}")),
            _number(row.get(f"away_{stem}")),
            _number(row.get(f"diff_{stem}")),
        )
        for stem in stems
        if not isinstance(row.get(f"home_{stem}"), str)
    ]
    return FeatureRow(
        **{c: row[c] for c in GAME_COLUMNS},
        features=features,
        flags=flags,
    )
