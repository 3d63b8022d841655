"""The intelligence layer on the bundled data: index, as-of retrieval, briefs, rules, audit, CLI.

The warehouse is loaded as of the morning of 2024-01-12 (2023-24 season, injured-list log, the
league's injury report of 2024-01-04, the ESPN feed), built with dbt, and indexed with the local
embedding into the session's Chroma store. Gemini is never reached: its HTTP layer is given a
transport that answers with a response body in the API's generateContent form.
"""

from __future__ import annotations

import datetime as dt
import json

import httpx
import psycopg
import pytest

from intel import audit
from intel.brief import grounded
from intel.retrieval import retrieve
from intel.rules import apply_rules
from intel.service import CANNOT_ANSWER, ask, game_brief
from intel.summarize import context_docs, summarize
from tests.support.cli import cli_json, run_cli
from tests.support.paths import DATA, ROOT
from tests.support.snapshots import copy_snapshot
from warehouse.settings import IntelSettings

pytestmark = pytest.mark.integration
THROUGH = "2024-01-12"
INDEX_SINCE = "2023-12-20"
MIN_AT_BOS = "0022300517"  # 2024-01-10: Minnesota on a back-to-back, Boston with a new day-to-day absence
RECORDED = ROOT / "tests" / "fixtures" / "gemini" / "generate_content_brief.json"


@pytest.fixture(scope="module")
def warehouse(module_db, tmp_path_factory):
    snapshot = copy_snapshot(tmp_path_factory.mktemp("intel") / "s", ["2023-24"])
    run_cli("ingest", "snapshot", "--dir", str(snapshot), "--through", THROUGH, "--quiet")
    run_cli("build")
    # as a long-running server would, this process reads the store of an earlier morning's index
    # before another process indexes more: what that index writes must be retrieved here too
    cli_json("intel", "index", "--since", "2024-01-09")
    with psycopg.connect(module_db) as c:
        game_brief(MIN_AT_BOS, conn=c, record=False)
    first = cli_json("intel", "index", "--since", INDEX_SINCE)
    return module_db, first


@pytest.fixture()
def conn(warehouse):
    with psycopg.connect(warehouse[0]) as c:
        yield c


def game_on(conn, day: str, abbr: str) -> str:
    return conn.execute(
        "select g.game_id from marts.fct_games g join marts.dim_teams t"
        " on t.team_id in (g.home_team_id, g.away_team_id) where g.game_date = %s and t.abbreviation = %s",
        (day, abbr),
    ).fetchone()[0]


def test_indexing_again_is_an_upsert_that_embeds_nothing(warehouse):
    _, first = warehouse
    assert first["embedded"] + first["unchanged"] == first["documents"] > 0  # the store may hold some already
    # the ESPN feed (January 2023) is older than INDEX_SINCE: its documents are tested in tests/unit
    assert set(first["by_kind"]) == {"injury_move", "injury_report", "schedule"}
    again = cli_json("intel", "index", "--since", INDEX_SINCE)
    assert again["embedded"] == 0 and again["unchanged"] == first["documents"]
    assert again["stored"] == first["stored"]


def test_a_brief_cites_every_insight_lists_the_rules_and_the_out_list(conn):
    brief = game_brief(MIN_AT_BOS, conn=conn)
    assert (brief.away, brief.home, brief.game_date) == ("MIN", "BOS", "2024-01-10")
    assert brief.provider == "extractive" and brief.brief.insights
    cited = {c.n for c in brief.brief.citations}
    for insight in brief.brief.insights:
        assert insight.citations and set(insight.citations) <= cited
    assert {(f["rule"], f["team"]) for f in brief.rules_fired} >= {("back_to_back", "MIN"), ("third_in_four", "MIN")}
    assert "Sam Hauser" in {o["player"] for o in brief.out["BOS"]}
    assert brief.confidence_band in ("medium", "low")
    for c in brief.brief.citations:
        assert c.published_at < brief.as_of and c.source


