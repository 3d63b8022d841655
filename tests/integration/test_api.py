"""The REST API end to end: Litestar's AsyncTestClient on a real PostgreSQL holding two real seasons.

The daily run of one December 2023 morning loads the data as of then, trains a model and predicts
the day's games, on which bets are placed; the next morning's run makes those games final, scores
the predictions and settles the bets. Every endpoint answers its success, empty (a season that is
not loaded) and error cases; 50 concurrent settles of one bet settle it once; schemathesis checks a
served copy against its own OpenAPI document.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import socket
import threading
import time

import psycopg
import pytest
from litestar.testing import AsyncTestClient

from tests.support.cli import cli_json
from tests.support.database import exported_database_url, throwaway_database
from tests.support.snapshots import copy_snapshot

pytestmark = [pytest.mark.integration, pytest.mark.anyio]

FIRST, NEXT = dt.date(2023, 12, 6), dt.date(2023, 12, 7)  # 11 and 2 games
KEY = "test-key-0123456789"
AUTH = {"Authorization": f"Bearer {KEY}"}
V1 = "/api/v1"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def replayed(module_db, tmp_path_factory) -> dict:
    snapshot = copy_snapshot(tmp_path_factory.mktemp("api") / "s", ["2022-23", "2023-24"], feeds=False)
    env = {"COURTSIDE_DATA_DIR": str(snapshot)}
    cli_json("daily", "--date", FIRST.isoformat(), env=env)
    with psycopg.connect(module_db) as conn:
        games = conn.execute(
            "select game_id, home_team_abbr, status from marts.fct_games where game_date = %s order by game_id",
            (FIRST,),
        ).fetchall()
        final = conn.execute(
            "select game_id from marts.fct_games where game_date = %s order by game_id limit 1",
            (FIRST - dt.timedelta(days=1),),
        ).fetchone()[0]
    return {"url": module_db, "env": env, "today": games, "final": final}


def make_app():
    from app.api import create_app
    from warehouse.settings import get_settings

    settings = get_settings()
    return create_app(dataclasses.replace(settings, api=dataclasses.replace(settings.api, api_key=KEY)))


@pytest.fixture
async def client(replayed):
    async with AsyncTestClient(make_app()) as c:
        yield c


def order(game_id: str, **changes) -> dict:
    return {"game_id": game_id, "selection": "home", "odds": "-110", "stake_cents": 1100, **changes}


# ---- system status ----


async def test_status_names_the_database_the_steps_the_model_and_the_data(client, replayed):
    r = await client.get(f"{V1}/system/status")
    assert r.status_code == 200
    body = r.json()
    assert body["database"] == "reachable"
    steps = {s["step"]: s["status"] for s in body["steps"]}
    assert steps["ingest.snapshot"] == "succeeded" and steps["ml.predict"] == "succeeded"
    model = body["active_model"]
    assert len(model["artifact_sha256"]) == 64 and model["trained_before"] == FIRST.isoformat()
    assert model["validation_brier"] is not None
    assert body["freshness"]["seasons"] == ["2022-23", "2023-24"]
    assert body["freshness"]["last_daily_run_date"] == FIRST.isoformat()
    assert body["versions"]["postgresql"]


async def test_an_empty_warehouse_answers_status_and_says_the_rest_is_not_built(server_url, replayed):
    with throwaway_database(server_url, "courtside_api_empty") as url, exported_database_url(url):
        async with AsyncTestClient(make_app()) as c:
            status = await c.get(f"{V1}/system/status")
            matches = await c.get(f"{V1}/matches")
    assert status.status_code == 200
    assert status.json()["steps"] == [] and status.json()["active_model"] is None
    assert status.json()["freshness"]["seasons"] == []
    assert matches.status_code == 503 and "not built" in matches.json()["detail"]
    assert "select" not in matches.text.lower() and "traceback" not in matches.text.lower()


# ---- matches ----


async def test_matches_filter_by_season_day_and_team_and_paginate(client, replayed):
    r = await client.get(f"{V1}/matches", params={"season": "2023-24", "date": FIRST.isoformat()})
    assert r.status_code == 200 and r.json()["total"] == 11
    assert {m["game_date"] for m in r.json()["items"]} == {FIRST.isoformat()}
    home = replayed["today"][0][1]
    team = (await client.get(f"{V1}/matches", params={"team": home.lower(), "limit": 3})).json()
    assert len(team["items"]) == 3 and team["total"] > 3
    assert all(home in (m["home_team_abbr"], m["away_team_abbr"]) for m in team["items"])
    second = (await client.get(f"{V1}/matches", params={"team": home, "limit": 3, "offset": 3})).json()
    assert not {m["game_id"] for m in second["items"]} & {m["game_id"] for m in team["items"]}
    capped = (await client.get(f"{V1}/matches", params={"limit": 100000})).json()
    assert capped["limit"] == 500 and len(capped["items"]) == 500


async def test_matches_of_a_season_not_loaded_are_empty_and_say_so(client):
    r = await client.get(f"{V1}/matches", params={"season": "2025-26"})
    assert r.status_code == 200
    assert r.json()["items"] == [] and "2025-26 is not loaded" in r.json()["note"]


@pytest.mark.parametrize(
    ("params", "named"),
    [({"limit": 0}, "limit"), ({"offset": -1}, "offset"), ({"season": "2023"}, "season"), ({"team": "XYZ"}, "team")],
)
async def test_bad_match_filters_are_400_naming_the_parameter(client, params, named):
    r = await client.get(f"{V1}/matches", params=params)
    assert r.status_code == 400
    assert named in r.text


# ---- predictions ----


async def test_predictions_today_are_the_as_of_mornings_games(client, replayed):
    r = await client.get(f"{V1}/predictions/today")
    assert r.status_code == 200
    body = r.json()
    assert body["day"] == FIRST.isoformat() and body["games"] == len(replayed["today"]) == len(body["items"])
    for p in body["items"]:
        assert abs(p["prob_home"] + p["prob_away"] - 1) < 1e-9 and p["confidence"] in ("low", "medium", "high")
        winner = p["home_team_abbr"] if p["prob_home"] >= 0.5 else p["away_team_abbr"]
        assert p["predicted_winner_abbr"] == winner
        assert 1 <= len(p["factors"]) <= 5 and [f["rank"] for f in p["factors"]] == sorted(
            f["rank"] for f in p["factors"]
        )


async def test_persist_predicts_a_day_that_has_no_predictions_yet(client, replayed):
    earlier = (FIRST - dt.timedelta(days=1)).isoformat()
    stored = (await client.get(f"{V1}/predictions/today", params={"date": earlier, "persist": "false"})).json()
    assert stored["items"] == [] and stored["games"] > 0 and "no prediction" in stored["note"]
    made = (await client.get(f"{V1}/predictions/today", params={"date": earlier})).json()
    assert len(made["items"]) == made["games"] > 0
    assert all(p["in_sample"] for p in made["items"])  # on or before the model's training cutoff
    empty = (await client.get(f"{V1}/predictions/today", params={"date": "2023-08-15"})).json()  # the off-season
    assert empty["items"] == [] and empty["note"]


async def test_predictions_of_a_season_not_loaded_are_empty_with_a_note(client):
    r = await client.get(f"{V1}/predictions/today", params={"date": "2025-11-01"})
    assert r.status_code == 200 and r.json()["items"] == [] and "2025-26" in r.json()["note"]
    assert (await client.get(f"{V1}/predictions/today", params={"date": "yesterday"})).status_code == 400


async def test_one_games_prediction_lists_every_factor(client, replayed):
    game_id = replayed["today"][0][0]
    r = await client.get(f"{V1}/predictions/game/{game_id}")
    assert r.status_code == 200
    body = r.json()
    assert body["game_id"] == game_id and len(body["factors"]) > 5 and body["base_value"] is not None
    assert (await client.get(f"{V1}/predictions/game/0029999999")).status_code == 404


# ---- features ----


async def test_features_come_as_home_away_and_difference(client, replayed):
    game_id = replayed["today"][0][0]
    r = await client.get(f"{V1}/features/{game_id}")
    assert r.status_code == 200
    body = r.json()
    assert body["game_id"] == game_id and len(body["features"]) > 10
    rest = next(f for f in body["features"] if f["feature"] == "rest_days")
    assert rest["diff"] == pytest.approx(rest["home"] - rest["away"])
    assert (await client.get(f"{V1}/features/0029999999")).status_code == 404


# ---- the ledger ----


async def test_writes_need_the_api_key(client, replayed):
    game_id = replayed["today"][0][0]
    assert (await client.post(f"{V1}/bets", json=order(game_id))).status_code == 401
    wrong = await client.post(f"{V1}/bets", json=order(game_id), headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    assert (await client.post(f"{V1}/bets/1/settle", json={"result": "won"})).status_code == 401


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"game_id": "0029999999"}, "game_id"),
        ({"odds": "-50"}, "odds"),
        ({"odds": "+99"}, "odds"),
        ({"odds": "1.91"}, "odds"),
        ({"odds": "evens"}, "odds"),
        ({"stake_cents": 0}, "stake"),
        ({"stake_cents": -5}, "stake"),
        ({"stake_cents": 10_001}, "stake"),
        ({"selection": "draw"}, "selection"),
    ],
)
async def test_bad_bets_are_rejected_naming_the_field(client, replayed, changes, named):
    r = await client.post(f"{V1}/bets", json={**order(replayed["today"][0][0]), **changes}, headers=AUTH)
    assert r.status_code == 400
    assert named in r.text
    with psycopg.connect(replayed["url"]) as conn:
        assert (
            conn.execute("select count(*) from ops.bets where stake_cents <= 0 or stake_cents > 10000").fetchone()[0]
            == 0
        )


async def test_a_game_that_tipped_off_takes_no_bets(client, replayed):
    r = await client.post(f"{V1}/bets", json=order(replayed["final"]), headers=AUTH)
    assert r.status_code == 400 and "game_id" in r.json()["detail"] and "tipped off" in r.json()["detail"]


async def test_a_bet_is_priced_placed_listed_settled_and_summarized_exactly(client, replayed):
    game_id = replayed["today"][0][0]
    won = await client.post(f"{V1}/bets", json=order(game_id, odds="+150", stake_cents=1000), headers=AUTH)
    assert won.status_code == 201
    bet = won.json()["bet"]
    assert bet["status"] == "open" and bet["odds_decimal"] == "2.500000" and bet["model_prob"] is not None
    p = bet["model_prob"]
    assert float(bet["expected_value"]) == pytest.approx(p * 2.5 - 1, abs=1e-6)
    kelly = max((p * 2.5 - 1) / 1.5, 0) * 0.25 * 100_000
    assert bet["suggested_stake_cents"] == pytest.approx(min(int(kelly), 10_000), abs=1)
    lost = (await client.post(f"{V1}/bets", json=order(game_id, selection="away"), headers=AUTH)).json()["bet"]

    settle = await client.post(f"{V1}/bets/{bet['bet_id']}/settle", json={"result": "won"}, headers=AUTH)
    assert settle.status_code == 200 and settle.json()["settled_now"] and settle.json()["bet"]["profit_cents"] == 1500
    again = await client.post(f"{V1}/bets/{bet['bet_id']}/settle", json={"result": "won"}, headers=AUTH)
    assert again.status_code == 200 and not again.json()["settled_now"] and "already" in again.json()["message"]
    other = await client.post(f"{V1}/bets/{bet['bet_id']}/settle", json={"result": "lost"}, headers=AUTH)
    assert other.status_code == 409
    lost_now = await client.post(f"{V1}/bets/{lost['bet_id']}/settle", json={"result": "lost"}, headers=AUTH)
    assert lost_now.json()["bet"]["profit_cents"] == -1100

    listed = (await client.get(f"{V1}/bets", params={"status": "won"})).json()
    assert [b["bet_id"] for b in listed["items"]] == [bet["bet_id"]]
    summary = (await client.get(f"{V1}/bets/summary", params={"season": "2023-24"})).json()
    assert summary["profit_cents"] == 400 and summary["staked_cents"] == 2100
    assert summary["bankroll_cents"] == 100_400 and summary["win_rate"] == 0.5
    assert summary["roi"] == pytest.approx(400 / 2100) and summary["max_drawdown_cents"] == 1100
    assert (await client.get(f"{V1}/bets/{bet['bet_id']}")).json()["status"] == "won"
    assert (await client.post(f"{V1}/bets/999999/settle", json={"result": "won"}, headers=AUTH)).status_code == 404
    assert (await client.get(f"{V1}/bets/999999")).status_code == 404
    not_final = await client.post(f"{V1}/bets", json=order(game_id), headers=AUTH)
    from_score = await client.post(f"{V1}/bets/{not_final.json()['bet']['bet_id']}/settle", headers=AUTH)
    assert from_score.status_code == 409 and "not final" in from_score.json()["detail"]


async def test_an_idempotency_key_places_one_bet(client, replayed):
    body = order(replayed["today"][-1][0], idempotency_key="slip-42")
    first = await client.post(f"{V1}/bets", json=body, headers=AUTH)
    second = await client.post(f"{V1}/bets", json=body, headers=AUTH)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["bet"]["bet_id"] == second.json()["bet"]["bet_id"]
    changed = await client.post(f"{V1}/bets", json={**body, "stake_cents": 500}, headers=AUTH)
    assert changed.status_code == 409 and "idempotency_key" in changed.json()["detail"]


async def test_fifty_concurrent_settles_settle_once(client, replayed):
    placed = await client.post(f"{V1}/bets", json=order(replayed["today"][0][0], stake_cents=2000), headers=AUTH)
    bet_id = placed.json()["bet"]["bet_id"]
    answers = await asyncio.gather(
        *(client.post(f"{V1}/bets/{bet_id}/settle", json={"result": "won"}, headers=AUTH) for _ in range(50))
    )
    assert [a.status_code for a in answers] == [200] * 50
    assert sum(a.json()["settled_now"] for a in answers) == 1
    with psycopg.connect(replayed["url"]) as conn:
        profit = conn.execute("select profit_cents from ops.bets where bet_id = %s", (bet_id,)).fetchone()[0]
        audited = conn.execute(
            "select count(*), sum(rows_affected) from ops.pipeline_audit where step = 'ledger.settle'"
            " and details->>'bet_id' = %s",
            (str(bet_id),),
        ).fetchone()
    assert profit == 2000 * 100 // 110
    assert audited == (50, 1)


async def test_the_bets_of_a_season_not_loaded_are_empty_with_a_note(client):
    for path in ("/bets", "/bets/summary"):
        r = await client.get(f"{V1}{path}", params={"season": "2025-26"})
        assert r.status_code == 200 and "not loaded" in r.json()["note"]
    assert (await client.get(f"{V1}/bets", params={"status": "maybe"})).status_code == 400


@pytest.fixture(scope="module")
def next_morning(replayed) -> dict:
    """Bets left open on the first morning's games (at -110), then the next morning's daily run."""
    from ledger.book import Order
    from ledger.jobs import place_bet

    for game_id, *_ in replayed["today"][:3]:
        for selection in ("home", "away"):
            place_bet(Order(game_id, selection, "-110", 1100))
    with psycopg.connect(replayed["url"]) as conn:
        open_bets = conn.execute(
            "select bet_id, game_id, selection, stake_cents, odds_american from ops.bets where status = 'open'"
        ).fetchall()
    return {"open": open_bets, "run": cli_json("daily", "--date", NEXT.isoformat(), env=replayed["env"])}


async def test_the_next_mornings_run_settles_open_bets_from_the_final_scores(client, replayed, next_morning):
    assert {s["name"]: s["status"] for s in next_morning["run"]["steps"]}["settle"] == "succeeded"
    with psycopg.connect(replayed["url"]) as conn:
        outcome = dict(conn.execute("select game_id, home_win from marts.fct_games where game_date = %s", (FIRST,)))
    assert len(next_morning["open"]) >= 6
    for bet_id, game_id, selection, stake, odds in next_morning["open"]:
        now = (await client.get(f"{V1}/bets/{bet_id}")).json()
        expected = "won" if outcome[game_id] == (selection == "home") else "lost"
        assert now["status"] == expected and now["settled_by"] == "final_score"
        assert odds == -110 and now["profit_cents"] == (stake * 100 // 110 if expected == "won" else -stake)
    late = await client.post(f"{V1}/bets", json=order(replayed["today"][0][0]), headers=AUTH)
    assert late.status_code == 400 and "tipped off" in late.json()["detail"]


async def test_performance_scores_the_first_mornings_games(client, next_morning):
    r = await client.get(f"{V1}/predictions/performance", params={"season": "2023-24"})
    assert r.status_code == 200
    body = r.json()
    assert body["overall"]["games"] == 11 and 0 <= body["overall"]["accuracy"] <= 1
    assert [d["period"] for d in body["daily"]] == [FIRST.isoformat()]
    assert sum(b["games"] for b in body["calibration"]) == 11
    ranged = (await client.get(f"{V1}/predictions/performance", params={"from": NEXT.isoformat()})).json()
    assert ranged["overall"]["games"] == 0 and ranged["note"]
    empty = (await client.get(f"{V1}/predictions/performance", params={"season": "2025-26"})).json()
    assert empty["overall"]["games"] == 0 and "not loaded" in empty["note"]
    bad = await client.get(f"{V1}/predictions/performance", params={"model_version": "m1.1"})
    assert bad.status_code == 400 and "model_version" in bad.json()["detail"]
    backwards = await client.get(f"{V1}/predictions/performance", params={"from": "2024-01-02", "to": "2024-01-01"})
    assert backwards.status_code == 400


# ---- raw tables and quality ----


async def test_the_raw_explorer_lists_allowed_tables_only(client):
    r = await client.get(f"{V1}/raw/tables", params={"season": "2023-24"})
    assert r.status_code == 200
    tables = {t["name"]: t for t in r.json()["items"]}
    assert "raw_nba.team_game_logs" in tables and "marts.fct_games" in tables
    assert "marts.fct_pregame_features" not in tables and not any(n.startswith("ops.") for n in tables)
    assert tables["raw_nba.team_game_logs"]["rows"] > 0 and tables["raw_nba.team_game_logs"]["has_season"]
    page = (await client.get(f"{V1}/raw/marts.fct_games", params={"season": "2023-24", "limit": 5})).json()
    assert len(page["rows"]) == 5 and page["total"] > 5 and set(page["rows"][0]) == set(page["columns"])
    assert {row["season"] for row in page["rows"]} == {"2023-24"}
    for name in (
        "marts.fct_pregame_features",
        "ops.bets",
        "pg_catalog.pg_authid",
        'marts.fct_games"; drop table x; --',
    ):
        assert (await client.get(f"{V1}/raw/{name}")).status_code == 404
    empty = (await client.get(f"{V1}/raw/marts.fct_games", params={"season": "2025-26"})).json()
    assert empty["rows"] == [] and "not loaded" in empty["note"]


async def test_the_quality_overview_reads_the_quality_marts(client):
    r = await client.get(f"{V1}/quality/overview", params={"season": "2023-24"})
    assert r.status_code == 200
    body = r.json()
    assert body["completeness"] and {c["season"] for c in body["completeness"]} == {"2023-24"}
    assert body["reconciliation"] and body["dbt_tests"]["tests"] > 0 and body["recent_runs"]
    empty = (await client.get(f"{V1}/quality/overview", params={"season": "2025-26"})).json()
    assert empty["completeness"] == [] and "not loaded" in empty["note"]


# ---- the OpenAPI document, the offline docs page, schemathesis ----


async def test_openapi_json_and_an_offline_docs_page(client):
    spec = (await client.get("/schema/openapi.json")).json()
    assert {"/api/v1/bets", "/api/v1/bets/{bet_id}/settle", "/api/v1/predictions/today"} <= set(spec["paths"])
    assert spec["paths"]["/api/v1/bets"]["post"]["security"] == [{"BearerApiKey": []}]
    page = await client.get("/schema")
    assert page.status_code == 200 and "/schema/openapi.json" in page.text
    assert "<script src" not in page.text and "cdn" not in page.text.lower() and "https://" not in page.text


@pytest.fixture(scope="module")
def served(replayed):
    """The app on a real loopback port (uvicorn in a thread), for schemathesis."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(make_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the API server did not start"
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


def test_schemathesis_finds_no_server_error_and_no_answer_off_schema(served):
    import hypothesis
    import schemathesis
    from schemathesis.checks import (
        content_type_conformance,
        not_a_server_error,
        response_schema_conformance,
        status_code_conformance,
    )

    schema = schemathesis.openapi.from_url(f"{served}/schema/openapi.json")
    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        strategy = operation.as_strategy()

        @hypothesis.settings(
            max_examples=12,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(hypothesis.HealthCheck),
            phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        )
        @hypothesis.given(case=strategy)
        def run(case) -> None:
            case.call_and_validate(base_url=served, headers=AUTH, checks=checks)

        try:
            run()
        except Exception as exc:  # collect every operation's failure, not just the first
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    assert not failures, "\n\n".join(failures)
