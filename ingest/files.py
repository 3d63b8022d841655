"""Strict CSV reading shared by the market and news loaders."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warehouse.errors import InputError


def read_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs; raises InputError naming the file when columns are missing."""
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"{path}: missing columns {', '.join(missing)}")
            for row in reader:
                if None in row:  # more values than headers
                    raise InputError(f"{path} line {reader.line_num}: more values than columns")
                yield reader.line_num, row
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except csv.Error as exc:
        raise InputError(f"{path}: malformed CSV ({exc})") from None


def number(value: str, kind: type, where: str, column: str) -> Any:
    value = (value or "").strip()
    if value == "":
        return None
    try:
        return kind(float(value)) if kind is int else kind(value)
    except ValueError:
        raise InputError(f"{where}: {column} {value!r} is not a number") from None