def test_nothing_published_at_or_after_tipoff_is_retrieved(conn):
    later = conn.execute(
        "select l.log_id, l.log_date from raw_news.injury_log l join marts.fct_games g"
        " on l.team_id in (g.home_team_id, g.away_team_id) where g.game_id = %s"
        " and l.log_date >= g.game_date and l.log_date <= %s order by l.log_date limit 1",
        (MIN_AT_BOS, THROUGH),
    ).fetchone()
    assert later is not None, "the test needs a later injured-list row of one of the game's teams"
    later_id = f"injury_move:{later[0]}"
    indexed = conn.execute("select 1 from ops.intelligence_documents where doc_id = %s", (later_id,)).fetchone()
    assert indexed, "the later row is in the index, so leaving it out is the retrieval's doing"
    ctx = retrieve(conn, MIN_AT_BOS)
    assert later_id not in {d.doc_id for d in ctx.docs}
    cut = dt.datetime.fromisoformat(ctx.as_of)
    assert cut <= ctx.game.tipoff and all(d.published < cut for d in ctx.docs)


def test_the_official_injury_report_is_used_before_its_games_tipoff(conn):
    game_id = game_on(conn, "2024-01-04", "SAS")
    ctx = retrieve(conn, game_id)
    assert ctx.game.tipoff_known and ctx.game.tipoff == dt.datetime(2024, 1, 5, 0, 30, tzinfo=dt.UTC)  # 19:30 ET
    reports = [d for d in ctx.docs if d.kind == "injury_report"]
    assert reports and all(d.published < ctx.game.tipoff for d in reports)
    # the report is published at 12:30 ET: a game tipping off at noon could not have seen it
    assert min(d.published for d in reports) > dt.datetime(2024, 1, 4, 17, 0, tzinfo=dt.UTC)


def test_the_audit_row_rerenders_the_brief_identically(conn):
    brief = game_brief(MIN_AT_BOS, conn=conn)
    row = audit.fetch(conn, brief.audit_id)
    assert row["provider"] == "extractive" and row["prompt_version"] and row["latency_ms"] > 0
    assert [r["doc_id"] for r in row["retrieved"]] and all(r["text"] for r in row["retrieved"])
    again = audit.rerender(row)
    assert audit.same_json(again["brief"], row["output"])
    assert audit.same_json(again["rules"], row["rules"])
    assert audit.same_json(row["output"], json.loads(json.dumps(brief.brief.as_dict())))


def test_without_a_key_the_summary_is_extractive(conn):
    ctx = retrieve(conn, MIN_AT_BOS)
    summary = summarize(ctx, apply_rules(ctx), settings=IntelSettings(gemini_api_key=None))
    assert summary.provider == "extractive" and summary.fallback_reason == "no GEMINI_API_KEY"


def gemini_transport(status: int, body: dict | str, seen: list):
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, json=body) if isinstance(body, dict) else httpx.Response(status, text=body)

    return httpx.Client(transport=httpx.MockTransport(handler))


def test_the_gemini_path_grounds_a_recorded_response_and_drops_what_it_cannot_cite(conn):
    ctx = retrieve(conn, MIN_AT_BOS)
    verdict = apply_rules(ctx)
    seen: list[httpx.Request] = []
    settings = IntelSettings(gemini_api_key="test-key", gemini_model="gemini-2.5-flash")
    client = gemini_transport(200, json.loads(RECORDED.read_text()), seen)
    summary = summarize(ctx, verdict, settings=settings, http_client=client)
    assert summary.provider == "gemini" and summary.model == "gemini-2.5-flash" and summary.fallback_reason is None
    assert len(seen) == 1 and seen[0].url.path.endswith("/models/gemini-2.5-flash:generateContent")
    sent = json.loads(seen[0].content)
    prompt_text = sent["contents"][0]["parts"][0]["text"]
    docs = context_docs(ctx, verdict)
    assert docs[0].text in prompt_text and "Use ONLY the numbered context" in json.dumps(sent["systemInstruction"])
    brief = summary.brief
    assert [i.citations for i in brief.insights] == [[1], [2]]  # the uncited third insight is gone
    assert [r.code for r in brief.risk_signals] == ["fatigue"]
    assert len(brief.dropped) == 2 and all("without a citation" in d for d in brief.dropped)
    assert [(c.n, c.doc_id) for c in brief.citations] == [(1, docs[0].doc_id), (2, docs[1].doc_id)]


