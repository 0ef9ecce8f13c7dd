"""The export formats: a versioned JSON envelope (for import, on this or another computer) and CSV (for people).

Why a JSON envelope with its own version rather than a copy of the database: it is readable, it survives schema
changes (an import maps the format onto whatever the schema is then), and merging by session uuid makes importing
the same file twice harmless. Every field of an import is checked before anything is written, and an error names
the field (``sessions[3].exercises[0].side``) so a hand-edited file can be fixed.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Final

from hipcoach import __version__
from hipcoach.core.dose_plan import DoseChoice
from hipcoach.core.files import atomic_writer, write_atomic
from hipcoach.core.history.columns import (
    INSERT_EXERCISE,
    INSERT_PAUSE,
    SESSION_COLUMNS,
    exercise_values,
    precautions_text,
)
from hipcoach.core.history.errors import HistoryImportError
from hipcoach.core.history.exchange_plans import (
    CSV_PLAN_COLUMNS,
    choices_json,
    entry_columns,
    insert_plan_parts,
    read_feelings,
    read_plan,
    read_sore_day,
    session_plan_json,
)
from hipcoach.core.history.import_fields import (
    read_attempt,
    read_choice,
    read_flag,
    read_list,
    read_moment,
    read_number,
    read_object,
    read_optional_moment,
    read_optional_number,
    read_optional_text,
    read_pain,
    read_precautions,
    read_text,
    read_whole,
    shown,
)
from hipcoach.core.history.plans import plan_text
from hipcoach.core.history.rows import (
    EXERCISE_STATUSES,
    SESSION_STATUSES,
    SIDES,
    UNITS,
    ExerciseRow,
    PauseRow,
    SessionRecord,
    SessionRow,
    SessionStatus,
    Unit,
    utc_text,
)
from hipcoach.core.model import Side
from hipcoach.core.results import Status

FORMAT: Final = "hipcoach-history"
FORMAT_VERSION: Final = 2
"""Bumped only for a change an older reader would get wrong. An optional field added later (``sharp_pain``) keeps
it (``precautions`` on a session, too): an older hipcoach ignores the field, and an export without it reads as its
default. Version 2 holds every
attempt of a repeated exercise (``attempt``, so an exercise and side can appear more than once) and the status
``not_reached``, which a version 1 reader would refuse or misread. Both versions are imported."""

CSV_COLUMNS: Final = (
    "session_uuid",
    "started_at",
    "ended_at",
    "routine_id",
    "routine_name",
    "session_status",
    "time_scale",
    "real_seconds",
    "active_seconds",
    "pain_before",
    "pain_after",
    "note",
    "entry_index",
    "exercise_id",
    "side",
    "target",
    "actual",
    "unit",
    "sets_target",
    "sets_done",
    "status",
    "recorded_at",
    "sharp_pain",
    "attempt",
    "trial",
    "precautions",
    *CSV_PLAN_COLUMNS,
)


# ---------------------------------------------------------------------------------------------------------------
# Export


def to_json(
    records: Sequence[SessionRecord],
    exported_at: datetime,
    safety: Mapping[str, object] | None = None,
    choices: Sequence[DoseChoice] = (),
) -> dict[str, object]:
    """The export; ``safety`` is the safety answers as their file stores them (hipcoach.core.safety.answers),
    exported with the history because they are health data of the same person. The import ignores them.
    ``choices`` are the user's dose choices (imported, as the progression starts from them)."""
    exported: dict[str, object] = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": utc_text(exported_at),
        "hipcoach_version": __version__,
        "sessions": [_session_json(record) for record in records],
        "choices": choices_json(choices),
    }
    if safety is not None:
        exported["safety"] = dict(safety)
    return exported


def _session_json(record: SessionRecord) -> dict[str, object]:
    session = record.session
    return {
        "uuid": session.uuid,
        "routine_id": session.routine_id,
        "routine_name": session.routine_name,
        "started_at": utc_text(session.started_at),
        "ended_at": None if session.ended_at is None else utc_text(session.ended_at),
        "status": session.status,
        "time_scale": session.time_scale,
        "trial": session.trial,
        "real_seconds": session.real_seconds,
        "active_seconds": session.active_seconds,
        "pain_before": session.pain_before,
        "pain_after": session.pain_after,
        "note": session.note,
        "precautions": list(record.precautions),
        **session_plan_json(record),
        "exercises": [
            {
                "entry_index": e.entry_index,
                "exercise_id": e.exercise_id,
                "side": e.side,
                "target": e.target,
                "actual": e.actual,
                "unit": e.unit,
                "sets_target": e.sets_target,
                "sets_done": e.sets_done,
                "status": e.status,
                "recorded_at": utc_text(e.recorded_at),
                "sharp_pain": e.sharp_pain,
                "attempt": e.attempt,
            }
            for e in record.exercises
        ],
        "pauses": [
            {"started_at": utc_text(p.started_at), "seconds": p.seconds, "reason": p.reason} for p in record.pauses
        ],
    }


