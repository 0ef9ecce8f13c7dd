"""The ranges an imported value must fall in, beyond its type: checked before anything is written.

An export is a file anyone can edit, and JSON holds values the history cannot: integers of any size (SQLite stores
64 bits), ``Infinity`` and ``NaN`` (which ``history --json`` and ``export`` would then write out as invalid JSON),
and dates at the very ends of the calendar, where converting an offset to UTC or to local time overflows. Each is
refused here with the field named, so the import exits 2 with a message instead of failing half-way.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Final

from hipcoach.core.history.errors import HistoryImportError

MAX_IMPORT_BYTES: Final = 64 * 1024 * 1024
"""Ten years of daily sessions export to some 30 MB; a bigger file is not an export and would only fill memory."""

MAX_WHOLE: Final = 1_000_000_000
"""Far above any count or index a session holds, far below SQLite's 64-bit integers."""

MAX_NUMBER: Final = 1_000_000_000.0
"""Seconds (31 years) and time scales: far above anything real, small enough for every sum and conversion."""

FIRST_YEAR: Final = 1970
LAST_YEAR: Final = 9000
"""Clocks reset to 1970 are real; beyond 9000 nothing is, and local-time conversions near 9999 overflow."""


def check_whole(value: int, field: str) -> int:
    """``value`` already is a non-negative whole number; refuse one no session could hold."""
    if value > MAX_WHOLE:
        raise HistoryImportError(f"{field} must be a whole number from 0 to {MAX_WHOLE}, not {_big(value)}.")
    return value


def check_number(value: float, field: str) -> float:
    """``value`` already is a number; refuse ``Infinity``, ``NaN`` and absurd sizes (before float() overflows)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise HistoryImportError(f"{field} must be an ordinary number, not {value!r} (Infinity and NaN are not).")
    if abs(value) > MAX_NUMBER:
        raise HistoryImportError(f"{field} must be a number up to {MAX_NUMBER:.0f}, not {_big(value)}.")
    return float(value)


def check_moment(moment: datetime, field: str) -> None:
    """``moment`` has an offset; it must convert to UTC and lie between FIRST_YEAR and LAST_YEAR."""
    try:
        utc = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        utc = None
    if utc is None or not FIRST_YEAR <= utc.year <= LAST_YEAR:
        raise HistoryImportError(
            f"{field} must be a date between the years {FIRST_YEAR} and {LAST_YEAR}, not {moment.isoformat()}."
        )


def _big(value: float) -> str:
    if isinstance(value, int) and value.bit_length() > 64:  # str() of a huge int is slow, and refused past 4300 digits
        return f"a number of about {math.floor(value.bit_length() * math.log10(2)) + 1} digits"
    return str(value)
