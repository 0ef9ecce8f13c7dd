"""A routine as the editor holds it: plain values the page can change one at a time, undo and compare, and that
say only what the file says (an override is a number the routine writes; None is the exercise's own number).

``routine_of`` is the other direction: the routine that loading the saved file gives, so the editor can show the
time and the plan of what it is about to write without writing it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from hipcoach.core import paths
from hipcoach.core.content.exercises import DOSE_LIMITS
from hipcoach.core.content.routines import REST_LIMITS
from hipcoach.core.model import Dose, DoseValue, Entry, Exercise, Level, Routine, Side

DOSE_FIELDS: Final = ("reps", "hold_seconds", "sets", "minutes", "steps")
"""The dose numbers an entry may override, in the order the editor shows them."""

NEW_NAME: Final = "My routine"
REST_BETWEEN_SETS: Final = 20
REST_BETWEEN_EXERCISES: Final = 10


@dataclass(frozen=True)
class DraftEntry:
    """One [[exercise]] table. ``exercise_id`` is always one of the article's exercises and ``level`` the version
    that runs, as the file writes it (``id`` and ``version``), so a routine never names a version's own id."""

    exercise_id: str
    level: Level = Level.BASE
    reps: int | None = None
    hold_seconds: int | None = None
    sets: int | None = None
    minutes: int | None = None
    steps: int | None = None
    first_side: Side = Side.LEFT
    only_side: Side | None = None
    pinned: bool = False

    def override(self, field: str) -> int | None:
        """The number the routine writes for ``field`` (one of DOSE_FIELDS), None for the exercise's own."""
        value: int | None = getattr(self, field)
        return value


@dataclass(frozen=True)
class RoutineDraft:
    """A routine being edited. ``id`` is the file's stem ("" until a new routine is first saved: it is then made
    from the name, and kept through renames because the history keys sessions by it)."""

    id: str
    name: str
    description: str
    entries: tuple[DraftEntry, ...]
    rest_between_sets: int = REST_BETWEEN_SETS
    rest_between_exercises: int = REST_BETWEEN_EXERCISES
    source: Path | None = None
    builtin: bool = False


def new_draft() -> RoutineDraft:
    return RoutineDraft(id="", name=NEW_NAME, description="", entries=())


def draft_of(routine: Routine, exercises: Mapping[str, Exercise] | None = None) -> RoutineDraft:
    """The draft of a loaded routine. A number is an override when it differs from the exercise's (or version's)
    own; a number written equal to it is lost here, ``saving.read_draft`` keeps it.

    Which version an entry runs is told by its base exercise's links: ``exercises`` (the 18 and their versions)
    when the caller has them, else the shipped ones, read only when an entry runs a version. A routine the safety
    precautions adapted, or its sore-day version, is read again from its file: the editor edits what the file
    says, never what a session made of it."""
    looked_up: list[Mapping[str, Exercise]] = [exercises] if exercises is not None else []

    def every() -> Mapping[str, Exercise]:
        if not looked_up:
            # Deferred: reading the content is slow, and a window importing the editor must not do it first.
            from hipcoach.core.content.catalogue import load_catalogue, with_variants  # noqa: PLC0415

            looked_up.append(with_variants(load_catalogue()))
        return looked_up[0]

    routine = _as_written(routine, every)
    builtin = _is_builtin(routine)

    entries = tuple(_draft_entry(entry, every) for entry in routine.entries)
    source = Path(routine.source) if routine.source and not builtin else None
    return RoutineDraft(
        id=routine.id,
        name=routine.name,
        description=routine.description,
        entries=entries,
        rest_between_sets=routine.rest_between_sets,
        rest_between_exercises=routine.rest_between_exercises,
        source=source,
        builtin=builtin,
    )


def _as_written(routine: Routine, every: Callable[[], Mapping[str, Exercise]]) -> Routine:
    if not (routine.adaptations or routine.precautions or routine.sore_day) or not routine.source:
        return routine
    from hipcoach.core.content.routines import load_routine  # noqa: PLC0415 (as above)

    written = load_routine(Path(routine.source), every())
    return replace(written, id=routine.id)


def _is_builtin(routine: Routine) -> bool:
    if not routine.source:
        return False
    builtin_dir = paths.resources_dir() / "routines"
    return Path(routine.source).parent.resolve() == builtin_dir.resolve()


def _draft_entry(entry: Entry, every: Callable[[], Mapping[str, Exercise]]) -> DraftEntry:
    level = Level.BASE
    if entry.variant_of is not None:
        base = every().get(entry.variant_of)
        level = _level_of(base, entry.exercise.id) if base is not None else Level.BASE
    own = entry.exercise.dose
    overrides: dict[str, int | None] = {}
    for field in DOSE_FIELDS:
        value: DoseValue | None = getattr(entry.dose, field)
        default: DoseValue | None = getattr(own, field)
        overrides[field] = value.value if value is not None and default is not None and value != default else None
    return DraftEntry(
        exercise_id=entry.routine_exercise_id,
        level=level,
        first_side=entry.first_side,
        only_side=entry.only_side,
        pinned=entry.pinned,
        **overrides,
    )


