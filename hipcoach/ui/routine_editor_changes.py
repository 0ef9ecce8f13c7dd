"""What each edit of the routine editor makes of a draft, as plain functions of a draft and the chosen row.

Apart from the page because none of it needs Qt: each returns the next draft and the row to choose after it (or
None when the edit changes nothing, so no empty undo step is made), and the page turns that into an undo step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from hipcoach.core.model import Exercise, Level
from hipcoach.core.routine_edit.draft import DOSE_FIELDS, DraftEntry, RoutineDraft, fields_of, versions_of
from hipcoach.core.routine_edit.floor_order import spare_the_floor

Edit = tuple[RoutineDraft, int] | None  # the next draft and the row chosen in it; None: nothing to change


def added(draft: RoutineDraft, row: int, exercise_id: str) -> Edit:
    """``exercise_id`` after ``row`` (at the end when no row is chosen), chosen."""
    entries = list(draft.entries)
    at = row + 1 if 0 <= row < len(entries) else len(entries)
    entries.insert(at, DraftEntry(exercise_id=exercise_id))
    return replace(draft, entries=tuple(entries)), at


def removed(draft: RoutineDraft, row: int) -> Edit:
    """The entry at ``row`` gone; the one that took its place chosen (the last when it was the last)."""
    if not 0 <= row < len(draft.entries):
        return None
    entries = draft.entries[:row] + draft.entries[row + 1 :]
    return replace(draft, entries=entries), min(row, len(entries) - 1)


def moved(draft: RoutineDraft, source: int, target: int) -> Edit:
    """The entry at ``source`` now at ``target``, still chosen."""
    entries = list(draft.entries)
    if not (0 <= source < len(entries) and 0 <= target < len(entries)) or source == target:
        return None
    entries.insert(target, entries.pop(source))
    return replace(draft, entries=tuple(entries)), target


def spared(draft: RoutineDraft, row: int, exercises: Mapping[str, Exercise]) -> Edit:
    """The floor work together (the core's order); the entry chosen before stays chosen where it went."""
    ordered = spare_the_floor(draft, exercises)
    if ordered == draft:
        return None
    chosen = draft.entries[row] if 0 <= row < len(draft.entries) else None
    return ordered, ordered.entries.index(chosen) if chosen is not None else row


def entry_changed(draft: RoutineDraft, row: int, field: str, value: object, exercises: Mapping[str, Exercise]) -> Edit:
    """One field of the entry at ``row`` (a DraftEntry field) set to ``value``. Another version keeps the numbers
    its dose takes and drops the others: a hold's seconds mean nothing to a version counted in reps."""
    if not 0 <= row < len(draft.entries):
        return None
    entry = draft.entries[row]
    if field == "level":
        level = Level(str(value))
        version = versions_of(exercises[entry.exercise_id], exercises)[level]
        kept = fields_of(version)
        cleared: dict[str, None] = {name: None for name in DOSE_FIELDS if name not in kept}
        changed = replace(entry, level=level, **cleared)  # type: ignore[arg-type]
    else:
        changed = replace(entry, **{field: value})  # type: ignore[arg-type]
    if changed == entry:
        return None
    return replace(draft, entries=(*draft.entries[:row], changed, *draft.entries[row + 1 :])), row
