"""The words the charts write, shared with the History panel and the report: dates, counts and the empty value.

Kept apart from the painting so that the panel and the report can use them without loading any chart.
"""

from __future__ import annotations

from datetime import date
from typing import Final

MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
NO_VALUE: Final = "—"


def short_day(day: date) -> str:
    """ "3 Mar": axis labels."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def long_day(day: date) -> str:
    """ "3 March 2026": sentences and the report."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def whole(value: float) -> str:
    """A count or a number of minutes as people write it: "1,250"."""
    return f"{round(value):,}"


def one_decimal(value: float | None) -> str:
    return NO_VALUE if value is None else f"{value:.1f}"


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (words or word + 's')}"
