"""The plan a session runs, as data: which version of each exercise and which dose, and what the user said of it.

These types are the meeting point of the progression (``core/progression.py``, which reads past sessions and
proposes the next plan), the history (which stores each session's plan, the answers and the user's choices, and
hands past sessions back), resume (which rebuilds a session's routine from its stored plan) and the window (which
shows and applies the proposal). They are plain frozen data, Qt-free and SQLite-free, so each of those can be
tested without the others. docs/progression.md has the rules.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Final

from hipcoach.core.model import Dose, DoseValue, Entry, Exercise, Routine, Side
from hipcoach.core.results import Status

DOSE_NUMBERS: Final = ("sets", "reps", "steps", "hold_seconds", "minutes")
"""The numbers of a dose a plan keeps, in this order (the tempo is the exercise's and never changes)."""


class Feeling(enum.StrEnum):
    """The answer to "How did that feel?" on the summary, per exercise; the values are what the history stores."""

    TOO_EASY = "too_easy"
    ABOUT_RIGHT = "about_right"
    TOO_HARD = "too_hard"

    @property
    def label(self) -> str:
        return _FEELING_LABELS[self]


_FEELING_LABELS: Final = {
    Feeling.TOO_EASY: "Too easy",
    Feeling.ABOUT_RIGHT: "About right",
    Feeling.TOO_HARD: "Too hard",
}


@dataclass(frozen=True)
class DoseNumbers:
    """The numbers of a dose, without their provenance: what a plan stores and compares. None where the exercise's
    kind does not use the number."""

    sets: int
    reps: int | None = None
    steps: int | None = None
    hold_seconds: int | None = None
    minutes: int | None = None

    @staticmethod
    def of(dose: Dose) -> DoseNumbers:
        def number(value: DoseValue | None) -> int | None:
            return None if value is None else value.value

        return DoseNumbers(
            sets=dose.sets.value,
            reps=number(dose.reps),
            steps=number(dose.steps),
            hold_seconds=number(dose.hold_seconds),
            minutes=number(dose.minutes),
        )

    def to_json(self) -> dict[str, int]:
        return {name: value for name in DOSE_NUMBERS if (value := getattr(self, name)) is not None}

    @staticmethod
    def from_json(raw: Mapping[str, object]) -> DoseNumbers:
        """The inverse of :meth:`to_json`; raises ValueError naming the key for anything else (a hand-edited file)."""
        numbers: dict[str, int] = {}
        for name, value in raw.items():
            if name not in DOSE_NUMBERS:
                raise ValueError(f"unknown dose number '{name}'")
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"dose number '{name}' must be a whole number of at least 1, not {value!r}")
            numbers[name] = value
        if "sets" not in numbers:
            raise ValueError("a dose needs 'sets'")
        return DoseNumbers(
            sets=numbers["sets"],
            reps=numbers.get("reps"),
            steps=numbers.get("steps"),
            hold_seconds=numbers.get("hold_seconds"),
            minutes=numbers.get("minutes"),
        )

    def applied_to(self, dose: Dose) -> Dose:
        """``dose`` (an exercise's, with its ranges and provenance) with these numbers in place of its values."""

        def number(name: str) -> DoseValue | None:
            value: DoseValue | None = getattr(dose, name)
            wanted: int | None = getattr(self, name)
            return value if value is None or wanted is None else value.with_value(wanted)

        sets = number("sets")
        assert sets is not None  # every dose has sets
        return replace(
            dose,
            sets=sets,
            reps=number("reps"),
            steps=number("steps"),
            hold_seconds=number("hold_seconds"),
            minutes=number("minutes"),
        )


@dataclass(frozen=True)
class PlannedEntry:
    """One entry of the plan a session ran: the routine's exercise, the version done (None: the exercise itself),
    the dose and the sides. A session row keeps its whole plan (schema version 6), so that resume rebuilds the same
    session and the history and the report can show the dose and version of each session."""

    exercise_id: str  # the exercise the routine names (``Entry.routine_exercise_id``)
    variant_id: str | None  # the version done when it is not the routine's exercise
    dose: DoseNumbers
    first_side: Side = Side.LEFT
    only_side: Side | None = None
    pinned: bool = False

    @property
    def done_id(self) -> str:
        """The id of the exercise done (what the session's results are recorded under)."""
        return self.variant_id if self.variant_id is not None else self.exercise_id

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"exercise": self.exercise_id, "dose": self.dose.to_json()}
        if self.variant_id is not None:
            data["variant"] = self.variant_id
        data["first_side"] = self.first_side.value
        if self.only_side is not None:
            data["only_side"] = self.only_side.value
        if self.pinned:
            data["pinned"] = True
        return data

    @staticmethod
    def from_json(raw: object) -> PlannedEntry:
        """The inverse of :meth:`to_json`; raises ValueError naming what is wrong."""
        if not isinstance(raw, dict):
            raise ValueError(f"a plan entry must be an object, not {raw!r}")
        exercise = raw.get("exercise")
        variant = raw.get("variant")
        dose = raw.get("dose")
        if not isinstance(exercise, str) or not exercise:
            raise ValueError("a plan entry needs its 'exercise'")
        if variant is not None and not isinstance(variant, str):
            raise ValueError(f"'variant' must be an exercise id, not {variant!r}")
        if not isinstance(dose, dict):
            raise ValueError("a plan entry needs its 'dose'")
        first = raw.get("first_side", Side.LEFT.value)
        only = raw.get("only_side")
        if first not in (Side.LEFT.value, Side.RIGHT.value) or only not in (None, Side.LEFT.value, Side.RIGHT.value):
            raise ValueError("'first_side' and 'only_side' must be 'left' or 'right'")
        return PlannedEntry(
            exercise_id=exercise,
            variant_id=variant,
            dose=DoseNumbers.from_json(dose),
            first_side=Side(first),
            only_side=None if only is None else Side(only),
            pinned=raw.get("pinned") is True,
        )


