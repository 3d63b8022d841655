"""Cell values of recorded and live bodies: numbers that must be finite, dates in the forms the sources use.

Each function raises ``ValueError`` with what was wrong with the value; parsers add where it was
(file and row) and turn it into an ``InputError``.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache
from typing import Any

# stats.nba.com prints dates as 2024-04-09, 2024-04-09T00:00:00 or "Apr 09, 2024"; feeds and CSVs 04/09/2024
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%b %d, %Y", "%m/%d/%Y")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def decimal(value: Any, name: str, *, nullable: bool = False) -> float | None:
    """A finite number; ``nan`` and ``inf`` are rejected (they would load as NULL over good values)."""
    if type(value) is int:
        return float(value)
    if is_blank(value):
        if nullable:
            return None
        raise ValueError(f"{name} is empty")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} {value!r} is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} {value!r} is not a finite number")
    return number


def whole_number(value: Any, name: str, *, nullable: bool = False) -> int | None:
    if type(value) is int:
        return value
    if type(value) is str and value.isdigit():
        return int(value)
    number = decimal(value, name, nullable=nullable)
    if number is None:
        return None
    if number != int(number):
        raise ValueError(f"{name} {value!r} is not a whole number")
    return int(number)


def parse_date(value: Any, name: str = "date") -> dt.date:
    if type(value) is dt.date:
        return value
    try:
        return _parse_date_text(str(value).strip())
    except ValueError:
        raise ValueError(f"{name} {value!r} is not a date (expected YYYY-MM-DD)") from None


@lru_cache(maxsize=8192)  # a season's files repeat a few hundred distinct dates
def _parse_date_text(text: str) -> dt.date:
    if len(text) == 10 and text[4] == "-":
        return dt.date.fromisoformat(text)
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.title() if "," in text else text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)
