"""Command-line parameter types shared by every command: dates and seasons with errors that name the form."""

from __future__ import annotations

import datetime as dt

import click

from warehouse.errors import InputError
from warehouse.seasons import start_year


class Day(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date in the form YYYY-MM-DD (e.g. 2024-01-15)", param, ctx)


class Season(click.ParamType):
    name = "YYYY-YY"

    def convert(self, value, param, ctx) -> str:
        try:
            start_year(str(value))
        except InputError as exc:
            self.fail(str(exc), param, ctx)
        return str(value)


DAY = Day()
SEASON = Season()
