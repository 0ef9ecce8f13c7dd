"""The field readers of an import: each checks one field of a hand-editable JSON export and names it in its error.

Why apart from ``exchange``: they are the long, dull half of reading an import, and every one of them must say
which field is wrong (``sessions[3].exercises[0].side``) so a hand-edited file can be fixed. The ranges a value
must fall in are ``import_ranges``.

Imports the rows, errors and ranges of its own package.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final

from hipcoach.core.history.errors import HistoryImportError
from hipcoach.core.history.import_ranges import check_moment, check_number, check_whole
from hipcoach.core.history.rows import PAIN_RANGE, parse_utc
from hipcoach.core.safety.precautions import Precaution

PRECAUTION_WORDS: Final = tuple(sorted(precaution.value for precaution in Precaution))


def shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def read_object(item: object, where: str) -> dict[str, object]:
    if not isinstance(item, dict):
        raise HistoryImportError(f"{where} must be an object {{...}}, not {shown(item)}.")
    return item


def read_list(obj: dict[str, object], key: str, where: str) -> list[object]:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise HistoryImportError(f"{where}.{key} must be a list, not {shown(value)}.")
    return value


def read_required(obj: dict[str, object], key: str, where: str) -> object:
    if key not in obj:
        raise HistoryImportError(f"{where}.{key} is missing.")
    return obj[key]


def read_text(obj: dict[str, object], key: str, where: str, *, allow_empty: bool = False) -> str:
    value = read_required(obj, key, where)
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise HistoryImportError(f"{where}.{key} must be a non-empty text, not {shown(value)}.")
    return value


def read_optional_text(obj: dict[str, object], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise HistoryImportError(f"{where}.{key} must be a text or null, not {shown(value)}.")
    return value


def read_flag(obj: dict[str, object], key: str, where: str) -> bool:
    """An optional true/false; missing means false (exports from before the field existed)."""
    value = obj.get(key, False)
    if not isinstance(value, bool):
        raise HistoryImportError(f"{where}.{key} must be true or false, not {shown(value)}.")
    return value


def read_attempt(obj: dict[str, object], where: str) -> int:
    """An optional attempt number from 1; missing means 1 (format version 1 kept one attempt only)."""
    value = obj.get("attempt", 1)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise HistoryImportError(f"{where}.attempt must be a whole number from 1, not {shown(value)}.")
    return value


def read_choice(obj: dict[str, object], key: str, where: str, choices: Sequence[str]) -> str:
    value = read_required(obj, key, where)
    if not isinstance(value, str) or value not in choices:
        raise HistoryImportError(f"{where}.{key} must be one of {', '.join(choices)}, not {shown(value)}.")
    return value


def read_whole(obj: dict[str, object], key: str, where: str) -> int:
    value = read_required(obj, key, where)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise HistoryImportError(f"{where}.{key} must be a whole number from 0, not {shown(value)}.")
    return check_whole(value, f"{where}.{key}")


def read_number(obj: dict[str, object], key: str, where: str, *, positive: bool = False) -> float:
    value = read_required(obj, key, where)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 or (positive and value == 0):
        limit = "greater than 0" if positive else "0 or more"
        raise HistoryImportError(f"{where}.{key} must be a number {limit}, not {shown(value)}.")
    return check_number(value, f"{where}.{key}")


def read_optional_number(obj: dict[str, object], key: str, where: str) -> float | None:
    return None if obj.get(key) is None else read_number(obj, key, where)


def read_pain(obj: dict[str, object], key: str, where: str) -> int | None:
    value = obj.get(key)
    low, high = PAIN_RANGE
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise HistoryImportError(f"{where}.{key} must be a whole number from {low} to {high} or null, not {value!r}.")
    return value


def read_moment(obj: dict[str, object], key: str, where: str) -> datetime:
    value = read_required(obj, key, where)
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if moment.tzinfo is not None:
                check_moment(moment, f"{where}.{key}")
                return parse_utc(value)
    raise HistoryImportError(
        f"{where}.{key} must be a date and time with its offset, like 2026-03-29T08:15:00+00:00, not {shown(value)}."
    )


def read_optional_moment(obj: dict[str, object], key: str, where: str) -> datetime | None:
    return None if obj.get(key) is None else read_moment(obj, key, where)


def read_precautions(obj: dict[str, object], where: str) -> tuple[str, ...]:
    """The optional list of hip precautions a session was adapted to, sorted, each word once; missing or null means
    none (exports from before the field existed). A word this version does not know is refused rather than dropped:
    a session silently losing its "adapted" mark is the very loss the field is there to prevent."""
    value = obj.get("precautions")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise HistoryImportError(f"{where}.precautions must be a list of words, not {shown(value)}.")
    for index, word in enumerate(value):
        if not isinstance(word, str) or word not in PRECAUTION_WORDS:
            raise HistoryImportError(
                f"{where}.precautions[{index}] must be one of {', '.join(PRECAUTION_WORDS)}, not {shown(word)}."
            )
    return tuple(sorted(set(value)))
