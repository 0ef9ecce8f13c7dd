"""The sore-day version of a routine: short and gentle, for a day the hip hurts more than usual.

Stopping altogether during a flare is a main reason people give up their exercise; a gentle session that still
counts keeps the habit (docs/progression.md, "Sore today?"). The version is built from the routine the user chose,
already adapted to their safety precautions, so it never brings back an exercise those ruled out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Final

from hipcoach.core.content.catalogue import with_variants
from hipcoach.core.dose_plan import DoseNumbers
from hipcoach.core.dose_steps import limits
from hipcoach.core.model import Area, DoseValue, Entry, Exercise, Position, Routine
from hipcoach.core.plan import estimate_seconds
from hipcoach.core.progression import may_run

AIM_SECONDS: Final = 10 * 60  # "about ten minutes": exercises are left out until the estimate is within it…
LEAST_SECONDS: Final = 5 * 60  # …and gentle standing ones added while it is shorter than this
MACHINE_MINUTES: Final = 5  # a machine on a sore day: five easy minutes at most
# What goes first when the session is too long: the strength work, from the end; the warm-up, the gentle movement
# and the stretches stay the longest.
_STRENGTH: Final = frozenset({Area.BUTTOCK, Area.OUTER_HIP})
# What is added to a version too short to be worth the time (a routine that was mostly floor work, on a day getting
# down hurts): the standing exercises, the gentlest kinds first.
_STANDING_ORDER: Final = (Area.WARM_UP, Area.MOBILITY, Area.STRETCH, Area.OUTER_HIP, Area.BUTTOCK)


def sore_day_routine(routine: Routine, exercises: Mapping[str, Exercise], *, floor_ok: bool) -> Routine:
    """``routine`` made short and gentle: each exercise's easier version where there is one it may run, one set at
    the low end of the range (or less), nothing on the floor unless ``floor_ok``, about ten minutes; never empty.
    ``exercises``: the 18 and their versions (``with_variants``)."""
    entries: list[Entry] = []
    seen: set[tuple[str, object]] = set()
    for entry in routine.entries:
        base = exercises.get(entry.routine_exercise_id, entry.exercise)
        version = _gentlest(base, entry.exercise, exercises, routine, floor_ok)
        if version is None or (version.id, entry.only_side) in seen:
            continue  # on the floor today, or already in (the single-leg bridge's easier version is the bridge)
        seen.add((version.id, entry.only_side))
        entries.append(_gentle(entry, base, version))
    _add_standing(entries, routine, exercises)
    # Down to the floor once: an easier version done standing (pelvic tilts against a wall) must not bring the user
    # up from the mat and down again, so everything off the floor comes first, each part in the routine's order.
    entries.sort(key=lambda entry: on_floor(entry.exercise))
    floor = "" if floor_ok else ", nothing on the floor"
    sore = replace(
        routine,
        name=f"{routine.name} (sore day)",
        description=f"A short, gentle version for a sore day: easier moves, one set each{floor}.",
        entries=tuple(entries),
        sore_day=True,
    )
    return _within_aim(sore)


def shipped_sore_day(routine: Routine, catalogue: Mapping[str, Exercise], *, floor_ok: bool) -> Routine:
    """The sore-day version of ``routine`` with the shipped versions of ``catalogue``'s exercises: what
    ``--sore-day`` runs and ``hipcoach cues --sore-day`` prints. Raises ContentError for a broken version file."""
    return sore_day_routine(routine, with_variants(catalogue), floor_ok=floor_ok)


def on_floor(exercise: Exercise) -> bool:
    """Done down on the floor: its position, or its declared demands (a version may kneel or lie face down)."""
    demands = exercise.movement.demands
    return exercise.position.on_floor or (demands is not None and demands.floor)


def _gentlest(
    base: Exercise, runs: Exercise, exercises: Mapping[str, Exercise], routine: Routine, floor_ok: bool
) -> Exercise | None:
    """The easier version when the routine may run it, else what the routine runs; None when both are on the floor
    and the floor is out today."""
    easier = exercises.get(base.easier.id) if base.easier is not None else None
    candidates = [easier] if easier is not None and may_run(easier, routine) else []
    candidates.append(runs)
    return next((c for c in candidates if floor_ok or not on_floor(c)), None)


def _gentle(entry: Entry, base: Exercise, version: Exercise) -> Entry:
    """One set, each number at the low end of the version's range, or the routine's own number when lower."""
    dose = version.dose
    own = entry.dose if version.id == entry.exercise.id else None

    def low(name: str, cap: int | None = None) -> int | None:
        value: DoseValue | None = getattr(dose, name)
        if value is None:
            return None
        lowest = limits(value)[0]
        written: DoseValue | None = getattr(own, name) if own is not None else None
        if written is not None:
            lowest = min(lowest, written.value)
        return lowest if cap is None else min(lowest, cap)

    numbers = DoseNumbers(
        sets=1,
        reps=low("reps"),
        steps=low("steps"),
        hold_seconds=low("hold_seconds"),
        minutes=low("minutes", MACHINE_MINUTES),
    )
    return Entry(
        exercise=version,
        dose=numbers.applied_to(dose),
        first_side=entry.first_side,
        only_side=entry.only_side if version.per_side else None,
        variant_of=base.id if version.id != base.id else None,
    )


def _add_standing(entries: list[Entry], routine: Routine, exercises: Mapping[str, Exercise]) -> None:
    """Add the standing exercises of the catalogue the version lacks (the warm-up, gentle movement and stretches
    first, in the article's order), before the first one on the floor, while the version is under
    ``LEAST_SECONDS``: so that it is never empty, and a routine of floor work still gives a session worth doing."""
    present = {entry.routine_exercise_id for entry in entries}
    standing = sorted(
        (
            exercise
            for exercise in exercises.values()
            if exercise.variant_of is None
            and exercise.id not in present
            and exercise.area in _STANDING_ORDER
            and not on_floor(exercise)
            and exercise.position is not Position.MACHINE
            and may_run(exercise, routine)
        ),
        key=lambda e: (_STANDING_ORDER.index(e.area) if e.area is not None else 0, e.number),
    )
    for exercise in standing:
        if entries and estimate_seconds(replace(routine, entries=tuple(entries))) >= LEAST_SECONDS:
            return
        version = _gentlest(exercise, exercise, exercises, routine, floor_ok=False) or exercise
        first_floor = next((i for i, e in enumerate(entries) if on_floor(e.exercise)), len(entries))
        entries.insert(first_floor, _gentle(Entry(exercise, exercise.dose), exercise, version))


def _within_aim(routine: Routine) -> Routine:
    """Leave exercises out until the estimate is about ten minutes: the strength work first, from the end, then
    anything but the first (the warm-up)."""
    entries = list(routine.entries)
    while len(entries) > 1 and estimate_seconds(replace(routine, entries=tuple(entries))) > AIM_SECONDS:
        strength = [i for i, e in enumerate(entries) if i > 0 and e.exercise.area in _STRENGTH]
        del entries[strength[-1] if strength else len(entries) - 1]
    return replace(routine, entries=tuple(entries))