@pytest.mark.parametrize(
    "status, body",
    [
        (500, {"error": {"code": 500, "message": "internal", "status": "INTERNAL"}}),
        (200, {"candidates": [{"content": {"parts": [{"text": "not json"}], "role": "model"}}]}),
        (
            200,
            {
                "candidates": [
                    {
                        "content": {
                            "parts": [{"text": json.dumps({"summary": "s", "insights": [{"text": "uncited"}]})}],
                            "role": "model",
                        }
                    }
                ]
            },
        ),
    ],
    ids=["server-error", "not-json", "nothing-cited"],
)
def test_a_failing_or_ungrounded_model_falls_back_to_the_extractive_brief(conn, status, body):
    ctx = retrieve(conn, MIN_AT_BOS)
    verdict = apply_rules(ctx)
    settings = IntelSettings(gemini_api_key="test-key")
    summary = summarize(ctx, verdict, settings=settings, http_client=gemini_transport(status, body, []))
    assert summary.provider == "extractive" and summary.fallback_reason
    assert summary.brief.insights and all(i.citations for i in summary.brief.insights)


def test_an_uncited_insight_is_rejected(conn):
    ctx = retrieve(conn, MIN_AT_BOS)
    docs = context_docs(ctx, apply_rules(ctx))
    raw = {
        "summary": "x [1] and [99]",
        "insights": [
            {"text": "cited [1]", "citations": []},
            {"text": "cites a document that does not exist", "citations": [len(docs) + 5]},
            {"text": "cites nothing"},
        ],
        "risk_signals": [],
        "confidence": "certain",
    }
    brief = grounded(raw, docs)
    assert [i.text for i in brief.insights] == ["cited [1]"]
    assert "[99]" not in brief.summary and brief.confidence == "low"
    assert len(brief.dropped) == 3


def test_ask_answers_from_the_context_or_says_it_cannot(warehouse):
    answer = ask(MIN_AT_BOS, "Is Sam Hauser out with his shoulder?")
    assert answer.answered and "Hauser" in answer.answer and answer.citations
    nothing = ask(MIN_AT_BOS, "Who won the 1986 slam dunk contest?")
    assert not nothing.answered and nothing.answer == CANNOT_ANSWER and not nothing.citations


def test_the_cli_prints_briefs_and_feed_health_as_json(warehouse):
    briefs = cli_json("intel", "brief", "--date", "2024-01-10")
    assert len(briefs) == 10 and all(b["brief"]["insights"] for b in briefs)
    assert all(all(i["citations"] for i in b["brief"]["insights"]) for b in briefs)
    feeds = cli_json("intel", "health")
    assert [f["feed"] for f in feeds] == ["https://www.espn.com"]
    assert feeds[0]["status"] == "snapshot" and feeds[0]["items"] == 12 and feeds[0]["newest_item_at"]
    bad = run_cli("intel", "brief", "--game", "0000000000", check=False)
    assert bad.returncode == 1 and "0000000000" in bad.stderr


def test_the_api_serves_a_game_brief_a_brief_table_and_answers(warehouse):
    from litestar.testing import TestClient

    from app.api.app import create_app

    with TestClient(create_app()) as client:
        game = client.get(f"/api/v1/intelligence/game/{MIN_AT_BOS}")
        assert game.status_code == 200
        body = game.json()
        brief = body["brief"]
        assert brief["home"] == "BOS" and brief["audit_id"] and brief["rules_fired"]
        assert all(i["citations"] for i in brief["brief"]["insights"])
        assert [f["feed"] for f in body["feeds"]] == ["https://www.espn.com"]
        with psycopg.connect(warehouse[0]) as conn:
            row = audit.fetch(conn, brief["audit_id"])
        assert audit.same_json(row["output"], brief["brief"]) and audit.same_json(
            audit.rerender(row)["brief"], brief["brief"]
        )

        assert client.get("/api/v1/intelligence/game/0000000000").status_code == 404
        board = client.get("/api/v1/intelligence/brief", params={"date": "2024-01-10", "limit": 3}).json()
        assert board["day"] == "2024-01-10" and len(board["briefs"]) == 3 and board["feeds"]
        latest = client.get("/api/v1/intelligence/brief", params={"season": "2023-24", "limit": 1}).json()
        assert latest["day"] <= THROUGH and len(latest["briefs"]) == 1  # never a day after the loaded morning

        answer = client.post(
            "/api/v1/intelligence/ask", json={"game_id": MIN_AT_BOS, "question": "Is Sam Hauser out?"}
        ).json()
        assert answer["answered"] and answer["citations"]
        assert client.post("/api/v1/intelligence/ask", json={"game_id": MIN_AT_BOS, "question": " "}).status_code == 400


