"""The export formats: a versioned JSON envelope (for import, on this or another computer) and CSV (for people).

Why a JSON envelope with its own version rather than a copy of the database: it is readable, it survives schema
changes (an import maps the format onto whatever the schema is then), and merging by session uuid makes importing
the same file twice harmless. Every field of an import is checked before anything is written, and an error names
the field (``sessions[3].exercises[0].side``) so a hand-edited file can be fixed.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Final

from hipcoach import __version__
from hipcoach.core.files import atomic_writer, write_atomic
from hipcoach.core.history.import_ranges import check_moment, check_number, check_whole
from hipcoach.core.history.rows import (
    EXERCISE_STATUSES,
    PAIN_RANGE,
    SESSION_STATUSES,
    SIDES,
    UNITS,
    ExerciseRow,
    HistoryImportError,
    PauseRow,
    SessionRecord,
    SessionRow,
    parse_utc,
    utc_text,
)

FORMAT: Final = "hipcoach-history"
FORMAT_VERSION: Final = 2
"""Bumped only for a change an older reader would get wrong. An optional field added later (``sharp_pain``) keeps
it: an older hipcoach ignores the field, and an export without it reads as its default. Version 2 holds every
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
)


# ---------------------------------------------------------------------------------------------------------------
# Export


def to_json(records: Sequence[SessionRecord], exported_at: datetime) -> dict[str, object]:
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": utc_text(exported_at),
        "hipcoach_version": __version__,
        "sessions": [_session_json(record) for record in records],
    }


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
                writer.writerow(session + _exercise_csv(exercise) + [int(record.session.trial)])
                count += 1
    return count


