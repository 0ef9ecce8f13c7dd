"""The exports' share of schema version 6: each session's plan, sore-day mark and feelings, and the user's dose
choices, in JSON (both ways) and in the CSV's last columns.

Why apart from ``exchange``: the fields are optional (an export written before them imports with no plan, no
feelings, not a sore day and no choices, and an older hipcoach ignores them), so the format version stays; they
have their own checks, and the CSV's per-entry columns are made here for both CSV writers (the rows' and the
database's), which must agree byte for byte.

Imports the errors, import fields and ranges, plans and rows of its own package.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Final

from hipcoach.core.dose_plan import DOSE_NUMBERS, ChoiceKind, DoseChoice, Feeling, PlannedEntry
from hipcoach.core.history.errors import HistoryImportError
from hipcoach.core.history.import_fields import (
    read_choice,
    read_list,
    read_moment,
    read_object,
    read_optional_text,
    read_text,
    read_whole,
)
from hipcoach.core.history.import_ranges import check_whole
from hipcoach.core.history.plans import entry_text
from hipcoach.core.history.rows import FeelingRow, SessionRecord, utc_text

FEELINGS: Final = tuple(member.value for member in Feeling)
CHOICE_KINDS: Final = tuple(member.value for member in ChoiceKind)
CSV_PLAN_COLUMNS: Final = ("sore_day", "version", "planned_dose", "feeling")
"""After ``precautions``: the sore-day mark (1 or 0), and per result the version done (its id; empty for the
exercise itself), the dose as planned (``sets=2 reps=12 hold_seconds=3``) and the answer to "How did that feel?"."""


# -- export --------------------------------------------------------------------------------------------------------


def session_plan_json(record: SessionRecord) -> dict[str, object]:
    """The session's version 6 fields of the JSON export."""
    return {
        "sore_day": record.session.sore_day,
        "plan": None if record.plan is None else [entry.to_json() for entry in record.plan],
        "feelings": [
            {"entry_index": row.entry_index, "feeling": row.feeling.value, "answered_at": utc_text(row.answered_at)}
            for row in record.feelings
        ],
    }


def choices_json(choices: Sequence[DoseChoice]) -> list[dict[str, object]]:
    return [
        {
            "made_at": utc_text(choice.made_at),
            "exercise_id": choice.exercise_id,
            "kind": choice.kind.value,
            "plan": choice.plan.to_json(),
            "routine_id": choice.routine_id,
        }
        for choice in choices
    ]


def dose_text(entry: PlannedEntry | None) -> str:
    """The dose as planned, for the CSV: its numbers as ``name=value`` joined by spaces (one cell, any separator)."""
    if entry is None:
        return ""
    numbers = entry.dose.to_json()
    return " ".join(f"{name}={numbers[name]}" for name in DOSE_NUMBERS if name in numbers)


def entry_columns(record: SessionRecord, entry_index: int | None) -> list[object]:
    """The CSV's last columns of one row: the session's sore-day mark, then the entry's version, planned dose and
    feeling (empty for a row without a result, and for a session without a plan or answers)."""
    planned = None if entry_index is None else record.planned(entry_index)
    feeling = None if entry_index is None else record.feeling(entry_index)
    version = "" if planned is None or planned.variant_id is None else planned.variant_id
    return [int(record.session.sore_day), version, dose_text(planned), "" if feeling is None else feeling.value]


# -- import --------------------------------------------------------------------------------------------------------


def read_plan(obj: dict[str, object], where: str) -> tuple[PlannedEntry, ...] | None:
    """The optional plan of a session; missing or null means none (an export from before plans were kept)."""
    value = obj.get("plan")
    if value is None:
        return None
    if not isinstance(value, list) or not value:
        raise HistoryImportError(f"{where}.plan must be a list of planned exercises or null.")
    entries: list[PlannedEntry] = []
    for index, item in enumerate(value):
        try:
            entry = PlannedEntry.from_json(item)
        except ValueError as exc:
            raise HistoryImportError(f"{where}.plan[{index}]: {exc}.") from exc
        for name, number in entry.dose.to_json().items():
            check_whole(number, f"{where}.plan[{index}].dose.{name}")
        entries.append(entry)
    return tuple(entries)


def read_feelings(obj: dict[str, object], where: str) -> tuple[FeelingRow, ...]:
    """The optional answers of a session, in entry order; one per entry."""
    if obj.get("feelings") is None:
        return ()
    rows: dict[int, FeelingRow] = {}
    for index, item in enumerate(read_list(obj, "feelings", where)):
        at = f"{where}.feelings[{index}]"
        answer = read_object(item, at)
        entry_index = read_whole(answer, "entry_index", at)
        if entry_index in rows:
            raise HistoryImportError(f"{at}: entry_index {entry_index} has two answers.")
        feeling = Feeling(read_choice(answer, "feeling", at, FEELINGS))
        rows[entry_index] = FeelingRow(entry_index, feeling, read_moment(answer, "answered_at", at))
    return tuple(rows[index] for index in sorted(rows))


def read_sore_day(obj: dict[str, object], where: str) -> bool:
    value = obj.get("sore_day", False)
    if not isinstance(value, bool):
        raise HistoryImportError(f"{where}.sore_day must be true or false, not {value!r}.")
    return value


def choices_from_json(data: dict[str, object]) -> list[DoseChoice]:
    """The optional ``choices`` of an export; missing means none."""
    if data.get("choices") is None:
        return []
    choices: list[DoseChoice] = []
    for index, item in enumerate(read_list(data, "choices", "export")):
        at = f"choices[{index}]"
        raw = read_object(item, at)
        try:
            plan = PlannedEntry.from_json(raw.get("plan"))
        except ValueError as exc:
            raise HistoryImportError(f"{at}.plan: {exc}.") from exc
        choices.append(
            DoseChoice(
                made_at=read_moment(raw, "made_at", at),
                exercise_id=read_text(raw, "exercise_id", at),
                kind=ChoiceKind(read_choice(raw, "kind", at, CHOICE_KINDS)),
                plan=plan,
                routine_id=read_optional_text(raw, "routine_id", at),
            )
        )
    return choices


def insert_plan_parts(conn: sqlite3.Connection, session_id: int, record: SessionRecord) -> None:
    """A new session's feelings, inside the caller's transaction (its plan and mark go in with its row)."""
    conn.executemany(
        "INSERT INTO feelings (session_id, entry_index, feeling, answered_at) VALUES (?, ?, ?, ?)",
        [(session_id, row.entry_index, row.feeling.value, utc_text(row.answered_at)) for row in record.feelings],
    )


def insert_choices(conn: sqlite3.Connection, choices: Sequence[DoseChoice]) -> int:
    """The choices not already in the history (the same moment, exercise, kind and plan), inside the caller's
    transaction, so importing a file twice adds nothing. Returns how many were added."""
    added = 0
    for choice in choices:
        values = (
            utc_text(choice.made_at),
            choice.exercise_id,
            choice.kind.value,
            entry_text(choice.plan),
            choice.routine_id,
        )
        found = conn.execute(
            "SELECT 1 FROM dose_choices WHERE made_at = ? AND exercise_id = ? AND kind = ? AND plan = ? "
            "AND routine_id IS ?",
            values,
        ).fetchone()
        if found is None:
            conn.execute(
                "INSERT INTO dose_choices (made_at, exercise_id, kind, plan, routine_id) VALUES (?, ?, ?, ?, ?)", values
            )
            added += 1
    return added
