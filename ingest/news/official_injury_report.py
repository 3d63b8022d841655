"""The league's official injury report (a PDF published several times a day): parse it, fetch it.

Live mode needs to know who is out tonight; this report is the league's own list, team by team,
of every player whose participation is in doubt, with a status and a reason.

Parsing reads word positions, not the text stream: the PDF's text layer has no space
characters (``SanAntonioSpurs``, ``DukeJr.,David``), so spaces are restored from the gaps
between glyphs, and columns come from the x-coordinates of the column header on page 1 (later
pages repeat the layout without the header). Rows are delimited by the horizontal rules the
report draws under each player's cells, which keeps a reason wrapped onto several lines, or
continued on the next page, with its player. A report that cannot be read completely is
rejected with an ``InputError``; there is no partial result.

Where the league publishes the report (``ak-static.cms.nba.com/referee/injury/``), two eras:

* up to 2025-12-22 08:30 ET, one report an hour, stamped HH:30 but named by the hour only:
  ``Injury-Report_2024-01-04_12PM.pdf`` is the 12:30 PM report (its masthead says 12:30 PM).
* from 2025-12-22 09:00 ET, one report every 15 minutes, named by the exact stamp:
  ``Injury-Report_2026-01-15_05_30PM.pdf``.

A slot that was never published answers 403 (the bucket's AccessDenied), not only 404.
Sources: najicham/nba-stats-scraper scrapers/nbacom/nbac_injury_report.py (the hourly
``_{hh}{AM|PM}`` URL; its recorded sample is data/news/nba_official_injury_report_2024-01-04_1230ET.pdf,
fetched as hour 12 PM) and its docs/08-projects/current/pipeline-reliability-improvements/
2025-12-31-INJURY-URL-FORMAT-CHANGE.md (old name 403 after the switch); mxufc29/nbainjuries
src/nbainjuries/_util.py (format changed 2025-12-22, ``%I_%M%p``); and a public survey of the
archive (code-search file id 66562506987, repository not exposed) that measured the crossover
day: nine hourly files (00:30-08:30 ET) then quarter-hourly ones from 09:00 ET.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import logging
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pdfminer import settings as pdfminer_settings
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTCurve
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from ingest.teams import all_teams, by_abbreviation
from warehouse.errors import InputError, LiveSourceUnavailable
from warehouse.seasons import EASTERN

log = logging.getLogger(__name__)

BASE_URL = "https://ak-static.cms.nba.com/referee/injury/"  # COURTSIDE_INJURY_REPORT_URL overrides it
# First report named with minutes (quarter-hourly); every earlier one is hourly, named by the hour.
QUARTER_HOURLY_FROM = dt.datetime(2025, 12, 22, 9, 0, tzinfo=EASTERN)

STATUSES = ("Out", "Doubtful", "Questionable", "Probable", "Available")
COLUMNS = ("Game Date", "Game Time", "Matchup", "Team", "Player Name", "Current Status", "Reason")
CONTEXT_COLUMNS = COLUMNS[:4]
NOT_SUBMITTED = "NOT YET SUBMITTED"

# Reason prefixes, compared without spaces and case (the text layer's spacing is recovered, not given).
REASON_CATEGORIES = (
    ("injury/illness", "injury_illness"),
    ("concussionprotocol", "injury_illness"),
    ("healthandsafetyprotocols", "injury_illness"),
    ("gleague", "g_league"),
    ("rest", "rest"),
    ("leaguesuspension", "league_suspension"),
    ("personal", "personal"),
    ("notwithteam", "not_with_team"),
)

_TITLE = re.compile(r"^Injury Report: (\d\d/\d\d/\d\d) (\d\d?:\d\d) ?([AP]M)$")
_FOOTER = re.compile(r"^Page (\d+) of (\d+)$")
_GAME_DATE = re.compile(r"^(\d\d)/(\d\d)/(\d{4})$")
_TIPOFF = re.compile(r"^(\d\d?):(\d\d) ?([AP]M)? ?\(?ET\)?$")
_MATCHUP = re.compile(r"^([A-Z]{2,4})@([A-Z]{2,4})$")
_SUFFIX_FIRST = re.compile(r"^(Jr\.?|Sr\.?|II|III|IV|V)\s*,\s*(.+)$")

# Glyphs further apart than this fraction of the font size belong to different words.
_WORD_GAP = 0.15
# Lines whose vertical centres differ by less than this (points) are one line of text.
_LINE_SLACK = 2.0
# Cell text starts a few points right of the column header's left edge.
_COLUMN_SLACK = 4.0


class ReportUnavailable(LiveSourceUnavailable):
    """No injury report could be fetched (none published yet, the host unreachable, or unreadable)."""

    def __init__(self, message: str, attempts: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.attempts = attempts or []


@dataclass(frozen=True)
class InjuryReport:
    source: str
    published_at: dt.datetime
    rows: list[dict[str, Any]]
    teams_not_submitted: list[dict[str, Any]]


# --------------------------------------------------------------------------------------------
# Reading the PDF: words with positions, and the horizontal rules.


@dataclass(frozen=True)
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Page:
    number: int
    words: list[_Word]
    rules: list[tuple[float, float, float]]  # (y from the top, x0, x1) of each horizontal rule


def _layout_objects(container: LTContainer) -> Iterator[Any]:
    for obj in container:
        yield obj
        if isinstance(obj, LTContainer):
            yield from _layout_objects(obj)


def _read_pages(content: bytes, source: str) -> list[_Page]:
    if b"%PDF-" not in content[:1024]:
        raise InputError(f"{source}: not a PDF (starts with {content[:16]!r})")
    if b"%%EOF" not in content[-2048:]:
        raise InputError(f"{source}: truncated PDF (no %%EOF trailer at the end)")
    pages = []
    # Strict: by default pdfminer replaces a damaged stream or value with an empty one and reads
    # on, which would drop players silently; a report is either read whole or rejected.
    strict, pdfminer_settings.STRICT = pdfminer_settings.STRICT, True
    try:
        document = PDFDocument(PDFParser(io.BytesIO(content)))
        resources = PDFResourceManager()
        device = PDFPageAggregator(resources, laparams=None)
        interpreter = PDFPageInterpreter(resources, device)
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            interpreter.process_page(page)
            layout = device.get_result()
            chars, rules = [], []
            for obj in _layout_objects(layout):
                if isinstance(obj, LTChar):
                    chars.append(obj)
                elif isinstance(obj, LTCurve) and obj.height <= 1.5 and obj.width > 5:
                    rules.append((layout.height - obj.y1, obj.x0, obj.x1))
            pages.append(_Page(number, _words(chars, layout.height), sorted(rules)))
    except Exception as exc:  # pdfminer raises anything from PSEOF to KeyError on a damaged file
        raise InputError(f"{source}: unreadable PDF ({type(exc).__name__}: {str(exc)[:160]})") from None
    finally:
        pdfminer_settings.STRICT = strict
    if not pages:
        raise InputError(f"{source}: PDF has no pages")
    return pages


def _words(chars: list[LTChar], page_height: float) -> list[_Word]:
    """Group glyphs into words by position: a gap wider than a fraction of the font size is a space."""
    glyphs = sorted(
        ((page_height - c.y1, page_height - c.y0, c.x0, c.x1, c.size, c.get_text()) for c in chars),
        key=lambda g: (round((g[0] + g[1]) / 2), g[2]),
    )
    lines: list[list[tuple]] = []
    for glyph in glyphs:
        middle = (glyph[0] + glyph[1]) / 2
        if lines and abs((lines[-1][0][0] + lines[-1][0][1]) / 2 - middle) < _LINE_SLACK:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    words = []
    for line in lines:
        line.sort(key=lambda g: g[2])
        current: list[tuple] = []
        for glyph in line:
            if glyph[5].isspace():
                words.append(current)
                current = []
                continue
            if current and glyph[2] - current[-1][3] > _WORD_GAP * glyph[4]:
                words.append(current)
                current = []
            current.append(glyph)
        words.append(current)
    return [
        _Word(
            text="".join(g[5] for g in w),
            x0=w[0][2],
            x1=w[-1][3],
            top=min(g[0] for g in w),
            bottom=max(g[1] for g in w),
        )
        for w in words
        if w
    ]


def _text_lines(words: list[_Word]) -> list[list[_Word]]:
    lines: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        if lines and abs(lines[-1][0].middle - word.middle) < _LINE_SLACK:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _join(words: list[_Word]) -> str:
    return " ".join(w.text for w in words)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


# --------------------------------------------------------------------------------------------
# The report: masthead, column header, rows.


def parse_injury_report(content: bytes, source: str) -> InjuryReport:
    """Parse one official injury report PDF; ``source`` names it in errors (a path or URL).

    One row per player line: report_row_id (str, sha1 of publication time, game, team and
    player), report_published_at (aware datetime, US-Eastern), game_date (date), tipoff_et (time
    or None), matchup ('MIL@SAS'), team_id (NBA.com id), player_name ('David Duke Jr.'),
    player_name_raw ('Duke Jr., David'), status (one of STATUSES), reason (as printed, spacing
    restored; '' if blank), reason_category (see REASON_CATEGORIES, else 'other').
    ``teams_not_submitted``: game_date, matchup, team_id of each NOT YET SUBMITTED line.
    """
    pages = _read_pages(content, source)
    published_at = None
    columns: list[float] | None = None
    bands: list[tuple[int, int, dict[str, list[str]]]] = []  # (page, row on page, cells)
    for page in pages:
        body: list[_Word] = []
        for line in _text_lines(page.words):
            text = _join(line)
            if title := _TITLE.match(text):
                stamp = _published_at(title, source, page.number)
                if published_at is not None and stamp != published_at:
                    raise InputError(f"{source} page {page.number}: masthead says {text!r}, page 1 says otherwise")
                published_at = stamp
            elif footer := _FOOTER.match(text):
                if (int(footer[1]), int(footer[2])) != (page.number, len(pages)):
                    raise InputError(
                        f"{source} page {page.number} of {len(pages)}: footer says {text!r} (pages missing?)"
                    )
            elif _squash(text) == _squash("".join(COLUMNS)):
                columns = _column_starts(line, f"{source} page {page.number}")
            else:
                body += line
        if published_at is None:
            raise InputError(
                f"{source}: not an NBA injury report (no 'Injury Report: MM/DD/YY HH:MM AM' masthead on page 1)"
            )
        if not body:
            continue
        if columns is None:
            raise InputError(f"{source}: not an NBA injury report (no column header {' | '.join(COLUMNS)} on page 1)")
        bands += _bands(page, body, columns, source)
    rows, not_submitted = _assemble(bands, published_at, source)
    return InjuryReport(source=source, published_at=published_at, rows=rows, teams_not_submitted=not_submitted)


def _published_at(title: re.Match, source: str, page: int) -> dt.datetime:
    try:
        naive = dt.datetime.strptime(f"{title[1]} {title[2]} {title[3]}", "%m/%d/%y %I:%M %p")
    except ValueError:
        raise InputError(f"{source} page {page}: unreadable masthead time {title[0]!r}") from None
    return naive.replace(tzinfo=EASTERN)


def _column_starts(header: list[_Word], where: str) -> list[float]:
    """Left edge of each column, from the header words (a label may be printed as several words)."""
    starts, words = [], iter(header)
    for label in COLUMNS:
        first = next(words, None)
        text = first.text if first else ""
        while len(_squash(text)) < len(_squash(label)) and (word := next(words, None)):
            text += word.text
        if first is None or _squash(text) != _squash(label):
            raise InputError(f"{where}: column header {_join(header)!r} does not split into {' | '.join(COLUMNS)}")
        starts.append(first.x0 - _COLUMN_SLACK)
    return starts


def _column_of(word: _Word, columns: list[float]) -> str | None:
    if word.x0 < columns[0]:
        return None
    return COLUMNS[max(i for i, start in enumerate(columns) if word.x0 >= start)]


def _bands(page: _Page, body: list[_Word], columns: list[float], source: str) -> list[tuple[int, int, dict]]:
    """Split a page's table into rows at the rules drawn under the Reason cells."""
    reason_x = columns[COLUMNS.index("Reason")] + _COLUMN_SLACK
    cuts = sorted({round(y, 1) for y, x0, x1 in page.rules if x0 <= reason_x + 1 and x1 > reason_x + 20})
    if not cuts:
        raise InputError(f"{source} page {page.number}: table has no row rules; the report layout has changed")
    by_band: dict[int, list[_Word]] = {}
    for word in body:
        column = _column_of(word, columns)
        if column is None:
            raise InputError(f"{source} page {page.number}: text {word.text!r} left of the table")
        by_band.setdefault(sum(1 for y in cuts if y < word.middle), []).append(word)
    out = []
    for n, band in enumerate(sorted(by_band), start=1):
        cells: dict[str, list[str]] = {}
        for line in _text_lines(by_band[band]):
            for column in COLUMNS:
                words = [w for w in line if _column_of(w, columns) == column]
                if words:
                    cells.setdefault(column, []).append(_join(words))
        out.append((page.number, n, cells))
    return out


