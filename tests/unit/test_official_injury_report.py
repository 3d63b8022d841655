"""The league's official injury report: the real 2024-01-04 12:30 ET PDF, damaged copies, the fetcher.

Damaged copies are the real PDF with its page text edited (content streams rewritten, xref
rebuilt), so they keep the real layout: fonts, rules, column positions.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ingest.news.official_injury_report import (
    EASTERN,
    InjuryReport,
    ReportUnavailable,
    fetch_latest_report,
    parse_injury_report,
    player_name,
    reason_category,
    report_slots,
    report_url,
)
from ingest.teams import by_abbreviation
from warehouse.errors import InputError

NEWS = Path(__file__).resolve().parents[2] / "data" / "news"
PDF_PATH = NEWS / "nba_official_injury_report_2024-01-04_1230ET.pdf"
PARSED_PATH = NEWS / "nba_official_injury_report_2024-01-04_1230ET.parsed.json"
URL_1230 = "https://ak-static.cms.nba.com/referee/injury/Injury-Report_2024-01-04_12PM.pdf"
URL_1330 = "https://ak-static.cms.nba.com/referee/injury/Injury-Report_2024-01-04_01PM.pdf"

# Every team the report lists as NOT YET SUBMITTED, page by page (ORL@DEN's Denver line is the
# first line of page 3: the game continues over the page break).
NOT_SUBMITTED = [
    ("2024-01-04", "MIL@SAS", "MIL"),
    ("2024-01-05", "ATL@IND", "ATL"),
    ("2024-01-05", "ATL@IND", "IND"),
    *[
        ("2024-01-05", matchup, team)
        for matchup in ("UTA@BOS", "NYK@PHI", "OKC@BKN", "WAS@CLE", "CHA@CHI", "LAC@NOP", "MIN@HOU", "POR@DAL")
        for team in matchup.split("@")
    ],
    ("2024-01-05", "MIA@PHX", "MIA"),
    ("2024-01-05", "MIA@PHX", "PHX"),
    ("2024-01-05", "ORL@DEN", "ORL"),
    ("2024-01-05", "ORL@DEN", "DEN"),
    *[("2024-01-05", matchup, team) for matchup in ("DET@GSW", "MEM@LAL", "TOR@SAC") for team in matchup.split("@")],
]


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return PDF_PATH.read_bytes()


@pytest.fixture(scope="module")
def report(pdf) -> InjuryReport:
    return parse_injury_report(pdf, str(PDF_PATH))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


# --------------------------------------------------------------------------------------------
# Editing the real PDF's page text.


def rewrite_pages(pdf: bytes, edits: dict[int, Callable[[bytes], bytes]]) -> bytes:
    """The PDF with page N's content stream passed through ``edits[N]``; offsets and xref rebuilt."""
    xref_at = int(re.search(rb"startxref\s+(\d+)", pdf)[1])
    count = int(re.match(rb"xref\s+0 (\d+)", pdf[xref_at:])[1])
    offsets = sorted(int(x) for x in re.findall(rb"(\d{10}) \d{5} n", pdf[xref_at:]))
    contents = [int(n) for n in re.findall(rb"/Contents (\d+) 0 R", pdf)]  # page objects are in page order
    out, where = bytearray(pdf[: offsets[0]]), {}
    for start, end in zip(offsets, [*offsets[1:], xref_at], strict=True):
        chunk = pdf[start:end]
        number = int(chunk.split(b" ", 1)[0])
        page = contents.index(number) + 1 if number in contents else None
        if page in edits:
            length = int(re.search(rb"/Length (\d+)", chunk)[1])
            body_at = chunk.index(b"stream") + len(b"stream\n")
            text = edits[page](zlib.decompress(chunk[body_at : body_at + length]))
            packed = zlib.compress(text)
            head = re.sub(rb"/Length \d+", b"/Length %d" % len(packed), chunk[:body_at])
            chunk = head + packed + chunk[body_at + length :]
        where[number] = len(out)
        out += chunk
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % count
    out += b"".join(b"%010d 00000 n \n" % where[n] for n in range(1, count))
    out += pdf[pdf.rindex(b"trailer") : pdf.rindex(b"startxref")]
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def replace(old: bytes, new: bytes, *, last: bool = False) -> Callable[[bytes], bytes]:
    def edit(stream: bytes) -> bytes:
        assert old in stream, f"{old!r} not in the page text"
        if last:
            head, _, tail = stream.rpartition(old)
            return head + new + tail
        return stream.replace(old, new, 1)

    return edit


