"""How old the prices behind an answer are, and when to say so.

A price is a fact as of its `checked` date; an answer built on old ones should
say so once, and say how to refresh them (`catalog update`).
"""

import datetime as dt
from collections.abc import Iterable

# How old a price may be before cost and diff warn (config defaults.max_age_days).
DEFAULT_MAX_AGE_DAYS = 120


def age_days(checked: dt.date, today: dt.date) -> int:
    """Days since prices were checked (0 for a date ahead of today)."""
    return max(0, (today - checked).days)


def stale_warning(checked: Iterable[dt.date], today: dt.date, max_age_days: int) -> str | None:
    """One line when any of the prices used (each given by the day it was
    checked) is older than `max_age_days`, else None."""
    old = [day for day in checked if age_days(day, today) > max_age_days]
    if not old:
        return None
    oldest = min(old)
    count = len(old)
    return (
        f"{count} price{'s' if count != 1 else ''} used {'were' if count != 1 else 'was'} "
        f"checked more than {max_age_days} days ago (oldest {oldest.isoformat()}); "
        "`llmcompare catalog update` fetches newer ones (--max-age to change the limit)"
    )