@dataclass
class _Context:
    game_date: dt.date | None = None
    tipoff_et: dt.time | None = None
    matchup: str | None = None
    team_id: int | None = None
    teams_in_matchup: tuple[int, int] | None = None


@dataclass
class _PendingRow:
    where: str
    context: _Context
    player: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    reason: list[str] = field(default_factory=list)


def _assemble(bands: list[tuple[int, int, dict]], published_at: dt.datetime, source: str) -> tuple[list, list]:
    ctx = _Context()
    pending: list[_PendingRow] = []
    not_submitted: list[dict[str, Any]] = []
    last_was_player = False  # whether the band before this one was a player's row
    for page, n, cells in bands:
        where = f"{source} page {page} row {n}"
        text = " | ".join(" ".join(v) for v in cells.values())
        reason = cells.get("Reason", [])
        submitted = _squash(" ".join(reason)) != _squash(NOT_SUBMITTED)
        if not any(c in cells for c in (*CONTEXT_COLUMNS, "Player Name")):
            # A page break inside a row: the rest of the previous page's last row opens this page.
            if n == 1 and last_was_player and submitted:
                last = pending[-1]
                if cells.get("Current Status") and last.status:
                    raise InputError(f"{where} ({text!r}): a second status for {' '.join(last.player)!r}")
                last.status += cells.get("Current Status", [])
                last.reason += reason
                continue
            raise InputError(f"{where} ({text!r}): a status or reason without a player")
        ctx = _advance(ctx, cells, where, text)
        last_was_player = "Player Name" in cells
        if last_was_player:
            _require(ctx, where, text)
            pending.append(_PendingRow(where, ctx, cells["Player Name"], cells.get("Current Status", []), reason))
        elif reason or "Current Status" in cells:
            if submitted or "Current Status" in cells:
                raise InputError(f"{where} ({text!r}): a status or reason without a player")
            _require(ctx, where, text)
            not_submitted.append({"game_date": ctx.game_date, "matchup": ctx.matchup, "team_id": ctx.team_id})
        # else: a game or team cell alone, context for the rows that follow
    rows = [_finish(p, published_at) for p in pending]
    seen: set[str] = set()
    for row, p in zip(rows, pending, strict=True):
        if row["report_row_id"] in seen:
            raise InputError(f"{p.where}: {row['player_name_raw']!r} listed twice for the same game and team")
        seen.add(row["report_row_id"])
    return rows, not_submitted