def write_json(records: Sequence[SessionRecord], path: Path, exported_at: datetime) -> None:
    """The JSON envelope, replacing ``path`` whole (0600). ``hipcoach export`` and the History page's Export…
    both write through here and :func:`write_csv`, so a file made either way is the same."""
    write_atomic(path, json.dumps(to_json(records, exported_at), indent=1) + "\n")


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
    obj = _object(item, where)
    status = _choice(obj, "status", where, SESSION_STATUSES)
    session = SessionRow(
        id=0,
        uuid=_text(obj, "uuid", where),
        routine_id=_text(obj, "routine_id", where),
        routine_name=_text(obj, "routine_name", where, allow_empty=True),
        started_at=_moment(obj, "started_at", where),
        ended_at=_optional_moment(obj, "ended_at", where),
        status="stopped" if status == "running" else status,
        time_scale=_number(obj, "time_scale", where, positive=True),
        real_seconds=_optional_number(obj, "real_seconds", where),
        active_seconds=_optional_number(obj, "active_seconds", where),
        pain_before=_pain(obj, "pain_before", where),
        pain_after=_pain(obj, "pain_after", where),
        note=_optional_text(obj, "note", where),
    )
    exercises = tuple(
        _exercise(entry, f"{where}.exercises[{i}]") for i, entry in enumerate(_list(obj, "exercises", where))
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
    pauses = tuple(_pause(entry, f"{where}.pauses[{i}]") for i, entry in enumerate(_list(obj, "pauses", where)))
    return SessionRecord(session, exercises, pauses)


def _exercise(item: object, where: str) -> ExerciseRow:
    obj = _object(item, where)
    side = obj.get("side")
    if side is not None and side not in SIDES:
        raise HistoryImportError(f'{where}.side must be "left", "right" or null, not {_shown(side)}.')
    return ExerciseRow(
        entry_index=_whole(obj, "entry_index", where),
        exercise_id=_text(obj, "exercise_id", where),
        side=side if isinstance(side, str) else None,
        target=_whole(obj, "target", where),
        actual=_whole(obj, "actual", where),
        unit=_choice(obj, "unit", where, UNITS),
        sets_target=_whole(obj, "sets_target", where),
        sets_done=_whole(obj, "sets_done", where),
        status=_choice(obj, "status", where, EXERCISE_STATUSES),
        recorded_at=_moment(obj, "recorded_at", where),
        sharp_pain=_flag(obj, "sharp_pain", where),
        attempt=_attempt(obj, where),
    )


def _pause(item: object, where: str) -> PauseRow:
    obj = _object(item, where)
    seconds = _number(obj, "seconds", where)
    return PauseRow(started_at=_moment(obj, "started_at", where), seconds=seconds, reason=_text(obj, "reason", where))


# -- field readers: each names the field in its error ------------------------------------------------------------


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _object(item: object, where: str) -> dict[str, object]:
    if not isinstance(item, dict):
        raise HistoryImportError(f"{where} must be an object {{...}}, not {_shown(item)}.")
    return item


def _list(obj: dict[str, object], key: str, where: str) -> list[object]:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise HistoryImportError(f"{where}.{key} must be a list, not {_shown(value)}.")
    return value


def _required(obj: dict[str, object], key: str, where: str) -> object:
    if key not in obj:
        raise HistoryImportError(f"{where}.{key} is missing.")
    return obj[key]


def _text(obj: dict[str, object], key: str, where: str, *, allow_empty: bool = False) -> str:
    value = _required(obj, key, where)
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise HistoryImportError(f"{where}.{key} must be a non-empty text, not {_shown(value)}.")
    return value


def _optional_text(obj: dict[str, object], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise HistoryImportError(f"{where}.{key} must be a text or null, not {_shown(value)}.")
    return value


def _flag(obj: dict[str, object], key: str, where: str) -> bool:
    """An optional true/false; missing means false (exports from before the field existed)."""
    value = obj.get(key, False)
    if not isinstance(value, bool):
        raise HistoryImportError(f"{where}.{key} must be true or false, not {_shown(value)}.")
    return value


def _attempt(obj: dict[str, object], where: str) -> int:
    """An optional attempt number from 1; missing means 1 (format version 1 kept one attempt only)."""
    value = obj.get("attempt", 1)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise HistoryImportError(f"{where}.attempt must be a whole number from 1, not {_shown(value)}.")
    return value


def _choice(obj: dict[str, object], key: str, where: str, choices: Sequence[str]) -> str:
    value = _required(obj, key, where)
    if not isinstance(value, str) or value not in choices:
        raise HistoryImportError(f"{where}.{key} must be one of {', '.join(choices)}, not {_shown(value)}.")
    return value


def _whole(obj: dict[str, object], key: str, where: str) -> int:
    value = _required(obj, key, where)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise HistoryImportError(f"{where}.{key} must be a whole number from 0, not {_shown(value)}.")
    return check_whole(value, f"{where}.{key}")


def _number(obj: dict[str, object], key: str, where: str, *, positive: bool = False) -> float:
    value = _required(obj, key, where)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 or (positive and value == 0):
        limit = "greater than 0" if positive else "0 or more"
        raise HistoryImportError(f"{where}.{key} must be a number {limit}, not {_shown(value)}.")
    return check_number(value, f"{where}.{key}")


def _optional_number(obj: dict[str, object], key: str, where: str) -> float | None:
    return None if obj.get(key) is None else _number(obj, key, where)


def _pain(obj: dict[str, object], key: str, where: str) -> int | None:
    value = obj.get(key)
    low, high = PAIN_RANGE
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise HistoryImportError(f"{where}.{key} must be a whole number from {low} to {high} or null, not {value!r}.")
    return value


def _moment(obj: dict[str, object], key: str, where: str) -> datetime:
    value = _required(obj, key, where)
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
        f"{where}.{key} must be a date and time with its offset, like 2026-03-29T08:15:00+00:00, not {_shown(value)}."
    )


def _optional_moment(obj: dict[str, object], key: str, where: str) -> datetime | None:
    return None if obj.get(key) is None else _moment(obj, key, where)
