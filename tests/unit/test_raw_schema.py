"""Every column a feed yields is declared on its resource, so a table created before its first row
(an as-of load before a season's first game) already has the columns the staging models select."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest import market, news
from ingest.nba import schema
from ingest.snapshot import SnapshotDir
from tests.support.paths import DATA

SINCE = dt.date(2024, 1, 10)


@pytest.fixture(scope="module")
def view():
    return SnapshotDir(DATA).as_of(dt.date(2024, 1, 15))


@pytest.mark.parametrize(
    ("rows", "columns"),
    [
        (lambda v: v.team_game_logs(SINCE), schema.TEAM_GAME_LOGS),
        (lambda v: v.schedule(SINCE), schema.SCHEDULE),
        (lambda v: v.player_game_logs(SINCE), schema.PLAYER_GAME_LOGS),
        (lambda v: v.player_season_totals(None), schema.PLAYER_SEASON_TOTALS),
        (lambda v: v.closing_lines(SINCE), market.CLOSING_LINES),
        (lambda v: v.fivethirtyeight_forecasts(None), market.FIVETHIRTYEIGHT_FORECASTS),
        (lambda v: v.articles(None), news.ARTICLES),
        (lambda v: v.injury_log(SINCE), news.INJURY_LOG),
        (lambda v: v.injury_log_quarantine(None), news.INJURY_LOG_QUARANTINE),
        (lambda v: v.injury_player_quarantine(None), news.INJURY_PLAYER_QUARANTINE),
        (lambda v: v.injury_report(None), news.INJURY_REPORT),
    ],
)
def test_feed_rows_have_exactly_the_declared_columns(view, rows, columns):
    produced = rows(view)
    assert produced
    assert set().union(*(set(r) for r in produced)) == set(columns)
