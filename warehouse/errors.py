"""Errors the CLI turns into one clear line and a non-zero exit status."""


class CourtsideError(Exception):
    """A problem the user can fix: bad input, missing data, unreachable database."""

    exit_code = 1


class DatabaseUnavailable(CourtsideError):
    exit_code = 3


class InputError(CourtsideError):
    """Bad input: a malformed file, an unknown team, a date in the wrong form."""

    exit_code = 1


class LiveSourceUnavailable(CourtsideError):
    """A live source (stats.nba.com, a news feed, the injury report) could not be reached."""

    exit_code = 3


class NotFound(InputError):
    """Bad input that names something which does not exist (an unknown game, bet or table)."""


class Conflict(InputError):
    """A request the current state forbids (settling a settled bet with another result)."""
