"""Today's date, asked in one place.

`LLMCOMPARE_TODAY=YYYY-MM-DD` makes every answer as of that day: prices in
force, retirements, the age of prices, what counts as the future. For output
that must not change with the calendar (the README's examples, a CI job's
expected output); `--at` is the option for pricing another day.
"""

import datetime as dt
import os

TODAY_ENV = "LLMCOMPARE_TODAY"


class ClockError(ValueError):
    """A day in LLMCOMPARE_TODAY that is not a date."""


def today() -> dt.date:
    given = os.environ.get(TODAY_ENV, "").strip()
    if not given:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(given)
    except ValueError:
        raise ClockError(f"{TODAY_ENV}={given!r} is not a date (YYYY-MM-DD)") from None