def test_the_dashboard_page_lists_the_days_briefs_inspects_citations_and_answers(warehouse):
    from app.dashboard.pages.intelligence import IntelligencePage

    page = IntelligencePage(day=dt.date(2024, 1, 10))
    briefs = page._table().objects[1].value
    assert len(briefs) == 10 and set(briefs["band"]) <= {"high", "medium", "low"}
    page.game_id = MIN_AT_BOS
    detail = page._detail()
    assert detail.objects[0].object.startswith("### MIN at BOS")
    chips = detail.objects[1].object
    assert "back to back · MIN" in chips and "confidence band" in chips
    citations = detail.objects[3].objects[0].value
    assert list(citations["n"]) == sorted(citations["n"]) and citations["stale"].any()  # the old ACL tear is stale
    assert page._feeds().value.iloc[0]["status"] == "snapshot"
    question, button = page._ask.objects[0].objects
    question.value = "Is Sam Hauser out?"
    button.clicks += 1
    answer = page._ask.objects[1].object
    assert "Hauser" in answer and "injured-list log" in answer


def test_the_match_deep_dive_carries_the_context_brief_with_an_ask_box(warehouse):
    from app.dashboard.pages.intelligence import context_card

    card = context_card(MIN_AT_BOS)
    summary, chips = card.objects[0].object, card.objects[1].object
    assert summary.startswith("MIN at BOS on 2024-01-10.") and "[" in summary and "confidence band" in chips
    question, button = card.objects[4].objects[0].objects
    question.value = "Who won the 1986 slam dunk contest?"
    button.clicks += 1
    assert card.objects[4].objects[1].object.startswith(CANNOT_ANSWER)


class FeedServer:
    """Answers feed URLs from recorded bodies (a 503 for anything else): the network, nothing of ours."""

    def __init__(self, bodies: dict[str, bytes]):
        self.bodies = bodies

    def get(self, url, timeout=None):
        import requests

        body = self.bodies.get(url)
        response = requests.Response()
        response.status_code, response._content, response.url = (200, body, url) if body else (503, b"", url)
        return response


def test_feed_health_shows_the_last_success_the_errors_since_and_how_fresh_the_newest_item_is(conn):
    from ingest.news.feeds import fetch_feeds
    from intel.health import feed_health

    espn, broken = "https://www.espn.com/espn/rss/nba/news", "https://example.invalid/nba.rss"
    body = (DATA / "news" / "espn_nba_news_2023-01-13.xml").read_bytes()
    _, first = fetch_feeds((espn, broken), timeout=1, session=FeedServer({espn: body}))
    _, second = fetch_feeds((espn, broken), timeout=1, session=FeedServer({espn: body}))
    rows = [f.as_row() for f in (*first, *second)]
    second_espn = next(r for r in rows[2:] if r["feed"] == espn)
    second_espn.update(ok=False, items=0, newest_item_at=None, error="HTTPError: 503")  # it went silent since
    for n, row in enumerate(rows):
        row["row_id"] = f"fetch-{n}"
    try:
        with conn.cursor() as cur:
            cur.executemany(
                "insert into raw_news.feed_fetches (feed, fetched_at, ok, items, newest_item_at, error,"
                " _dlt_load_id, _dlt_id) values (%(feed)s, %(fetched_at)s, %(ok)s, %(items)s, %(newest_item_at)s,"
                " %(error)s, 'test', %(row_id)s)",
                rows,
            )
        health = {h.feed: h for h in feed_health(conn, as_of=dt.datetime(2023, 1, 13, 12, 0, tzinfo=dt.UTC))}
        assert health[espn].status == "failing" and health[espn].errors_since_success == 1
        assert health[espn].last_success_at == first[0].fetched_at.isoformat() and health[espn].items == 12
        assert health[espn].newest_item_age_hours == 2.9  # 09:04:48 -> 12:00
        assert health[broken].status == "failing" and health[broken].last_success_at is None
        assert health[broken].errors_since_success == 2 and "503" in health[broken].last_error
    finally:
        conn.rollback()
