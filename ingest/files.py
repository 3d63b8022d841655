"""Strict reading of snapshot files: CSV (optionally gzipped) and gzipped JSON bodies.

Every problem names the file (and the line, where there is one) in an ``InputError``.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warehouse.errors import InputError


def _text(path: Path) -> str:
    try:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        return raw.decode("utf-8-sig")
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason})") from None


def read_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of a CSV with a header; missing columns or ragged rows raise."""
    reader = csv.DictReader(io.StringIO(_text(path), newline=""))
    try:
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{path}: missing columns {', '.join(missing)}")
        for row in reader:
            if None in row:  # more values than headers
                raise InputError(f"{path} line {reader.line_num}: more values than columns")
            yield reader.line_num, row
    except csv.Error as exc:
        raise InputError(f"{path} line {reader.line_num}: malformed CSV ({exc})") from None


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and data rows of a CSV recorded from a stats.nba.com result set (headers + rowSet)."""
    reader = csv.reader(io.StringIO(_text(path), newline=""))
    try:
        headers = next(reader)
        rows = [r for r in reader if r]
    except StopIteration:
        raise InputError(f"{path}: empty file (no header row)") from None
    except csv.Error as exc:
        raise InputError(f"{path} line {reader.line_num}: malformed CSV ({exc})") from None
    return headers, rows


def read_json_gz(path: Path) -> Any:
    try:
        return json.loads(_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: malformed JSON ({exc})") from None