def planned_entries(routine: Routine) -> tuple[PlannedEntry, ...]:
    """The plan ``routine`` runs, entry by entry: what the recorder stores with the session."""
    return tuple(
        PlannedEntry(
            exercise_id=entry.routine_exercise_id,
            variant_id=entry.exercise.id if entry.variant_of is not None else None,
            dose=DoseNumbers.of(entry.dose),
            first_side=entry.first_side,
            only_side=entry.only_side,
            pinned=entry.pinned,
        )
        for entry in routine.entries
    )


def apply_plan(routine: Routine, plan: Sequence[PlannedEntry], exercises: Mapping[str, Exercise]) -> Routine:
    """``routine`` running ``plan`` instead of its own entries: each entry's version and dose as planned (the
    exercise's own dose ranges, with the plan's numbers). ``exercises`` must hold the 18 and their versions.

    Raises KeyError naming an exercise the catalogue does not know (a plan from a newer hipcoach): the caller falls
    back to the routine as written and says so."""
    entries: list[Entry] = []
    for planned in plan:
        done = exercises[planned.done_id]
        entries.append(
            Entry(
                exercise=done,
                dose=planned.dose.applied_to(done.dose),
                first_side=planned.first_side,
                only_side=planned.only_side if done.per_side else None,
                variant_of=planned.exercise_id if planned.variant_id is not None else None,
                pinned=planned.pinned,
            )
        )
    return replace(routine, entries=tuple(entries))


@dataclass(frozen=True)
class PastEntry:
    """One entry of a past session as the progression reads it: its plan, how it ended (the last attempt's status)
    and what the user said of it. ``plan`` is None for a session recorded before plans were kept (schema < 6): its
    dose is then unknown, and the progression does not count it."""

    entry_index: int
    exercise_id: str  # the routine's exercise (for an old session: the id its results were recorded under)
    plan: PlannedEntry | None
    status: Status
    sharp_pain: bool = False
    feeling: Feeling | None = None


@dataclass(frozen=True)
class PastSession:
    """A finished (completed or stopped) session as the progression reads it, oldest first in a sequence."""

    started_at: datetime
    routine_id: str
    trial: bool  # never counts (``SessionRow.trial``)
    sore_day: bool
    completed: bool
    pain_before: int | None
    pain_after: int | None
    entries: tuple[PastEntry, ...]


class ChoiceKind(enum.StrEnum):
    """A choice the user made about one exercise's dose, kept in the history (``dose_choices``, schema 6)."""

    SET = "set"  # from now on start from ``plan`` (an undo, or choosing the harder or easier version by hand)


@dataclass(frozen=True)
class DoseChoice:
    made_at: datetime
    exercise_id: str  # the routine's exercise
    kind: ChoiceKind
    plan: PlannedEntry
    # The routine it was made for: the progression keeps each routine's dose (docs/progression.md, "Per routine").
    # None (a choice kept without it) applies to the exercise in every routine.
    routine_id: str | None = None


class Direction(enum.StrEnum):
    UP = "up"  # a step up in dose
    DOWN = "down"  # a step down in dose
    HARDER = "harder"  # to the harder version
    EASIER = "easier"  # to the easier version


@dataclass(frozen=True)
class Change:
    """One change the progression proposes for one entry, with the reason in one line the chooser shows
    ("Bridge: 12 → 13 reps — your last two sessions were complete and pain stayed at 2 or below")."""

    entry_index: int
    before: PlannedEntry
    after: PlannedEntry
    direction: Direction
    text: str


@dataclass(frozen=True)
class Proposal:
    """What the progression proposes for a routine: ``current`` runs the dose reached so far (the history's), and
    ``proposed`` the same with ``changes`` applied. With no change the two are equal. The chooser starts
    ``proposed`` when the user accepts, ``current`` when they keep the old dose for this time."""

    current: Routine
    proposed: Routine
    changes: tuple[Change, ...]