def _advance(ctx: _Context, cells: dict[str, list[str]], where: str, text: str) -> _Context:
    """The game and team a row belongs to: cells are printed once and hold until the next one."""
    ctx = dataclasses.replace(ctx)
    if "Game Date" in cells:
        value = " ".join(cells["Game Date"])
        m = _GAME_DATE.match(value)
        try:
            ctx.game_date = dt.date(int(m[3]), int(m[1]), int(m[2])) if m else None
        except ValueError:
            ctx.game_date = None
        if ctx.game_date is None:
            raise InputError(f"{where} ({text!r}): game date {value!r} is not MM/DD/YYYY")
        ctx.tipoff_et = ctx.matchup = ctx.team_id = ctx.teams_in_matchup = None
    if "Game Time" in cells:
        ctx.tipoff_et = _tipoff(" ".join(cells["Game Time"]), where, text)
        ctx.matchup = ctx.team_id = ctx.teams_in_matchup = None
    if "Matchup" in cells:
        value = "".join(cells["Matchup"])
        m = _MATCHUP.match(value)
        abbreviations = by_abbreviation()
        if not m or m[1] not in abbreviations or m[2] not in abbreviations:
            raise InputError(f"{where} ({text!r}): unknown matchup {value!r} (expected e.g. MIL@SAS)")
        ctx.matchup = value
        ctx.teams_in_matchup = (abbreviations[m[1]], abbreviations[m[2]])
        ctx.team_id = None
    if "Team" in cells:
        value = " ".join(cells["Team"])
        team_id = _teams_by_name().get(_squash(value))
        if team_id is None:
            raise InputError(f"{where} ({text!r}): unknown team {value!r}")
        if ctx.teams_in_matchup and team_id not in ctx.teams_in_matchup:
            raise InputError(f"{where} ({text!r}): team {value!r} does not play in {ctx.matchup}")
        ctx.team_id = team_id
    return ctx


