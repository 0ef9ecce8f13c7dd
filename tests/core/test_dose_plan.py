"""The plan a session runs, as data: it survives JSON, and applying it to a routine runs exactly that plan."""

from __future__ import annotations

import json

import pytest

from hipcoach.core import content
from hipcoach.core.dose_plan import DoseNumbers, PlannedEntry, apply_plan, planned_entries
from hipcoach.core.model import Side


def test_a_plan_survives_json_and_rebuilds_the_same_routine() -> None:
    catalogue = content.load_catalogue()
    routine = next(r for r in content.builtin_routines(catalogue) if r.id == "strength")
    plan = planned_entries(routine)
    assert [p.exercise_id for p in plan] == [e.exercise.id for e in routine.entries]
    text = json.dumps([p.to_json() for p in plan])
    again = tuple(PlannedEntry.from_json(raw) for raw in json.loads(text))
    assert again == plan
    assert apply_plan(routine, again, catalogue) == routine


def test_applying_a_plan_changes_only_the_numbers_it_names() -> None:
    catalogue = content.load_catalogue()
    bridge = catalogue["bridge"]
    routine = next(r for r in content.builtin_routines(catalogue) if r.id == "strength")
    index = next(i for i, e in enumerate(routine.entries) if e.exercise.id == "bridge")
    plan = list(planned_entries(routine))
    plan[index] = PlannedEntry("bridge", None, DoseNumbers(sets=3, reps=13, hold_seconds=3))
    entry = apply_plan(routine, plan, catalogue).entries[index]
    assert entry.dose.reps is not None and entry.dose.reps.value == 13
    assert (entry.dose.reps.low, entry.dose.reps.high) == (bridge.dose.reps.low, bridge.dose.reps.high)  # type: ignore[union-attr]
    assert entry.dose.sets.value == 3 and entry.dose.sets.ours
    assert entry.dose.tempo == bridge.dose.tempo


def test_a_variant_entry_is_counted_under_the_routine_exercise() -> None:
    catalogue = content.load_catalogue()
    routine = next(r for r in content.builtin_routines(catalogue) if r.id == "strength")
    index = next(i for i, e in enumerate(routine.entries) if e.exercise.id == "bridge")
    plan = list(planned_entries(routine))
    plan[index] = PlannedEntry("bridge", "single-leg-bridge", DoseNumbers(sets=2, reps=8, hold_seconds=2))
    entry = apply_plan(routine, plan, catalogue).entries[index]
    assert entry.exercise.id == "single-leg-bridge"
    assert entry.routine_exercise_id == "bridge"
    assert planned_entries(apply_plan(routine, plan, catalogue))[index] == plan[index]
    assert entry.sides == (Side.LEFT, Side.RIGHT)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ({"exercise": "bridge"}, "'dose'"),
        ({"dose": {"sets": 1}}, "'exercise'"),
        ({"exercise": "bridge", "dose": {"reps": 3}}, "'sets'"),
        ({"exercise": "bridge", "dose": {"sets": 0}}, "'sets'"),
        ({"exercise": "bridge", "dose": {"sets": 1, "laps": 2}}, "'laps'"),
        ({"exercise": "bridge", "dose": {"sets": 1}, "first_side": "up"}, "'first_side'"),
        ("bridge", "object"),
    ],
)
def test_a_broken_plan_entry_is_refused_with_what_is_wrong(raw: object, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        PlannedEntry.from_json(raw)