def chain(*edits: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    def edit(stream: bytes) -> bytes:
        for e in edits:
            stream = e(stream)
        return stream

    return edit


def test_rewriting_without_edits_keeps_the_report(pdf, report):
    """The editor itself: unedited pages round-trip to the very same bytes (same zlib settings)."""
    assert rewrite_pages(pdf, {1: lambda s: s, 2: lambda s: s, 3: lambda s: s}) == pdf
    spaced = rewrite_pages(pdf, {2: lambda s: s + b"\n"})
    assert spaced != pdf
    again = parse_injury_report(spaced, "copy")
    assert again.rows == report.rows and again.teams_not_submitted == report.teams_not_submitted


# --------------------------------------------------------------------------------------------
# The real report.


def test_published_at_is_the_masthead_in_eastern_time(report):
    assert report.published_at == dt.datetime(2024, 1, 4, 12, 30, tzinfo=EASTERN)
    assert report.published_at.utcoffset() == dt.timedelta(hours=-5)
    assert report.source == str(PDF_PATH)


def test_real_report_has_exactly_the_players_of_the_recorded_parse(report):
    recorded = json.loads(PARSED_PATH.read_text())["records"]
    assert len(recorded) == len(report.rows) == 14
    ids = by_abbreviation()

    def key(team_id, matchup, game_date, player, status, reason):
        return (team_id, matchup, game_date, player, status, _squash(reason))

    expected = sorted(
        key(
            ids[r["team"]],
            r["matchup"],
            dt.datetime.strptime(r["date"], "%m/%d/%Y").date(),
            r["player"],
            r["status"],
            r["reason"],
        )
        for r in recorded
    )
    got = sorted(
        key(r["team_id"], r["matchup"], r["game_date"], r["player_name_raw"], r["status"], r["reason"])
        for r in report.rows
    )
    assert got == expected


def test_rows_carry_the_game_team_and_restored_spacing(report):
    rows = {r["player_name"]: r for r in report.rows}
    assert set(rows) >= {"David Duke Jr.", "Gary Payton II", "Doug McDermott", "Draymond Green"}
    duke = rows["David Duke Jr."]
    assert duke["player_name_raw"] == "Duke Jr., David"
    assert (duke["game_date"], duke["tipoff_et"], duke["matchup"]) == (dt.date(2024, 1, 4), dt.time(19, 30), "MIL@SAS")
    assert duke["team_id"] == by_abbreviation()["SAS"]
    assert (duke["status"], duke["reason"], duke["reason_category"]) == ("Out", "G League - Two-Way", "g_league")
    # The wrapped reason is printed above and below his name: both halves, in order.
    assert rows["Doug McDermott"]["reason"] == "Injury/Illness - Right Forearm; Contusion"
    assert rows["Doug McDermott"]["reason_category"] == "injury_illness"
    green = rows["Draymond Green"]
    assert (green["team_id"], green["tipoff_et"], green["reason"]) == (
        by_abbreviation()["GSW"],
        dt.time(22, 0),
        "League Suspension",
    )
    assert green["reason_category"] == "league_suspension"
    assert rows["Reggie Jackson"]["status"] == "Probable"
    assert {r["report_published_at"] for r in report.rows} == {report.published_at}
    assert {type(r["report_row_id"]) for r in report.rows} == {str}
    assert len({r["report_row_id"] for r in report.rows}) == 14


def test_not_submitted_teams_of_every_page(report):
    ids = by_abbreviation()
    expected = [
        {"game_date": dt.date.fromisoformat(d), "matchup": matchup, "team_id": ids[team]}
        for d, matchup, team in NOT_SUBMITTED
    ]
    assert report.teams_not_submitted == expected
    assert len(expected) == 29


def test_row_ids_are_stable_and_depend_on_the_publication_time(pdf, report):
    assert [r["report_row_id"] for r in parse_injury_report(pdf, "again").rows] == [
        r["report_row_id"] for r in report.rows
    ]
    later = rewrite_pages(pdf, {p: replace(b"(12:30) Tj", b"(01:30) Tj") for p in (1, 2, 3)})
    relabelled = parse_injury_report(later, "later")
    assert relabelled.published_at == dt.datetime(2024, 1, 4, 13, 30, tzinfo=EASTERN)
    assert not {r["report_row_id"] for r in relabelled.rows} & {r["report_row_id"] for r in report.rows}


def test_a_reason_continued_over_a_page_break_stays_with_its_player(pdf):
    """Page 2 ends with an Orlando player whose reason ends on page 3 (and Denver's line is gone)."""
    fultz = (
        b"426 505.607 Td (Fultz,) Tj 32 0 Td (Markelle) Tj 129 0 Td (Out) Tj 80 0 Td (Injury/Illness) Tj"
        b" 56 0 Td (-) Tj 6 0 Td (Left) Tj 20 0 Td (Knee;) Tj"
    )
    nys = b"Td (NOT) Tj\n20.21 0 Td (YET) Tj\n16.8896 0 Td (SUBMITTED) Tj"
    edited = rewrite_pages(
        pdf,
        {
            2: replace(b"667.0708 505.607 " + nys, fultz, last=True),
            3: chain(
                replace(b"265.2445 90.9215 Td (Denver) Tj\n31.6211 0 Td (Nuggets) Tj", b""),
                replace(b"667.0708 90.9215 " + nys, b"667.0708 90.9215 Td (Sprain) Tj"),
            ),
        },
    )
    report = parse_injury_report(edited, "edited")
    fultz_row = next(r for r in report.rows if r["player_name"] == "Markelle Fultz")
    assert fultz_row["reason"] == "Injury/Illness - Left Knee; Sprain"
    assert (fultz_row["team_id"], fultz_row["matchup"], fultz_row["game_date"], fultz_row["tipoff_et"]) == (
        by_abbreviation()["ORL"],
        "ORL@DEN",
        dt.date(2024, 1, 5),
        dt.time(21, 0),
    )
    assert len(report.rows) == 15
    assert [t for t in report.teams_not_submitted if t["matchup"] == "ORL@DEN"] == []


def test_player_names_and_reason_categories():
    assert player_name("Duke Jr., David") == "David Duke Jr."
    assert player_name("Payton II, Gary") == "Gary Payton II"
    assert player_name("Jackson, Jr., Jaren") == "Jaren Jackson Jr."
    assert player_name("Nene") == "Nene"
    assert reason_category("Injury/Illness - Left Acl; Tear") == "injury_illness"
    assert reason_category("Injury/Illness-LeftAcl;Tear") == "injury_illness"
    assert reason_category("G League - On Assignment") == "g_league"
    assert reason_category("Rest") == "rest"
    assert reason_category("League Suspension") == "league_suspension"
    assert reason_category("Personal Reasons") == "personal"
    assert reason_category("Not With Team") == "not_with_team"
    assert reason_category("Concussion Protocol") == "injury_illness"
    assert reason_category("Trade Pending") == "other"


# --------------------------------------------------------------------------------------------
# Bad input: a clear InputError naming the source and what is wrong, never a partial result.


def test_random_bytes_are_not_a_pdf():
    junk = random.Random(20240104).randbytes(4096)
    with pytest.raises(InputError, match=r"^junk\.pdf: not a PDF"):
        parse_injury_report(junk, "junk.pdf")


def test_an_html_error_page_is_not_a_pdf():
    with pytest.raises(InputError, match="not a PDF"):
        parse_injury_report(b"<html><body>Access Denied</body></html>", "page.pdf")


def test_a_truncated_pdf_is_rejected(pdf):
    with pytest.raises(InputError, match=r"^cut\.pdf: truncated PDF"):
        parse_injury_report(pdf[: len(pdf) // 2], "cut.pdf")


def test_a_damaged_page_is_rejected_not_skipped(pdf):
    """Without strict reading, pdfminer would drop page 2's text and the parse would lose 19 teams."""
    at = pdf.index(b"stream", pdf.index(b"\n14 0 obj")) + len(b"stream\n")
    damaged = pdf[: at + 1500] + bytes(b ^ 0x55 for b in pdf[at + 1500 : at + 1600]) + pdf[at + 1600 :]
    with pytest.raises(InputError, match=r"^damaged\.pdf: unreadable PDF"):
        parse_injury_report(damaged, "damaged.pdf")


def test_a_pdf_of_another_document_is_not_a_report(pdf):
    minutes = b"q 1 0 0 -1 0 595.35 cm BT /F1 -10 Tf 100 100 Td (Minutes of the board meeting) Tj ET Q"
    other = rewrite_pages(pdf, {1: lambda s: minutes, 2: lambda s: minutes, 3: lambda s: minutes})
    with pytest.raises(InputError, match=r"^minutes\.pdf: not an NBA injury report \(no 'Injury Report: "):
        parse_injury_report(other, "minutes.pdf")


def test_an_unknown_team_is_named_with_its_page_and_row(pdf):
    edited = rewrite_pages(pdf, {1: replace(b"(Spurs) Tj", b"(Spuds) Tj")})
    with pytest.raises(InputError, match=r"^x\.pdf page 1 row 2 \(.*\): unknown team 'San Antonio Spuds'"):
        parse_injury_report(edited, "x.pdf")


def test_a_team_outside_its_matchup_is_rejected(pdf):
    edited = rewrite_pages(pdf, {1: chain(replace(b"(Milwaukee)", b"(Boston)"), replace(b"(Bucks)", b"(Celtics)"))})
    with pytest.raises(InputError, match=r"page 1 row 1 .*team 'Boston Celtics' does not play in MIL@SAS"):
        parse_injury_report(edited, "x.pdf")


def test_an_unknown_status_is_named(pdf):
    edited = rewrite_pages(pdf, {1: replace(b"(Doubtful) Tj", b"(Iffy) Tj")})
    with pytest.raises(InputError, match=r"page 1 row 4 \('Branham, Malaki'\): unknown status 'Iffy'"):
        parse_injury_report(edited, "x.pdf")


def test_an_unknown_matchup_is_named(pdf):
    edited = rewrite_pages(pdf, {2: replace(b"(UTA@BOS) Tj", b"(UTA@XYZ) Tj")})
    with pytest.raises(InputError, match=r"page 2 row 1 .*unknown matchup 'UTA@XYZ'"):
        parse_injury_report(edited, "x.pdf")


def test_a_missing_page_is_noticed_from_the_footer(pdf):
    edited = rewrite_pages(pdf, {1: replace(b"10.5859 0 Td (3) Tj", b"10.5859 0 Td (4) Tj")})
    with pytest.raises(InputError, match=r"page 1 of 3: footer says 'Page 1 of 4'"):
        parse_injury_report(edited, "x.pdf")


def test_a_reason_without_a_player_is_rejected(pdf):
    edited = rewrite_pages(pdf, {1: chain(replace(b"(Barlow,) Tj", b"() Tj"), replace(b"(Dominick) Tj", b"() Tj"))})
    with pytest.raises(InputError, match=r"page 1 row 2 .*: a status or reason without a player"):
        parse_injury_report(edited, "x.pdf")


# --------------------------------------------------------------------------------------------
# Report URLs and the fetcher, against a recorded session (no network).


def test_report_urls_of_both_eras():
    assert report_url(dt.datetime(2024, 1, 4, 12, 30, tzinfo=EASTERN)) == URL_1230
    assert report_url(dt.datetime(2024, 1, 4, 17, 30, tzinfo=dt.UTC)) == URL_1230  # naive or aware, Eastern wall time
    assert report_url(dt.datetime(2024, 1, 4, 12, 30)) == URL_1230
    assert report_url(dt.datetime(2025, 12, 22, 8, 30)).endswith("Injury-Report_2025-12-22_08AM.pdf")
    assert report_url(dt.datetime(2025, 12, 22, 9, 0)).endswith("Injury-Report_2025-12-22_09_00AM.pdf")
    assert report_url(dt.datetime(2026, 1, 15, 17, 30)).endswith("Injury-Report_2026-01-15_05_30PM.pdf")
    assert report_url(dt.datetime(2026, 1, 15, 17, 44)).endswith("Injury-Report_2026-01-15_05_30PM.pdf")
    assert report_url(dt.datetime(2026, 1, 15, 0, 15)).endswith("Injury-Report_2026-01-15_12_15AM.pdf")


def _slots(as_of: dt.datetime, n: int) -> list[str]:
    slots = report_slots(as_of)
    return [next(slots).strftime("%m-%d %H:%M %Z") for _ in range(n)]


def test_slots_newest_first_across_the_format_change_and_clock_changes():
    assert _slots(dt.datetime(2024, 1, 4, 13, 45), 3) == ["01-04 13:30 EST", "01-04 12:30 EST", "01-04 11:30 EST"]
    assert _slots(dt.datetime(2024, 1, 4, 12, 29), 1) == ["01-04 11:30 EST"]
    assert _slots(dt.datetime(2025, 12, 22, 9, 20), 4) == [
        "12-22 09:15 EST",
        "12-22 09:00 EST",
        "12-22 08:30 EST",
        "12-22 07:30 EST",
    ]
    assert _slots(dt.datetime(2026, 1, 15, 0, 10), 2) == ["01-15 00:00 EST", "01-14 23:45 EST"]
    # 02:30 did not exist on 2024-03-10; 01:30 happened twice on 2024-11-03 (one file).
    assert _slots(dt.datetime(2024, 3, 10, 3, 40), 2) == ["03-10 03:30 EDT", "03-10 01:30 EST"]
    assert _slots(dt.datetime(2024, 11, 3, 2, 10), 3) == ["11-03 01:30 EST", "11-03 01:30 EDT", "11-03 00:30 EDT"]


@dataclass
class Answer:
    status_code: int
    content: bytes = b""


@dataclass
class RecordedSession:
    """Answers recorded per URL; anything else is what the league's bucket says for a missing file."""

    answers: dict[str, Answer | Exception]
    calls: list[tuple[str, object]] = field(default_factory=list)

    def get(self, url: str, timeout=None) -> Answer:
        self.calls.append((url, timeout))
        answer = self.answers.get(url, Answer(403, b"<Error><Code>AccessDenied</Code></Error>"))
        if isinstance(answer, Exception):
            raise answer
        return answer


def test_fetch_skips_an_unpublished_slot_and_returns_the_older_report(pdf, report):
    session = RecordedSession({URL_1330: Answer(404), URL_1230: Answer(200, pdf)})
    pauses: list[float] = []
    got = fetch_latest_report(
        dt.date(2024, 1, 4),
        session,
        as_of=dt.datetime(2024, 1, 4, 13, 50, tzinfo=EASTERN),
        timeout=(3.0, 20.0),
        pause=0.5,
        sleep=pauses.append,
    )
    assert session.calls == [(URL_1330, (3.0, 20.0)), (URL_1230, (3.0, 20.0))]
    assert pauses == [0.5]
    assert got.source == URL_1230
    assert got.published_at == dt.datetime(2024, 1, 4, 12, 30, tzinfo=EASTERN)
    assert got.rows == report.rows and got.teams_not_submitted == report.teams_not_submitted


def test_fetch_reads_no_report_published_after_the_moment_asked(pdf):
    session = RecordedSession({URL_1230: Answer(200, pdf)})
    with pytest.raises(ReportUnavailable):
        fetch_latest_report(
            dt.date(2024, 1, 4),
            session,
            as_of=dt.datetime(2024, 1, 4, 12, 29, tzinfo=EASTERN),
            max_tries=3,
            sleep=lambda s: None,
        )
    assert URL_1230 not in [url for url, _ in session.calls]


def test_fetch_never_looks_past_the_end_of_the_game_day(pdf):
    session = RecordedSession({})
    with pytest.raises(ReportUnavailable):
        fetch_latest_report(
            dt.date(2024, 1, 4),
            session,
            as_of=dt.datetime(2024, 1, 6, 9, 0, tzinfo=EASTERN),
            max_tries=1,
            sleep=lambda s: None,
        )
    assert session.calls[0][0].endswith("Injury-Report_2024-01-04_11PM.pdf")


def test_fetch_gives_up_after_a_bounded_number_of_tries_naming_every_url():
    session = RecordedSession({URL_1330: Answer(500), URL_1230: ConnectionError("connection reset")})
    with pytest.raises(ReportUnavailable) as raised:
        fetch_latest_report(
            dt.date(2024, 1, 4),
            session,
            as_of=dt.datetime(2024, 1, 4, 13, 30, tzinfo=EASTERN),
            max_tries=4,
            sleep=lambda s: None,
        )
    urls = [url for url, _ in session.calls]
    assert len(urls) == 4 and urls[:2] == [URL_1330, URL_1230]
    message = str(raised.value)
    assert all(url in message for url in urls)
    assert f"{URL_1330} -> HTTP 500" in message
    assert f"{URL_1230} -> ConnectionError: connection reset" in message
    assert "403 (not published)" in message
    assert message.startswith("no injury report for 2024-01-04 published by 2024-01-04 13:30 ET: tried 4 slot(s)")
    assert raised.value.exit_code == 3
    assert [url for url, _ in raised.value.attempts] == urls


def test_fetch_skips_an_unreadable_report_and_stops_when_throttled(pdf):
    session = RecordedSession({URL_1330: Answer(200, b"<html>maintenance</html>"), URL_1230: Answer(429)})
    with pytest.raises(ReportUnavailable) as raised:
        fetch_latest_report(
            dt.date(2024, 1, 4),
            session,
            as_of=dt.datetime(2024, 1, 4, 13, 30, tzinfo=EASTERN),
            sleep=lambda s: None,
        )
    assert [url for url, _ in session.calls] == [URL_1330, URL_1230]
    assert "unreadable: " + URL_1330 + ": not a PDF" in str(raised.value)
    assert "429 (throttled; stopped)" in str(raised.value)


def test_fetch_rejects_a_report_whose_masthead_is_not_its_slot(pdf):
    session = RecordedSession({URL_1330: Answer(200, pdf)})
    with pytest.raises(ReportUnavailable, match="masthead says 2024-01-04 12:30, not this slot"):
        fetch_latest_report(
            dt.date(2024, 1, 4),
            session,
            as_of=dt.datetime(2024, 1, 4, 13, 30, tzinfo=EASTERN),
            max_tries=1,
            sleep=lambda s: None,
        )
