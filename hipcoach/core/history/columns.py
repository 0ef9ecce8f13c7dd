"""The SQL face of the rows: the column lists every query names, and the conversions between table rows and
:mod:`rows` objects.

Why the columns are named in every query (never ``SELECT *``): an older hipcoach must still read a newer file,
whose tables may have more columns (docs/history.md, "Migrations"). Why one module: writes, queries and the
exchange formats convert the same rows, and must do so alike.

Imports only the rows of its own package.
"""

from __future__ import annotations

import enum
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Final, TypeVar, cast

from hipcoach.core.history.rows import (
    ExerciseRow,
    PauseRow,
    SessionRow,
    SessionStatus,
    Unit,
    parse_utc,
    utc_text,
)
from hipcoach.core.model import Side
from hipcoach.core.results import Status

SESSION_COLUMNS: Final = (
    "id, uuid, routine_id, routine_name, started_at, ended_at, status, time_scale, real_seconds, active_seconds, "
    "pain_before, pain_after, note, sore_day"
)
EXERCISE_COLUMNS: Final = (
    "entry_index, exercise_id, side, target, actual, unit, sets_target, sets_done, status, recorded_at, sharp_pain, "
    "attempt"
)
INSERT_EXERCISE: Final = (
    f"INSERT INTO exercise_results (session_id, {EXERCISE_COLUMNS}) VALUES ({', '.join(['?'] * 13)})"
)
INSERT_PAUSE: Final = "INSERT INTO pauses (session_id, started_at, seconds, reason) VALUES (?, ?, ?, ?)"
EXERCISE_ORDER: Final = "entry_index, attempt, coalesce(side, '')"
"""Routine order, each exercise's attempts in order, left before right: the order of every list of results."""

_SESSION_STATUS: Final = {member.value: member for member in SessionStatus}
_STATUS: Final = {member.value: member for member in Status}
_SIDE: Final = {member.value: member for member in Side}
_UNIT: Final = {member.value: member for member in Unit}


E = TypeVar("E", bound=enum.StrEnum)


def known(members: Mapping[str, E], text: str) -> E:
    """The member stored as ``text``. A text this version does not know can only come from a newer version's file
    (opened read-only, its CHECK constraints unknown to us): it is kept as it is, so that file is still shown as the
    version before the enums showed it (every reader treats the value as its text; a ``StrEnum`` is a ``str``)."""
    member = members.get(text)
    return member if member is not None else cast(E, text)


def session_row(row: sqlite3.Row) -> SessionRow:
    """By position, in the order of :data:`SESSION_COLUMNS`: the History page reads ten years of sessions at each
    refresh, and by name (and with keywords) this took twice as long."""
    return SessionRow(
        row[0],  # id
        row[1],  # uuid
        row[2],  # routine_id
        row[3],  # routine_name
        parse_utc(row[4]),  # started_at
        None if row[5] is None else parse_utc(row[5]),  # ended_at
        known(_SESSION_STATUS, row[6]),  # status
        row[7],  # time_scale
        row[8],  # real_seconds
        row[9],  # active_seconds
        row[10],  # pain_before
        row[11],  # pain_after
        row[12],  # note
        row[13] == 1,  # sore_day
    )


def exercise_row(row: sqlite3.Row) -> ExerciseRow:
    """By position, in the order of :data:`EXERCISE_COLUMNS` (a query may select more columns after them): the
    report reads ten years of results, 45,000 rows, and by name this took half of its reading."""
    return ExerciseRow(
        row[0],  # entry_index
        row[1],  # exercise_id
        None if row[2] is None else known(_SIDE, row[2]),  # side
        row[3],  # target
        row[4],  # actual
        known(_UNIT, row[5]),  # unit
        row[6],  # sets_target
        row[7],  # sets_done
        known(_STATUS, row[8]),  # status
        parse_utc(row[9]),  # recorded_at
        bool(row[10]),  # sharp_pain
        row[11],  # attempt
    )


def exercise_values(row: ExerciseRow) -> tuple[object, ...]:
    """The values of :data:`EXERCISE_COLUMNS`, in their order."""
    return (
        row.entry_index,
        row.exercise_id,
        row.side,
        row.target,
        row.actual,
        row.unit,
        row.sets_target,
        row.sets_done,
        row.status,
        utc_text(row.recorded_at),
        int(row.sharp_pain),
        row.attempt,
    )


def pause_row(row: sqlite3.Row) -> PauseRow:
    return PauseRow(started_at=parse_utc(row["started_at"]), seconds=row["seconds"], reason=row["reason"])


def precautions_text(words: Iterable[str]) -> str | None:
    """The stored form of a session's hip precautions: their words sorted and joined by commas, NULL for none.
    One function for the recorder's writes and the import, so a session reads back the same whichever wrote it."""
    return ",".join(sorted({str(word) for word in words})) or None


def precaution_words(stored: object) -> tuple[str, ...]:
    """The words of a stored ``precautions`` value (see :func:`precautions_text`); empty for NULL. Every reader
    (resume, the report, ``history``, both exports) splits it here, so they agree even on a value edited by hand."""
    return tuple(word for word in str(stored).split(",") if word) if stored else ()
