"""The live news feed on recorded real bodies: RSS feeds with their health, and the league's injury report."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.news.live import INJURY_REPORT_FEED, LiveNewsFeed
from ingest.snapshot import SnapshotDir
from tests.support.paths import DATA
from warehouse.errors import LiveSourceUnavailable
from warehouse.seasons import EASTERN
from warehouse.settings import load_settings

ESPN = "https://www.espn.com/espn/rss/nba/news"
BROKEN = "https://example.invalid/nba.rss"
REPORT_URL = "https://ak-static.cms.nba.com/referee/injury/Injury-Report_2024-01-04_12PM.pdf"


class Response:
    def __init__(self, status_code: int, content: bytes = b""):
        self.status_code, self.content = status_code, content

    def raise_for_status(self) -> None:
        import requests

        if self.status_code >= 400:
            raise requests.HTTPError(f"{self.status_code}")


class Session:
    """Answers each URL from recorded bodies; anything else is a 404."""

    def __init__(self, bodies: dict[str, Response]):
        self.bodies, self.calls = bodies, []

    def get(self, url, timeout=None):
        self.calls.append(url)
        return self.bodies.get(url, Response(404))


@pytest.fixture(scope="module")
def directory():
    return SnapshotDir(DATA).player_directory


def feed(bodies, directory, feeds=(ESPN, BROKEN)) -> tuple[LiveNewsFeed, Session]:
    session = Session(bodies)
    settings = load_settings({"COURTSIDE_NBA_TIMEOUT": "1", "COURTSIDE_NBA_REQUEST_INTERVAL": "0"}).sources
    noon = dt.datetime(2024, 1, 4, 13, 0, tzinfo=EASTERN)
    live = LiveNewsFeed(dt.date(2024, 1, 4), settings, feeds, session, directory=directory, as_of=noon)
    return live, session


def test_feeds_and_the_report_load_with_their_health(directory):
    espn = (DATA / "news" / "espn_nba_news_2023-01-13.xml").read_bytes()
    pdf = (DATA / "news" / "nba_official_injury_report_2024-01-04_1230ET.pdf").read_bytes()
    live, session = feed({ESPN: Response(200, espn), BROKEN: Response(503), REPORT_URL: Response(200, pdf)}, directory)
    articles = live.articles(None)
    assert len(articles) == 12
    health = {h["feed"]: h for h in live.feed_fetches()}
    assert health[ESPN]["ok"] and health[ESPN]["items"] == 12
    assert not health[BROKEN]["ok"] and "503" in health[BROKEN]["error"]
    report = health[INJURY_REPORT_FEED]
    assert report["ok"] and report["items"] == 14
    assert report["newest_item_at"] == dt.datetime(2024, 1, 4, 12, 30, tzinfo=EASTERN)
    rows = live.injury_report(None)
    assert {r["status"] for r in rows} >= {"Out", "Questionable"}
    draymond = next(r for r in rows if r["player_name"] == "Draymond Green")
    assert draymond["player_id"] == 203110 and draymond["reason_category"] == "league_suspension"
    assert all(r["player_id"] for r in rows)  # every name on this report is a known player
    assert live.injury_player_quarantine(None) == []
    assert REPORT_URL in session.calls


def test_a_missing_report_is_a_failed_fetch_not_a_failed_load(directory):
    espn = (DATA / "news" / "espn_nba_news_2023-01-13.xml").read_bytes()
    live, session = feed({ESPN: Response(200, espn)}, directory, feeds=(ESPN,))
    assert live.injury_report(None) == []
    report = {h["feed"]: h for h in live.feed_fetches()}[INJURY_REPORT_FEED]
    assert not report["ok"] and "no injury report for 2024-01-04" in report["error"]
    assert sum(url.endswith(".pdf") for url in session.calls) == 8  # a bounded number of slots tried


def test_every_feed_failing_is_an_error(directory):
    live, _ = feed({}, directory)
    with pytest.raises(LiveSourceUnavailable, match="no news feed answered"):
        live.articles(None)
