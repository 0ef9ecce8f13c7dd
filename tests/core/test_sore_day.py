"""The sore-day version of a routine: short, gentle, the easier versions, nothing on the floor when asked, never
empty, within the precautions (docs/progression.md, "Sore today?")."""

from __future__ import annotations

from dataclasses import replace
from typing import Final

import pytest

from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.content.catalogue import with_variants
from hipcoach.core.dose_steps import limits
from hipcoach.core.model import Demands, Entry, Exercise, Position, Routine, Side, VariantLink
from hipcoach.core.plan import estimate_seconds
from hipcoach.core.progression import may_run
from hipcoach.core.safety.precautions import Precaution
from hipcoach.core.sore_day import on_floor, sore_day_routine

CATALOGUE: Final = load_catalogue()
EVERY: Final = with_variants(CATALOGUE)  # the 18 and their shipped versions, read once
ROUTINES: Final = {routine.id: routine for routine in builtin_routines(CATALOGUE)}
CASES: Final = [(routine_id, floor_ok) for routine_id in ROUTINES for floor_ok in (True, False)]


def _with_easier() -> dict[str, Exercise]:
    """Every exercise with an easier version (a copy with a smaller range), so the easier path is walked whatever
    versions ship; the pelvic tilt's easier version bends the hip past 90° (ruled out by a precaution)."""
    every = dict(EVERY)
    for exercise in CATALOGUE.values():
        easier = replace(exercise, id=f"{exercise.id}-easier", name=f"Easier {exercise.name}", variant_of=exercise.id)
        if exercise.id == "pelvic-tilts":
            easier = replace(easier, movement=replace(easier.movement, demands=Demands(hip_bend=100, floor=True)))
        every[easier.id] = easier
        every[exercise.id] = replace(exercise, easier=VariantLink(easier.id, "Gentler."))
    return every


WITH_EASIER: Final = _with_easier()


@pytest.mark.parametrize(("routine_id", "floor_ok"), CASES)
def test_the_sore_day_version_of_every_builtin_routine(routine_id: str, floor_ok: bool) -> None:
    written = ROUTINES[routine_id]
    every = EVERY
    sore = sore_day_routine(written, every, floor_ok=floor_ok)
    assert sore.sore_day and sore.id == written.id and sore.entries
    for entry in sore.entries:  # the shipped easier version wherever it may run (the routine's band, the floor)
        link = CATALOGUE[entry.routine_exercise_id].easier
        easier = every[link.id] if link is not None else None
        if easier is not None and may_run(easier, written) and (floor_ok or not on_floor(easier)):
            assert entry.exercise.id == easier.id, (routine_id, entry.exercise.id)
    assert estimate_seconds(sore) <= 12 * 60, (routine_id, estimate_seconds(sore))
    floor = [on_floor(entry.exercise) for entry in sore.entries]
    assert floor == sorted(floor), routine_id  # down to the floor once, as the built-in routines do
    assert estimate_seconds(sore) < estimate_seconds(written)
    for entry in sore.entries:
        assert entry.dose.sets.value == 1
        if not floor_ok:
            assert not on_floor(entry.exercise), entry.exercise.id
        amount = entry.dose.amount(entry.exercise.kind)
        assert amount is not None and amount.value.value <= limits(amount.value)[0]


@pytest.mark.parametrize(("routine_id", "floor_ok"), CASES)
def test_every_entry_runs_its_easier_version(routine_id: str, floor_ok: bool) -> None:
    sore = sore_day_routine(ROUTINES[routine_id], WITH_EASIER, floor_ok=floor_ok)
    assert estimate_seconds(sore) <= 12 * 60
    for entry in sore.entries:
        assert entry.exercise.id == f"{entry.routine_exercise_id}-easier", entry.exercise.id
        assert entry.variant_of == entry.routine_exercise_id


def test_an_easier_version_the_precautions_rule_out_is_not_used() -> None:
    tilts = CATALOGUE["pelvic-tilts"]
    routine = Routine(
        "mine", "Mine", "Tilts.", (Entry(tilts, tilts.dose),), precautions=frozenset({Precaution.DEEP_BEND})
    )
    (entry,) = sore_day_routine(routine, WITH_EASIER, floor_ok=True).entries[-1:]
    assert entry.exercise.id == "pelvic-tilts" and entry.variant_of is None


def test_a_routine_of_floor_work_without_the_floor_becomes_gentle_standing_work() -> None:
    floor = [CATALOGUE[i] for i in ("bridge", "clamshells", "knee-to-chest")]
    routine = Routine("mat", "On the mat", "All on the floor.", tuple(Entry(e, e.dose) for e in floor))
    sore = sore_day_routine(routine, EVERY, floor_ok=False)
    ids = [entry.routine_exercise_id for entry in sore.entries]
    assert ids and ids[0] == "leg-swings"  # the warm-up first
    assert not any(on_floor(e.exercise) for e in sore.entries)
    assert all(e.exercise.position is not Position.MACHINE for e in sore.entries)
    assert 5 * 60 <= estimate_seconds(sore) <= 12 * 60
    with_floor = sore_day_routine(routine, EVERY, floor_ok=True)
    assert {e.routine_exercise_id for e in with_floor.entries} >= {"bridge", "clamshells", "knee-to-chest"}


def test_the_routines_own_lower_number_and_side_stay() -> None:
    clams = CATALOGUE["clamshells"]
    assert clams.dose.reps is not None
    dose = replace(clams.dose, reps=clams.dose.reps.with_value(6))
    routine = Routine("mine", "Mine", "Right only.", (Entry(clams, dose, only_side=Side.RIGHT),))
    # Without shipped versions (CATALOGUE): the routine's own exercise, at its own number, lower than the range.
    entry = next(
        e for e in sore_day_routine(routine, CATALOGUE, floor_ok=True).entries if e.exercise.id == "clamshells"
    )
    assert entry.dose.reps is not None and entry.dose.reps.value == 6
    assert entry.sides == (Side.RIGHT,)


def test_a_machine_gets_five_easy_minutes() -> None:
    sore = sore_day_routine(ROUTINES["full"], EVERY, floor_ok=True)
    bike = sore.entries[0]
    assert bike.routine_exercise_id == "stationary-bike"
    assert bike.dose.minutes is not None and bike.dose.minutes.value <= 5
