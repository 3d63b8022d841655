"""What the intelligence layer knows about a game before it starts: teams, tip-off, schedule facts,
the model's prediction, and who is out that morning (the warehouse's as-of who-is-out table)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

import psycopg
from psycopg.rows import dict_row

from ingest.teams import all_teams
from intel import corpus
from warehouse.errors import NotFound
from warehouse.seasons import EASTERN

# Without a scheduled tip-off the earliest NBA tip time is assumed, so nothing published on game
# day after noon (US-Eastern) is ever treated as known before the game.
EARLIEST_TIPOFF = dt.time(12, 0)


@dataclass
class OutPlayer:
    team_id: int
    player: str
    status: str  # il | dtd | out_for_season | out_indefinitely | out_other
    out_since: str  # the injured-list row's date (ISO)
    notes: str | None  # the row's reason ("sprained right ankle (DTD)")
    doc_id: str  # the injured-list move document that put him out


@dataclass
class GameFacts:
    game_id: str
    game_date: str
    season: str
    home_team_id: int
    away_team_id: int
    home_abbr: str
    away_abbr: str
    tipoff_at: str  # ISO, UTC
    tipoff_known: bool
    schedule: dict[str, dict[str, Any]] = field(default_factory=dict)  # "home"/"away" -> rest, b2b, travel ...
    prediction: dict[str, Any] | None = None  # model_version, prob_home (never changed here)
    out: list[OutPlayer] = field(default_factory=list)

    @property
    def tipoff(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.tipoff_at)

    @property
    def team_ids(self) -> tuple[int, int]:
        return (self.home_team_id, self.away_team_id)

    def abbr(self, team_id: int) -> str:
        return self.home_abbr if team_id == self.home_team_id else self.away_abbr

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GameFacts:
        return cls(**{**data, "out": [OutPlayer(**o) for o in data.get("out", [])]})


def _one(conn: psycopg.Connection, sql: str, params: tuple) -> dict | None:
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(sql, params).fetchone()


def _plain(value: Any) -> Any:
    """JSON-stable values for the audit: bools stay bools, numbers become floats."""
    if value is None or isinstance(value, bool):
        return value
    return float(value)


def _plain(value: Any) -> Any:
    """JSON-stable values for the audit: bools stay bools, numbers become floats."""
    if value is None or isinstance(value, bool):
        return value
    return float(value)


def tipoff(
    conn: psycopg.Connection, game_id: str, game_date: dt.date, team_ids: tuple[int, ...] = ()
) -> tuple[dt.datetime, bool]:
    """(tip-off in UTC, whether a source gave it): the schedule's, else the injury report's, else noon ET."""
    row = _one(conn, "select tipoff_at from raw_nba.schedule where game_id = %s", (game_id,))
    if row and row["tipoff_at"] is not None:
        return row["tipoff_at"].astimezone(dt.UTC), True
    if team_ids and corpus.table_exists(conn, "raw_news.injury_report"):
        # the league's injury report lists each game with its tip-off time (US-Eastern)
        listed = _one(
            conn,
            "select min(tipoff_et) as tip from raw_news.injury_report"
            " where game_date = %s and team_id = any(%s) and tipoff_et is not null",
            (game_date, list(team_ids)),
        )
        if listed and listed["tip"] is not None:
            return dt.datetime.combine(game_date, listed["tip"], EASTERN).astimezone(dt.UTC), True
    return dt.datetime.combine(game_date, EARLIEST_TIPOFF, EASTERN).astimezone(dt.UTC), False


def out_list(conn: psycopg.Connection, game_id: str) -> list[OutPlayer]:
    """Who is out for each side on the morning of the game, and the injured-list row saying so."""
    if not corpus.table_exists(conn, "marts.fct_players_out"):
        return []
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(
            "select team_id, status, out_since, source_row_id as log_id, player_name as player, notes"
            " from marts.fct_players_out where game_id = %s and listed_by = 'injured_list'"
            " order by team_id, out_since, player_name",
            (game_id,),
        ).fetchall()
    return [
        OutPlayer(
            r["team_id"], r["player"], r["status"], r["out_since"].isoformat(), r["notes"], f"injury_move:{r['log_id']}"
        )
        for r in rows
    ]


def prediction(conn: psycopg.Connection, game_id: str) -> dict[str, Any] | None:
    if not corpus.table_exists(conn, "ops.predictions"):
        return None
    row = _one(
        conn,
        "select p.model_version, p.prob_home, p.confidence from ops.predictions p"
        " left join ops.model_registry m on m.version = p.model_version"
        " where p.game_id = %s order by (m.status = 'active') desc nulls last, p.created_at desc limit 1",
        (game_id,),
    )
    return {**row, "prob_home": float(row["prob_home"])} if row else None


def game_facts(conn: psycopg.Connection, game_id: str) -> GameFacts:
    game = _one(
        conn,
        "select game_id, game_date, season, home_team_id, away_team_id from marts.fct_games where game_id = %s",
        (game_id,),
    )
    if game is None:
        raise NotFound(f"game_id: no game {game_id!r} in the warehouse")
    teams = all_teams()
    tip, known = tipoff(conn, game_id, game["game_date"], (game["home_team_id"], game["away_team_id"]))
    schedule = {
        ("home" if r["is_home"] else "away"): {k: _plain(r[k]) for k in corpus.SCHEDULE_FACTS}
        for r in corpus.schedule_rows(conn, game_id=game_id)
    }
    out = out_list(conn, game_id)
    return GameFacts(
        game_id=game_id,
        game_date=game["game_date"].isoformat(),
        season=game["season"],
        home_team_id=game["home_team_id"],
        away_team_id=game["away_team_id"],
        home_abbr=teams[game["home_team_id"]].abbreviation,
        away_abbr=teams[game["away_team_id"]].abbreviation,
        tipoff_at=tip.isoformat(),
        tipoff_known=known,
        schedule=schedule,
        prediction=prediction(conn, game_id),
        out=out,
    )


def games_on(conn: psycopg.Connection, day: dt.date, season: str | None = None) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "select game_id from marts.fct_games where game_date = %s and (%s::text is null or season = %s) order by 1",
            (day, season, season),
        )
    ]


def latest_game_day(conn: psycopg.Connection, on_or_before: dt.date, season: str | None = None) -> dt.date | None:
    return conn.execute(
        "select max(game_date) from marts.fct_games where game_date <= %s and (%s::text is null or season = %s)",
        (on_or_before, season, season),
    ).fetchone()[0]