def write_csv(records: Sequence[SessionRecord], path: Path) -> int:
    """Write the CSV next to ``path`` first and rename it over: a failure never leaves half a file.

    The file is 0600 like the history it comes from. Returns the number of data rows.
    """
    count = 0
    with atomic_writer(path, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for record in records:
            session = _session_csv(record.session)
            exercises: Sequence[ExerciseRow | None] = record.exercises or (None,)
            for exercise in exercises:
                entry = None if exercise is None else exercise.entry_index
                writer.writerow(
                    session + _exercise_csv(exercise) + _session_tail(record) + entry_columns(record, entry)
                )
                count += 1
    return count


def write_json(
    records: Sequence[SessionRecord],
    path: Path,
    exported_at: datetime,
    safety: Mapping[str, object] | None = None,
    choices: Sequence[DoseChoice] = (),
) -> None:
    """The JSON envelope, replacing ``path`` whole (0600). ``hipcoach export`` and the History page's Export…
    both write through here and :func:`write_csv`, so a file made either way is the same."""
    write_atomic(path, json.dumps(to_json(records, exported_at, safety, choices), indent=1) + "\n")


def _session_csv(session: SessionRow) -> list[object]:
    return [
        session.uuid,
        utc_text(session.started_at),
        "" if session.ended_at is None else utc_text(session.ended_at),
        session.routine_id,
        session.routine_name,
        session.status,
        session.time_scale,
        _blank(session.real_seconds),
        _blank(session.active_seconds),
        _blank(session.pain_before),
        _blank(session.pain_after),
        _blank(session.note),
    ]


def _session_tail(record: SessionRecord) -> list[object]:
    """The session's columns added after the first layout (so a spreadsheet built on it keeps working): ``trial``
    and ``precautions``, the words joined by spaces (a spreadsheet set to split on ";" or "," keeps them in one
    cell, and a space reads as a list)."""
    return [int(record.session.trial), " ".join(record.precautions)]


def _exercise_csv(exercise: ExerciseRow | None) -> list[object]:
    if exercise is None:
        return [""] * 12
    return [
        exercise.entry_index,
        exercise.exercise_id,
        _blank(exercise.side),
        exercise.target,
        exercise.actual,
        exercise.unit,
        exercise.sets_target,
        exercise.sets_done,
        exercise.status,
        utc_text(exercise.recorded_at),
        int(exercise.sharp_pain),
        exercise.attempt,
    ]


def _blank(value: object) -> object:
    return "" if value is None else value


# ---------------------------------------------------------------------------------------------------------------
# Import


def from_json(data: object) -> list[SessionRecord]:
    """Validate an export and return its sessions; raises :class:`HistoryImportError` naming the first bad field.

    A session exported while it was still running is imported as stopped: it cannot be resumed on this computer,
    and it must not be offered for resumption.
    """
    if not isinstance(data, dict):
        raise HistoryImportError("This is not a hipcoach history export: expected a JSON object at the top.")
    if data.get("format") != FORMAT:
        raise HistoryImportError(f'This is not a hipcoach history export: "format" must be "{FORMAT}".')
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise HistoryImportError('"version" must be a whole number from 1.')
    if version > FORMAT_VERSION:
        raise HistoryImportError(
            f"This export was written by a newer hipcoach (format version {version}; this one reads up to "
            f"{FORMAT_VERSION}). Update hipcoach to import it."
        )
    sessions = data.get("sessions")
    if not isinstance(sessions, list):
        raise HistoryImportError('"sessions" must be a list.')
    records: list[SessionRecord] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(sessions):
        record = _session_record(item, f"sessions[{index}]")
        if record.session.uuid in seen:
            raise HistoryImportError(
                f"sessions[{index}].uuid: the same session is also sessions[{seen[record.session.uuid]}]."
            )
        seen[record.session.uuid] = index
        records.append(record)
    return records


def _session_record(item: object, where: str) -> SessionRecord:
    obj = read_object(item, where)
    status = read_choice(obj, "status", where, SESSION_STATUSES)
    session = SessionRow(
        id=0,
        uuid=read_text(obj, "uuid", where),
        routine_id=read_text(obj, "routine_id", where),
        routine_name=read_text(obj, "routine_name", where, allow_empty=True),
        started_at=read_moment(obj, "started_at", where),
        ended_at=read_optional_moment(obj, "ended_at", where),
        status=SessionStatus.STOPPED if status == SessionStatus.RUNNING else SessionStatus(status),
        time_scale=read_number(obj, "time_scale", where, positive=True),
        real_seconds=read_optional_number(obj, "real_seconds", where),
        active_seconds=read_optional_number(obj, "active_seconds", where),
        pain_before=read_pain(obj, "pain_before", where),
        pain_after=read_pain(obj, "pain_after", where),
        note=read_optional_text(obj, "note", where),
        sore_day=read_sore_day(obj, where),
    )
    exercises = tuple(
        _exercise(entry, f"{where}.exercises[{i}]") for i, entry in enumerate(read_list(obj, "exercises", where))
    )
    slots: set[tuple[int, int, str | None]] = set()
    for i, exercise in enumerate(exercises):
        slot = (exercise.entry_index, exercise.attempt, exercise.side)
        if slot in slots:
            raise HistoryImportError(
                f"{where}.exercises[{i}]: entry_index {exercise.entry_index} attempt {exercise.attempt} side "
                f"{exercise.side} appears twice."
            )
        slots.add(slot)
    pauses = tuple(_pause(entry, f"{where}.pauses[{i}]") for i, entry in enumerate(read_list(obj, "pauses", where)))
    return SessionRecord(
        session,
        exercises,
        pauses,
        read_precautions(obj, where),
        read_plan(obj, where),
        read_feelings(obj, where),
    )


def _exercise(item: object, where: str) -> ExerciseRow:
    obj = read_object(item, where)
    side = obj.get("side")
    if side is not None and side not in SIDES:
        raise HistoryImportError(f'{where}.side must be "left", "right" or null, not {shown(side)}.')
    return ExerciseRow(
        entry_index=read_whole(obj, "entry_index", where),
        exercise_id=read_text(obj, "exercise_id", where),
        side=Side(side) if isinstance(side, str) else None,
        target=read_whole(obj, "target", where),
        actual=read_whole(obj, "actual", where),
        unit=Unit(read_choice(obj, "unit", where, UNITS)),
        sets_target=read_whole(obj, "sets_target", where),
        sets_done=read_whole(obj, "sets_done", where),
        status=Status(read_choice(obj, "status", where, EXERCISE_STATUSES)),
        recorded_at=read_moment(obj, "recorded_at", where),
        sharp_pain=read_flag(obj, "sharp_pain", where),
        attempt=read_attempt(obj, where),
    )


def _pause(item: object, where: str) -> PauseRow:
    obj = read_object(item, where)
    seconds = read_number(obj, "seconds", where)
    return PauseRow(
        started_at=read_moment(obj, "started_at", where), seconds=seconds, reason=read_text(obj, "reason", where)
    )


def insert_records(conn: sqlite3.Connection, records: Sequence[SessionRecord]) -> int:
    """Add the sessions not already in the history (same uuid), inside the caller's transaction; returns how many
    were added. ``records`` come from :func:`from_json`, so every field is already checked."""
    added = 0
    for record in records:
        session = record.session
        if conn.execute("SELECT 1 FROM sessions WHERE uuid = ?", (session.uuid,)).fetchone() is not None:
            continue
        cursor = conn.execute(
            f"INSERT INTO sessions ({SESSION_COLUMNS.removeprefix('id, ')}, precautions, plan) "
            f"VALUES ({', '.join(['?'] * 15)})",
            (
                session.uuid,
                session.routine_id,
                session.routine_name,
                utc_text(session.started_at),
                None if session.ended_at is None else utc_text(session.ended_at),
                session.status,
                session.time_scale,
                session.real_seconds,
                session.active_seconds,
                session.pain_before,
                session.pain_after,
                session.note,
                int(session.sore_day),
                precautions_text(record.precautions),
                None if record.plan is None else plan_text(record.plan),
            ),
        )
        session_id = cursor.lastrowid
        assert session_id is not None
        insert_plan_parts(conn, session_id, record)
        conn.executemany(INSERT_EXERCISE, [(session_id, *exercise_values(e)) for e in record.exercises])
        conn.executemany(
            INSERT_PAUSE, [(session_id, utc_text(p.started_at), p.seconds, p.reason) for p in record.pauses]
        )
        added += 1
    return added