def _tipoff(value: str, where: str, text: str) -> dt.time:
    """'07:30 (ET)': the report prints a 12-hour clock without AM/PM; NBA tipoffs are noon or later."""
    m = _TIPOFF.match(value)
    if not m or not (1 <= int(m[1]) <= 12 and int(m[2]) < 60):
        raise InputError(f"{where} ({text!r}): game time {value!r} is not like '07:30 (ET)'")
    hour = int(m[1]) % 12
    if m[3] != "AM":
        hour += 12
    return dt.time(hour, int(m[2]))


def _require(ctx: _Context, where: str, text: str) -> None:
    missing = [name for name in ("game_date", "matchup", "team_id") if getattr(ctx, name) is None]
    if missing:
        raise InputError(f"{where} ({text!r}): no {', '.join(missing)} printed above this row")


def _finish(p: _PendingRow, published_at: dt.datetime) -> dict[str, Any]:
    raw = " ".join(p.player)
    status = " ".join(p.status)
    if status not in STATUSES:
        raise InputError(
            f"{p.where} ({raw!r}): unknown status {status!r} (expected one of {', '.join(STATUSES)})"
            if status
            else f"{p.where} ({raw!r}): no status"
        )
    reason = " ".join(p.reason)
    ctx = p.context
    key = f"{published_at.isoformat()}|{ctx.game_date}|{ctx.matchup}|{ctx.team_id}|{_squash(raw)}"
    return {
        "report_row_id": hashlib.sha1(key.encode()).hexdigest(),
        "report_published_at": published_at,
        "game_date": ctx.game_date,
        "tipoff_et": ctx.tipoff_et,
        "matchup": ctx.matchup,
        "team_id": ctx.team_id,
        "player_name": player_name(raw),
        "player_name_raw": raw,
        "status": status,
        "reason": reason,
        "reason_category": reason_category(reason),
    }