def _level_of(base: Exercise, version_id: str) -> Level:
    if base.easier is not None and base.easier.id == version_id:
        return Level.EASIER
    if base.harder is not None and base.harder.id == version_id:
        return Level.HARDER
    return Level.BASE


def duplicate(draft: RoutineDraft, taken_names: Collection[str]) -> RoutineDraft:
    """A copy the user owns: a new name ("Strength (my copy)", then "(my copy 2)"…), no id and no file yet."""
    taken = {name.casefold() for name in taken_names}
    name = f"{draft.name} (my copy)"
    number = 2
    while name.casefold() in taken:
        name = f"{draft.name} (my copy {number})"
        number += 1
    return replace(draft, id="", name=name, source=None, builtin=False)


def versions_of(exercise: Exercise, exercises: Mapping[str, Exercise]) -> dict[Level, Exercise]:
    """The versions a routine may name for ``exercise``, easier first; BASE is always there, a link whose version
    is not in ``exercises`` is left out."""
    found: dict[Level, Exercise] = {}
    if exercise.easier is not None and exercise.easier.id in exercises:
        found[Level.EASIER] = exercises[exercise.easier.id]
    found[Level.BASE] = exercise
    if exercise.harder is not None and exercise.harder.id in exercises:
        found[Level.HARDER] = exercises[exercise.harder.id]
    return found


def fields_of(exercise: Exercise) -> tuple[str, ...]:
    """The DOSE_FIELDS a routine may override for ``exercise``: those its own dose has (the loader refuses the
    others, as the plan would ignore them)."""
    return tuple(field for field in DOSE_FIELDS if getattr(exercise.dose, field) is not None)


def format_limits(field: str) -> tuple[int, int]:
    """The lowest and highest number the file format accepts for a dose field, or for a rest ("rest")."""
    if field == "rest":
        return REST_LIMITS
    return DOSE_LIMITS[field]


def article_range(exercise: Exercise, field: str) -> tuple[int, int] | None:
    """The article's range for a dose field ("8-10 times"), None when it gives none."""
    value: DoseValue | None = getattr(exercise.dose, field)
    if value is None or (value.low is None and value.high is None):
        return None
    low = value.low if value.low is not None else value.value
    high = value.high if value.high is not None else value.value
    return low, high


def routine_of(draft: RoutineDraft, exercises: Mapping[str, Exercise]) -> Routine:
    """The routine loading the saved draft gives (``exercises``: the 18 and their versions, ``with_variants``).

    Raises KeyError for an exercise or version ``exercises`` lacks. An override the exercise does not take, or a
    side of one done on both sides at once, is left out, as saving leaves it out of the file."""
    entries = tuple(_entry_of(entry, exercises) for entry in draft.entries)
    return Routine(
        id=draft.id,
        name=draft.name.strip(),
        description=draft.description.strip(),
        entries=entries,
        rest_between_sets=draft.rest_between_sets,
        rest_between_exercises=draft.rest_between_exercises,
        source=str(draft.source) if draft.source is not None else "",
    )


def done_exercise(entry: DraftEntry, exercises: Mapping[str, Exercise]) -> Exercise:
    """The exercise the entry runs: its version at ``entry.level``. Raises KeyError when there is none."""
    base = exercises[entry.exercise_id]
    if entry.level is Level.BASE:
        return base
    link = base.easier if entry.level is Level.EASIER else base.harder
    if link is None:
        raise KeyError(f"{entry.exercise_id} has no {entry.level.value} version")
    return exercises[link.id]


def dose_of(entry: DraftEntry, exercise: Exercise) -> Dose:
    """``exercise``'s dose with the entry's overrides applied (those it takes)."""
    own = exercise.dose
    changes: dict[str, DoseValue] = {}
    for field in fields_of(exercise):
        number = entry.override(field)
        default: DoseValue | None = getattr(own, field)
        if number is not None and default is not None:
            changes[field] = default.with_value(number)
    return replace(own, **changes)  # type: ignore[arg-type]


def _entry_of(entry: DraftEntry, exercises: Mapping[str, Exercise]) -> Entry:
    done = done_exercise(entry, exercises)
    return Entry(
        exercise=done,
        dose=dose_of(entry, done),
        first_side=entry.first_side if done.per_side else Side.LEFT,
        only_side=entry.only_side if done.per_side else None,
        variant_of=entry.exercise_id if entry.level is not Level.BASE else None,
        pinned=entry.pinned,
    )
