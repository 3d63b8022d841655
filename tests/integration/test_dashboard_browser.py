"""The dashboard in headless Chromium on a real warehouse: every page with data, a bet placed and settled
through the form, the theme remembered, a phone-width layout, no request leaving the machine.

One warehouse for the module: two mornings replayed (2024-02-13 and 14, the last game days before the
All-Star break), served by the real ``courtside dashboard``. Screenshots go to tests/artifacts/dashboard/.
"""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest

from tests.support.browser import (
    ARTIFACTS,
    READY_TEXT,
    chromium_available,
    launch,
    screenshot,
    served_dashboard,
    wait_for_data,
    watch,
)
from tests.support.cli import run_cli
from tests.support.snapshots import copy_snapshot

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not chromium_available(), reason="needs Debian's chromium (apt-get install chromium)"),
]
FIRST, AS_OF = dt.date(2024, 2, 13), dt.date(2024, 2, 14)
PAGES = {**READY_TEXT, "": "games on Wednesday 14 February 2024"}


@pytest.fixture(scope="module")
def warehouse(module_db, tmp_path_factory):
    snapshot = copy_snapshot(tmp_path_factory.mktemp("dash") / "s", ["2022-23", "2023-24"], feeds=False)
    env = {"COURTSIDE_DATA_DIR": str(snapshot)}
    # two mornings take minutes on a busy machine: more time than a single command's default
    run_cli("replay", "--from", FIRST.isoformat(), "--to", AS_OF.isoformat(), "--json", env=env, timeout=1800)
    return module_db


@pytest.fixture(scope="module")
def dashboard(warehouse):
    with served_dashboard() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def shoot(page, name: str) -> None:
    screenshot(page, ARTIFACTS / f"{name}.png")


@pytest.mark.parametrize("route", list(PAGES))
def test_every_page_shows_real_data_with_no_console_error_and_nothing_fetched_from_outside(dashboard, page, route):
    seen = watch(page)
    page.goto(f"{dashboard}/{route}")
    wait_for_data(page, PAGES[route])
    shoot(page, route or "home")
    assert seen.console_errors == []
    assert seen.outside_requests() == []
    assert any(u.startswith(dashboard) for u in seen.requests)
    assert page.get_by_text("Traceback").count() == 0


def test_home_lists_the_days_games_with_team_names_and_probabilities(dashboard, page, warehouse):
    with psycopg.connect(warehouse) as conn:
        games = conn.execute("select count(*) from ops.predictions where game_date = %s", (AS_OF,)).fetchone()[0]
    page.goto(dashboard)
    wait_for_data(page, PAGES[""])
    assert games > 0
    assert page.get_by_text("match deep dive →").count() == games
    assert page.get_by_text("confidence").count() >= games
    assert page.get_by_text("Boston Celtics").count() + page.get_by_text("Los Angeles Lakers").count() >= 1


def test_a_day_without_games_says_why(dashboard, page):
    page.goto(f"{dashboard}/?day=2024-02-16")
    wait_for_data(page, "no games on 2024-02-16: All-Star break")


def test_a_bet_placed_through_the_form_shows_in_the_ledger_and_once_settled_on_the_equity_curve(
    dashboard, page, warehouse
):
    seen = watch(page)
    page.goto(f"{dashboard}/bankroll")
    wait_for_data(page, "suggested stake")
    page.get_by_label("Stake ($)").fill("12.50")
    page.get_by_label("Stake ($)").press("Tab")
    page.get_by_text("on $12.50:").wait_for()  # the EV on this stake, before anything is submitted
    page.get_by_role("button", name="Place bet").click()
    page.get_by_text("placed:").wait_for(timeout=60_000)
    with psycopg.connect(warehouse) as conn:
        bet_id, stake, status, game = conn.execute(
            "select b.bet_id, b.stake_cents, b.status, g.away_team_abbr || ' at ' || g.home_team_abbr"
            " from ops.bets b join marts.fct_games g using (game_id)"
        ).fetchone()
    assert (stake, status) == (1250, "open")
    page.get_by_text("no open bets").wait_for(state="detached", timeout=60_000)
    page.locator(".tabulator-cell", has_text=game).first.wait_for()  # the open bets table lists it
    page.get_by_label("Open bet").select_option(index=0)
    page.get_by_label("Result").select_option("won")
    page.get_by_role("button", name="Settle", exact=True).click()
    page.get_by_text(f"Bet {bet_id} settled won").wait_for(timeout=60_000)
    with psycopg.connect(warehouse) as conn:
        status, profit = conn.execute("select status, profit_cents from ops.bets").fetchone()
    assert (status, profit) == ("won", 1136)  # 12.50 at -110 wins 11.36
    wait_for_data(page, "$1,011.36")  # the bankroll after the settlement
    assert page.get_by_text("no settled bet yet").count() == 0  # the equity curve has its point
    shoot(page, "bankroll-after-bet")
    assert seen.console_errors == []


def test_the_theme_switch_survives_a_reload(dashboard, page):
    page.goto(dashboard)
    wait_for_data(page, PAGES[""])
    assert page.locator("html").get_attribute("data-bs-theme") != "dark"
    page.get_by_role("button", name="☾ Dark").click()
    page.wait_for_function("document.documentElement.getAttribute('data-bs-theme') === 'dark'", timeout=60_000)
    page.reload()
    wait_for_data(page, PAGES[""])
    assert page.locator("html").get_attribute("data-bs-theme") == "dark"
    shoot(page, "home-dark")
    page.get_by_role("button", name="☀ Light").click()
    page.wait_for_function("document.documentElement.getAttribute('data-bs-theme') !== 'dark'", timeout=60_000)


@pytest.mark.parametrize("route", ["", "match", "bankroll"])
def test_a_phone_sized_window_needs_no_sideways_scrolling(dashboard, browser, route):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{dashboard}/{route}")
    wait_for_data(page, PAGES[route])
    shoot(page, f"{route or 'home'}-phone")
    width, overflow = page.evaluate(
        "[document.documentElement.clientWidth,"
        " document.documentElement.scrollWidth - document.documentElement.clientWidth]"
    )
    context.close()
    assert width == 390  # laid out at the phone's width, not a zoomed-out desktop page
    assert overflow <= 0


def test_an_unreachable_database_shows_a_banner_not_a_traceback(browser, courtside_home):
    down = {"DATABASE_URL": "postgresql://postgres@127.0.0.1:9/nowhere", "COURTSIDE_CONNECT_TIMEOUT": "1"}
    with served_dashboard(env=down) as url:
        page = browser.new_page()
        seen = watch(page)
        page.goto(url)
        page.get_by_text("The database is not reachable").first.wait_for(timeout=90_000)
        shoot(page, "database-down")
        assert page.get_by_text("Traceback").count() == 0
        assert seen.outside_requests() == []
        page.close()