def _teams_by_name() -> dict[str, int]:
    return {_squash(t.full_name): t.team_id for t in all_teams().values()}


def player_name(raw: str) -> str:
    """'Duke Jr., David' -> 'David Duke Jr.'; 'Payton II, Gary' -> 'Gary Payton II'; no comma: as is."""
    last, comma, first = raw.partition(",")
    if not comma:
        return raw.strip()
    first = first.strip()
    if m := _SUFFIX_FIRST.match(first):  # 'Jackson, Jr., Jaren'
        last, first = f"{last.strip()} {m[1]}", m[2]
    return f"{first} {last.strip()}".strip()


def reason_category(reason: str) -> str:
    squashed = _squash(reason)
    for prefix, category in REASON_CATEGORIES:
        if squashed.startswith(prefix):
            return category
    return "other"


# --------------------------------------------------------------------------------------------
# Fetching the latest report.


def _eastern(moment: dt.datetime) -> dt.datetime:
    """An aware moment in US-Eastern; a naive one is read as Eastern wall time."""
    return moment.replace(tzinfo=EASTERN) if moment.tzinfo is None else moment.astimezone(EASTERN)


def report_url(published_at_or_slot: dt.datetime, base_url: str = BASE_URL) -> str:
    """URL of the report slot a moment (US-Eastern; naive = Eastern) falls in.

    Hourly era: the slot is named by the hour (12:30 PM -> ``_12PM``); quarter-hourly era: by the
    quarter hour it falls in (12:40 PM -> ``_12_30PM``).
    """
    moment = _eastern(published_at_or_slot)
    label = moment.strftime("%Y-%m-%d_%I%p")
    if moment >= QUARTER_HOURLY_FROM:
        label = moment.replace(minute=moment.minute // 15 * 15).strftime("%Y-%m-%d_%I_%M%p")
    return f"{base_url}Injury-Report_{label}.pdf"


def report_slots(as_of: dt.datetime) -> Iterator[dt.datetime]:
    """Publication times of the reports at or before ``as_of``, newest first (US-Eastern)."""
    # In UTC, so that stepping back over a clock change stays on real instants (Eastern's
    # offsets are whole hours, so the minutes of a slot are the same in both).
    moment = _eastern(as_of).astimezone(dt.UTC).replace(second=0, microsecond=0)
    slot = moment.replace(minute=moment.minute // 15 * 15)
    if slot < QUARTER_HOURLY_FROM:
        slot = _hourly_at_or_before(moment)
    while True:
        yield slot.astimezone(EASTERN)
        if slot > QUARTER_HOURLY_FROM:
            slot -= dt.timedelta(minutes=15)
        else:
            slot = _hourly_at_or_before(slot, strictly=True)


def _hourly_at_or_before(moment: dt.datetime, strictly: bool = False) -> dt.datetime:
    """The last HH:30 stamp of the hourly era at (or strictly before) ``moment``."""
    slot = moment.replace(minute=30, second=0, microsecond=0)
    if slot > moment or (strictly and slot == moment):
        slot -= dt.timedelta(hours=1)
    return slot


def fetch_latest_report(
    day: dt.date,
    session: Any,
    *,
    as_of: dt.datetime | None = None,
    max_tries: int = 8,
    timeout: float | tuple[float, float] = (5.0, 30.0),
    pause: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
    base_url: str = BASE_URL,
) -> InjuryReport:
    """The most recent report published on or before ``as_of`` (default: now, or the end of ``day``).

    Tries the slots newest first, at most ``max_tries`` of them, ``pause`` seconds apart; a slot
    that was not published (403/404), does not answer, or does not hold a readable report is
    skipped; a 429 stops the search. ``session`` is requests-like (``get(url, timeout=...)``).
    """
    if max_tries < 1:
        raise ValueError("max_tries must be at least 1")
    end_of_day = dt.datetime.combine(day, dt.time(23, 59, 59), EASTERN)
    cutoff = min(_eastern(as_of) if as_of else dt.datetime.now(EASTERN), end_of_day)
    attempts: list[tuple[str, str]] = []
    urls: list[str] = []
    for slot in report_slots(cutoff):
        url = report_url(slot, base_url)
        if url not in urls:  # the repeated 1 AM of the autumn clock change is one file
            urls.append(url)
        if len(urls) == max_tries:
            break
    for n, url in enumerate(urls):
        if n:
            sleep(pause)
        try:
            response = session.get(url, timeout=timeout)
        except OSError as exc:  # requests' exceptions are OSErrors; so are socket timeouts
            attempts.append((url, f"{type(exc).__name__}: {str(exc)[:120]}"))
            continue
        status = response.status_code
        if status in (403, 404):
            attempts.append((url, f"{status} (not published)"))
            continue
        if status == 429:
            attempts.append((url, "429 (throttled; stopped)"))
            break
        if status != 200:
            attempts.append((url, f"HTTP {status}"))
            continue
        try:
            report = parse_injury_report(response.content, url)
        except InputError as exc:
            log.warning("skipping an unreadable injury report: %s", exc)
            attempts.append((url, f"unreadable: {exc}"))
            continue
        if report_url(report.published_at, base_url) != url:
            attempts.append((url, f"masthead says {report.published_at:%Y-%m-%d %H:%M}, not this slot"))
            continue
        return report
    tried = "; ".join(f"{url} -> {outcome}" for url, outcome in attempts)
    raise ReportUnavailable(
        f"no injury report for {day} published by {cutoff:%Y-%m-%d %H:%M} ET: tried {len(attempts)} slot(s): {tried}",
        attempts,
    )
