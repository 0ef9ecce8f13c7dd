"""One step of a dose up or down, and the words for a change: the table the progression walks (docs/progression.md).

Kept apart from the reading of the history (``core/progression.py``) so that the ladder — which number moves first,
by how much, and between which limits — is one small table a reader can check against the docs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final

from hipcoach.core.dose_plan import DoseNumbers
from hipcoach.core.model import DoseValue, Exercise, Unit

# How much one step moves each number. A stretch's hold moves by 5 seconds (its ranges are 15-30 s), the hold at the
# top of a repetition by 1 second (3-6 s); steps of the banded walk come in pairs, one each way of the band.
_STEP: Final = {"reps": 1, "steps": 2, "sets": 1, "minutes": 1, "hold_seconds": 5}
_TOP_HOLD_STEP: Final = 1

_UNITS: Final = {"reps": ("rep", "reps"), "steps": ("step", "steps"), "minutes": ("minute", "minutes")}


@dataclass(frozen=True)
class Step:
    """A dose after one step, and the number that moved (a ``DoseNumbers`` field)."""

    dose: DoseNumbers
    moved: str


def limits(value: DoseValue) -> tuple[int, int]:
    """The range a number may move in: the file's ``low``/``high``; a number without one stays where it is."""
    low = value.low if value.low is not None else value.value
    high = value.high if value.high is not None else value.value
    return low, high


def order(exercise: Exercise) -> tuple[str, ...]:
    """The numbers a step moves, in the order they go up ("a rep or two, then a longer hold, then a set"): the
    exercise's amount, the hold at the top of each repetition when it has one, then sets; a machine is one block and
    never gets a second set. A step down walks the same order, so one step down after one step up lands where the
    user was; sets come last both ways, as a set is the biggest change to the session's length."""
    names = [exercise.kind.dose_field]
    if exercise.dose.top_hold(exercise.kind) is not None:
        names.append("hold_seconds")
    if exercise.kind.unit is not Unit.MINUTES:
        names.append("sets")
    return tuple(names)


def step_up(exercise: Exercise, dose: DoseNumbers) -> Step | None:
    """``dose`` one step up within ``exercise``'s ranges; None at the top of every range (time for the harder
    version). A number the routine set above its range stays: the progression never goes beyond a range."""
    for name in order(exercise):
        current, value = getattr(dose, name), getattr(exercise.dose, name)
        if current is None or value is None:
            continue
        _low, high = limits(value)
        if current < high:
            return Step(replace(dose, **{name: min(high, current + _size(exercise, name))}), name)
    return None


def step_down(exercise: Exercise, dose: DoseNumbers) -> Step | None:
    """``dose`` one step down within ``exercise``'s ranges; None at the bottom of every range (time for the easier
    version). A number the routine set below its range counts as at the bottom."""
    for name in order(exercise):
        current, value = getattr(dose, name), getattr(exercise.dose, name)
        if current is None or value is None:
            continue
        low, _high = limits(value)
        if current > low:
            return Step(replace(dose, **{name: max(low, current - _size(exercise, name))}), name)
    return None


def fits(exercise: Exercise, dose: DoseNumbers) -> bool:
    """``dose`` has the number ``exercise``'s kind is counted in (a plan of another version may not)."""
    return getattr(dose, exercise.kind.dose_field) is not None


def describe(exercise: Exercise, before: DoseNumbers, after: DoseNumbers) -> str:
    """The numbers that differ, in plain words: "12 → 13 reps", "hold 3 → 4 seconds", "2 → 1 set"."""
    parts: list[str] = []
    for name in ("reps", "steps", "minutes", "hold_seconds", "sets"):
        old, new = getattr(before, name), getattr(after, name)
        if old is None or new is None or old == new:
            continue
        if name == "hold_seconds":
            hold = "hold " if exercise.kind.dose_field != name else ""
            parts.append(f"{hold}{old} → {new} {'second' if new == 1 else 'seconds'}")
        elif name == "sets":
            parts.append(f"{old} → {new} {'set' if new == 1 else 'sets'}")
        else:
            one, many = _UNITS[name]
            parts.append(f"{old} → {new} {one if new == 1 else many}")
    return ", ".join(parts)


def _size(exercise: Exercise, name: str) -> int:
    top_hold = name == "hold_seconds" and exercise.kind.dose_field != name
    return _TOP_HOLD_STEP if top_hold else _STEP[name]
